"""Linking annotations: what a parameter's annotation admits from callers
autoslot cannot see, and what a type test lets through.

An annotation names a class, and a caller may pass an instance of it or of
a subclass (summary/annotations.py reads the names). Some classes admit
more: a Protocol or an ABC (`Iterable`, `Callable`, `Mapping`, a class with
`__subclasshook__`) any class of the right shape, so a project instance the
name does not cover may arrive there: such an annotation says nothing. An
outside class's project subclasses are instances of it too.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from autoslot.flow.objects import UNKNOWN_OBJECT, Kind
from autoslot.index.external import SPECIAL_NAMES, ExternalClass
from autoslot.index.project import ProjectIndex
from autoslot.index.resolve import ExternalName, ProjectClass
from autoslot.summary.annotations import (
    ANY_ITERABLE,
    ELEMENT,
    NOTHING_KNOWN,
    SUBCLASSES,
)
from autoslot.util.paths import is_test_module

if TYPE_CHECKING:
    from autoslot.flow.solve import Solver

# the methods that make an instance iterable
ITERATION = frozenset({"__iter__", "__getitem__", "__aiter__"})
# outside bases that make a class a Protocol: it admits any class of its shape
PROTOCOLS = frozenset(
    name for name, kind in SPECIAL_NAMES.items() if kind == "protocol"
)


def is_nominal(facts: ExternalClass) -> bool:
    """Whether an outside class admits only its instances and its
    subclasses': known, not a Protocol, and no ABC (whose `register` and
    `__subclasshook__` admit others: `Iterable`, `Callable`, `Mapping`)."""
    return facts.known and facts.kind == "plain" and facts.metaclass == "builtins.type"


class AnnotationLinking:
    """The part of the Linker that reads annotations and type tests."""

    solver: Solver
    index: ProjectIndex
    _by_qualname: dict[tuple[str, str], int]
    _derived: dict[str, list[int]] | None
    _iterables: list[int] | None
    _registered: frozenset[str] | None

    def _admitted(
        self, module: str, names: tuple[str, ...], from_tests: bool = False
    ) -> tuple[int, ...]:
        """The objects an annotation admits from callers autoslot cannot see
        (collections are collapsed into their elements). Such a caller holds
        no instance of a test class, unless the function is test code too
        (pytest hands it what the tests made)."""
        found: list[int] = []
        for name in names:
            dotted = name.removeprefix(ELEMENT)
            if dotted == ANY_ITERABLE:
                found.extend(self.solver.instance(c) for c in self._iterable())
            elif dotted.startswith(SUBCLASSES):
                found.extend(self._instances_of(module, dotted[2:], derived_only=True))
            else:
                found.extend(self._instances_of(module, dotted))
        if from_tests:
            return tuple(found)
        kinds, payloads = self.solver.objects.kinds, self.solver.objects.payloads
        return tuple(
            obj
            for obj in found
            if kinds[obj] is not Kind.INSTANCE or not self._is_test_class(payloads[obj])
        )

    def _is_test_class(self, klass: int) -> bool:
        info = self.solver.classes[klass]
        return is_test_module(info.module, info.id.path)

    def _instances_of(
        self, module: str, dotted: str, derived_only: bool = False
    ) -> list[int]:
        """What a caller may pass as an instance of the class `dotted` names:
        its instances and its subclasses' in the project (only the latter
        with `derived_only`); anything, when the class admits others by
        their shape (a Protocol, an ABC: `Iterable`, `Callable`, a class
        with `__subclasshook__`) or is not known."""
        solver = self.solver
        resolver = self.index.resolver
        if dotted == NOTHING_KNOWN or resolver is None or module.startswith("<"):
            return [UNKNOWN_OBJECT]
        found: list[int] = []
        targets = resolver.resolve_each(module, dotted) or (
            resolver.resolve(module, dotted),
        )
        for target in targets:
            if isinstance(target, ProjectClass):
                klass = self._by_qualname.get((target.module, target.qualname))
                if klass is None or self._admits_by_shape(klass):
                    found.append(UNKNOWN_OBJECT)
                else:
                    found.extend(solver.instance(c) for c in solver.descendants(klass))
            elif isinstance(target, ExternalName):
                facts = self.index.external(target.dotted)
                if not is_nominal(facts):
                    found.append(UNKNOWN_OBJECT)
                    continue
                if not derived_only:
                    found.append(
                        solver.objects.get(Kind.EXTERNAL_INSTANCE, target.dotted)
                    )
                found.extend(solver.instance(c) for c in self._deriving(facts.dotted))
            else:
                found.append(UNKNOWN_OBJECT)
        return found

    def _admits_by_shape(self, klass: int) -> bool:
        """Whether instances of classes that do not derive from the class
        pass for its instances: a Protocol, a `__subclasshook__`, or an ABC
        some class is registered with (`Base.register(Other)`, by name:
        the call's receiver as written)."""
        solver = self.solver
        info = solver.classes[klass]
        if info.ancestors is None:
            return True
        if any(
            entry in PROTOCOLS
            if isinstance(entry, str)
            else "__subclasshook__" in solver.classes[entry].body
            for entry in (klass, *info.ancestors)
        ):
            return True
        registered = self._registered_names()
        return any(
            solver.classes[c].name in registered for c in solver.descendants(klass)
        )

    def _registered_names(self) -> frozenset[str]:
        """The names `X.register(...)` is called on anywhere in the project."""
        if self._registered is None:
            self._registered = frozenset(
                call.text.rsplit(".", 2)[-2]
                for summary in self.index.summaries.values()
                for call in summary.flow.calls
                if call.text.endswith(".register") and call.text.count(".") >= 1
            )
        return self._registered

    def _iterable(self) -> list[int]:
        """The project classes whose instances can be iterated."""
        if self._iterables is None:
            solver = self.solver
            self._iterables = [
                number
                for number in range(len(solver.classes))
                if solver.bodies(number) & ITERATION or solver.container_base(number)
            ]
        return self._iterables

    def _deriving(self, outside: str) -> list[int]:
        """The project classes with the outside class in their MRO."""
        if self._derived is None:
            self._derived = {}
            for number, info in enumerate(self.solver.classes):
                for entry in info.ancestors or ():
                    if isinstance(entry, str):
                        self._derived.setdefault(entry, []).append(number)
        return self._derived.get(outside, [])

    def _admitted_classes(
        self, module: str, names: tuple[str, ...]
    ) -> frozenset[int] | None:
        """The project classes (with their subclasses) a type test admits;
        None when it names something else too, or a class that admits
        others by their shape (`isinstance(x, Named)` with a
        runtime-checkable Protocol is true of any class with a `name`):
        then nothing is narrowed."""
        resolver = self.index.resolver
        if resolver is None or module.startswith("<"):
            return None
        found: set[int] = set()
        for name in names:
            target = resolver.resolve(module, name)
            klass = (
                self._by_qualname.get((target.module, target.qualname))
                if isinstance(target, ProjectClass)
                else None
            )
            if klass is None or self._admits_by_shape(klass):
                return None
            found.update(self.solver.descendants(klass))
        return frozenset(found)
