"""Rewrite one file's source: cut out each edited class statement, let libcst
edit it, splice it back, and check the result.

libcst parses only the edited class statements, not the whole module: each
outermost edited class is given to libcst as a small module, behind one
`if True:` line per enclosing block so that its lines keep their exact
indentation (a multi-line string inside the class must not move). Everything
outside the edited classes is never re-rendered, so it stays byte-identical
by construction; the result is still checked like black checks its output.
"""

from __future__ import annotations

import ast
import io
import tokenize
import warnings
from collections.abc import Iterator
from dataclasses import dataclass, field

from autoslot.rewrite.edits import ClassEdit
from autoslot.rewrite.equivalence import same_meaning

QUOTE_SAMPLE = 200


@dataclass(frozen=True, slots=True)
class Rewritten:
    source: bytes
    applied: frozenset[tuple[str, int]]
    # edits the engine refused, with why
    refused: dict[tuple[str, int], str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class RewriteFailure:
    line: int
    column: int
    message: str


@dataclass(frozen=True, slots=True)
class _Located:
    """An outermost edited class statement and what places it in its file."""

    node: ast.ClassDef
    first_line: int  # 1-based, decorators included
    last_line: int
    # indentation of each enclosing block, outermost first
    enclosing: tuple[str, ...]
    qualprefix: str
    occurrence_base: dict[str, int]


def rewrite_source(
    source: bytes, edits: list[ClassEdit], line_length: int, quote: str = ""
) -> Rewritten | RewriteFailure:
    """`quote` is the file's preferred quote when already known (from its summary)."""
    try:
        tree = ast.parse(source)
        encoding = tokenize.detect_encoding(io.BytesIO(source).readline)[0]
        text = source.decode(encoding)
    except (SyntaxError, ValueError, UnicodeDecodeError, LookupError) as error:
        return RewriteFailure(1, 0, f"cannot read the file for rewriting: {error}")
    # only \n, \r and \r\n end lines for Python (str.splitlines also splits on \f)
    lines = io.StringIO(text, newline="").readlines()
    keys = {(e.qualname, e.occurrence) for e in edits}
    quote = quote or preferred_quote(tree, source)
    applied: set[tuple[str, int]] = set()
    refused: dict[tuple[str, int], str] = {}
    located_classes = list(_outermost_edited(tree, keys, lines))
    # from the bottom up, so that earlier line numbers stay valid
    for located in reversed(located_classes):
        replaced = _rewrite_class(located, lines, edits, quote, line_length)
        if isinstance(replaced, RewriteFailure):
            return replaced
        new_lines, done, failed = replaced
        lines[located.first_line - 1 : located.last_line] = new_lines
        applied |= done
        refused.update(failed)
    new_source = "".join(lines).encode(encoding)
    old_classes = [c.node for c in located_classes]
    problem = check_equivalent(source, old_classes, new_source, frozenset(keys))
    if problem is not None:
        return RewriteFailure(
            1, 0, f"internal error: the rewrite {problem}; the file was left as it was"
        )
    return Rewritten(new_source, frozenset(applied), refused)


def _rewrite_class(
    located: _Located,
    lines: list[str],
    edits: list[ClassEdit],
    quote: str,
    line_length: int,
) -> (
    tuple[list[str], set[tuple[str, int]], dict[tuple[str, int], str]] | RewriteFailure
):
    # libcst is imported only when a class is edited: a run that changes
    # nothing (or a warm one) never pays for it
    import libcst as cst

    from autoslot.rewrite.transform import SlotsTransformer

    own = lines[located.first_line - 1 : located.last_line]
    newline = _newline_of(own[0])
    if not own[-1].endswith(("\n", "\r")):
        own = [*own[:-1], own[-1] + newline]
        trailing_newline_added = True
    else:
        trailing_newline_added = False
    header = [f"{indent}if True:{newline}" for indent in located.enclosing]
    try:
        module = cst.parse_module("".join(header + own))
    except cst.ParserSyntaxError as error:
        line = located.first_line + max(error.raw_line - 1 - len(header), 0)
        return RewriteFailure(
            line, error.raw_column, f"libcst cannot parse: {error.message}"
        )
    transformer = SlotsTransformer(
        module, edits, quote, line_length, located.qualprefix, located.occurrence_base
    )
    rewritten = io.StringIO(module.visit(transformer).code, newline="").readlines()
    if rewritten[: len(header)] != header:
        return RewriteFailure(
            located.first_line,
            0,
            "internal error: the rewrite moved the lines around a class",
        )
    new_lines = rewritten[len(header) :]
    if trailing_newline_added and new_lines:
        new_lines[-1] = new_lines[-1].removesuffix(newline)
    return new_lines, transformer.applied, transformer.failed


def _newline_of(line: str) -> str:
    for candidate in ("\r\n", "\n", "\r"):
        if line.endswith(candidate):
            return candidate
    return "\n"


def _outermost_edited(
    tree: ast.Module, keys: set[tuple[str, int]], lines: list[str] | None = None
) -> Iterator[_Located]:
    """The outermost classes with an edit, in source order, located."""
    occurrences: dict[str, int] = {}

    def indentation(line: int, column: int) -> str:
        return lines[line - 1][:column] if lines is not None else ""

    found: list[_Located] = []

    def visit(node: ast.AST, prefix: str, enclosing: tuple[str, ...]) -> None:
        for child in statement_children(node):
            if isinstance(child, ast.ClassDef):
                qualname = prefix + child.name
                occurrence = occurrences.get(qualname, 0)
                if (qualname, occurrence) in keys:
                    first = (
                        child.decorator_list[0].lineno
                        if child.decorator_list
                        else child.lineno
                    )
                    own = indentation(child.lineno, child.col_offset)
                    levels = sorted(
                        {
                            i
                            for i in enclosing
                            if len(i) < len(own) and own.startswith(i)
                        },
                        key=len,
                    )
                    found.append(
                        _Located(
                            child,
                            first,
                            child.end_lineno or child.lineno,
                            tuple(levels),
                            prefix,
                            dict(occurrences),
                        )
                    )
                    _count_classes(child, prefix, occurrences)
                    continue
                occurrences[qualname] = occurrence + 1
                inner = (*enclosing, indentation(child.lineno, child.col_offset))
                visit(child, qualname + ".", inner)
            elif isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)):
                inner = (*enclosing, indentation(child.lineno, child.col_offset))
                visit(child, f"{prefix}{child.name}.<locals>.", inner)
            elif isinstance(child, (ast.stmt, ast.excepthandler)):
                visit(
                    child,
                    prefix,
                    (*enclosing, indentation(child.lineno, child.col_offset)),
                )
            elif type(child).__name__ == "match_case":
                pattern = child.pattern  # type: ignore[attr-defined]
                visit(
                    child,
                    prefix,
                    (*enclosing, indentation(pattern.lineno, pattern.col_offset)),
                )

    visit(tree, "", ())
    yield from found


# the fields that hold statements (or handlers, or match cases): classes live
# only in statement bodies, so the search never looks into expressions
STATEMENT_FIELDS = frozenset({"body", "handlers", "orelse", "finalbody", "cases"})


def statement_children(node: ast.AST) -> list[ast.AST]:
    """The statements, handlers and cases directly inside `node`, in order."""
    found: list[ast.AST] = []
    if not isinstance(node, (ast.stmt, ast.mod, ast.excepthandler, ast.match_case)):
        return found
    for name in node._fields:
        if name in STATEMENT_FIELDS:
            value = getattr(node, name, None)
            if type(value) is list:
                found.extend(v for v in value if isinstance(v, ast.AST))
    return found


def _count_classes(
    node: ast.ClassDef, prefix: str, occurrences: dict[str, int]
) -> None:
    """Count a class and every class inside it, in the order the transformer will."""
    stack: list[tuple[ast.AST, str]] = [(node, prefix)]
    while stack:
        current, current_prefix = stack.pop()
        inner = current_prefix
        if isinstance(current, ast.ClassDef):
            name = current_prefix + current.name
            occurrences[name] = occurrences.get(name, 0) + 1
            inner = name + "."
        elif isinstance(current, (ast.FunctionDef, ast.AsyncFunctionDef)):
            inner = f"{current_prefix}{current.name}.<locals>."
        children = statement_children(current)
        stack.extend((c, inner) for c in reversed(children))


def preferred_quote(tree: ast.Module, source: bytes) -> str:
    """The quote the file uses for most one-line strings (double on a tie)."""
    lines = source.splitlines()
    counts = {'"': 0, "'": 0}
    seen = 0
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Constant) and isinstance(node.value, str)):
            continue
        line = lines[node.lineno - 1] if node.lineno - 1 < len(lines) else b""
        start = line[node.col_offset : node.col_offset + 6].lstrip(b"rRbBuUfF")
        if start[:3] in (b'"""', b"'''") or start[:1] not in (b'"', b"'"):
            continue
        counts[start[:1].decode()] += 1
        seen += 1
        if seen >= QUOTE_SAMPLE:
            break
    return "'" if counts["'"] > counts['"'] else '"'


def check_equivalent(
    before: bytes,
    old_classes: list[ast.ClassDef],
    after: bytes,
    edited: frozenset[tuple[str, int]],
) -> str | None:
    """None when `after` parses, is byte-identical to `before` outside the
    edited classes, and the edited classes mean the same once their slots
    edits are undone (black's safety check, narrowed to what changed).

    `old_classes` are the outermost class statements of `before` with an
    edit requested (`edited`), applied or not.
    """
    try:
        with warnings.catch_warnings():
            warnings.simplefilter(
                "ignore"
            )  # the code's own warnings are not ours to print
            new_tree = ast.parse(after)
    except (SyntaxError, ValueError) as error:
        return f"does not parse ({error})"
    new_classes = [located.node for located in _outermost_edited(new_tree, set(edited))]
    if len(old_classes) != len(new_classes):
        return "lost or added a class"
    for old, new in zip(old_classes, new_classes, strict=True):
        if not same_meaning(old, new):
            return f"changed the meaning of class {old.name}"
    if _outside(before, old_classes) != _outside(after, new_classes):
        return "changed code outside the edited classes"
    return None


def _outside(source: bytes, classes: list[ast.ClassDef]) -> list[bytes]:
    """The source lines around the given classes (decorators included)."""
    lines = source.splitlines(keepends=True)
    pieces: list[bytes] = []
    cursor = 0
    for cls in classes:
        start = (cls.decorator_list[0].lineno if cls.decorator_list else cls.lineno) - 1
        end = cls.end_lineno or cls.lineno
        pieces.append(b"".join(lines[cursor:start]))
        cursor = end
    pieces.append(b"".join(lines[cursor:]))
    return pieces
