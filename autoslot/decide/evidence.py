"""Evidence of the class of an object that outside code uses.

Evidence tokens come from the summariser: a constructor call, an
annotation, a loop over an annotated collection, `cls()`, an attribute whose
type the owning class establishes, a function's return annotation. Each is
resolved to the project classes it names, or marks the object as something
else (a module, a class object, a class from outside the project).
"""

from __future__ import annotations

from autoslot.decide.structural import ClassShapes, project_ancestors
from autoslot.index.project import ClassId, ClassNode, ProjectIndex
from autoslot.index.resolve import (
    ExternalName,
    ModuleRef,
    ProjectClass,
    ProjectName,
    Unresolved,
)
from autoslot.summary.model import ForeignUse, ModuleSummary


class Resolution:
    """The classes a receiver can be an instance of; `is_class` for class objects."""

    __slots__ = ("classes", "external", "is_class")

    def __init__(self) -> None:
        self.classes: set[ClassId] = set()
        self.is_class: set[ClassId] = set()
        self.external = False

    @property
    def unknown(self) -> bool:
        return not self.classes and not self.is_class and not self.external


class Evidence:
    def __init__(self, index: ProjectIndex, shapes: ClassShapes) -> None:
        self.index = index
        self.shapes = shapes
        self._class_ids: dict[tuple[str, str], ClassId] = {}
        for class_id, node in index.nodes.items():
            if class_id.occurrence == 0:
                self._class_ids[(node.module, node.summary.qualname)] = class_id

    def resolve(self, path: str, module: str, use: ForeignUse) -> Resolution:
        found = Resolution()
        for token in use.evidence:
            kind, _, value = token.partition(":")
            if token == "self" and use.owner is not None:
                found.classes.add(ClassId(path, use.owner, use.owner_occurrence))
            elif kind == "attr" and use.owner is not None:
                owner = self.index.nodes.get(
                    ClassId(path, use.owner, use.owner_occurrence)
                )
                if owner is not None:
                    self._attribute_type(owner, value, found)
            elif kind in ("call", "ann"):
                before = len(found.classes)
                self.named(module, value, found, called=kind == "call")
                if len(found.classes) == before and not found.external:
                    found.classes.update(self.shapes.local_classes(path, value))
            elif kind == "global":
                self._global(module, value, found)
            elif kind in ("module", "class"):
                found.external = True  # a module or a class object, not an instance
        return found

    def named(
        self, module: str, dotted: str, found: Resolution, called: bool, depth: int = 0
    ) -> None:
        resolver = self.index.resolver
        if resolver is None or not module or depth > 3:
            return
        target = resolver.resolve(module, dotted)
        if isinstance(target, Unresolved):
            # `if TYPE_CHECKING: from markdown import Markdown` is exactly what
            # an annotation means; an extra candidate class only adds caution
            for each in resolver.resolve_each(module, dotted):
                if isinstance(each, ProjectClass):
                    class_id = self._class_ids.get((each.module, each.qualname))
                    if class_id is not None:
                        found.classes.add(class_id)
        elif isinstance(target, ProjectClass):
            class_id = self._class_ids.get((target.module, target.qualname))
            if class_id is not None:
                found.classes.add(class_id)
        elif isinstance(target, ProjectName) and called:
            for name, tokens in self._summary(target.module).returns:
                if name == target.name:
                    for token in tokens:
                        self.named(
                            target.module,
                            token.partition(":")[2],
                            found,
                            False,
                            depth + 1,
                        )
        elif isinstance(target, (ExternalName, ModuleRef)):
            found.external = True
        elif called and "." in dotted:
            # `Item.from_row(...)`: a classmethod of a project class builds an instance
            head, _, method = dotted.rpartition(".")
            owner = resolver.resolve(module, head)
            if isinstance(owner, ProjectClass):
                class_id = self._class_ids.get((owner.module, owner.qualname))
                node = self.index.nodes.get(class_id) if class_id else None
                if node is not None and any(
                    b.name == method and b.kind == "classmethod"
                    for b in node.summary.body
                ):
                    found.classes.add(node.id)

    def _global(self, module: str, name: str, found: Resolution) -> None:
        resolver = self.index.resolver
        if resolver is None or not module:
            return
        target = resolver.lookup(module, name)
        if isinstance(target, ProjectClass):
            class_id = self._class_ids.get((target.module, target.qualname))
            if class_id is not None:
                found.is_class.add(class_id)
        elif isinstance(target, (ExternalName, ModuleRef)):
            found.external = True

    def _attribute_type(
        self, owner: ClassNode, attribute: str, found: Resolution
    ) -> None:
        for klass in (owner, *project_ancestors(self.index, owner)):
            for name, tokens in klass.summary.attribute_types:
                if name == attribute:
                    for token in tokens:
                        kind, _, value = token.partition(":")
                        if kind in ("call", "ann"):
                            self.named(
                                klass.module, value, found, called=kind == "call"
                            )
                        elif kind == "param":
                            self._parameter_type(klass, value, found)
                    return

    def _parameter_type(self, klass: ClassNode, value: str, found: Resolution) -> None:
        """The annotation a bare parameter inherits from the method it overrides."""
        method, _, param = value.partition(":")
        for base in (klass, *project_ancestors(self.index, klass)):
            for name, parameter, tokens in base.summary.method_params:
                if (name, parameter) == (method, param):
                    for token in tokens:
                        kind, _, dotted = token.partition(":")
                        if kind == "ann":
                            self.named(base.module, dotted, found, called=False)
                    return

    def _summary(self, module: str) -> ModuleSummary:
        resolver = self.index.resolver
        assert resolver is not None
        return resolver.modules[module]

    def canonical(self, module: str, dotted: str) -> str:
        resolver = self.index.resolver
        if resolver is None or not module:
            return dotted
        target = resolver.resolve(module, dotted)
        return target.dotted if isinstance(target, ExternalName) else dotted
