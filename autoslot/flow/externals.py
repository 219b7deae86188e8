"""Outside callables autoslot models instead of treating them as unknown code.

Builtins and standard-library functions that keep nothing they are given
(`len`, `print`, `isinstance`, `os.path.join`) are pure; containers and the
functions that take them apart (`list`, `sorted`, `zip`, `dict.items`)
move elements; decorators that return what they get (`functools.wraps`
aside, which stores names on the wrapper) are the identity. `setattr`,
`vars`, `type`, `weakref.ref` and the picklers are uses that matter for
slots and become queries. Every other outside callable is unknown code:
its arguments escape and its result may be anything that escaped.
"""

from __future__ import annotations

from autoslot.flow.graph import Rule
from autoslot.flow.objects import UNKNOWN_OBJECT, Kind
from autoslot.flow.outside_tables import (
    ELEMENT_OF_ARGUMENTS,
    ELEMENTS_OF_ARGUMENTS,
    LOW_PICKLER,
    MODELLED,
    OBJECT_PURE_METHODS,
    PICKLE_PROTOCOL_POSITION,
    PICKLERS,
    PURE,
    PURE_PREFIXES,
    SAME_AS_FIRST,
    TUPLES_OF_ELEMENTS,
    WEAK,
    WEAK_CONTAINERS,
    keeps_identity,
    observes_only,
)
from autoslot.flow.outside_types import TYPED_RESULTS, method_result
from autoslot.flow.sites import CallSite
from autoslot.flow.state import Query, module_of
from autoslot.flow.wakes import WakeMixin


class ExternalMixin(WakeMixin):
    __slots__ = ()

    def keeps_identity(self, dotted: str) -> bool:
        return keeps_identity(dotted)

    def make_dynamic(self, obj: int) -> None:
        raise NotImplementedError

    def external_call(self, dotted: str, site: CallSite) -> None:
        args = site.args
        result = site.result
        if dotted in PURE or dotted.startswith(PURE_PREFIXES):
            return
        if dotted in SAME_AS_FIRST:
            if args:
                self.edge(args[0], result)
            return
        origin = module_of(dotted)
        if dotted in TYPED_RESULTS and not site.decorator:
            self.typed_call(site, origin, TYPED_RESULTS[dotted])
            return
        if site.decorator and dotted not in MODELLED:
            # a decorator autoslot does not model: what it decorates goes on
            # (decorators give back a wrapper of it) and escapes to it
            for arg in args[:1]:
                self.edge(arg, result)
                self.escape(arg, site.path, site.line, origin)
            return
        if dotted == "typing.cast" and len(args) >= 2:
            self.edge(args[1], result)
        elif dotted in ELEMENTS_OF_ARGUMENTS or dotted in TUPLES_OF_ELEMENTS:
            # containers are collapsed: what goes in comes out
            for arg in (*args, *(a for n, a in site.keywords if n != "key")):
                self.edge(arg, result)
            if dotted == "builtins.filter" and args:
                self.call_with_elements(args[0], args[1:], site)
            for name, arg in site.keywords:
                if name == "key":
                    self.call_with_elements(arg, args, site)
        elif dotted in ELEMENT_OF_ARGUMENTS:
            for arg in args:
                self.edge(arg, result)
            for name, arg in site.keywords:
                if name == "default":
                    self.edge(arg, result)
                elif name == "key":
                    self.call_with_elements(arg, args, site)
        elif dotted == "builtins.map" and args:
            self.call_with_elements(args[0], args[1:], site, result)
        elif dotted in (
            "builtins.staticmethod",
            "builtins.classmethod",
            "builtins.property",
        ):
            return  # what they make of a function is the static pass's
        elif dotted == "builtins.getattr" and len(args) >= 2:
            self.getattr_call(site)
        elif dotted == "builtins.setattr" and len(args) >= 2:
            self.setattr_call(site)
        elif dotted == "builtins.vars" and args:
            self.use(site, "dict", args[0])
            self.add_one(result, UNKNOWN_OBJECT)
        elif dotted in ("builtins.dir", "inspect.getmembers") and args:
            self.use(site, "reflect", args[0])
            self.add_one(result, UNKNOWN_OBJECT)
        elif dotted == "builtins.type":
            if len(args) == 1:
                self.attach(args[0], Rule.TYPE_OF, result)
            elif len(args) == 3:
                self.use(site, "combine", args[1])
                self.add_one(result, UNKNOWN_OBJECT)
        elif dotted == "builtins.super" and args:
            self.attach(args[0], Rule.WATCH, ("super", result))
        elif dotted in ("builtins.open", "io.open"):
            self.add_one(result, self.objects.get(Kind.EXTERNAL_INSTANCE, "io.IOBase"))
        elif dotted == "functools.update_wrapper" and args:
            self.use(site, "wrapped", args[0])
            self.edge(args[0], result)
            for arg in args[1:]:
                self.escape(arg, site.path, site.line)
        elif dotted.startswith(WEAK):
            if args:
                self.use(site, "weakref", args[0])
            if dotted in WEAK_CONTAINERS:
                self.add_one(result, self.objects.get(Kind.EXTERNAL_INSTANCE, dotted))
            else:
                self.unknown_call(site, origin)
        elif dotted in PICKLE_PROTOCOL_POSITION:
            if args and self.low_protocol(site, PICKLE_PROTOCOL_POSITION[dotted]):
                self.use(site, "pickle", args[0])
        elif dotted in PICKLERS:
            low = self.low_protocol(site, "1")
            self.add_one(
                result,
                self.objects.get(
                    Kind.EXTERNAL_INSTANCE, LOW_PICKLER if low else dotted
                ),
            )
        elif names_a_class(dotted):
            # a new instance of an outside class; what it is given may stay in it
            self.add_one(result, self.objects.get(Kind.EXTERNAL_INSTANCE, dotted))
            for arg in (*args, *(a for _, a in site.keywords)):
                self.escape(arg, site.path, site.line, origin)
        else:
            self.unknown_call(site, origin)

    def low_protocol(self, site: CallSite, position: str) -> bool:
        """Whether a pickling call may use protocol 0 or 1 (a literal, or a value
        autoslot cannot read, such as a loop over every protocol)."""
        index = int(position)
        given = "protocol" in (n for n, _ in site.keywords) or len(site.args) > index
        if not given:
            return False
        for key in ("protocol", position):
            if key in site.constants:
                value = site.constants[key]
                # True and False are the protocols 1 and 0 of old code; None is the default
                return value is not None and value in (0, 1)
        return True

    def outside_method(
        self, receiver: int, attr: str, site: CallSite, base: str = ""
    ) -> None:
        """A method an outside class defines, called on one of its instances
        or on an instance of a project class that derives from it (`base`)."""
        kind = self.objects.kinds[receiver]
        payload = self.objects.payloads[receiver]
        origin = module_of(base or (payload if kind is Kind.EXTERNAL_INSTANCE else ""))
        if kind is Kind.EXTERNAL_INSTANCE:
            typed = method_result(payload, attr)
            if typed is not None:
                self.typed_call(site, origin, typed)
                return
            if payload in WEAK_CONTAINERS and attr in (
                "add",
                "__setitem__",
                "setdefault",
            ):
                for arg in site.args[-1:]:
                    self.use(site, "weakref", arg)
            elif payload == LOW_PICKLER and attr == "dump" and site.args:
                self.use(site, "pickle", site.args[0])
            elif attr in ("__enter__", "__aenter__"):
                self.add_one(site.result, receiver)
            self.unknown_call(site, origin)
        elif kind is Kind.INSTANCE and (
            attr in OBJECT_PURE_METHODS or self.container_base(payload)
        ):
            return  # a container base's methods are followed by their names (summary)
        elif kind is Kind.INSTANCE and observes_only(base, attr):
            self.add_one(site.result, self.unknown_from(origin))
        else:
            if kind is Kind.INSTANCE:
                # the outside base's code runs on the instance: it has it now
                self.hand_over(receiver, origin, site.path, site.line)
            self.unknown_call(site, origin)

    def typed_call(self, site: CallSite, origin: str | None, typed: str) -> None:
        """A call whose result has a known outside type ("" for built-in
        data, which holds no object); what it is given still escapes to it."""
        for arg in (*site.args, *(a for _, a in site.keywords)):
            self.escape(arg, site.path, site.line, origin)
        if typed:
            self.add_one(site.result, self.objects.get(Kind.EXTERNAL_INSTANCE, typed))

    def call_with_elements(
        self,
        callee: int,
        iterables: tuple[int, ...],
        site: CallSite,
        result: int = -1,
    ) -> None:
        """`map(f, xs)`, `sorted(xs, key=f)`: f is called with the elements."""
        call = CallSite(
            site.path,
            result if result >= 0 else self.node(),
            callee,
            iterables,
            (),
            (),
            {},
            site.line,
            site.text,
            broad=True,
        )
        for function, _ in self.static.functions_in(callee):
            self.bind(function, call, 0)
        self.attach(callee, Rule.CALL, call)

    def getattr_call(self, site: CallSite) -> None:
        args = site.args
        name = site.constants.get("1")
        if isinstance(name, str):
            self.attach_named(args[0], Rule.LOAD, (site.result, name), name)
        else:
            # a computed name may be any attribute, methods included
            self.attach(args[0], Rule.WATCH, ("any attribute", site.result))
        for default in args[2:3]:
            self.edge(default, site.result)

    def setattr_call(self, site: CallSite) -> None:
        args = site.args
        name = site.constants.get("1")
        if isinstance(name, str):
            if len(args) > 2:
                self.attach_named(args[0], Rule.STORE, (name, args[2]), name)
            self.query(
                Query(
                    "store",
                    args[0],
                    site.path,
                    site.line,
                    site.text,
                    name,
                    self_class=site.self_class,
                )
            )
        elif not site.forwarded:
            self.use(site, "setattr", args[0])
            self.attach(args[0], Rule.WATCH, ("any attribute stored",))
            for value in args[2:3]:
                self.escape(value, site.path, site.line)

    def use(self, site: CallSite, kind: str, node: int) -> None:
        self.query(
            Query(
                kind, node, site.path, site.line, site.text, self_class=site.self_class
            )
        )


def names_a_class(dotted: str) -> bool:
    """Whether an outside name is written like a class (PEP 8's CapWords).

    Calling one makes a new object of that class, never one of the project's
    instances, so its result needs no place among the unknown objects; what
    it is given still escapes to it. Nothing outside is imported to check.
    """
    last = dotted.rsplit(".", 1)[-1]
    return last[:1].isupper() and not last.isupper() and "_" not in last.strip("_")
