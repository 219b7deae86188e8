"""Whether an edited class means what the original did, once the slots
edits are undone: the structural half of the rewrite's safety check.

A class tree is reduced to a digest of what `ast.dump` would show of it
(fields only, no positions), built without recursion and without touching
the tree: a `__slots__` statement or a placeholder (`pass`, `...`) in a
class body is left out, and so are the `slots`/`weakref_slot` keywords of a
class decorator; a class's docstring counts on its own (an edit must not put
a statement before it). A digest, not a second tree, is kept while the new
source is parsed: a file with thousands of classes would otherwise hold two
whole trees at once.
"""

from __future__ import annotations

import ast
import hashlib
from typing import Any

SLOT_KEYWORDS = ("slots", "weakref_slot")


class _Token(str):
    """A delimiter in the stack of what is left to write (never a value)."""


CLOSE_NODE = _Token(")")
CLOSE_LIST = _Token("]")


def same_meaning(old: ast.AST, new: ast.AST) -> bool:
    return meaning(old) == meaning(new)


def meaning(tree: ast.AST) -> bytes:
    """A digest of the tree as `ast.dump` sees it, slots edits undone."""
    hashed = hashlib.blake2b(digest_size=20)
    parts: list[str] = []
    stack: list[Any] = [tree]
    while stack:
        item = stack.pop()
        kind = type(item)
        if kind is _Token:
            parts.append(item)
        elif isinstance(item, ast.AST):
            # a node's type fixes its fields, so their names need not be written
            parts.append(kind.__name__ + "(")
            stack.append(CLOSE_NODE)
            values = (
                _class_fields(item)
                if isinstance(item, ast.ClassDef)
                else [getattr(item, name, None) for name in item._fields]
            )
            stack.extend(reversed(values))
        elif kind is list:
            parts.append("[")
            stack.append(CLOSE_LIST)
            stack.extend(reversed(item))
        else:  # as ast.dump sees them: 0.0 and -0.0 differ, 1 and True too
            parts.append(repr(item) + ",")
        if len(parts) > 4096:
            hashed.update("".join(parts).encode("utf-8", "surrogatepass"))
            parts.clear()
    hashed.update("".join(parts).encode("utf-8", "surrogatepass"))
    return hashed.digest()


def _class_fields(node: ast.ClassDef) -> list[Any]:
    values: list[Any] = [docstring(node)]
    for name in node._fields:
        value: Any = getattr(node, name, None)
        if name == "body":
            value = [s for s in value if not is_slots_or_placeholder(s)]
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
