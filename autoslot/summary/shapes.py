"""What a statement proves about the object it stores on, besides the
attributes the code read on it first.

`exc.__cause__ = err` followed by `raise exc` can only run on an
exception: raising anything else fails with TypeError, so working code
never reaches that store with an instance of another class. The store is
then read as one that needs what every exception has (`__traceback__`),
and placing it by shape leaves every other class out of it.

`type(item).count = 0` (or through `item.__class__`, or a name bound to
either) stores on a class object: the store needs what only classes have
(`__mro__`), so no instance can be its receiver, and decide weighs it
against the classes whose slots a class attribute would replace.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator

# what reading it first on the receiver proves: only exceptions (and
# exception classes) have it, and everything raised has it
RAISED_SHAPE = "__traceback__"
# what reading it first proves: the receiver is a class object
CLASS_SHAPE = "__mro__"


def is_class_of(node: ast.expr) -> bool:
    """`type(x)` with one argument, or `x.__class__`."""
    if type(node) is ast.Attribute:
        return node.attr == "__class__"
    return (
        type(node) is ast.Call
        and type(node.func) is ast.Name
        and node.func.id == "type"
        and len(node.args) == 1
        and not node.keywords
    )


def stores_before_raise(body: list[ast.stmt]) -> Iterator[ast.Attribute]:
    """The targets of `name.attr = value` statements that run straight into
    `raise name`. Only the last such store may have any value; the ones
    before it need plain values (names, constants), so that nothing between
    a store and the raise can leave the block first."""
    for index, statement in enumerate(body):
        if type(statement) is not ast.Raise or type(statement.exc) is not ast.Name:
            continue
        name = statement.exc.id
        later_values_plain = True
        for earlier in reversed(body[:index]):
            target = _store_on(earlier, name)
            if target is None or not later_values_plain:
                break
            yield target
            value = earlier.value  # type: ignore[attr-defined]
            later_values_plain = type(value) in (ast.Name, ast.Constant)


def _store_on(statement: ast.stmt, name: str) -> ast.Attribute | None:
    if type(statement) is not ast.Assign or len(statement.targets) != 1:
        return None
    target = statement.targets[0]
    if (
        type(target) is ast.Attribute
        and type(target.value) is ast.Name
        and target.value.id == name
    ):
        return target
    return None
