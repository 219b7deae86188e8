"""Small helpers over `ast` expressions: dotted names, references, mangling."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from autoslot.summary.model import ExprRef


def dotted_name(node: ast.expr) -> str | None:
    """`a.b.c` for a chain of attribute loads on a name, else None."""
    parts: list[str] = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if not isinstance(node, ast.Name):
        return None
    parts.append(node.id)
    return ".".join(reversed(parts))


def expr_ref(node: ast.expr) -> ExprRef:
    """Describe a base, decorator or keyword value without keeping the tree."""
    core = node
    called = subscripted = False
    call_keywords: tuple[tuple[str, str], ...] = ()
    if isinstance(core, ast.Call):
        called = True
        call_keywords = tuple(
            (kw.arg, _text(kw.value)) for kw in core.keywords if kw.arg is not None
        )
        core = core.func
    if isinstance(core, ast.Subscript):
        subscripted = True
        core = core.value
    dotted = dotted_name(core)
    text = dotted if dotted is not None and core is node else _text(node)
    return ExprRef(dotted, text, subscripted, called, call_keywords)


def _text(node: ast.expr) -> str:
    dotted = dotted_name(node)
    if dotted is not None:
        return dotted
    if isinstance(node, ast.Constant):
        return repr(node.value)
    return ast.unparse(node)


def mangle(name: str, class_name: str | None) -> str:
    """The name CPython stores for `name` written inside class `class_name`."""
    if class_name is None or not name.startswith("__") or name.endswith("__"):
        return name
    stripped = class_name.lstrip("_")
    if not stripped:
        return name
    return f"_{stripped}{name}"


def slot_spelling(stored_name: str, class_name: str) -> str | None:
    """How to write `stored_name` in the `__slots__` of `class_name`.

    CPython mangles private names inside `__slots__` too, so `_Foo__x` is
    written `__x` in class Foo. Returns None for a name that no spelling can
    produce (a literal `"__x"` stored with setattr cannot be a slot).
    """
    stripped = class_name.lstrip("_")
    prefix = f"_{stripped}__"
    if stripped and stored_name.startswith(prefix) and not stored_name.endswith("__"):
        return "__" + stored_name[len(prefix) :]
    if mangle(stored_name, class_name) != stored_name:
        return None
    return stored_name


def nested_blocks(stmt: ast.stmt) -> Iterator[list[ast.stmt]]:
    """The statement lists nested in an if/try/with/for/while at body level."""
    if isinstance(stmt, (ast.If, ast.For, ast.AsyncFor, ast.While)):
        yield stmt.body
        yield stmt.orelse
    elif isinstance(stmt, (ast.With, ast.AsyncWith)):
        yield stmt.body
    elif isinstance(stmt, ast.Try) or type(stmt).__name__ == "TryStar":
        yield stmt.body  # type: ignore[attr-defined]
        for handler in stmt.handlers:  # type: ignore[attr-defined]
            yield handler.body
        yield stmt.orelse  # type: ignore[attr-defined]
        yield stmt.finalbody  # type: ignore[attr-defined]


def target_names(target: ast.expr) -> Iterator[str]:
    if isinstance(target, ast.Name):
        yield target.id
    elif isinstance(target, (ast.Tuple, ast.List)):
        for element in target.elts:
            yield from target_names(element)
    elif isinstance(target, ast.Starred):
        yield from target_names(target.value)
