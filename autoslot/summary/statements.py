"""The statements of a body, one handler per kind, for the Walker."""

from __future__ import annotations

import ast
from collections.abc import Callable
from typing import TYPE_CHECKING

from autoslot.summary.blocks import compound_statement
from autoslot.summary.doctests import PROMPT
from autoslot.summary.expression_keys import name_version
from autoslot.summary.expression_kinds import BINARY_METHODS
from autoslot.summary.frames import (
    Frame,
)
from autoslot.summary.names import mangle
from autoslot.summary.shapes import CLASS_SHAPE, is_class_of

if TYPE_CHECKING:
    from autoslot.summary.walk import Walker


# statements -----------------------------------------------------------------
StatementHandler = Callable[["Walker", ast.stmt, Frame], None]


def _expr(w: Walker, node: ast.Expr, frame: Frame) -> None:
    value = node.value
    if type(value) is ast.Constant and type(value.value) is str:
        if PROMPT in value.value:
            w.doctest(value.value, value.lineno, frame)
        return
    w.value(value, frame)


def _assign(w: Walker, node: ast.Assign, frame: Frame) -> None:
    value = node.value
    if (
        type(value) is ast.Constant
        and type(value.value) is str
        and PROMPT in value.value
    ):
        # `_dis_test = """>>> ..."""` run through `__test__` (pickletools):
        # examples in a string a name holds are doctests too
        w.doctest(value.value, value.lineno, frame)
    owner = frame.owner
    if owner is not None and frame.instance is not None:
        # slots follow the order names first appear in the source: a target
        # comes before what its value's lambdas and comprehensions store
        for target in node.targets:
            if (
                isinstance(target, ast.Attribute)
                and isinstance(target.value, ast.Name)
                and target.value.id == frame.instance
                and target.attr not in ("__class__", "__dict__")
            ):
                owner.store(mangle(target.attr, owner.name), node.lineno, frame.method)
    held = w.value(node.value, frame)
    for target in node.targets:
        w.assign(target, held, frame)
    function = frame.function
    if function is not None and is_class_of(value):
        # `cls = type(item)`: whatever cls holds is a class object
        for target in node.targets:
            if type(target) is ast.Name:
                var = name_version(target.id, frame.scope)
                if var is not None:
                    function.read(var, CLASS_SHAPE)


def _annassign(w: Walker, node: ast.AnnAssign, frame: Frame) -> None:
    target = node.target
    if node.value is not None:
        w.assign(target, w.value(node.value, frame), frame)
    elif isinstance(target, ast.Name):
        frame.scope.bind(target.id)  # a declaration: the value is as it was
    elif (
        isinstance(target, ast.Attribute)
        and frame.owner is not None
        and isinstance(target.value, ast.Name)
        and target.value.id == frame.instance
    ):
        # `self.x: int` declares the attribute: a slot for it is harmless
        frame.owner.store(
            mangle(target.attr, frame.owner.name), node.lineno, frame.method
        )


def _augassign(w: Walker, node: ast.AugAssign, frame: Frame) -> None:
    builder = w.builder
    target = node.target
    operand = w.value(node.value, frame)
    method = "__i" + _binary_method(node.op)[2:]
    if isinstance(target, ast.Name):
        current = frame.scope.read(target.id)
        result = builder.operator((current, operand), method)
        builder.copy(frame.scope.write(target.id), result)
    elif isinstance(target, ast.Attribute):
        # `x.count += 1` reads only what it writes: it does not make the name
        # one the module reads (a misspelt `self._conut += 1` is still a typo)
        already_read = target.attr in w.reads
        current = w.attribute(
            ast.Attribute(target.value, target.attr, ast.Load(), lineno=node.lineno),
            frame,
        )
        if not already_read:
            w.reads.discard(target.attr)
        result = builder.operator((current, operand), method)
        w.store_attribute(target, result, frame, read_first=True)
    elif isinstance(target, ast.Subscript):
        base = w.value(target.value, frame)
        w.value(target.slice, frame)
        current = builder.subscript(base)
        w.put_into(
            target.value, base, builder.operator((current, operand), method), frame
        )


def _binary_method(op: ast.operator) -> str:
    return BINARY_METHODS[type(op)]


def _raise(w: Walker, node: ast.Raise, frame: Frame) -> None:
    if node.exc is not None:
        w.value(node.exc, frame)
    if node.cause is not None:
        w.value(node.cause, frame)


def _return(w: Walker, node: ast.Return, frame: Frame) -> None:
    if node.value is not None:
        held = w.value(node.value, frame)
        if frame.function is not None:
            w.builder.copy(frame.function.returns, held)
            frame.function.returned.append(node.value)


def _delete(w: Walker, node: ast.Delete, frame: Frame) -> None:
    if frame.function is not None:
        frame.function.forget_expressions()
    for target in node.targets:
        if isinstance(target, ast.Name):
            frame.scope.bind(target.id)
            frame.scope.forget([target.id])
        elif isinstance(target, ast.Attribute):
            w.value(target.value, frame)
        elif isinstance(target, ast.Subscript):
            w.value(target.value, frame)
            w.value(target.slice, frame)


def _global(w: Walker, node: ast.Global, frame: Frame) -> None:
    frame.scope.declared_global.update(node.names)


def _nonlocal(w: Walker, node: ast.Nonlocal, frame: Frame) -> None:
    frame.scope.declared_nonlocal.update(node.names)


def _import(w: Walker, node: ast.Import, frame: Frame) -> None:
    for alias in node.names:
        if alias.asname:
            var = frame.scope.write(alias.asname)
            w.builder.imports.append((var, alias.name, "", 0))
        else:
            head = alias.name.split(".")[0]
            var = frame.scope.write(head)
            w.builder.imports.append((var, head, "", 0))


def _import_from(w: Walker, node: ast.ImportFrom, frame: Frame) -> None:
    module = node.module or ""
    for alias in node.names:
        if alias.name == "*":
            w.builder.star_imports.append((module, node.level))
            continue
        var = frame.scope.write(alias.asname or alias.name)
        w.builder.imports.append((var, module, alias.name, node.level))


def _function_def(
    w: Walker, node: ast.FunctionDef | ast.AsyncFunctionDef, frame: Frame
) -> None:
    held = w.function(node, frame)
    w.builder.copy(frame.scope.write(node.name), held)


def _class_def(w: Walker, node: ast.ClassDef, frame: Frame) -> None:
    held = w.on_class(node, frame.qualprefix, frame.scope, True)
    w.builder.copy(frame.scope.write(node.name), held)


def _assert(w: Walker, node: ast.Assert, frame: Frame) -> None:
    w.value(node.test, frame)
    if node.msg is not None:
        w.value(node.msg, frame)


STATEMENTS: dict[type, StatementHandler] = {
    ast.Expr: _expr,  # type: ignore[dict-item]
    ast.Assign: _assign,  # type: ignore[dict-item]
    ast.AnnAssign: _annassign,  # type: ignore[dict-item]
    ast.AugAssign: _augassign,  # type: ignore[dict-item]
    ast.For: compound_statement,
    ast.AsyncFor: compound_statement,
    ast.While: compound_statement,
    ast.If: compound_statement,
    ast.With: compound_statement,
    ast.AsyncWith: compound_statement,
    ast.Try: compound_statement,
    ast.Match: compound_statement,
    ast.Raise: _raise,  # type: ignore[dict-item]
    ast.Return: _return,  # type: ignore[dict-item]
    ast.Delete: _delete,  # type: ignore[dict-item]
    ast.Global: _global,  # type: ignore[dict-item]
    ast.Nonlocal: _nonlocal,  # type: ignore[dict-item]
    ast.Import: _import,  # type: ignore[dict-item]
    ast.ImportFrom: _import_from,  # type: ignore[dict-item]
    ast.FunctionDef: _function_def,  # type: ignore[dict-item]
    ast.AsyncFunctionDef: _function_def,  # type: ignore[dict-item]
    ast.ClassDef: _class_def,  # type: ignore[dict-item]
    ast.Assert: _assert,  # type: ignore[dict-item]
}
if hasattr(ast, "TryStar"):
    STATEMENTS[ast.TryStar] = compound_statement
