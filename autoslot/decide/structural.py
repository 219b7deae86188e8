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
    """Which classes have an attribute: by their own body and stores, by a
    project class of their MRO, or by a class from outside the project there.

    Built from each class body once and the MROs, rather than from every
    class's whole attribute set: a base's names are shared by all its
    subclasses, and only the names receivers use are ever asked for.
    """

    def __init__(self, index: ProjectIndex) -> None:
        self.index = index
        self._having: dict[str, set[ClassId]] = {}
        # name -> the classes whose body or methods bind or store it
        self._owners: dict[str, list[ClassId]] | None = None
        # project class -> the classes with it in their MRO (itself included)
        self._reach: dict[ClassId, set[ClassId]] = {}
        # attributes of an outside base -> the classes with it in their MRO
        self._outside: dict[frozenset[str], set[ClassId]] = {}
        self._locals: dict[tuple[str, str], list[ClassId]] | None = None

    def candidates(self, use: ForeignUse) -> set[ClassId]:
        """The classes that have every other attribute used on the receiver."""
        # Attributes every object has (`x.__class__`, `x.__doc__`) say nothing
        # about which class x is: matching on them made every class a candidate.
        known = set(use.accessed) - {use.attr} - IMPLICIT_CLASS_NAMES
        if not known:
            return set()
        return set.intersection(*(self._classes_having(name) for name in known))

    def _classes_having(self, name: str) -> set[ClassId]:
        """The classes whose instances have `name`: stored, bound in a body, inherited.

        Declared slots are left out on purpose: autoslot itself adds the
        names it infers to `__slots__`, and counting them here would let the
        next run match more receivers and add more names (no fixpoint).
        """
        found = self._having.get(name)
        if found is None:
            owners = self._index_bodies()
            found = set()
            for owner in owners.get(name, ()):
                found.update(self._reach[owner])
            for names, having in self._outside.items():
                if name in names:
                    found.update(having)
            self._having[name] = found
        return found

    def _index_bodies(self) -> dict[str, list[ClassId]]:
        if self._owners is None:
            owners: dict[str, list[ClassId]] = {}
            for class_id, node in self.index.nodes.items():
                summary = node.summary
                for name in {
                    *(u.name for u in summary.stores),
                    *(b.name for b in summary.body),
                }:
                    owners.setdefault(name, []).append(class_id)
                self._reach.setdefault(class_id, set()).add(class_id)
                # a class without a known MRO has only its own names
                for entry in node.mro[1:] if node.mro else ():
                    if isinstance(entry, ClassId):
                        self._reach.setdefault(entry, set()).add(class_id)
                    else:
                        self._outside.setdefault(entry.attributes, set()).add(class_id)
            self._owners = owners
        return self._owners

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


def project_ancestors(index: ProjectIndex, node: ClassNode) -> Iterable[ClassNode]:
    """The project classes of a class's MRO, after the class itself."""
    for entry in node.mro[1:] if node.mro else ():
        if isinstance(entry, ClassId):
            yield index.nodes[entry]
