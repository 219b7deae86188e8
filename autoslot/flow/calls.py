"""Calls: binding arguments to the parameters of whatever the callee may be.

A call whose callee the static pass names (a function, a method through
`super()`, an outside name) is bound once; a call on data is bound as data
arrives: a project class makes an instance and runs its `__new__` and
`__init__`, an instance runs its `__call__`, and `x.m(...)` looks `m` up on
the classes of what x holds. Outside callables are modelled in
externals.py; anything else is code autoslot cannot see: the arguments
escape to it and the result may be anything that escaped.
"""

from __future__ import annotations

from autoslot.flow.binding import BindMixin
from autoslot.flow.graph import Rule
from autoslot.flow.objects import (
    BOUND,
    PLAIN,
    PROPERTY,
    THROUGH_CLASS,
    THROUGH_INSTANCE,
    UNKNOWN_OBJECT,
    Kind,
    skipped,
)
from autoslot.flow.sites import CallSite
from autoslot.flow.state import module_of

# Outside bases whose __init__ keeps nothing it is given.
PLAIN_INITS = frozenset({"builtins.object", "abc.ABC", "typing.Generic"})
PLAIN_METACLASSES = frozenset({"builtins.type", "abc.ABCMeta"})


class CallMixin(BindMixin):
    __slots__ = ()

    # provided by the calls on objects of unknown origin (dispatch.py)
    def dispatch_by_name(self, origin: str | None, site: CallSite) -> None:
        raise NotImplementedError

    def external_call(self, dotted: str, site: CallSite) -> None:
        raise NotImplementedError

    def outside_method(
        self, receiver: int, attr: str, site: CallSite, base: str = ""
    ) -> None:
        raise NotImplementedError

    def hand_over(self, obj: int, origin: str | None, path: str, line: int) -> None:
        raise NotImplementedError

    def call(self, obj: int, site: CallSite) -> None:
        """A call of data: a class, an instance, a function passed on, the
        unknown object."""
        kind = self.objects.kinds[obj]
        if kind is Kind.FUNCTION:
            function, binds = self.objects.payloads[obj]
            if binds != PROPERTY:
                self.bind(function, site, skipped(binds))
        elif kind is Kind.CLASS:
            self.construct(self.objects.payloads[obj], site)
        elif kind is Kind.INSTANCE:
            if not self.call_method(obj, "__call__", site.args, site.result, site):
                self.unknown_call(site)
        elif kind is Kind.UNKNOWN or kind is Kind.EXTERNAL_INSTANCE:
            self.unknown_call(site, self.origin(obj))

    def unknown_call(self, site: CallSite, origin: str | None = None) -> None:
        """A callee autoslot cannot see (one outside module's, or anyone's):
        the arguments escape to it, and the result is what it gives back.
        Once per site and origin: neither depends on the callee object (the
        stdlib made 3.2M such calls, each escaping every argument again)."""
        key = (site, origin)
        if key in self.unknown_calls_made:
            return
        self.unknown_calls_made.add(key)
        for arg in site.args:
            self.escape(arg, site.path, site.line, origin)
        for _, arg in site.keywords:
            self.escape(arg, site.path, site.line, origin)
        self.add_one(site.result, self.unknown_from(origin))

    def method_call(self, obj: int, site: CallSite) -> None:
        """`obj.name(...)` on data: look the method up on what the receiver is."""
        kind = self.objects.kinds[obj]
        payload = self.objects.payloads[obj]
        name = site.method
        if kind is Kind.INSTANCE or kind is Kind.CLASS:
            through_instance = kind is Kind.INSTANCE
            nodes, outside, known = self.lookup(payload, name)
            for node in nodes:
                self.call_class_attribute(node, obj, site, through_instance)
            if through_instance:
                self.attach(self.field(obj, name), Rule.CALL, self.plain(site))
            if outside is not None:
                self.outside_method(obj, name, site, outside)
            elif not known:
                self.unknown_call(site)
            elif through_instance and name not in self.bodies(payload):
                getattr_result = self.node()
                if self.call_method(obj, "__getattr__", (), getattr_result):
                    self.attach(getattr_result, Rule.CALL, self.plain(site))
        elif kind is Kind.SUPER:
            self.super_call(payload, site)
        elif kind is Kind.EXCEPTION or kind is Kind.FUNCTION:
            self.add_one(site.result, UNKNOWN_OBJECT)
        elif kind is Kind.EXTERNAL_INSTANCE:
            self.outside_method(obj, name, site)
        else:
            origin = self.origin(obj)
            self.unknown_call(site, origin)
            self.dispatch_by_name(origin, site)

    def call_class_attribute(
        self,
        node: int,
        receiver: int,
        site: CallSite,
        through_instance: bool,
        receiver_node: int = -1,
        exact: bool = True,
    ) -> None:
        """Call what a class attribute names: its functions, bound as Python
        binds them, and its data (a nested class, a callable instance).
        `receiver_node` holds every object the receiver may be, when that is
        more than `receiver` (`super()` in a method: its `self`); `exact`
        says whether the two hold every object the receiver may be.

        What does not depend on the receiver is done once per attribute node
        and call (a method inherited by thousands of classes is called on
        an instance of each); each receiver then only lends itself as the
        `self` of the functions that take it."""
        key = (node, site, through_instance, receiver_node, exact)
        plan = self.call_plans.get(key)
        if plan is None:
            plan = self.call_plans[key] = self._call_plan(
                node, site, through_instance, exact
            )
        borrowers, receiver_binds = plan
        for function in borrowers:
            self.borrowed(function, receiver)
        for function in receiver_binds:
            self.bind(function, site, 1, receiver, receiver_node)

    def _call_plan(
        self, node: int, site: CallSite, through_instance: bool, exact: bool
    ) -> tuple[tuple[int, ...], tuple[int, ...]]:
        """Bind what the receiver does not change; the functions that borrow
        the receiver, and those whose result is the receiver."""
        table = THROUGH_INSTANCE if through_instance else THROUGH_CLASS
        borrowers: list[int] = []
        receiver_binds: list[int] = []
        for function, binds in self.static.functions_in(node):
            found = table[binds]
            if found:
                if found == BOUND:
                    borrowers.append(function)
                if through_instance and binds == PLAIN and exact:
                    if self.functions[function].receiver_result:
                        receiver_binds.append(function)
                    else:
                        self.bind(function, site, 1)
                    continue
                self.bind(function, site, skipped(found))
            elif through_instance:  # `obj.prop(...)`: the getter's result is called
                self.called.add(function)
                borrowers.append(function)
                self.attach(
                    self.functions[function].returns, Rule.CALL, self.plain(site)
                )
        self.attach(node, Rule.CALL, self.plain(site))
        return tuple(borrowers), tuple(receiver_binds)

    def super_call(self, klass: int, site: CallSite) -> None:
        """`super().name(...)` in a method of `klass`: the MRO after it."""
        ancestors = self.classes[klass].ancestors
        if ancestors is None:
            self.unknown_call(site)
            return
        for entry in ancestors:
            if isinstance(entry, str):
                plain = site.method in ("__init__", "__init_subclass__", "__setattr__")
                if not plain or entry not in PLAIN_INITS:
                    self.outside_method(self.instance(klass), site.method, site, entry)
                return
            node = self.class_attr(entry, site.method)
            own = self.own_self(klass, site)
            # without the caller's `self` (super(C, obj) elsewhere), the
            # receiver may be any subclass's instance: no shortcut
            self.call_class_attribute(
                node, self.instance(klass), site, True, own, exact=own >= 0
            )
            if site.method in self.classes[entry].body:
                return

    def own_self(self, klass: int, site: CallSite) -> int:
        """The `self` of the method of `klass` a call is written in, or -1."""
        if site.caller < 0:
            return -1
        caller = self.functions[site.caller]
        if caller.owner != klass or caller.binding != "instance" or not caller.params:
            return -1
        return caller.params[0]

    def plain(self, site: CallSite) -> CallSite:
        """The same call without the method lookup (the callee found)."""
        found = self.plain_sites.get(site)
        if found is None:
            found = self.plain_sites[site] = self.call_site_like(site, -1, site.result)
        return found

    def construct(self, klass: int, site: CallSite) -> None:
        """`Klass(...)`: an instance, after `__new__` and `__init__`."""
        info = self.classes[klass]
        instance = self.instance(klass)
        self.add_one(site.result, instance)
        if info.metaclass and info.metaclass not in PLAIN_METACLASSES:
            self.add_one(site.result, UNKNOWN_OBJECT)
        for node in self.lookup(klass, "__new__")[0]:
            for function, _ in self.static.functions_in(node):
                self.bind(function, site, 1)  # cls is given implicitly
        found = False
        for node in self.lookup(klass, "__init__")[0]:
            for function, _ in self.static.functions_in(node):
                found = True
                self.bind(function, self.call_site_like(site, -1, self.node()), 1)
        if not found and info.ancestors is not None:
            outside = next((e for e in info.ancestors if isinstance(e, str)), None)
            if outside is not None and outside not in PLAIN_INITS:
                origin = module_of(outside)
                self.hand_over(instance, origin, site.path, site.line)
                for arg in (*site.args, *(a for _, a in site.keywords)):
                    self.escape(arg, site.path, site.line, origin)

    def call_method(
        self,
        obj: int,
        name: str,
        args: tuple[int, ...],
        result: int,
        site: CallSite | None = None,
    ) -> bool:
        """Call `obj.name(*args)` when the project defines it; whether it does."""
        kind = self.objects.kinds[obj]
        if kind is not Kind.INSTANCE and kind is not Kind.CLASS:
            return False
        klass: int = self.objects.payloads[obj]
        if name not in self.bodies(klass):
            return False
        if site is None:
            site = CallSite("", result, -1, args, (), (), {}, 0, name)
        else:
            site = self.call_site_like(site, -1, result)
        for node in self.lookup(klass, name)[0]:
            self.call_class_attribute(node, obj, site, kind is Kind.INSTANCE)
        return True

    def method_result(self, obj: int, name: str) -> int:
        """The node of what `obj.name()` returns (one per object and name)."""
        key = (obj, name)
        found = self.method_results.get(key)
        if found is None:
            found = self.method_results[key] = self.node()
            self.call_method(obj, name, (), found)
        return found
