"""Binding a call to a function: the arguments to its parameters
(positional, keyword, defaults, `*args`/`**kwargs`), the receiver to its
`self`, and its result back to the call, unless the function gives back its
receiver (receiver_results.py)."""

from __future__ import annotations

from autoslot.flow.objects import (
    Kind,
)
from autoslot.flow.protocols import ProtocolMixin
from autoslot.flow.sites import CallSite, FunctionSite
from autoslot.summary.receiver_results import IDENTITY

# what makes copy.copy(obj) or type(obj)(...) give something other than an
# object of obj's class
COPY_HOOKS = frozenset(
    {"__copy__", "__deepcopy__", "__reduce__", "__reduce_ex__", "__new__", "__class__"}
)


class BindMixin(ProtocolMixin):
    __slots__ = ()

    def bind(
        self,
        function: int,
        site: CallSite,
        skip: int,
        receiver: int = -1,
        receiver_node: int = -1,
    ) -> None:
        """Arguments to parameters; the function's result to the call's.

        A method called on a known receiver whose every result is that
        receiver (or an object of its class) gives the call the receiver's
        own objects, not everything its `self` may hold in other calls.
        """
        target = self.functions[function]
        if not target.receiver_result:
            # the same call bound again (one per receiver of a method call)
            # adds nothing: the outcome depends on the receiver only through
            # a receiver result
            key = (function, site, skip)
            if key in self.bound:
                return
            self.bound.add(key)
        if not self.fits(target, site, skip) and function not in self.static.decorated:
            # the call raises TypeError before the body runs: this pairing of
            # site and function (found through a name shared by many classes,
            # or a collapsed container) never happens in code that works
            return
        self.called.add(function)
        params = target.params
        positional = target.positional
        if site.broad:
            for arg in (*site.args, *(a for _, a in site.keywords)):
                for param in params:
                    self.pass_value(arg, param)
                if target.vararg >= 0:
                    self.pass_value(arg, target.vararg)
        else:
            first_star = min(site.starred) if site.starred else len(site.args)
            for position, arg in enumerate(site.args):
                slot = position + skip
                if position >= first_star:
                    # from the first *iterable on, positions are unknown (the
                    # iterable's variable holds its elements: containers are collapsed)
                    for param in params[
                        min(first_star + skip, positional) : positional
                    ]:
                        self.pass_value(arg, param)
                    if target.vararg >= 0:
                        self.pass_value(arg, target.vararg)
                elif slot < positional:
                    self.pass_value(arg, params[slot])
                elif target.vararg >= 0:
                    self.pass_value(arg, target.vararg)
            for name, arg in site.keywords:
                if name == "**":
                    for param in params[skip:]:
                        self.pass_value(arg, param)
                    if target.kwarg >= 0:
                        self.pass_value(arg, target.kwarg)
                elif name in target.names:
                    self.pass_value(arg, params[target.names.index(name)])
                elif target.kwarg >= 0:
                    self.pass_value(arg, target.kwarg)
        produced = target.generator if target.generator >= 0 else target.returns
        if receiver >= 0 and self.gives_receiver(target, receiver, receiver_node):
            if receiver_node >= 0:
                self.edge(receiver_node, site.result)
            else:
                self.add_one(site.result, receiver)
            return
        self.pass_value(produced, site.result)

    def gives_receiver(self, target: FunctionSite, receiver: int, node: int) -> bool:
        """Whether a call of the method on `receiver` (or on what `node`
        holds) returns an object of the receiver's class: it says so, and
        no class it may be makes its copies or instances another way."""
        if not target.receiver_result:
            return False
        if target.receiver_result == IDENTITY:
            return True
        if self.objects.kinds[receiver] is not Kind.INSTANCE:
            return False
        klass: int = self.objects.payloads[receiver]
        members = self.descendants(klass) if node >= 0 else [klass]
        return not any(COPY_HOOKS & self.bodies(member) for member in members)

    @staticmethod
    def fits(target: FunctionSite, site: CallSite, skip: int) -> bool:
        """Whether a written call's arguments fill the function's parameters."""
        if not site.written or site.broad or site.starred:
            return True
        given = len(site.args) + skip
        if given > target.positional and target.vararg < 0:
            return False
        keywords = {name for name, _ in site.keywords}
        if "**" in keywords:
            return True
        for name in keywords:
            if name in target.names:
                if target.names.index(name) < given:
                    return False  # given twice
            elif target.kwarg < 0:
                return False
        missing = target.names[given : target.required]
        return all(name in keywords for name in missing) and all(
            name in keywords for name in target.required_keywords
        )

    def pass_value(self, source: int, target: int) -> None:
        """A value passed on by a call (argument, result): functions it names
        are data from then on."""
        self.edge(source, target)
        for function in self.static.functions_in(source):
            self.add_one(target, self.objects.get(Kind.FUNCTION, function))
