"""Attribute names across the whole project, for telling typos from names in
use: which names anything reads, which anything stores or binds, and which
the user confirmed (`# autoslot: attr NAME`, `confirmed-attrs`).

Built once per run from the summaries: the sets are name-based, whatever the
object, so a name counts as read if any code anywhere reads an attribute of
that name. That errs on the side of silence, which is what a typo report
needs to be trusted.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from fnmatch import fnmatchcase

from autoslot.index.nodes import ClassNode
from autoslot.summary.model import AttrUse, ModuleSummary
from autoslot.summary.names import mangle


def unmangled(name: str, class_name: str) -> str:
    """`_Camera__exp` -> `__exp` inside class `Camera`: the name as written."""
    prefix = f"_{class_name.lstrip('_')}__"
    if class_name.lstrip("_") and name.startswith(prefix) and not name.endswith("__"):
        return "__" + name[len(prefix) :]
    return name


@dataclass(frozen=True, slots=True)
class ProjectNames:
    # attribute names loaded anywhere (as written), and getattr/hasattr literals
    reads: frozenset[str]
    # attribute names stored, declared or bound in a class body anywhere (as
    # CPython stores them, and as written)
    stored: frozenset[str]
    # path -> line -> names a `# autoslot: attr` comment on that line confirms
    pragmas: Mapping[str, Mapping[int, frozenset[str]]]
    # `confirmed-attrs`: bare names, or `pkg.mod.Class.name` patterns
    patterns: tuple[str, ...]

    def is_read(self, name: str, class_name: str) -> bool:
        return name in self.reads or unmangled(name, class_name) in self.reads

    def is_stored(self, name: str, class_name: str) -> bool:
        return name in self.stored or unmangled(name, class_name) in self.stored

    def confirmed(self, node: ClassNode, use: AttrUse) -> bool:
        """The user says the name is spelled as meant: a pragma on the line of
        the use, or on the class's own lines, or a configured pattern."""
        summary = node.summary
        spellings = {use.name, unmangled(use.name, summary.name)}
        for pattern in self.patterns:
            if "." not in pattern:
                if pattern in spellings:
                    return True
            elif any(fnmatchcase(f"{node.display}.{s}", pattern) for s in spellings):
                return True
        here = self.pragmas.get(use.path or node.id.path, {})
        if spellings & here.get(use.line, frozenset()):
            return True
        own = self.pragmas.get(node.id.path, {})
        return any(
            spellings & names
            for line, names in own.items()
            if summary.line <= line <= summary.end_line
        )


def project_names(
    summaries: Mapping[str, ModuleSummary], patterns: tuple[str, ...]
) -> ProjectNames:
    reads: set[str] = set()
    stored: set[str] = set()
    pragmas: dict[str, dict[int, frozenset[str]]] = {}
    for path, summary in summaries.items():
        reads.update(summary.attribute_reads)
        # `x.items[k] = v` ("element") reads `items`, it does not store it
        stored.update(s.attr for s in summary.flow.stores if s.kind != "element")
        for cls in summary.classes:
            stored.update(u.name for u in cls.stores)
            stored.update(u.name for u in cls.class_stores)
            for binding in cls.body:
                stored.add(binding.name)
                stored.add(mangle(binding.name, cls.name))
            if cls.slots is not None:
                stored.update(cls.slots.names)
                stored.update(mangle(n, cls.name) for n in cls.slots.names)
        if summary.confirmed_attrs:
            lines: dict[int, set[str]] = {}
            for line, name in summary.confirmed_attrs:
                lines.setdefault(line, set()).add(name)
            pragmas[path] = {k: frozenset(v) for k, v in lines.items()}
    return ProjectNames(frozenset(reads), frozenset(stored), pragmas, patterns)
