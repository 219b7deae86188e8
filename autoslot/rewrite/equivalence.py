"""Whether an edited class means what the original did, once the slots
edits are undone: the structural half of the rewrite's safety check.

A class tree is reduced to a flat list of what `ast.dump` would show of it
(node types and field values, no positions), built without recursion and
without touching the tree: a `__slots__` statement or a placeholder (`pass`,
`...`) in a class body is left out, and so are the `slots`/`weakref_slot`
keywords of a class decorator; a class's docstring counts on its own (an
edit must not put a statement before it). The list, not the tree, is kept
while the new classes are parsed: a file with thousands of classes would
otherwise hold two trees at once.

The statements of an edited class's body are mostly the lines they were
(an edit adds a statement or changes the class's header), and a statement
whose lines and columns are the same text parses to the same tree: so a
class is compared as its `Shape`, the meaning of all but its body, and each
statement of its body as its text, whose meaning is compared only where
the texts differ. Each is the same answer as comparing the meanings of the
whole classes, without walking the trees of the statements left alone.
"""

from __future__ import annotations

import ast
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

SLOT_KEYWORDS = ("slots", "weakref_slot")
DEFINITIONS = (ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)
AST = ast.AST


def same_meaning(old: ast.AST, new: ast.AST) -> bool:
    return meaning(old) == meaning(new)


def meaning(tree: ast.AST | list[Any]) -> list[Any]:
    """The tree as `ast.dump` sees it, slots edits undone, as a flat list.

    Each value follows its type, so 1 and True differ; a list follows its
    length, so the flat form reads back one way only. A float or complex
    value is written as its repr, as ast.dump does: 0.0 and -0.0 differ.
    """
    found: list[Any] = []
    write = found.append
    stack: list[Any] = [tree]
    pop = stack.pop
    push_all = stack.extend
    while stack:
        item = pop()
        kind = type(item)
        if kind is list:
            write(list)
            write(len(item))
            push_all(reversed(item))
        elif isinstance(item, AST):
            # a node's type fixes its fields, so their names need not be written
            write(kind)
            if isinstance(item, ast.ClassDef):
                push_all(reversed(_class_fields(item)))
            else:
                push_all([getattr(item, name, None) for name in reversed(item._fields)])
        else:
            write(kind)
            write(repr(item) if kind is float or kind is complex else item)
    return found


# a statement's lines, and the columns of its start in the first and its end
# in the last (in UTF-8 bytes, so the same for the same lines)
StatementText = tuple[int, int, str]


@dataclass(frozen=True, slots=True)
class Shape:
    """A class as the check compares it: the meaning of its fields but the
    body, and the text of each statement of its body that `meaning` keeps."""

    head: list[Any]
    body: list[StatementText]


def shape(node: ast.ClassDef, lines: Sequence[str]) -> Shape:
    """`lines` are those the tree's line numbers count (the first is 1)."""
    head = meaning(_class_fields(node, with_body=False))
    return Shape(head, [_text(s, lines) for s in kept_statements(node)])


def kept_statements(node: ast.ClassDef) -> list[ast.stmt]:
    return [s for s in node.body if not is_slots_or_placeholder(s)]


def _text(statement: ast.stmt, lines: Sequence[str]) -> StatementText:
    start: ast.AST = statement
    if isinstance(statement, DEFINITIONS) and statement.decorator_list:
        start = statement.decorator_list[0]
    line, column = start.lineno, start.col_offset  # type: ignore[attr-defined]
    end_line = statement.end_lineno or statement.lineno
    text = "".join(lines[line - 1 : end_line])
    return (column, statement.end_col_offset or 0, text)


def _class_fields(node: ast.ClassDef, with_body: bool = True) -> list[Any]:
    values: list[Any] = [docstring(node)]
    for name in node._fields:
        value: Any = getattr(node, name, None)
        if name == "body":
            if not with_body:
                continue
            value = kept_statements(node)
        elif name == "decorator_list":
            value = [without_slot_keywords(d) for d in value]
        values.append(value)
    return values


def docstring(node: ast.ClassDef) -> str | None:
    first = node.body[0] if node.body else None
    if (
        isinstance(first, ast.Expr)
        and isinstance(first.value, ast.Constant)
        and isinstance(first.value.value, str)
    ):
        return first.value.value
    return None


def is_slots_or_placeholder(statement: ast.stmt) -> bool:
    if isinstance(statement, ast.Pass):
        return True
    if isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Constant):
        return statement.value.value is Ellipsis
    targets: list[ast.expr] = []
    if isinstance(statement, ast.Assign):
        targets = statement.targets
    elif isinstance(statement, ast.AnnAssign):
        targets = [statement.target]
    return any(isinstance(t, ast.Name) and t.id == "__slots__" for t in targets)


def without_slot_keywords(decorator: ast.expr) -> ast.expr:
    """The decorator as if it had no slots keywords (a new node; the tree is kept)."""
    if not isinstance(decorator, ast.Call):
        return decorator
    keywords = [k for k in decorator.keywords if k.arg not in SLOT_KEYWORDS]
    if not decorator.args and not keywords:
        return decorator.func
    if len(keywords) == len(decorator.keywords):
        return decorator
    return ast.Call(func=decorator.func, args=decorator.args, keywords=keywords)
