"""Methods whose every result is their own instance, or a copy of it.

`return self` (fluent APIs), `cpy = copy.copy(self); ...; return cpy` and
`return type(self)(...)` give the caller an object of the receiver's class.
The value flow is not context-sensitive, so without this a method of a base
class returns instances of every subclass to every caller; with it, a call
on a known receiver returns that receiver's class (see flow/calls.py).

Judged on syntax alone, and conservatively: every `return` with a value
must be such an expression, the receiver's name is never rebound, and a
name returned in its stead is bound exactly once, by such an expression.
"""

from __future__ import annotations

import ast
from collections import Counter

# what a method returns, when it is one of these
IDENTITY = "self"  # the receiver itself
SAME_CLASS = "class"  # an object of the receiver's class (a copy, `type(self)(...)`)

COPIERS = frozenset({"copy.copy", "copy.deepcopy"})
CASTS = frozenset({"cast", "typing.cast"})
WRAPPERS = CASTS | COPIERS
NAMED_SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)


def receiver_result(
    node: ast.FunctionDef,
    receiver: str,
    walked_returns: list[ast.expr],
    is_generator: bool,
) -> str:
    """IDENTITY, SAME_CLASS, or "" when some result may be anything else.
    `walked_returns` are the values of the `return` statements the summary
    walked in the function's own body, and `is_generator` whether it met a
    `yield` there: only a name or a call can be the receiver or its copy, so
    most methods are answered without walking the function again."""
    if (
        is_generator
        or not walked_returns
        or not all(map(_may_be_derived, walked_returns))
    ):
        return ""
    names = _Bindings(node)
    if names.count[receiver]:
        return ""
    kinds = {names.derived(value, receiver, 0) for value in walked_returns}
    if "" in kinds:
        return ""
    return SAME_CLASS if SAME_CLASS in kinds else IDENTITY


def _may_be_derived(value: ast.expr) -> bool:
    """Whether `_Bindings.derived` could answer anything but "" for a returned
    value, by its shape alone: a name, or a call of a cast, a copier or the
    receiver's class."""
    if isinstance(value, ast.Name):
        return True
    if not isinstance(value, ast.Call) or value.keywords:
        return False
    func = value.func
    if isinstance(func, ast.Attribute) and func.attr == "__class__":
        return True
    if isinstance(func, ast.Call):
        return _dotted(func.func) == "type"
    return _dotted(func) in WRAPPERS


class _Bindings:
    """How often each name is bound anywhere in the function (nested scopes
    too: a `nonlocal` there rebinds it), and the value of single assignments."""

    __slots__ = ("count", "params", "value")

    def __init__(self, node: ast.FunctionDef) -> None:
        self.count: Counter[str] = Counter()
        self.value: dict[str, ast.expr] = {}
        self.params: set[str] = set()
        for child in ast.walk(node):
            if isinstance(child, ast.Name) and not isinstance(child.ctx, ast.Load):
                self.count[child.id] += 1
            elif isinstance(child, ast.arg):
                self.params.add(child.arg)
            elif isinstance(child, (ast.Global, ast.Nonlocal)):
                self.count.update(dict.fromkeys(child.names, 2))
            elif isinstance(child, (ast.Import, ast.ImportFrom)):
                self.count.update(
                    {(a.asname or a.name).split(".")[0]: 2 for a in child.names}
                )
            elif isinstance(child, NAMED_SCOPES) and child is not node:
                self.count[child.name] += 2
            if isinstance(child, ast.Assign) and len(child.targets) == 1:
                target = child.targets[0]
                if isinstance(target, ast.Name):
                    self.value[target.id] = child.value
            elif (
                isinstance(child, ast.AnnAssign)
                and child.value is not None
                and isinstance(child.target, ast.Name)
            ):
                self.value[child.target.id] = child.value

    def derived(self, expr: ast.expr, receiver: str, depth: int) -> str:
        if depth > 8:
            return ""
        if isinstance(expr, ast.Name):
            if expr.id == receiver:
                return IDENTITY
            if (
                expr.id not in self.params
                and self.count[expr.id] == 1
                and expr.id in self.value
            ):
                return self.derived(self.value[expr.id], receiver, depth + 1)
            return ""
        if not isinstance(expr, ast.Call) or expr.keywords:
            return ""
        callee = _dotted(expr.func)
        if callee in CASTS and len(expr.args) == 2:
            return self.derived(expr.args[1], receiver, depth + 1)
        if callee in COPIERS and len(expr.args) == 1 and not self.count["copy"]:
            inner = self.derived(expr.args[0], receiver, depth + 1)
            return SAME_CLASS if inner else ""
        if self._is_receiver_class(expr.func, receiver):
            return SAME_CLASS
        return ""

    def _is_receiver_class(self, func: ast.expr, receiver: str) -> bool:
        """`type(self)` or `self.__class__`."""
        if isinstance(func, ast.Attribute) and func.attr == "__class__":
            return isinstance(func.value, ast.Name) and func.value.id == receiver
        return (
            isinstance(func, ast.Call)
            and _dotted(func.func) == "type"
            and not self.count["type"]
            and len(func.args) == 1
            and not func.keywords
            and isinstance(func.args[0], ast.Name)
            and func.args[0].id == receiver
        )


def _dotted(node: ast.expr) -> str:
    parts: list[str] = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if not isinstance(node, ast.Name):
        return ""
    parts.append(node.id)
    return ".".join(reversed(parts))
