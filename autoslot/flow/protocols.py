"""What the protocol constraints do with an object arriving at their node:
iteration, subscripts and item stores (containers are collapsed into their
elements), operators, `with`, `type()` and `cls.__new__(...)`: each runs the
project class's special method when it defines one."""

from __future__ import annotations

from autoslot.flow.graph import Rule
from autoslot.flow.objects import (
    UNKNOWN_OBJECT,
    Kind,
)
from autoslot.flow.rules import RuleMixin

CONTAINER_BASES = frozenset(
    {
        "builtins.list",
        "builtins.dict",
        "builtins.set",
        "builtins.frozenset",
        "builtins.tuple",
        "collections.deque",
        "collections.OrderedDict",
        "collections.defaultdict",
        "collections.Counter",
        "collections.UserDict",
        "collections.UserList",
    }
)

REFLECTED = {
    "__add__": "__radd__",
    "__sub__": "__rsub__",
    "__mul__": "__rmul__",
    "__matmul__": "__rmatmul__",
    "__truediv__": "__rtruediv__",
    "__floordiv__": "__rfloordiv__",
    "__mod__": "__rmod__",
    "__pow__": "__rpow__",
    "__lshift__": "__rlshift__",
    "__rshift__": "__rrshift__",
    "__or__": "__ror__",
    "__xor__": "__rxor__",
    "__and__": "__rand__",
}


class ProtocolMixin(RuleMixin):
    __slots__ = ()

    # elements (containers are collapsed: their variables hold their elements)
    def iterate(self, obj: int, target: int) -> None:
        """What iterating `obj` gives besides itself."""
        kind = self.objects.kinds[obj]
        if kind is Kind.INSTANCE:
            klass: int = self.objects.payloads[obj]
            body = self.bodies(klass)
            if "__next__" in body:
                self.call_method(obj, "__next__", (), target)
            if "__iter__" in body:
                produced = self.method_result(obj, "__iter__")
                self.attach(produced, Rule.ITERATE, target)
                self.edge(produced, target)
            elif "__getitem__" in body:
                self.call_method(obj, "__getitem__", (), target)
            if self.container_base(klass):
                self.edge(self.field(obj, "[]"), target)
        elif kind is Kind.EXTERNAL_INSTANCE:
            self.add_one(target, self.unknown_from(self.origin(obj)))
        # A class object here is an element of a collapsed container (`for
        # cls in CLASSES`); iterating a class itself (an Enum's members) needs
        # a metaclass, and such classes are never slotted.

    def method_result(self, obj: int, name: str) -> int:
        raise NotImplementedError

    def item(self, obj: int, target: int) -> None:
        """What `obj[...]` gives besides `obj`'s own content (`Box[int]` is Box)."""
        kind = self.objects.kinds[obj]
        if kind is Kind.INSTANCE:
            klass: int = self.objects.payloads[obj]
            self.call_method(obj, "__getitem__", (), target)
            self.call_method(obj, "__missing__", (), target)
            if self.container_base(klass):
                self.edge(self.field(obj, "[]"), target)
        elif kind is Kind.CLASS:
            self.call_method(obj, "__class_getitem__", (), target)
        elif kind is Kind.EXTERNAL_INSTANCE:
            self.add_one(target, self.unknown_from(self.origin(obj)))

    def put(self, obj: int, source: int) -> None:
        kind = self.objects.kinds[obj]
        if kind is Kind.INSTANCE:
            self.call_method(obj, "__setitem__", (source, source), self.node())
        elif kind is Kind.UNKNOWN or kind is Kind.EXTERNAL_INSTANCE:
            self.escape(source, "", 0, self.origin(obj))

    def container_base(self, klass: int) -> bool:
        """Whether an outside container class (`list`, `dict`) is in the MRO;
        asked per object arriving at every iteration and subscript (4.7M
        times on the stdlib), so once per class."""
        found = self.container_classes.get(klass)
        if found is None:
            ancestors = self.classes[klass].ancestors
            found = self.container_classes[klass] = ancestors is not None and any(
                isinstance(e, str) and e in CONTAINER_BASES for e in ancestors
            )
        return found

    # operators, with, type(), __new__ -----------------------------------------
    def operate(self, obj: int, data: tuple[int, int, tuple[int, ...], str]) -> None:
        target, position, operands, method = data
        kind = self.objects.kinds[obj]
        others = tuple(o for i, o in enumerate(operands) if i != position)
        if kind is Kind.INSTANCE:
            name = method if position == 0 else REFLECTED.get(method, method)
            found = self.operated_by(obj, name, len(others), target, others)
            if not found and name.startswith("__i"):
                self.operated_by(obj, "__" + name[3:], len(others), target, others)
        elif kind is Kind.UNKNOWN or kind is Kind.EXTERNAL_INSTANCE:
            origin = self.origin(obj)
            self.add_one(target, self.unknown_from(origin))
            for other in others:
                self.escape(other, "", 0, origin)

    def operated_by(
        self, obj: int, name: str, arity: int, target: int, others: tuple[int, ...]
    ) -> bool:
        """`a + b` with `a` an instance whose class defines `__add__`: the
        operands go to one call per method and arity shared by every site
        (binding each site to each class grows as their product), and its
        result comes back here. Whether the class defines it."""
        key = (name, arity)
        shared = self.shared_operations.get(key)
        if shared is None:
            shared = (tuple(self.node() for _ in range(arity)), self.node())
            self.shared_operations[key] = shared
        args, result = shared
        found = self.operated.get((obj, name))
        if found is None:
            found = self.operated[(obj, name)] = self.call_method(
                obj, name, args, result
            )
        if found:
            for other, node in zip(others, args, strict=True):
                self.edge(other, node)
            self.edge(result, target)
        return found

    def enter(self, obj: int, target: int) -> None:
        kind = self.objects.kinds[obj]
        if kind is Kind.INSTANCE:
            # what a @contextmanager generator yields is its own manager here
            # (generators are collapsed into what they yield)
            self.add_one(target, obj)
            self.call_method(obj, "__enter__", (), target)
            self.call_method(obj, "__aenter__", (), target)
        elif kind is Kind.EXTERNAL_INSTANCE:
            self.add_one(target, obj)
            self.add_one(target, self.unknown_from(self.origin(obj)))

    def type_of(self, obj: int, target: int) -> None:
        kind = self.objects.kinds[obj]
        if kind is Kind.INSTANCE:
            self.add_one(target, self.class_object(self.objects.payloads[obj]))
        elif kind is Kind.UNKNOWN:
            self.add_one(target, obj)

    def create(self, obj: int, target: int) -> None:
        kind = self.objects.kinds[obj]
        if kind is Kind.CLASS:
            self.add_one(target, self.instance(self.objects.payloads[obj]))
        elif kind is Kind.UNKNOWN:
            self.add_one(target, UNKNOWN_OBJECT)
