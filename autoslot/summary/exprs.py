"""Expressions: the variable each one's value lives in, and what it does on the way.

`value(node, frame)` walks an expression and returns the flow variable that
may hold its value (0 when it can only be a constant, a number, a string or
a bool). On the way it records what the class facts need: attributes read,
`self.__dict__`, `__class__` references, the quote style of strings.
Assignment targets are here too, since unpacking and stores are expressions
turned around.
"""

from __future__ import annotations

import ast
from collections.abc import Callable

from autoslot.summary.flow_builder import FlowBuilder, FlowScope
from autoslot.summary.flow_model import NOTHING, UNKNOWN, UseKind
from autoslot.summary.frames import NO_READS, Frame, FunctionVars
from autoslot.summary.model import BlockerKind
from autoslot.summary.names import dotted_name, mangle
from autoslot.summary.quotes import QuoteSample
from autoslot.summary.shapes import CLASS_SHAPE, RAISED_SHAPE, is_class_of

# The special method each operator may call on its left operand (the right
# operand's reflected method is looked up from it by the solver).
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
# builtins that, called on a slotted instance, fail where a __dict__ did
# not: written other than as the callee of a call, they are handed on
CALLED_AS_VALUES: dict[str, UseKind] = {"vars": "dict", "setattr": "setattr"}
UNARY_METHODS: dict[type, str] = {
    ast.UAdd: "__pos__",
    ast.USub: "__neg__",
    ast.Invert: "__invert__",
}

Handler = Callable[["ExpressionWalker", ast.AST, Frame], int]


class ExpressionWalker:
    """The expression half of the Walker (a base class, to keep each part small)."""

    __slots__ = ()
    builder: FlowBuilder
    reads: set[str]
    # what each attribute load read from: (base variable, attribute)
    loaded: dict[int, tuple[int, str]]
    quotes: QuoteSample
    raised_stores: set[int]

    # hooks the Walker provides
    def call(self, node: ast.Call, frame: Frame) -> int:
        raise NotImplementedError

    def lambda_value(self, node: ast.Lambda, frame: Frame) -> int:
        raise NotImplementedError

    def comprehension(self, node: ast.expr, frame: Frame) -> int:
        raise NotImplementedError

    def value(self, node: ast.expr, frame: Frame) -> int:
        kind = type(node)
        # the most frequent nodes first, by exact type (the parser makes no subclasses)
        if kind is ast.Name:
            use = CALLED_AS_VALUES.get(node.id)  # type: ignore[attr-defined]
            if use is not None and frame.scope.may_be_builtin(node.id):  # type: ignore[attr-defined]
                self._handed_on(node, use)  # type: ignore[arg-type]
            return self._name(node, frame)  # type: ignore[arg-type]
        if kind is ast.Constant:
            quotes = self.quotes
            if quotes.lines is not None and type(node.value) is str:  # type: ignore[attr-defined]
                quotes.add(node.lineno, node.col_offset)
            return NOTHING
        if kind is ast.Attribute:
            return self.attribute(node, frame)  # type: ignore[arg-type]
        if kind is ast.Call:
            calls = self.builder.calls
            result = self.call(node, frame)  # type: ignore[arg-type]
            if frame.function is not None:
                last = calls[-1] if calls else None
                if is_literal_method(node.func):  # type: ignore[attr-defined]
                    pass  # `"{}!".format(...)`: a builtin's method, only protocols run
                elif last is not None and last.result == result:
                    frame.function.call_ran(last.callee, last.method)
                else:  # a call the summary does not record
                    frame.function.forget_expressions()
            return result
        handler = EXPRESSIONS.get(kind)
        if handler is None:
            return NOTHING
        result = handler(self, node, frame)
        if kind in SUSPENDING and frame.function is not None:
            frame.function.forget_expressions()
        return result

    def values(self, nodes: list[ast.expr], frame: Frame) -> list[int]:
        return [self.value(n, frame) for n in nodes]

    def _handed_on(self, node: ast.Name, use: UseKind) -> None:
        """`json.dumps(x, default=vars)`, `map(setattr, ...)`: the builtin is
        called on whatever the code it goes to holds, which is anything that
        escapes (a call of it as data makes its arguments escape too)."""
        builder = self.builder
        text = f"what `{node.id}` is handed"
        builder.use(use, builder.holding("escaped"), node.lineno, text)

    def _name(self, node: ast.Name, frame: Frame) -> int:
        name = node.id
        if name == "__class__" and frame.owner is not None:
            frame.owner.uses_class_cell = True
        return frame.scope.read(name)

    def attribute(self, node: ast.Attribute, frame: Frame) -> int:
        base, name = self.attribute_parts(node, frame)
        return self.builder.load(base, name)

    def attribute_parts(self, node: ast.Attribute, frame: Frame) -> tuple[int, str]:
        """Walk `x.attr` up to the load: the variable of `x`, and the name."""
        attr = node.attr
        self.reads.add(attr)
        receiver = node.value
        owner = frame.owner
        if (
            owner is not None
            and type(receiver) is ast.Name
            and receiver.id == frame.instance
        ):
            if attr == "__dict__":
                owner.block(
                    BlockerKind.DICT_READ,
                    node.lineno,
                    frame.method,
                    f"{frame.method} uses self.__dict__",
                )
            else:
                owner.read(mangle(attr, owner.name), node.lineno, frame.method)
            base = frame.scope.read(receiver.id)
        else:
            base = self.value(receiver, frame)
            if attr == "__dict__":
                self.builder.use("dict", base, node.lineno, receiver_text(receiver))
            elif frame.function is not None:
                if type(receiver) is ast.Name:
                    frame.function.read(base, mangle(attr, frame.mangler))
                else:
                    key = expression_key(receiver, frame.scope)
                    if key is not None:
                        frame.function.read_expression(key, mangle(attr, frame.mangler))
        name = mangle(attr, frame.mangler)
        self.loaded[id(node)] = (base, name)
        return base, name

    # assignment targets ---------------------------------------------------
    def assign(self, target: ast.expr, source: int, frame: Frame) -> None:
        """Bind or store what `source` holds through an assignment target."""
        kind = type(target)
        if kind is ast.Name:
            var = frame.scope.write(target.id)  # type: ignore[attr-defined]
            self.builder.copy(var, source)
        elif kind is ast.Attribute:
            self.store_attribute(target, source, frame)  # type: ignore[arg-type]
        elif kind is ast.Subscript:
            base = self.value(target.value, frame)  # type: ignore[attr-defined]
            self.value(target.slice, frame)  # type: ignore[attr-defined]
            self.put_into(target.value, base, source, frame)  # type: ignore[attr-defined]
        elif kind is ast.Tuple or kind is ast.List:
            element = self.builder.iterate(source)
            for item in target.elts:  # type: ignore[attr-defined]
                if type(item) is ast.Starred:
                    self.assign(item.value, element, frame)
                else:
                    self.assign(item, element, frame)
        elif kind is ast.Starred:
            self.assign(target.value, source, frame)  # type: ignore[attr-defined]

    def put_into(self, node: ast.expr, held: int, source: int, frame: Frame) -> None:
        """`source` goes into the container `node` denotes (held in `held`):
        `items.append(x)`, `self.table[k] = v`, `rows[0].append(x)`."""
        if frame.function is not None:
            frame.function.forget_expressions()  # `rows[0] = x` changes `rows[0]`
        if source == NOTHING:
            return
        builder = self.builder
        kind = type(node)
        if kind is ast.Name and node.id == frame.instance:  # type: ignore[attr-defined]
            # a container subclass filling itself: its elements, not `self`
            builder.store(held, "[]", source, node.lineno, "self", "element")
            return
        builder.put(held, source)
        if kind is ast.Attribute:
            loaded = self.loaded.get(id(node))
            if loaded is not None:
                base, attr = loaded
                builder.store(base, attr, source, node.lineno, "", "element")
        elif kind is ast.Subscript:  # `rows[0].append(x)`: into rows
            inner = node.value  # type: ignore[attr-defined]
            if type(inner) is ast.Name:
                self.put_into(inner, frame.scope.read(inner.id), source, frame)
            elif type(inner) is ast.Attribute and id(inner) in self.loaded:
                base, attr = self.loaded[id(inner)]
                builder.store(base, attr, source, node.lineno, "", "element")

    def store_attribute(self, target: ast.Attribute, source: int, frame: Frame) -> None:
        attr = target.attr
        receiver = target.value
        owner = frame.owner
        line = target.lineno
        on_self = -1
        if owner is not None and type(receiver) is ast.Name:
            rid = receiver.id
            if rid == frame.instance:
                on_self = frame.class_index
                if attr == "__class__":
                    owner.block(
                        BlockerKind.CLASS_ASSIGN,
                        line,
                        frame.method,
                        f"{frame.method} assigns self.__class__",
                    )
                elif attr == "__dict__":
                    owner.block(
                        BlockerKind.DICT_ASSIGN,
                        line,
                        frame.method,
                        f"{frame.method} assigns self.__dict__",
                    )
                else:
                    owner.store(mangle(attr, owner.name), line, frame.method)
            elif rid == frame.klass:
                owner.class_store(mangle(attr, owner.name), line, frame.method)
        elif (
            owner is not None
            and frame.instance is not None
            and is_type_of(receiver, frame.instance)
        ):
            owner.class_store(mangle(attr, owner.name), line, frame.method)
        base = self.value(receiver, frame)
        if frame.expecting_failure:
            return  # a store the code expects to raise: evidence for no class
        builder = self.builder
        text = receiver_text(receiver)
        if attr == "__class__":
            builder.use("swap", base, line, text, source, on_self)
        elif attr == "__dict__":
            builder.use("dict", base, line, text, 0, on_self)
        else:
            name = mangle(attr, frame.mangler)
            requires: tuple[str, ...] = ()
            reads = NO_READS
            function = frame.function
            if function is not None:
                # reading the stored name first counts too: the object has it
                if type(receiver) is ast.Name:
                    read = function.must_read.get(base, set())
                    if id(target) in self.raised_stores:
                        read = {*read, RAISED_SHAPE}
                    requires = tuple(sorted(read))
                else:
                    key = expression_key(receiver, frame.scope)
                    if key is not None:
                        reads = function.reads_on(key)
                        requires = tuple(sorted(reads.certain))
                function.forget_expressions(attr)
            if is_class_of(receiver):
                requires = tuple(sorted({*requires, CLASS_SHAPE}))
            builder.store(
                base,
                name,
                source,
                line,
                text,
                "store",
                on_self,
                requires,
                tuple(sorted(reads.before_calls)),
                reads.callees,
            )


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

__all__ = ["ExpressionWalker", "FunctionVars", "is_type_of", "receiver_text"]
