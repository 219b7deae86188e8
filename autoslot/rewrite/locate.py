"""Where the classes to edit are in a module: the outermost class statements
with an edit, found with `ast`, and what places each in its file (its lines,
the indentation of the blocks around it, its qualified name's prefix and how
many classes of each name came before it, counted as the summariser counts).
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class Located:
    """An outermost edited class statement and what places it in its file."""

    node: ast.ClassDef
    first_line: int  # 1-based, decorators included
    last_line: int
    # indentation of each enclosing block, outermost first
    enclosing: tuple[str, ...]
    qualprefix: str
    occurrence_base: dict[str, int]


def outermost_edited(
    tree: ast.Module, keys: set[tuple[str, int]], lines: list[str] | None = None
) -> Iterator[Located]:
    """The outermost classes with an edit, in source order, located."""
    occurrences: dict[str, int] = {}

    def indentation(line: int, column: int) -> str:
        return lines[line - 1][:column] if lines is not None else ""

    # depth first, in source order, without recursion (a recursive closure
    # is a cycle that keeps every node it found alive until the collector
    # runs: a whole tree, for a big file)
    stack: list[tuple[ast.AST, str, tuple[str, ...]]] = [
        (child, "", ()) for child in reversed(statement_children(tree))
    ]
    while stack:
        child, prefix, enclosing = stack.pop()
        inner_prefix = prefix
        if isinstance(child, ast.ClassDef):
            qualname = prefix + child.name
            occurrence = occurrences.get(qualname, 0)
            if (qualname, occurrence) in keys:
                yield _located(child, prefix, enclosing, occurrences, indentation)
                continue
            occurrences[qualname] = occurrence + 1
            inner_prefix = qualname + "."
        elif isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)):
            inner_prefix = f"{prefix}{child.name}.<locals>."
        where: Any = child
        if type(child).__name__ == "match_case":
            where = child.pattern  # type: ignore[attr-defined]
        elif not isinstance(child, (ast.stmt, ast.excepthandler)):
            continue
        inner = (*enclosing, indentation(where.lineno, where.col_offset))
        stack.extend(
            (grandchild, inner_prefix, inner)
            for grandchild in reversed(statement_children(child))
        )


def _located(
    child: ast.ClassDef,
    prefix: str,
    enclosing: tuple[str, ...],
    occurrences: dict[str, int],
    indentation: Callable[[int, int], str],
) -> Located:
    """Place an edited class, and count it and the classes inside it."""
    first = child.decorator_list[0].lineno if child.decorator_list else child.lineno
    own = indentation(child.lineno, child.col_offset)
    levels = sorted(
        {i for i in enclosing if len(i) < len(own) and own.startswith(i)}, key=len
    )
    # only the names of the classes inside: a copy of every count so far
    # made this quadratic in the number of classes
    inside: dict[str, int] = {}
    count_classes(child, prefix, inside)
    located = Located(
        child,
        first,
        child.end_lineno or child.lineno,
        tuple(levels),
        prefix,
        {n: occurrences[n] for n in inside if n in occurrences},
    )
    for name, count in inside.items():
        occurrences[name] = occurrences.get(name, 0) + count
    return located


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


def count_classes(node: ast.ClassDef, prefix: str, occurrences: dict[str, int]) -> None:
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
