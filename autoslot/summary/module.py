"""Summarise one module: its bindings, imports, `__all__` and classes.

`summarise` never raises for bad input: a file that does not parse gives a
ParseFailure naming the line and column.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from typing import Literal

from autoslot.summary.classes import ClassSummariser, Placement
from autoslot.summary.flow_builder import FlowBuilder
from autoslot.summary.flow_scope import FlowScope
from autoslot.summary.frames import Frame
from autoslot.summary.layout import SourceText
from autoslot.summary.model import (
    ClassSummary,
    ModuleBinding,
    ModuleSummary,
    ParseFailure,
    Pragma,
    StarImport,
)
from autoslot.summary.names import dotted_name, nested_blocks, target_names
from autoslot.summary.walk import Walker
from autoslot.util.paths import is_documentation

SKIP_FILE = re.compile(rb"^[ \t\f]*#[ \t]*autoslot:[ \t]*skip-file\b", re.MULTILINE)
# `# autoslot: attr exp_time` (or `attr a, b`, a reason after ` -- `): the
# names are spelled as meant
CONFIRMED_ATTRS = re.compile(
    rb"#[ \t]*autoslot:[ \t]*attrs?[ \t]+(?P<names>\w+(?:[ \t]*,[ \t]*\w+)*)"
)
SKIP_CLASS = re.compile(
    r"#[ \t]*autoslot:[ \t]*skip(?![-\w])(?:[ \t]*--[ \t]*(?P<reason>[^#\r\n]*))?"
)


def summarise(source: bytes, path: str) -> ModuleSummary | ParseFailure:
    from autoslot.summary.parsing import TOO_DEEP, deepest_node_line, parse_module

    if is_documentation(path):
        # its text is no source to sample quotes or pragmas from: the file
        # is never rewritten
        tree: ast.Module | ParseFailure = _documentation_examples(source)
        text = b""
    else:
        tree = parse_module(source, path)
        text = source
    if isinstance(tree, ParseFailure):
        return tree
    try:
        return _ModuleSummariser(text, path).run(tree)
    except RecursionError:  # the walk recurses; Python's parser went deeper
        return ParseFailure(path, deepest_node_line(tree), 0, TOO_DEEP)


def _documentation_examples(source: bytes) -> ast.Module:
    """A .rst or .md file as the module of its `>>> ` examples, at their lines
    (one session, as doctest runs a file); an example that does not parse is
    output, or not Python, and is left out."""
    from autoslot.summary.doctests import doctest_statements

    text = source.decode("utf-8", "replace")
    return ast.Module(body=doctest_statements(text, 1), type_ignores=[])


class _ModuleSummariser:
    def __init__(self, source: bytes, path: str) -> None:
        self.path = path
        self.source = source
        self.classes: list[ClassSummary] = []
        self.bindings: list[ModuleBinding] = []
        self.stars: list[StarImport] = []
        self.dunder_all: list[str] | None = None
        self.dunder_all_dynamic = False
        self.occurrences: dict[str, int] = {}
        self.text = SourceText(source)
        # once per file: searching the source for every class cost 0.6 s on the stdlib
        self.may_have_pragmas = b"autoslot:" in source
        self.builder = FlowBuilder()
        self.scope = FlowScope(self.builder, "module", None)
        self.walker = Walker(self._nested_class, self.builder, source)
        self.classer = ClassSummariser(
            self.walker,
            self.classes.append,
            self._pragma,
            self._occurrence,
            self.text,
        )

    def run(self, tree: ast.Module) -> ModuleSummary:
        self._block(tree.body, conditional=False)
        self.scope.close()
        return ModuleSummary(
            path=self.path,
            is_package=self.path.endswith("__init__.py")
            or self.path.endswith("__init__.pyi"),
            bindings=tuple(self.bindings),
            star_imports=tuple(self.stars),
            dunder_all=tuple(self.dunder_all) if self.dunder_all is not None else None,
            dunder_all_dynamic=self.dunder_all_dynamic,
            classes=tuple(sorted(self.classes, key=lambda c: (c.line, c.qualname))),
            skip_file=SKIP_FILE.search(self.source) is not None,
            called=tuple(sorted(self.walker.called)),
            flow=self.builder.program(),
            attribute_reads=tuple(sorted(self.walker.reads)),
            quote=self.walker.quotes.preferred,
            confirmed_attrs=self._confirmed_attrs(),
        )

    def _confirmed_attrs(self) -> tuple[tuple[int, str], ...]:
        if not self.may_have_pragmas:
            return ()
        found: list[tuple[int, str]] = []
        # bytes split where Python ends lines, so the numbers match the parser's
        for number, line in enumerate(self.source.splitlines(), start=1):
            for match in CONFIRMED_ATTRS.finditer(line):
                names = match.group("names").replace(b",", b" ").split()
                found.extend((number, n.decode("ascii", "replace")) for n in names)
        return tuple(found)

    def _occurrence(self, qualname: str) -> int:
        seen = self.occurrences.get(qualname, 0)
        self.occurrences[qualname] = seen + 1
        return seen

    def _pragma(self, first: int, last: int) -> Pragma | None:
        if not self.may_have_pragmas:
            return None
        for line in self.text.lines()[first - 1 : last]:
            match = SKIP_CLASS.search(line)
            if match is not None:
                return Pragma((match.group("reason") or "").strip())
        return None

    def _nested_class(
        self, node: ast.ClassDef, qualprefix: str, enclosing: FlowScope, _: bool
    ) -> int:
        placement: Placement = (
            "function" if qualprefix.endswith("<locals>.") else "class"
        )
        return self.classer.summarise(node, qualprefix, placement, True, enclosing)

    def _bind(
        self,
        name: str,
        kind: Literal["class", "import", "alias", "other"],
        target: str,
        line: int,
        conditional: bool,
        member: str | None = None,
        level: int = 0,
    ) -> None:
        self.bindings.append(
            ModuleBinding(name, kind, target, member, level, line, conditional)
        )

    def _block(self, stmts: list[ast.stmt], conditional: bool) -> None:
        top = Frame(owner=None, scope=self.scope)
        walker = self.walker
        for stmt in stmts:
            if isinstance(stmt, ast.ClassDef):
                self._bind(stmt.name, "class", stmt.name, stmt.lineno, conditional)
                held = self.classer.summarise(
                    stmt, "", "module", conditional, self.scope
                )
                self.builder.copy(self.scope.bind(stmt.name), held)
                continue
            if isinstance(stmt, ast.Import):
                for alias in stmt.names:
                    if alias.asname:
                        self._bind(
                            alias.asname, "import", alias.name, stmt.lineno, conditional
                        )
                    else:
                        head = alias.name.split(".")[0]
                        self._bind(head, "import", head, stmt.lineno, conditional)
            elif isinstance(stmt, ast.ImportFrom):
                self._import_from(stmt, conditional)
            elif isinstance(stmt, (ast.Assign, ast.AnnAssign, ast.AugAssign)):
                self._assign(stmt, conditional)
            elif isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)):
                self._bind(stmt.name, "other", "", stmt.lineno, conditional)
            else:
                blocks = list(nested_blocks(stmt))
                if blocks:
                    for name in _loop_target_names(stmt):
                        self._bind(name, "other", "", stmt.lineno, True)
                    for handler in getattr(stmt, "handlers", ()):
                        if handler.name:
                            self._bind(handler.name, "other", "", handler.lineno, True)
                    walker.header(stmt, top)
                    for block in blocks:
                        self._block(block, conditional=True)
                    continue
                self._all_mutation(stmt)
            walker.statement(stmt, top)

    def _import_from(self, stmt: ast.ImportFrom, conditional: bool) -> None:
        module = stmt.module or ""
        for alias in stmt.names:
            if alias.name == "*":
                self.stars.append(
                    StarImport(module, stmt.level, stmt.lineno, conditional)
                )
            else:
                self._bind(
                    alias.asname or alias.name,
                    "import",
                    module,
                    stmt.lineno,
                    conditional,
                    member=alias.name,
                    level=stmt.level,
                )

    def _assign(self, stmt: ast.stmt, conditional: bool) -> None:
        if isinstance(stmt, ast.Assign):
            targets, value = stmt.targets, stmt.value
        elif isinstance(stmt, ast.AnnAssign):
            if stmt.value is None:
                return  # a bare annotation binds nothing
            targets, value = [stmt.target], stmt.value
        else:
            assert isinstance(stmt, ast.AugAssign)
            if isinstance(stmt.target, ast.Name) and stmt.target.id == "__all__":
                self._extend_all(stmt.value)
                return
            targets, value = [stmt.target], None
        for target in targets:
            for name in target_names(target):
                if name == "__all__":
                    self.dunder_all = None
                    self._extend_all(value)
                    continue
                dotted = (
                    dotted_name(value)
                    if value is not None and isinstance(target, ast.Name)
                    else None
                )
                if dotted is not None:
                    self._bind(name, "alias", dotted, stmt.lineno, conditional)
                else:
                    self._bind(name, "other", "", stmt.lineno, conditional)

    def _extend_all(self, value: ast.expr | None) -> None:
        if isinstance(value, (ast.List, ast.Tuple)) and all(
            isinstance(e, ast.Constant) and isinstance(e.value, str) for e in value.elts
        ):
            names = [str(e.value) for e in value.elts if isinstance(e, ast.Constant)]
            self.dunder_all = (self.dunder_all or []) + names
        else:
            self.dunder_all_dynamic = True

    def _all_mutation(self, stmt: ast.stmt) -> None:
        """`__all__.extend([...])` and `__all__.append("x")`."""
        if not (isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Call)):
            return
        func = stmt.value.func
        if not (
            isinstance(func, ast.Attribute) and dotted_name(func.value) == "__all__"
        ):
            return
        args = stmt.value.args
        if func.attr == "extend" and len(args) == 1:
            self._extend_all(args[0])
        elif func.attr == "append" and len(args) == 1:
            self._extend_all(ast.List(elts=[args[0]]))
        else:
            self.dunder_all_dynamic = True


def _loop_target_names(stmt: ast.stmt) -> Iterator[str]:
    if isinstance(stmt, (ast.For, ast.AsyncFor)):
        yield from target_names(stmt.target)
    elif isinstance(stmt, (ast.With, ast.AsyncWith)):
        for item in stmt.items:
            if item.optional_vars is not None:
                yield from target_names(item.optional_vars)
