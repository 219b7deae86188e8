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

from functools import cached_property
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
                found.extend(self.solver.instance(c) for c in self._iterable)
            elif dotted.startswith(SUBCLASSES):
                found.extend(self._instances_of(module, dotted[2:], derived_only=True))
            else:
                found.extend(self._instances_of(module, dotted))
        if from_tests:
            return tuple(found)
        kinds, payloads = self.solver.objects.kinds, self.solver.objects.payloads
        tests = self._test_classes
        return tuple(
            obj
            for obj in found
            if kinds[obj] is not Kind.INSTANCE or payloads[obj] not in tests
        )

    @cached_property
    def _test_classes(self) -> frozenset[int]:
        return frozenset(
            number
            for number, info in enumerate(self.solver.classes)
            if is_test_module(info.module, info.id.path)
        )

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
                found.extend(
                    solver.instance(c) for c in self._derived.get(facts.dotted, ())
                )
            else:
                found.append(UNKNOWN_OBJECT)
        return found

    def _admits_by_shape(self, klass: int) -> bool:
        """Whether instances of classes that do not derive from the class
        pass for its instances: a Protocol, a `__subclasshook__`, or an ABC
        some class is registered with (`Base.register(Other)`, by name:
        the call's receiver as written)."""
        return klass in self._shape_admitting

    @cached_property
    def _shape_admitting(self) -> frozenset[int]:
        solver = self.solver
        registered = {
            call.text.rsplit(".", 2)[-2]
            for summary in self.index.summaries.values()
            for call in summary.flow.calls
            if call.text.endswith(".register")
        }
        found: set[int] = set()
        for number, info in enumerate(solver.classes):
            if info.ancestors is None or any(
                entry in PROTOCOLS
                if isinstance(entry, str)
                else "__subclasshook__" in solver.classes[entry].body
                for entry in (number, *info.ancestors)
            ):
                found.add(number)
            if info.name in registered:  # registered with it: so with its bases
                found.add(number)
                found.update(e for e in info.ancestors or () if isinstance(e, int))
        return frozenset(found)

    @cached_property
    def _iterable(self) -> list[int]:
        """The project classes whose instances can be iterated."""
        solver = self.solver
        return [
            number
            for number in range(len(solver.classes))
            if solver.bodies(number) & ITERATION or solver.container_base(number)
        ]

    @cached_property
    def _derived(self) -> dict[str, list[int]]:
        """Outside class -> the project classes with it in their MRO."""
        derived: dict[str, list[int]] = {}
        for number, info in enumerate(self.solver.classes):
            for entry in info.ancestors or ():
                if isinstance(entry, str):
                    derived.setdefault(entry, []).append(number)
        return derived

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
