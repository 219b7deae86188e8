"""What each kind of constraint of the data pass does with an object arriving
at its node: the dispatch by rule, attribute loads and stores, descriptors
and type tests (protocols.py: iteration, subscripts, operators, `with`,
`type()`).

An attribute of an instance comes from the instance itself (stores on it)
or from its class (the body's bindings, through the MRO). A method read as
a value (`cb = self.on_done`) is data from then on: the unknown object,
and the method escapes to whoever gets it. What the analysis cannot follow
becomes the unknown object, and what is handed to it escapes to the world.
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import cast

from autoslot.flow.graph import Rule
from autoslot.flow.lookups import LookupMixin
from autoslot.flow.objects import (
    BOUND,
    PROPERTY,
    THROUGH_CLASS,
    THROUGH_INSTANCE,
    UNKNOWN_OBJECT,
    Kind,
)
from autoslot.flow.sites import CallSite

# rules whose data goes as it is to a method called once per new object
PER_OBJECT_RULES = {
    Rule.METHOD_CALL: "method_call",
    Rule.CALL: "call",
    Rule.ITERATE: "iterate",
    Rule.SUBSCRIPT: "item",
    Rule.PUT: "put",
    Rule.OPERATOR: "operate",
    Rule.ENTER: "enter",
    Rule.TYPE_OF: "type_of",
    Rule.CREATE: "create",
}


class RuleMixin(LookupMixin):
    __slots__ = ()

    def apply(self, rule: Rule, data: Hashable, objects: set[int]) -> None:
        per_object = PER_OBJECT_RULES.get(rule)
        if per_object is not None:
            handler = getattr(self, per_object)
            for obj in objects:
                handler(obj, data)
        elif rule is Rule.LOAD:
            target, attr = cast("tuple[int, str]", data)
            for obj in objects:
                self.load(obj, attr, target)
        elif rule is Rule.STORE:
            attr, source = cast("tuple[str, int]", data)
            for obj in objects:
                self.store(obj, attr, source)
        elif rule is Rule.DESCRIPTOR:
            target, receivers, through_instance = cast("tuple[int, int, bool]", data)
            for obj in objects:
                self.descriptor(obj, target, receivers, through_instance)
        elif rule is Rule.SETTER:
            source, receiver = cast("tuple[int, int]", data)
            for obj in objects:
                if self.objects.kinds[obj] is Kind.INSTANCE:
                    self.call_method(
                        obj, "__set__", (self.holding(receiver), source), self.node()
                    )
        elif rule is Rule.NARROW:
            target, admitted = cast("tuple[int, frozenset[int]]", data)
            for obj in objects:
                self.narrow(obj, target, admitted)
        elif rule is Rule.WATCH:
            self.watched(data, objects)

    def narrow(self, obj: int, target: int, admitted: frozenset[int]) -> None:
        """What passes `isinstance(x, C)`: instances of C and its subclasses;
        an object of unknown origin that passes is one of them."""
        kind = self.objects.kinds[obj]
        if kind is Kind.INSTANCE:
            if self.objects.payloads[obj] in admitted:
                self.add_one(target, obj)
        elif kind is Kind.UNKNOWN:
            self.add(target, [self.instance(c) for c in admitted])

    # hooks provided by the other parts of the solver
    def call(self, obj: int, site: CallSite) -> None:
        raise NotImplementedError

    def method_call(self, obj: int, site: CallSite) -> None:
        raise NotImplementedError

    def call_method(
        self, obj: int, name: str, args: tuple[int, ...], result: int
    ) -> bool:
        raise NotImplementedError

    def bind(self, function: int, site: CallSite, skip: int) -> None:
        raise NotImplementedError

    def escape(
        self, node: int, path: str, line: int, origin: str | None = None
    ) -> None:
        raise NotImplementedError

    def escape_function(self, function: int, receiver_bound: bool) -> None:
        raise NotImplementedError

    def watched(self, key: Hashable, objects: set[int]) -> None:
        raise NotImplementedError

    def bodies(self, klass: int) -> frozenset[str]:
        raise NotImplementedError

    # loads --------------------------------------------------------------
    def load(self, obj: int, attr: str, target: int) -> None:
        kind = self.objects.kinds[obj]
        payload = self.objects.payloads[obj]
        if kind is Kind.INSTANCE:
            if attr == "__class__":
                self.add_one(target, self.class_object(payload))
                return
            if attr == "__dict__":
                self.add_one(target, UNKNOWN_OBJECT)
                return
            self.edge(self.field(obj, attr), target)
            self.class_level(payload, attr, target, obj, True)
        elif kind is Kind.CLASS:
            self.class_level(payload, attr, target, obj, False)
        elif kind is Kind.SUPER:
            self.after_class(payload, attr, target)
        elif kind is Kind.EXCEPTION or kind is Kind.FUNCTION:
            self.edge(self.field(obj, attr), target)
            self.add_one(target, UNKNOWN_OBJECT)
        else:  # unknown, or an outside instance: what it has is its module's
            self.add_one(target, self.unknown_from(self.origin(obj)))

    def class_level(
        self, klass: int, attr: str, target: int, receiver: int, through_instance: bool
    ) -> None:
        nodes, outside, known = self.lookup(klass, attr)
        for node in nodes:
            self.read_class_attribute(node, target, receiver, through_instance)
        if outside is not None or not known:
            self.add_one(target, UNKNOWN_OBJECT)
        elif through_instance and attr not in self.bodies(klass):
            # an attribute nothing binds comes from __getattr__, if anything
            self.call_method(receiver, "__getattr__", (), target)

    def read_class_attribute(
        self, node: int, target: int, receiver: int, through_instance: bool
    ) -> None:
        self.read_through(node, target, receiver, through_instance)
        self.functions_as_values(node, target, receiver, through_instance)

    def functions_as_values(
        self, node: int, target: int, receiver: int, through_instance: bool
    ) -> None:
        """Functions a class binds, read as values: a property's getter runs;
        a method becomes data, bound as Python's descriptors bind it. What the
        receiver does not change is done once per attribute node and target;
        each receiver then lends itself to the functions that take it."""
        key = (node, target, through_instance)
        borrowers = self.value_plans.get(key)
        if borrowers is None:
            borrowers = self.value_plans[key] = self._value_plan(
                node, target, through_instance
            )
        for function in borrowers:
            self.borrowed(function, receiver)

    def _value_plan(
        self, node: int, target: int, through_instance: bool
    ) -> tuple[int, ...]:
        table = THROUGH_INSTANCE if through_instance else THROUGH_CLASS
        borrowers: list[int] = []
        for function, binds in self.static.functions_in(node):
            found = table[binds]
            if found:
                if found == BOUND:
                    borrowers.append(function)
                self.add_one(target, self.objects.get(Kind.FUNCTION, (function, found)))
            elif through_instance:
                site = self.functions[function]
                self.edge(site.returns, target)
                borrowers.append(function)
                self.called.add(function)
        return tuple(borrowers)

    def after_class(self, klass: int, attr: str, target: int) -> None:
        """`super().attr` read in a method of `klass`: the MRO after it."""
        ancestors = self.classes[klass].ancestors
        if ancestors is None:
            self.add_one(target, UNKNOWN_OBJECT)
            return
        receiver = self.instance(klass)
        for entry in ancestors:
            if isinstance(entry, str):
                self.add_one(target, UNKNOWN_OBJECT)
                return
            self.read_class_attribute(
                self.class_attr(entry, attr), target, receiver, True
            )
            if attr in self.classes[entry].body:
                return

    def read_through(
        self, node: int, target: int, receiver: int, through_instance: bool
    ) -> None:
        """The data in class attribute `node` is read into `target` through
        `receiver`. One rule per attribute node, target and way of reading,
        with a node of every receiver read through: thousands of subclasses'
        instances reading one inherited attribute add a receiver each, not a
        rule each."""
        key = (node, target, through_instance)
        receivers = self.descriptor_receivers.get(key)
        if receivers is None:
            receivers = self.descriptor_receivers[key] = self.node()
            self.unbounded.add(receivers)  # receivers, never widened into the world
            self.add_one(receivers, receiver)
            self.attach(node, Rule.DESCRIPTOR, (target, receivers, through_instance))
        else:
            self.add_one(receivers, receiver)

    def descriptor(
        self, obj: int, target: int, receivers: int, through_instance: bool
    ) -> None:
        """Data in a class attribute, read through the class or an instance:
        a project descriptor's `__get__` gets every receiver read through."""
        kind = self.objects.kinds[obj]
        if kind is Kind.FUNCTION:
            function, binds = self.objects.payloads[obj]
            table = THROUGH_INSTANCE if through_instance else THROUGH_CLASS
            if table[binds]:
                self.add_one(
                    target, self.objects.get(Kind.FUNCTION, (function, table[binds]))
                )
            return
        if (
            kind is Kind.INSTANCE
            and through_instance
            and self.call_method(obj, "__get__", (receivers,), target)
        ):
            return  # a descriptor object of the project: its __get__ answers
        self.add_one(target, obj)

    def borrowed(self, function: int, receiver: int) -> None:
        """A method run on an instance of a class that does not derive from
        its own (`display = Other.display`, `Other.method(obj)`): that
        instance is its `self` too."""
        site = self.functions[function]
        if not site.params or self.objects.kinds[receiver] is not Kind.INSTANCE:
            return
        klass: int = self.objects.payloads[receiver]
        if site.owner < 0 or not self.is_subclass(klass, site.owner):
            self.add_one(site.params[0], receiver)

    # stores ---------------------------------------------------------------
    def store(self, obj: int, attr: str, source: int) -> None:
        kind = self.objects.kinds[obj]
        payload = self.objects.payloads[obj]
        if kind is Kind.INSTANCE:
            self.edge(source, self.field(obj, attr))
            nodes, _, _ = self.lookup(payload, attr)
            for node in nodes:
                self.store_through(node, obj, source)
        elif kind is Kind.CLASS:
            self.edge(source, self.class_attr(payload, attr))
            self.wake(payload, attr)
        elif kind is Kind.EXCEPTION or kind is Kind.FUNCTION:
            self.edge(source, self.field(obj, attr))
        else:
            self.escape(source, "", 0, self.origin(obj))

    def store_through(self, node: int, obj: int, source: int) -> None:
        """A store on an instance meets class attribute `node` of its MRO:
        a descriptor's `__set__`, a property's setter."""
        self.attach(node, Rule.SETTER, (source, obj))
        for function, binds in self.static.functions_in(node):
            site = self.functions[function]
            if binds == PROPERTY and len(site.params) >= 2:
                self.borrowed(function, obj)
                self.edge(source, site.params[1])
                self.called.add(function)
