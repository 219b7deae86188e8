"""Whether an edited class means what the original did, once the slots edits
are undone: the structural half of the rewrite's safety check.

The two class trees are compared node by node, as `ast.dump` would compare
them (fields only, no positions), but without building the dumps and without
touching the trees: a `__slots__` statement or a placeholder (`pass`, `...`)
in a class body is left out, and so are the `slots`/`weakref_slot` keywords
of a class decorator.
"""

from __future__ import annotations

import ast
from typing import Any

SLOT_KEYWORDS = ("slots", "weakref_slot")


def same_meaning(old: ast.AST, new: ast.AST) -> bool:
    stack: list[tuple[Any, Any]] = [(old, new)]
    while stack:
        a, b = stack.pop()
        if a is b:
            continue
        kind = type(a)
        if kind is not type(b):
            return False
        if isinstance(a, ast.AST):
            if isinstance(a, ast.ClassDef):
                stack.extend(_class_fields(a, b))
                continue
            for name in a._fields:
                stack.append((getattr(a, name, None), getattr(b, name, None)))
        elif kind is list:
            if len(a) != len(b):
                return False
            stack.extend(zip(a, b, strict=True))
        elif kind is str:
            if a != b:
                return False
        elif repr(a) != repr(b):  # as ast.dump sees them: 0.0 and -0.0 differ
            return False
    return True


def _class_fields(old: ast.ClassDef, new: ast.ClassDef) -> list[tuple[Any, Any]]:
    pairs: list[tuple[Any, Any]] = []
    for name in old._fields:
        a: Any = getattr(old, name, None)
        b: Any = getattr(new, name, None)
        if name == "body":
            a = [s for s in a if not is_slots_or_placeholder(s)]
            b = [s for s in b if not is_slots_or_placeholder(s)]
        elif name == "decorator_list":
            a = [without_slot_keywords(d) for d in a]
            b = [without_slot_keywords(d) for d in b]
        pairs.append((a, b))
    return pairs


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
