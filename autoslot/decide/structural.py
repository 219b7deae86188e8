"""What each class of the project looks like from outside: the attributes its
instances have, for matching a receiver whose class no evidence names.

`for item in items: item.discounted = item.price > 10` points at the classes
that have `price`. A receiver is matched on every other attribute used on it.
"""

from __future__ import annotations

from collections.abc import Iterable

from autoslot.decide.context import IMPLICIT_CLASS_NAMES
from autoslot.index.project import ClassId, ClassNode, ProjectIndex
from autoslot.summary.model import ForeignUse


class ClassShapes:
    def __init__(self, index: ProjectIndex) -> None:
        self.index = index
        self._universe: dict[ClassId, frozenset[str]] = {}
        self._own: dict[ClassId, frozenset[str]] = {}
        self._by_attribute: dict[str, set[ClassId]] | None = None
        self._locals: dict[tuple[str, str], list[ClassId]] | None = None

    def candidates(self, use: ForeignUse) -> set[ClassId]:
        """The classes that have every other attribute used on the receiver."""
        # Attributes every object has (`x.__class__`, `x.__doc__`) say nothing
        # about which class x is: matching on them made every class a candidate.
        known = set(use.accessed) - {use.attr} - IMPLICIT_CLASS_NAMES
        if not known:
            return set()
        by_attribute = self._attribute_index()
        return set.intersection(*(by_attribute.get(name, set()) for name in known))

    def attributes_of(self, class_id: ClassId) -> frozenset[str]:
        """What instances of the class have: stored, bound in a body, inherited."""
        cached = self._universe.get(class_id)
        if cached is None:
            node = self.index.nodes[class_id]
            # Declared slots are left out on purpose: autoslot itself adds the
            # names it infers to `__slots__`, and counting them here would let
            # the next run match more receivers and add more names (no fixpoint).
            cached = frozenset().union(
                *(
                    self._own_names(klass)
                    for klass in (node, *project_ancestors(self.index, node))
                ),
                *(
                    entry.attributes
                    for entry in (node.mro[1:] if node.mro else ())
                    if not isinstance(entry, ClassId)
                ),
            )
            self._universe[class_id] = cached
        return cached

    def _own_names(self, node: ClassNode) -> frozenset[str]:
        """Names a class body binds or its methods store: shared by every subclass."""
        found = self._own.get(node.id)
        if found is None:
            summary = node.summary
            found = frozenset(
                [*(u.name for u in summary.stores), *(b.name for b in summary.body)]
            )
            self._own[node.id] = found
        return found

    def local_classes(self, path: str, name: str) -> list[ClassId]:
        """Classes named `name` defined inside functions of this file.

        `x = BadHash(); x.fail = True` in a test: no module-level name is
        BadHash. Every local class of that name in the file is taken (an extra
        slot costs 8 bytes; a missing one breaks the test).
        """
        if "." in name:
            return []
        if self._locals is None:
            found: dict[tuple[str, str], list[ClassId]] = {}
            for class_id in self.index.nodes:
                if ".<locals>." in class_id.qualname:
                    simple = class_id.qualname.rsplit(".", 1)[-1]
                    found.setdefault((class_id.path, simple), []).append(class_id)
            self._locals = found
        return self._locals.get((path, name), [])

    def _attribute_index(self) -> dict[str, set[ClassId]]:
        if self._by_attribute is None:
            index: dict[str, set[ClassId]] = {}
            for class_id in self.index.nodes:
                for name in self.attributes_of(class_id):
                    index.setdefault(name, set()).add(class_id)
            self._by_attribute = index
        return self._by_attribute


def project_ancestors(index: ProjectIndex, node: ClassNode) -> Iterable[ClassNode]:
    """The project classes of a class's MRO, after the class itself."""
    for entry in node.mro[1:] if node.mro else ():
        if isinstance(entry, ClassId):
            yield index.nodes[entry]
