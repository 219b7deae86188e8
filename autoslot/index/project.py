"""The whole-project class index: every class, its resolved bases and its MRO."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from autoslot.index.external import (
    NAMEDTUPLE_FACTORIES,
    ExternalClass,
    external_class,
    unknown,
)
from autoslot.index.modules import assign_module_names, source_roots
from autoslot.index.mro import c3_merge
from autoslot.index.qualnames import ClassesByQualname
from autoslot.index.resolve import (
    ExternalName,
    ModuleRef,
    ProjectClass,
    ProjectName,
    Resolver,
)
from autoslot.summary.model import BodyBinding, ClassSummary, ExprRef, ModuleSummary
from autoslot.summary.names import mangle


@dataclass(frozen=True, slots=True, order=True)
class ClassId:
    path: str
    qualname: str
    occurrence: int = 0


MroEntry = ClassId | ExternalClass


@dataclass(frozen=True, slots=True)
class Base:
    """One base of a class statement, resolved."""

    text: str
    resolved: ClassId | ExternalClass | None
    why: str = ""
    # a call such as namedtuple("P", "x y") producing the base
    namedtuple_call: bool = False


@dataclass(slots=True)
class ClassNode:
    id: ClassId
    module: str
    summary: ClassSummary
    bases: tuple[Base, ...]
    target: bool
    # decorators and metaclass as canonical dotted names ("dataclasses.dataclass");
    # "?text" when the name cannot be resolved
    decorators: tuple[str, ...] = ()
    metaclass: str | None = None
    # body names whose function decorators resolve to these canonical names
    method_decorators: dict[str, tuple[str, ...]] = field(default_factory=dict)
    mro: tuple[MroEntry, ...] | None = None
    mro_problem: str = ""

    @property
    def display(self) -> str:
        return (
            f"{self.module}.{self.summary.qualname}"
            if self.module
            else self.summary.qualname
        )


@dataclass(slots=True)
class ProjectIndex:
    nodes: dict[ClassId, ClassNode] = field(default_factory=dict)
    # classes constructed somewhere in the project by a call to their name
    instantiated: set[ClassId] = field(default_factory=set)
    subclasses: dict[ClassId, list[ClassId]] = field(default_factory=dict)
    module_of_path: dict[str, str] = field(default_factory=dict)
    skipped_files: set[str] = field(default_factory=set)
    # facts about classes outside the project, by dotted name
    external: Callable[[str], ExternalClass] = external_class
    # every module summary, by path, and the resolver over them
    summaries: Mapping[str, ModuleSummary] = field(default_factory=dict)
    resolver: Resolver | None = None
    _order: list[ClassId] | None = None
    _own_bindings: dict[ClassId, dict[str, BodyBinding]] = field(default_factory=dict)

    def order(self) -> list[ClassId]:
        """Classes with every project base before its subclasses (computed once)."""
        if self._order is None:
            self._order = self._topological()
        return self._order

    def module_name(self, path: str) -> str | None:
        return self.module_of_path.get(path)

    def own_bindings(self, class_id: ClassId) -> Mapping[str, BodyBinding]:
        """The first binding of each name in a class body, by its mangled name.

        Computed once per class: the rules look names up through the MRO of
        every class, and a base's body is shared by all its subclasses.
        """
        found = self._own_bindings.get(class_id)
        if found is None:
            summary = self.nodes[class_id].summary
            found = {}
            for binding in summary.body:
                found.setdefault(mangle(binding.name, summary.name), binding)
            self._own_bindings[class_id] = found
        return found

    def _topological(self) -> list[ClassId]:
        done: set[ClassId] = set()
        ordered: list[ClassId] = []
        # the classes whose bases are being placed: the (X, True) entries of
        # the stack, of which there is at most one per class
        expanding: set[ClassId] = set()
        for start in sorted(self.nodes, key=_sort_key):
            stack: list[tuple[ClassId, bool]] = [(start, False)]
            while stack:
                current, expanded = stack.pop()
                if expanded:
                    expanding.discard(current)
                if current in done:
                    continue
                if expanded:
                    done.add(current)
                    ordered.append(current)
                    continue
                stack.append((current, True))
                expanding.add(current)
                for base in reversed(self.nodes[current].bases):
                    if isinstance(base.resolved, ClassId) and base.resolved not in done:
                        if base.resolved in expanding:
                            continue  # a cycle: broken later as an unresolvable MRO
                        stack.append((base.resolved, False))
        return ordered


def _sort_key(class_id: ClassId) -> tuple[str, str, int]:
    """The dataclass order of ClassId, without its comparison methods."""
    return (class_id.path, class_id.qualname, class_id.occurrence)


def build_index(
    summaries: Mapping[str, ModuleSummary],
    roots: Sequence[Path],
    targets: Iterable[str],
    external: Callable[[str], ExternalClass] = external_class,
) -> ProjectIndex:
    paths = {Path(p): p for p in summaries}
    import_roots = [r for root in roots for r in source_roots(root)]
    by_name, primary = assign_module_names(paths, import_roots)
    modules = {name: summaries[paths[path]] for name, path in by_name.items()}
    index = ProjectIndex(external=external, summaries=summaries)
    index.module_of_path = {paths[path]: name for path, name in primary.items()}
    resolver = Resolver(modules, {paths[p]: n for p, n in primary.items()})
    index.resolver = resolver
    target_set = set(targets)
    classes = ClassesByQualname()
    index.skipped_files = {
        path for path, summary in summaries.items() if summary.skip_file
    }
    for path, summary in summaries.items():
        module = index.module_of_path.get(path, "")
        for cls in summary.classes:
            node_id = ClassId(path, cls.qualname, cls.occurrence)
            bases = tuple(
                _resolve_base(external, resolver, classes, module, summary, cls, b)
                for b in cls.bases
            )
            decorators = tuple(
                _canonical(resolver, modules, module, d) for d in cls.decorators
            )
            metaclass = next(
                (
                    _canonical(resolver, modules, module, v)
                    for k, v in cls.keywords
                    if k == "metaclass"
                ),
                None,
            )
            index.nodes[node_id] = ClassNode(
                node_id, module, cls, bases, path in target_set, decorators, metaclass
            )
            index.nodes[node_id].method_decorators = {
                b.name: tuple(
                    _canonical(resolver, modules, module, ExprRef(d, d))
                    for d in b.decorators
                )
                for b in cls.body
                if b.decorators
            }
    for node in index.nodes.values():
        for base in node.bases:
            if isinstance(base.resolved, ClassId):
                index.subclasses.setdefault(base.resolved, []).append(node.id)
    for path, summary in summaries.items():
        module_name = index.module_of_path.get(path)
        if module_name is None or module_name not in modules:
            continue
        for dotted in summary.called:
            found = _class_id(resolver.resolve(module_name, dotted), modules, classes)
            if isinstance(found, ClassId):
                index.instantiated.add(found)
    for class_id in index.order():
        _compute_mro(index, class_id)
    return index


def _canonical(
    resolver: Resolver, modules: Mapping[str, ModuleSummary], module: str, ref: ExprRef
) -> str:
    """The dotted name a decorator or metaclass refers to, wherever it is defined."""
    if ref.dotted is None or module not in modules:
        return "?" + ref.text
    target = resolver.resolve(module, ref.dotted)
    if isinstance(target, ExternalName):
        return target.dotted
    if isinstance(target, ProjectName):
        return f"{target.module}.{target.name}"
    if isinstance(target, ProjectClass):
        return f"{target.module}.{target.qualname}"
    return "?" + ref.text


def _class_id(
    target: object, modules: Mapping[str, ModuleSummary], classes: ClassesByQualname
) -> ClassId | str:
    if not isinstance(target, ProjectClass):
        return ""
    summary = modules[target.module]
    matches = len(classes.named(summary, target.qualname))
    if matches != 1:
        return f"{target.qualname} is defined {matches} times in {target.module}"
    return ClassId(summary.path, target.qualname, 0)


def _resolve_base(
    external: Callable[[str], ExternalClass],
    resolver: Resolver,
    classes: ClassesByQualname,
    module: str,
    summary: ModuleSummary,
    cls: ClassSummary,
    ref: ExprRef,
) -> Base:
    modules = resolver.modules
    if ref.dotted is None:
        return Base(ref.text, None, f"{ref.text} is not a plain name")
    prefix = cls.qualname[: -len(cls.name)]
    if prefix:
        # a class body or function sees the classes defined before it in the same scope
        local = classes.named(summary, prefix + ref.dotted.split(".")[0])
        if len(local) == 1 and local[0].line < cls.line:
            head_id = ClassId(summary.path, local[0].qualname, 0)
            rest = ref.dotted.split(".")[1:]
            qualname = ".".join([local[0].qualname, *rest])
            if classes.named(summary, qualname):
                return _called(ref, Base(ref.text, ClassId(summary.path, qualname, 0)))
            if not rest:
                return _called(ref, Base(ref.text, head_id))
    if not module or module not in modules:
        return Base(ref.text, None, "the module has no importable name")
    target = resolver.resolve(module, ref.dotted)
    if isinstance(target, ProjectClass):
        found = _class_id(target, modules, classes)
        if isinstance(found, ClassId):
            return _called(ref, Base(ref.text, found))
        return Base(ref.text, None, found)
    if isinstance(target, ExternalName):
        if ref.called:
            if target.dotted in NAMEDTUPLE_FACTORIES:
                return Base(ref.text, external("builtins.tuple"), namedtuple_call=True)
            return Base(
                ref.text,
                unknown(target.dotted, "a class made by a call"),
                "made by a call",
            )
        return Base(ref.text, external(target.dotted))
    if isinstance(target, ModuleRef):
        return Base(ref.text, None, f"{ref.text} is a module")
    if isinstance(target, ProjectName):
        return Base(
            ref.text, None, f"{target.module}.{target.name} is not a class statement"
        )
    return Base(ref.text, None, target.why)


def _called(ref: ExprRef, base: Base) -> Base:
    if ref.called:
        return Base(base.text, None, f"{ref.text} calls a project function or class")
    return base


def _compute_mro(index: ProjectIndex, class_id: ClassId) -> None:
    node = index.nodes[class_id]
    sequences: list[list[MroEntry]] = []
    bases = _mro_bases(node.bases)
    for base in bases:
        resolved = base.resolved
        if resolved is None:
            node.mro_problem = f"base {base.text} cannot be resolved: {base.why}"
            return
        if isinstance(resolved, ClassId):
            parent = index.nodes[resolved]
            if parent.mro is None:
                node.mro_problem = f"base {base.text} has no known MRO"
                return
            sequences.append(list(parent.mro))
        else:
            if not resolved.known:
                node.mro_problem = f"base {resolved.dotted} is {resolved.why_unknown}"
                return
            chain: list[MroEntry] = [resolved]
            chain.extend(index.external(d) for d in resolved.mro[1:])
            sequences.append(chain)
    direct: list[MroEntry] = [b.resolved for b in bases if b.resolved is not None]
    if not direct:
        direct = [index.external("builtins.object")]
        sequences.append(direct)
    sequences.append(list(direct))
    merged = c3_merge(sequences, _key)
    if merged is None:
        node.mro_problem = "the bases have no consistent method resolution order"
        return
    node.mro = (class_id, *merged)


def _mro_bases(bases: tuple[Base, ...]) -> tuple[Base, ...]:
    """The bases the class statement really passes to the metaclass.

    `class S(Generic[T], Base[T])` is legal: typing drops `Generic[...]`
    (its __mro_entries__ returns ()) when a later base is subscripted too.
    """
    kept: list[Base] = []
    for position, base in enumerate(bases):
        resolved = base.resolved
        if (
            isinstance(resolved, ExternalClass)
            and resolved.dotted in ("typing.Generic", "typing_extensions.Generic")
            and "[" in base.text
            and any("[" in later.text for later in bases[position + 1 :])
        ):
            continue
        kept.append(base)
    return tuple(kept)


def _key(entry: MroEntry) -> Hashable:
    return entry if isinstance(entry, ClassId) else entry.dotted
