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

from autoslot.summary.expression_keys import (
    SUSPENDING,
    expression_key,
    is_literal_method,
    is_type_of,
    receiver_text,
)
from autoslot.summary.expression_kinds import EXPRESSIONS
from autoslot.summary.flow_builder import FlowBuilder
from autoslot.summary.flow_model import NOTHING, UseKind
from autoslot.summary.frames import NO_READS, Frame, FunctionVars
from autoslot.summary.model import BlockerKind
from autoslot.summary.names import mangle
from autoslot.summary.quotes import QuoteSample
from autoslot.summary.shapes import CLASS_SHAPE, RAISED_SHAPE, is_class_of

# The special method each operator may call on its left operand (the right
# operand's reflected method is looked up from it by the solver).
# builtins that, called on a slotted instance, fail where a __dict__ did
# not: written other than as the callee of a call, they are handed on
CALLED_AS_VALUES: dict[str, UseKind] = {"vars": "dict", "setattr": "setattr"}


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

    def store_attribute(
        self, target: ast.Attribute, source: int, frame: Frame, read_first: bool = False
    ) -> None:
        """`receiver.attr = source`; with `read_first`, the statement read
        `attr` on that very object just before (`receiver.attr += 1`
        evaluates the receiver once): the store happens only to objects
        that have it."""
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
            if read_first:
                requires = tuple(sorted({*requires, name}))
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


__all__ = ["ExpressionWalker", "FunctionVars"]
