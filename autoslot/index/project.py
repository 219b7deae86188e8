"""The whole-project class index: every class, its resolved bases and its MRO."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from autoslot.index.bases import canonical_name, project_class_id, resolve_base
from autoslot.index.external import ExternalClass, external_class
from autoslot.index.modules import assign_module_names, source_roots
from autoslot.index.mro import c3_merge
from autoslot.index.nodes import Base, ClassId, ClassNode, MroEntry
from autoslot.index.qualnames import ClassesByQualname
from autoslot.index.resolve import Resolver
from autoslot.summary.model import BodyBinding, ExprRef, ModuleSummary
from autoslot.summary.names import mangle
from autoslot.util.pool import quiet_collector

# the index's own types, defined apart so base resolution can use them
__all__ = [
    "Base",
    "ClassId",
    "ClassNode",
    "MroEntry",
    "ProjectIndex",
    "build_index",
]


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

    def descendants(self, class_id: ClassId) -> Iterator[ClassId]:
        """Every project class deriving from the class, directly or not, once each
        (the class itself excluded)."""
        seen: set[ClassId] = set()
        stack = list(self.subclasses.get(class_id, ()))
        while stack:
            current = stack.pop()
            if current in seen:
                continue
            seen.add(current)
            yield current
            stack.extend(self.subclasses.get(current, ()))

    def project_ancestors(self, node: ClassNode) -> Iterator[ClassNode]:
        """The project classes of the MRO after the class itself, in MRO order
        (none when the MRO is unknown)."""
        for entry in node.mro[1:] if node.mro else ():
            if isinstance(entry, ClassId):
                yield self.nodes[entry]

    def hierarchy(self, node: ClassNode) -> tuple[ClassNode, ...]:
        """The class, then the project classes of its MRO: where a name the
        class uses may be bound or stored."""
        return (node, *self.project_ancestors(node))

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
    # The summaries are hundreds of thousands of live objects, and each full
    # collection that indexing's allocations trigger scans them all; the
    # index makes no cycles worth collecting.
    with quiet_collector():
        return _build_index(summaries, roots, targets, external)


def _build_index(
    summaries: Mapping[str, ModuleSummary],
    roots: Sequence[Path],
    targets: Iterable[str],
    external: Callable[[str], ExternalClass],
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
                resolve_base(external, resolver, classes, module, summary, cls, b)
                for b in cls.bases
            )
            decorators = tuple(
                canonical_name(resolver, modules, module, d) for d in cls.decorators
            )
            metaclass = next(
                (
                    canonical_name(resolver, modules, module, v)
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
                    canonical_name(resolver, modules, module, ExprRef(d, d))
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
            found = project_class_id(
                resolver.resolve(module_name, dotted), modules, classes
            )
            if isinstance(found, ClassId):
                index.instantiated.add(found)
    for class_id in index.order():
        _compute_mro(index, class_id)
    return index


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
