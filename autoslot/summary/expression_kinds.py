"""The expression kinds the ExpressionWalker hands off, one handler each:
operators, displays, subscripts, f-strings, yields, lambdas, comprehensions."""

from __future__ import annotations

import ast
from collections.abc import Callable
from typing import TYPE_CHECKING

from autoslot.summary.flow_model import NOTHING, UNKNOWN
from autoslot.summary.frames import Frame

# The special method each operator may call on its left operand (the right
# operand's reflected method is looked up from it by the solver).

if TYPE_CHECKING:
    from autoslot.summary.exprs import ExpressionWalker


BINARY_METHODS: dict[type, str] = {
    ast.Add: "__add__",
    ast.Sub: "__sub__",
    ast.Mult: "__mul__",
    ast.MatMult: "__matmul__",
    ast.Div: "__truediv__",
    ast.FloorDiv: "__floordiv__",
    ast.Mod: "__mod__",
    ast.Pow: "__pow__",
    ast.LShift: "__lshift__",
    ast.RShift: "__rshift__",
    ast.BitOr: "__or__",
    ast.BitXor: "__xor__",
    ast.BitAnd: "__and__",
}
UNARY_METHODS: dict[type, str] = {
    ast.UAdd: "__pos__",
    ast.USub: "__neg__",
    ast.Invert: "__invert__",
}

Handler = Callable[["ExpressionWalker", ast.AST, Frame], int]


# the other expression kinds ------------------------------------------------
def _binop(w: ExpressionWalker, node: ast.BinOp, frame: Frame) -> int:
    left = w.value(node.left, frame)
    right = w.value(node.right, frame)
    return w.builder.operator((left, right), BINARY_METHODS[type(node.op)])


def _unaryop(w: ExpressionWalker, node: ast.UnaryOp, frame: Frame) -> int:
    operand = w.value(node.operand, frame)
    method = UNARY_METHODS.get(type(node.op))
    if method is None:  # `not x` is a bool
        return NOTHING
    return w.builder.operator((operand,), method)


def _boolop(w: ExpressionWalker, node: ast.BoolOp, frame: Frame) -> int:
    # `a or b` is one of its operands; all but the first may not be evaluated
    first = w.value(node.values[0], frame)
    saved = frame.function.snapshot() if frame.function is not None else None
    rest = w.values(node.values[1:], frame)
    if saved is not None and frame.function is not None:
        if type(node.op) is ast.And:
            frame.function.when_all_true = (node, frame.function.snapshot())
        frame.function.restore(saved)
    return w.builder.union([first, *rest])


def _compare(w: ExpressionWalker, node: ast.Compare, frame: Frame) -> int:
    w.value(node.left, frame)
    w.values(node.comparators, frame)
    return NOTHING


def _ifexp(w: ExpressionWalker, node: ast.IfExp, frame: Frame) -> int:
    w.value(node.test, frame)
    saved = frame.function.snapshot() if frame.function is not None else None
    held = w.builder.union([w.value(node.body, frame), w.value(node.orelse, frame)])
    if saved is not None and frame.function is not None:
        frame.function.restore(saved)
    return held


def _display(
    w: ExpressionWalker, node: ast.List | ast.Tuple | ast.Set, frame: Frame
) -> int:
    items = node.elts
    if not items:
        return w.builder.container()
    held: list[tuple[bool, int]] = []
    for item in items:
        if type(item) is ast.Starred:
            held.append((True, w.value(item.value, frame)))
        else:
            held.append((False, w.value(item, frame)))
    container = w.builder.container()
    for starred, var in held:
        w.builder.gather(container, w.builder.iterate(var) if starred else var)
    return container


def _dict(w: ExpressionWalker, node: ast.Dict, frame: Frame) -> int:
    container = w.builder.container()
    for key, item in zip(node.keys, node.values, strict=True):
        held = w.value(item, frame)
        if key is None:  # `**mapping`: its keys and values
            w.builder.gather(container, held)
        else:
            w.builder.gather(container, w.value(key, frame))
            w.builder.gather(container, held)
    return container


def _subscript(w: ExpressionWalker, node: ast.Subscript, frame: Frame) -> int:
    base = w.value(node.value, frame)
    w.value(node.slice, frame)
    return w.builder.subscript(base)


def _starred(w: ExpressionWalker, node: ast.Starred, frame: Frame) -> int:
    return w.value(node.value, frame)


def _await(w: ExpressionWalker, node: ast.Await, frame: Frame) -> int:
    # a coroutine function's call stands for its result (see the solver)
    return w.value(node.value, frame)


def _yield(w: ExpressionWalker, node: ast.Yield, frame: Frame) -> int:
    held = w.value(node.value, frame) if node.value is not None else NOTHING
    if frame.function is not None:
        w.builder.gather(frame.function.generator_object(), held)
    return UNKNOWN  # what `send()` passes in


def _yield_from(w: ExpressionWalker, node: ast.YieldFrom, frame: Frame) -> int:
    held = w.value(node.value, frame)
    if frame.function is not None:
        w.builder.gather(frame.function.generator_object(), w.builder.iterate(held))
    return UNKNOWN


def _named(w: ExpressionWalker, node: ast.NamedExpr, frame: Frame) -> int:
    held = w.value(node.value, frame)
    w.builder.copy(frame.scope.write(node.target.id), held)
    return held


def _joined(w: ExpressionWalker, node: ast.JoinedStr, frame: Frame) -> int:
    for part in node.values:
        if isinstance(part, ast.FormattedValue):
            w.value(part.value, frame)
            if part.format_spec is not None:
                w.value(part.format_spec, frame)
    return NOTHING


def _formatted(w: ExpressionWalker, node: ast.FormattedValue, frame: Frame) -> int:
    w.value(node.value, frame)
    return NOTHING


def _slice(w: ExpressionWalker, node: ast.Slice, frame: Frame) -> int:
    for part in (node.lower, node.upper, node.step):
        if part is not None:
            w.value(part, frame)
    return NOTHING


def _lambda(w: ExpressionWalker, node: ast.Lambda, frame: Frame) -> int:
    return w.lambda_value(node, frame)


def _comprehension(w: ExpressionWalker, node: ast.expr, frame: Frame) -> int:
    return w.comprehension(node, frame)


EXPRESSIONS: dict[type, Handler] = {
    ast.BinOp: _binop,  # type: ignore[dict-item]
    ast.UnaryOp: _unaryop,  # type: ignore[dict-item]
    ast.BoolOp: _boolop,  # type: ignore[dict-item]
    ast.Compare: _compare,  # type: ignore[dict-item]
    ast.IfExp: _ifexp,  # type: ignore[dict-item]
    ast.List: _display,  # type: ignore[dict-item]
    ast.Tuple: _display,  # type: ignore[dict-item]
    ast.Set: _display,  # type: ignore[dict-item]
    ast.Dict: _dict,  # type: ignore[dict-item]
    ast.Subscript: _subscript,  # type: ignore[dict-item]
    ast.Starred: _starred,  # type: ignore[dict-item]
    ast.Await: _await,  # type: ignore[dict-item]
    ast.Yield: _yield,  # type: ignore[dict-item]
    ast.YieldFrom: _yield_from,  # type: ignore[dict-item]
    ast.NamedExpr: _named,  # type: ignore[dict-item]
    ast.JoinedStr: _joined,  # type: ignore[dict-item]
    ast.FormattedValue: _formatted,  # type: ignore[dict-item]
    ast.Slice: _slice,  # type: ignore[dict-item]
    ast.Lambda: _lambda,  # type: ignore[dict-item]
    ast.ListComp: _comprehension,  # type: ignore[dict-item]
    ast.SetComp: _comprehension,  # type: ignore[dict-item]
    ast.GeneratorExp: _comprehension,  # type: ignore[dict-item]
    ast.DictComp: _comprehension,  # type: ignore[dict-item]
}
