"""What an expression denotes, as far as the summary can name it: the key a
store and the reads before it share (`rows[i - 1].text`), a receiver's text
for messages, `type(x)` tests, and the expressions that suspend a frame."""

from __future__ import annotations

import ast

from autoslot.summary.flow_scope import FlowScope
from autoslot.summary.names import dotted_name

# The special method each operator may call on its left operand (the right
# operand's reflected method is looked up from it by the solver).


def is_literal_method(func: ast.expr) -> bool:
    """`"sep".join`, `b"%d".__mod__`: a method of a str or bytes literal."""
    return (
        type(func) is ast.Attribute
        and type(func.value) is ast.Constant
        and type(func.value.value) in (str, bytes)
    )


def expression_key(node: ast.expr, scope: FlowScope) -> tuple[int | str, ...] | None:
    """`rows[-1].cell` as (the version of `rows`, "[]-1", ".cell"): the same
    key means the same object while nothing runs in between; None for other
    expressions."""
    steps: list[str] = []
    while len(steps) < 4:
        kind = type(node)
        if kind is ast.Attribute:
            steps.append("." + node.attr)  # type: ignore[attr-defined]
            node = node.value  # type: ignore[attr-defined]
        elif kind is ast.Subscript:
            index = index_step(node.slice, scope)  # type: ignore[attr-defined]
            if index is None:
                return None
            steps.append(index)
            node = node.value  # type: ignore[attr-defined]
        elif kind is ast.Name:
            var = name_version(node.id, scope)  # type: ignore[attr-defined]
            return None if var is None else (var, *reversed(steps))
        else:
            return None
    return None


def name_version(name: str, scope: FlowScope) -> int | None:
    """The version of a local name, while it is not written again; None for
    names another scope may rebind."""
    versions = scope.versions
    if versions is None or name in scope.declared_global:
        return None
    var = versions.get(name)
    if var is None and name in scope.bound and name not in scope.declared_nonlocal:
        var = scope.names[name]  # a parameter not written since
    return var


def index_step(node: ast.expr, scope: FlowScope) -> str | None:
    """`[-1]`, `["key"]`, `[i]`, `[i - 1]` as a step of an expression key: a
    local index counts by its version, so writing it again changes the key."""
    constant = constant_index(node)
    if constant is not None:
        return constant
    offset = ""
    if (
        type(node) is ast.BinOp
        and type(node.op) in (ast.Add, ast.Sub)
        and type(node.right) is ast.Constant
        and type(node.right.value) is int
    ):
        offset = f"{'+' if type(node.op) is ast.Add else '-'}{node.right.value}"
        node = node.left
    if type(node) is ast.Name:
        var = name_version(node.id, scope)
        if var is not None:
            return f"[]@{var}{offset}"
    return None


def constant_index(node: ast.expr) -> str | None:
    """`[-1]`, `[0]`, `["key"]` as a step of an expression key."""
    if (
        type(node) is ast.UnaryOp
        and type(node.op) is ast.USub
        and type(node.operand) is ast.Constant
    ):
        node = node.operand
        sign = "-"
    else:
        sign = ""
    if type(node) is ast.Constant and type(node.value) in (int, str):
        return f"[]{sign}{node.value!r}"
    return None


# other code runs while the function waits
SUSPENDING = (ast.Await, ast.Yield, ast.YieldFrom)


def receiver_text(node: ast.expr) -> str:
    """The receiver as written, short enough for a message."""
    dotted = dotted_name(node)
    if dotted is not None:
        return dotted
    if isinstance(node, ast.Call):
        inner = dotted_name(node.func)
        return f"{inner}(...)" if inner else "<expression>"
    return "<expression>"


def is_type_of(node: ast.expr, instance: str) -> bool:
    """`type(self)` or `self.__class__`."""
    if isinstance(node, ast.Call):
        return (
            isinstance(node.func, ast.Name)
            and node.func.id == "type"
            and len(node.args) == 1
            and isinstance(node.args[0], ast.Name)
            and node.args[0].id == instance
        )
    return (
        isinstance(node, ast.Attribute)
        and node.attr == "__class__"
        and isinstance(node.value, ast.Name)
        and node.value.id == instance
    )
