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

from autoslot.decide.context import ProjectFacts
from autoslot.decide.evidence import Evidence, Resolution
from autoslot.decide.model import skip
from autoslot.decide.structural import ClassShapes, project_ancestors
from autoslot.decide.unknown import PASS_THROUGH, UnknownReceivers
from autoslot.index.project import ClassId, ClassNode, ProjectIndex
from autoslot.paths import display_path
from autoslot.pool import quiet_collector
from autoslot.settings import Settings
from autoslot.summary.model import AttrUse, ForeignUse


class OutsideAnalysis:
    def __init__(self, index: ProjectIndex, settings: Settings) -> None:
        self.index = index
        self.settings = settings
        self.facts = ProjectFacts()
        self.shapes = ClassShapes(index)
        self._bindings: dict[ClassId, dict[str, str]] = {}
        self._kinds: dict[ClassId, dict[str, str]] = {}
        self._unknown = UnknownReceivers(index, settings, self.facts)
        self.evidence = Evidence(index, self.shapes)

    # entry point ----------------------------------------------------------
    def run(self) -> ProjectFacts:
        summaries = sorted(self.index.summaries.items())
        # first what is handed to which function, so that a setattr inside a
        # function can be charged to the classes its callers pass it
        for path, summary in summaries:
            module = self.index.module_name(path) or ""
            for use in summary.foreign_uses:
                if use.kind == "pass":
                    found = self.evidence.resolve(path, module, use)
                    self._unknown.passed(use.attr, found.classes)
        for path, summary in summaries:
            module = self.index.module_name(path) or ""
            for use in summary.foreign_uses:
                if use.kind != "pass":
                    self._use(path, module, use)
            for line, callee in summary.low_protocol_pickles:
                if self.evidence.canonical(module, callee).startswith(
                    ("pickle.", "_pickle.")
                ):
                    self.facts.low_protocol_pickling.append((path, line))
                    # what a module pickles comes from the classes it can reach
                    message = (
                        f"{display_path(path)}:{line} pickles with protocol 0 or 1"
                    )
                    for class_id in self._unknown.reachable(path, module):
                        self._block(class_id, "AS107", message)
        return self.facts

    # applying uses --------------------------------------------------------
    def _use(self, path: str, module: str, use: ForeignUse) -> None:
        resolution = self.evidence.resolve(path, module, use)
        where = f"{display_path(path)}:{use.line}"
        if use.kind == "weakref":
            if not self.evidence.canonical(module, use.extra).startswith(
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
            # in a fixed order: a swap blocks other classes, and the first
            # reason a class gets is the one it keeps
            for class_id in sorted(resolution.classes):
                self._apply(class_id, use, where, stored, inferred=False)
            return
        if not resolution.unknown:
            return  # a module, a class object, or a class from outside the project
        inferred = (
            self.shapes.candidates(use) if use.kind in ("store", "patch") else set()
        )
        for class_id in sorted(inferred):
            self._apply(class_id, use, where, stored, inferred=True)
        if not inferred:
            self._unknown.use(path, module, use)
        if use.kind in ("store", "patch"):
            # inference is a guess: the receiver may be any class that binds the name
            self._unknown.shadowing(use, where, inferred)

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
        found = Resolution()
        self.evidence.named(
            node.module if use.owner else self.index.module_name(node.id.path) or "",
            use.extra,
            found,
            called=False,
        )
        for class_id in sorted(found.classes):
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
        # Later updates win, so the names of outside classes come first (any
        # project binding takes precedence) and the MRO is walked from its end.
        for entry in node.mro[1:] if node.mro else ():
            if not isinstance(entry, ClassId):
                bindings.update(dict.fromkeys(entry.attributes, "value"))
        for klass in reversed((node, *project_ancestors(self.index, node))):
            bindings.update(self._own_kinds(klass.id))
        return bindings

    def _own_kinds(self, class_id: ClassId) -> dict[str, str]:
        kinds = self._kinds.get(class_id)
        if kinds is None:
            kinds = self._kinds[class_id] = {
                name: binding.kind
                for name, binding in self.index.own_bindings(class_id).items()
            }
        return kinds

    def _block(self, class_id: ClassId, code: str, message: str) -> None:
        if class_id not in self.facts.blocked:  # the first reason is the one kept
            self.facts.blocked[class_id] = skip(code, message)


def gather_project_facts(index: ProjectIndex, settings: Settings) -> ProjectFacts:
    # The summaries are hundreds of thousands of live objects, and each full
    # collection that this stage's allocations trigger scans them all (about
    # a third of the stage on the stdlib); it makes no cycles worth collecting.
    with quiet_collector():
        return OutsideAnalysis(index, settings).run()
