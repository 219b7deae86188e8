"""What the whole project does to instances from outside their classes.

Every ForeignUse of every module (tests included) is matched to the classes
its receiver can be an instance of: from evidence (a constructor call, an
annotation, a loop over an annotated collection, `cls()`, an attribute whose
type the owning class establishes, a function's return annotation), or, when
there is none, structurally: the classes that have every other attribute
used on the same receiver. The result is ProjectFacts for the decide rules.
The bias: an extra slot costs 8 bytes, a missing one crashes a program.
"""

from __future__ import annotations

from collections.abc import Iterable

from autoslot.decide.context import ProjectFacts
from autoslot.decide.model import skip
from autoslot.decide.shown import ShownPaths
from autoslot.decide.structural import ClassShapes, project_ancestors
from autoslot.decide.unknown import PASS_THROUGH, UnknownReceivers
from autoslot.index.project import ClassId, ClassNode, ProjectIndex
from autoslot.index.resolve import (
    ExternalName,
    ModuleRef,
    ProjectClass,
    ProjectName,
    Unresolved,
)
from autoslot.settings import Settings
from autoslot.summary.model import AttrUse, ForeignUse, ModuleSummary


class _Resolution:
    """The classes a receiver can be an instance of; `is_class` for class objects."""

    __slots__ = ("classes", "external", "is_class")

    def __init__(self) -> None:
        self.classes: set[ClassId] = set()
        self.is_class: set[ClassId] = set()
        self.external = False

    @property
    def unknown(self) -> bool:
        return not self.classes and not self.is_class and not self.external


class OutsideAnalysis:
    def __init__(self, index: ProjectIndex, settings: Settings) -> None:
        self.index = index
        self.settings = settings
        self.facts = ProjectFacts()
        self.shapes = ClassShapes(index)
        self._bindings: dict[ClassId, dict[str, str]] = {}
        self._shown = ShownPaths()
        self._unknown = UnknownReceivers(index, settings, self.facts, self._shown)
        self._class_ids: dict[tuple[str, str], ClassId] = {}
        for class_id, node in index.nodes.items():
            if class_id.occurrence == 0:
                self._class_ids[(node.module, node.summary.qualname)] = class_id

    # entry point ----------------------------------------------------------
    def run(self) -> ProjectFacts:
        summaries = sorted(self.index.summaries.items())
        # first what is handed to which function, so that a setattr inside a
        # function can be charged to the classes its callers pass it
        for path, summary in summaries:
            module = self.index.module_name(path) or ""
            for use in summary.foreign_uses:
                if use.kind == "pass":
                    found = self._resolve(path, module, use)
                    self._unknown.passed(use.attr, found.classes)
        for path, summary in summaries:
            module = self.index.module_name(path) or ""
            for use in summary.foreign_uses:
                if use.kind != "pass":
                    self._use(path, module, use)
            for line, callee in summary.low_protocol_pickles:
                if self._canonical(module, callee).startswith(("pickle.", "_pickle.")):
                    self.facts.low_protocol_pickling.append((path, line))
                    # what a module pickles comes from the classes it can reach
                    message = f"{self._shown(path)}:{line} pickles with protocol 0 or 1"
                    for class_id in self._unknown.reachable(path, module):
                        self._block(class_id, "AS107", message)
        return self.facts

    # evidence -------------------------------------------------------------
    def _resolve(self, path: str, module: str, use: ForeignUse) -> _Resolution:
        found = _Resolution()
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
                self._named(module, value, found, called=kind == "call")
                if len(found.classes) == before and not found.external:
                    found.classes.update(self.shapes.local_classes(path, value))
            elif kind == "global":
                self._global(module, value, found)
            elif kind in ("module", "class"):
                found.external = True  # a module or a class object, not an instance
        return found

    def _named(
        self, module: str, dotted: str, found: _Resolution, called: bool, depth: int = 0
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
                        self._named(
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

    def _global(self, module: str, name: str, found: _Resolution) -> None:
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
        self, owner: ClassNode, attribute: str, found: _Resolution
    ) -> None:
        for klass in (owner, *self._project_ancestors(owner)):
            for name, tokens in klass.summary.attribute_types:
                if name == attribute:
                    for token in tokens:
                        kind, _, value = token.partition(":")
                        if kind in ("call", "ann"):
                            self._named(
                                klass.module, value, found, called=kind == "call"
                            )
                        elif kind == "param":
                            self._parameter_type(klass, value, found)
                    return

    def _parameter_type(self, klass: ClassNode, value: str, found: _Resolution) -> None:
        """The annotation a bare parameter inherits from the method it overrides."""
        method, _, param = value.partition(":")
        for base in (klass, *self._project_ancestors(klass)):
            for name, parameter, tokens in base.summary.method_params:
                if (name, parameter) == (method, param):
                    for token in tokens:
                        kind, _, dotted = token.partition(":")
                        if kind == "ann":
                            self._named(base.module, dotted, found, called=False)
                    return

    def _summary(self, module: str) -> ModuleSummary:
        resolver = self.index.resolver
        assert resolver is not None
        return resolver.modules[module]

    def _canonical(self, module: str, dotted: str) -> str:
        resolver = self.index.resolver
        if resolver is None or not module:
            return dotted
        target = resolver.resolve(module, dotted)
        return target.dotted if isinstance(target, ExternalName) else dotted

    def _project_ancestors(self, node: ClassNode) -> Iterable[ClassNode]:
        return project_ancestors(self.index, node)

    # applying uses --------------------------------------------------------
    def _use(self, path: str, module: str, use: ForeignUse) -> None:
        resolution = self._resolve(path, module, use)
        where = f"{self._shown(path)}:{use.line}"
        if use.kind == "weakref":
            if not self._canonical(module, use.extra).startswith(
                ("weakref.", "_weakref")
            ):
                return
            if resolution.unknown:
                self.facts.weakref_unknown = True
            self.facts.weakref_users.update(resolution.classes)
            return
        # one value for every class the use reaches: AttrUse is immutable
        stored = AttrUse(use.attr, use.line, where)
        if use.kind in ("store", "patch"):
            for class_id in resolution.is_class:
                if use.kind == "store":
                    self.facts.class_stores.setdefault(class_id, []).append(stored)
        if resolution.classes:
            for class_id in resolution.classes:
                self._apply(class_id, use, where, stored, inferred=False)
            return
        if not resolution.unknown:
            return  # a module, a class object, or a class from outside the project
        inferred = (
            self.shapes.candidates(use) if use.kind in ("store", "patch") else set()
        )
        for class_id in inferred:
            self._apply(class_id, use, where, stored, inferred=True)
        if not inferred:
            self._unknown.use(path, module, use)
        if use.kind in ("store", "patch"):
            # inference is a guess: the receiver may be any class that binds the name
            self._unknown.shadowing(use, where, self.shapes.attributes_of)

    def _apply(
        self,
        class_id: ClassId,
        use: ForeignUse,
        where: str,
        stored: AttrUse,
        inferred: bool,
    ) -> None:
        node = self.index.nodes[class_id]
        receiver = use.receiver.replace("@", "self")
        if use.kind in ("store", "patch"):
            binding = self._binding(node, use.attr)
            if binding is not None and binding not in PASS_THROUGH:
                if not inferred:
                    self._block(
                        class_id,
                        "AS109",
                        f"{where} stores {use.attr!r} on {receiver}, but it is a {binding.replace('_', ' ')} of the class",
                    )
                return
            if binding is None:
                self.facts.outside_stores.setdefault(class_id, []).append(stored)
        elif use.kind == "dict":
            self._block(class_id, "AS105", f"{where} uses the __dict__ of {receiver}")
        elif use.kind == "dynamic":
            self._block(
                class_id,
                "AS104",
                f"{where} calls setattr on {receiver} with a computed name",
            )
        elif use.kind == "swap":
            self._block(class_id, "AS108", f"{where} assigns {receiver}.__class__")
            self._swap_target(node, use, where)

    def _swap_target(self, node: ClassNode, use: ForeignUse, where: str) -> None:
        if not use.extra:
            return
        found = _Resolution()
        self._named(
            node.module if use.owner else self.index.module_name(node.id.path) or "",
            use.extra,
            found,
            called=False,
        )
        for class_id in found.classes:
            self._block(
                class_id,
                "AS108",
                f"{where} turns instances of another class into this one",
            )

    def _binding(self, node: ClassNode, name: str) -> str | None:
        bindings = self._bindings.get(node.id)
        if bindings is None:
            bindings = self._bindings[node.id] = self._hierarchy_bindings(node)
        return bindings.get(name)

    def _hierarchy_bindings(self, node: ClassNode) -> dict[str, str]:
        """Each name's first binding kind through the MRO, the class's own body
        first; names only classes outside the project have are "value"."""
        bindings: dict[str, str] = {}
        # later updates win, so the MRO is walked from its far end
        for klass in reversed((node, *self._project_ancestors(node))):
            bindings.update(
                (name, binding.kind)
                for name, binding in self.index.own_bindings(klass.id).items()
            )
        for entry in node.mro[1:] if node.mro else ():
            if not isinstance(entry, ClassId):
                for name in entry.attributes:
                    bindings.setdefault(name, "value")
        return bindings

    def _block(self, class_id: ClassId, code: str, message: str) -> None:
        if class_id not in self.facts.blocked:  # the first reason is the one kept
            self.facts.blocked[class_id] = skip(code, message)


def gather_project_facts(index: ProjectIndex, settings: Settings) -> ProjectFacts:
    return OutsideAnalysis(index, settings).run()
