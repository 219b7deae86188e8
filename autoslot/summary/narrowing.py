"""Type tests that narrow a name inside a branch.

`if isinstance(node, Leaf): node.parent = tree` stores on a Leaf, whatever
else `node` may be elsewhere; `if type(result) is ConvertingDict:` likewise.
Inside the branch the name gets a variable of its own, holding only what
passes the test (the solver keeps the objects of those classes, and turns
an object of unknown origin into an instance of one of them). An `if not
isinstance(x, C): return` narrows the rest of the block.
"""

from __future__ import annotations

import ast

from autoslot.summary.names import dotted_name

Narrowed = dict[str, tuple[str, ...]]


def narrowed(test: ast.expr) -> tuple[Narrowed, Narrowed]:
    """The names the test narrows in its true branch, and in its false one."""
    if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
        when_true, when_false = narrowed(test.operand)
        return when_false, when_true
    if isinstance(test, ast.BoolOp) and isinstance(test.op, ast.And):
        found: Narrowed = {}
        for value in test.values:
            found.update(narrowed(value)[0])
        return found, {}
    single = _type_test(test)
    if single is None:
        return {}, {}
    name, classes = single
    return {name: classes}, {}


def _type_test(test: ast.expr) -> tuple[str, tuple[str, ...]] | None:
    if isinstance(test, ast.Call):
        if (
            dotted_name(test.func) == "isinstance"
            and len(test.args) == 2
            and isinstance(test.args[0], ast.Name)
        ):
            classes = _classes(test.args[1])
            if classes:
                return test.args[0].id, classes
        return None
    if (
        isinstance(test, ast.Compare)
        and len(test.ops) == 1
        and isinstance(test.ops[0], (ast.Is, ast.Eq, ast.In))
    ):
        subject = _type_subject(test.left)
        if subject is not None:
            classes = _classes(test.comparators[0])
            if classes:
                return subject, classes
    return None


def _type_subject(node: ast.expr) -> str | None:
    """`type(x)` or `x.__class__`: the name x."""
    if (
        isinstance(node, ast.Call)
        and dotted_name(node.func) == "type"
        and len(node.args) == 1
        and isinstance(node.args[0], ast.Name)
    ):
        return node.args[0].id
    if (
        isinstance(node, ast.Attribute)
        and node.attr == "__class__"
        and isinstance(node.value, ast.Name)
    ):
        return node.value.id
    return None


def _classes(node: ast.expr) -> tuple[str, ...]:
    """Dotted names of the classes tested for; () when one is not a name."""
    items = node.elts if isinstance(node, (ast.Tuple, ast.List, ast.Set)) else [node]
    names = [dotted_name(item) for item in items]
    if not names or any(n is None for n in names):
        return ()
    return tuple(n for n in names if n is not None)


def exits(body: list[ast.stmt]) -> bool:
    """Whether a block always leaves (return, raise, continue, break) at its end."""
    return bool(body) and isinstance(
        body[-1], (ast.Return, ast.Raise, ast.Continue, ast.Break)
    )
