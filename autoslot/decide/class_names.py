"""The names a project class's instances and class object have, as the
outside analysis needs them: what reading a name on an instance may find,
which names a store may set, and each name's first binding through the MRO.
"""

from __future__ import annotations

from autoslot.decide.context import (
    ATTRIBUTE_HOOKS,
    IMPLICIT_CLASS_NAMES,
    PASS_THROUGH,
    ProjectFacts,
)
from autoslot.index.nodes import ClassId, ClassNode
from autoslot.index.project import ProjectIndex
from autoslot.summary.names import mangle


class ClassNames:
    """Answers with a cache per class; the instance names include the stores
    placed on a class so far (`facts.outside_stores`)."""

    def __init__(self, index: ProjectIndex, facts: ProjectFacts) -> None:
        self.index = index
        self.facts = facts
        self._bindings: dict[ClassId, dict[str, str]] = {}
        self._names: dict[ClassId, frozenset[str]] = {}
        self._readable: dict[ClassId, frozenset[str] | None] = {}

    def forget_instance_names(self) -> None:
        """Stores placed since the names were cached count from here on."""
        self._names.clear()
        self._readable.clear()

    def has(self, node: ClassNode, name: str) -> bool:
        """Whether reading `name` on an instance of the class may succeed."""
        if name in IMPLICIT_CLASS_NAMES:
            return True
        readable = self.readable(node)
        return readable is None or name in readable

    def readable(self, node: ClassNode) -> frozenset[str] | None:
        """The names reading on an instance may find; None for any name (an
        unknown MRO, or a project __getattr__ or __getattribute__)."""
        if node.id in self._readable:
            return self._readable[node.id]
        found: frozenset[str] | None
        if node.mro is None or any(
            hook in self.index.own_bindings(klass.id)
            for klass in self.index.hierarchy(node)
            for hook in ATTRIBUTE_HOOKS
        ):
            found = None
        else:
            found = self.instance_names(node) | self._bindings_of(node).keys()
        self._readable[node.id] = found
        return found

    def holds(self, class_id: ClassId, name: str) -> bool:
        """Whether instances of the class have `name` as an attribute a store may set."""
        if name in IMPLICIT_CLASS_NAMES or (
            name.startswith("__") and name.endswith("__")
        ):
            return False
        node = self.index.nodes[class_id]
        binding = self.binding(node, name)
        if binding is not None:
            return binding in PASS_THROUGH
        return name in self.instance_names(node)

    def instance_names(self, node: ClassNode) -> frozenset[str]:
        found = self._names.get(node.id)
        if found is None:
            names: set[str] = set()
            for klass in self.index.hierarchy(node):
                summary = klass.summary
                names.update(u.name for u in summary.stores)
                names.update(
                    u.name for u in self.facts.outside_stores.get(klass.id, ())
                )
                if summary.slots is not None:
                    names.update(mangle(n, summary.name) for n in summary.slots.names)
            for entry in node.mro[1:] if node.mro else ():
                if not isinstance(entry, ClassId):
                    names.update(entry.slots)
            found = self._names[node.id] = frozenset(names)
        return found

    def binding(self, node: ClassNode, name: str) -> str | None:
        return self._bindings_of(node).get(name)

    def _bindings_of(self, node: ClassNode) -> dict[str, str]:
        bindings = self._bindings.get(node.id)
        if bindings is None:
            bindings = self._bindings[node.id] = self._hierarchy_bindings(node)
        return bindings

    def _hierarchy_bindings(self, node: ClassNode) -> dict[str, str]:
        """Each name's first binding kind through the MRO, the class's own body
        first; names only classes outside the project have are "value"."""
        bindings: dict[str, str] = {}
        for entry in node.mro[1:] if node.mro else ():
            if not isinstance(entry, ClassId):
                bindings.update(dict.fromkeys(entry.attributes, "value"))
        for klass in reversed(self.index.hierarchy(node)):
            for name, binding in self.index.own_bindings(klass.id).items():
                bindings[name] = binding.kind
        return bindings
