"""Calls: the flow of arguments and results, and the calls that are really
stores (`setattr`, `X.__setattr__(obj, ...)`, patchers) or creations
(`cls.__new__(cls)`).

What a called function does is left to the solver, which knows what the
callee is; here the call is recorded with its arguments, and the few forms
that can be read from the syntax alone are recorded as what they are.
"""

from __future__ import annotations

import ast

from autoslot.summary.expression_keys import receiver_text
from autoslot.summary.exprs import ExpressionWalker
from autoslot.summary.flow_model import NOTHING, UNKNOWN, FlowCall
from autoslot.summary.frames import PATCHERS, ClassFacts, Frame
from autoslot.summary.model import BlockerKind

Constant = str | int | bool | None


class CallWalker(ExpressionWalker):
    __slots__ = ()
    called: set[str]

    def call(self, node: ast.Call, frame: Frame) -> int:
        func = node.func
        dotted = _dotted(func)
        args = node.args
        owner = frame.owner
        if dotted:
            self.called.add(dotted)
            if dotted in ("getattr", "hasattr") and len(args) >= 2:
                name = literal_string(args[1])
                if name is not None:
                    self.reads.add(name)
            if dotted == "super" and not args and not node.keywords:
                if owner is not None:
                    owner.uses_class_cell = True
                if frame.class_index < 0:
                    return UNKNOWN
                return self.builder.holding("super", frame.class_index)
        if type(func) is ast.Attribute:
            if func.attr == "__setattr__" and len(args) in (2, 3):
                return self._setattr_method(node, func, frame)
            if func.attr == "__new__" and args:
                self.value(func.value, frame)
                created = self.builder.create(self.value(args[0], frame))
                self.values(args[1:], frame)
                for keyword in node.keywords:
                    self.value(keyword.value, frame)
                return created
        instance = frame.instance
        if owner is not None and args and _names(args[0], instance):
            if dotted in ("setattr", "object.__setattr__") and len(args) >= 2:
                self._instance_setattr(args[1], node.lineno, frame, owner)
            elif dotted == "vars":
                owner.block(
                    BlockerKind.DICT_READ,
                    node.lineno,
                    frame.method,
                    f"{frame.method} calls vars(self)",
                )
        if frame.expecting_failure and dotted in ("setattr", "object.__setattr__"):
            self.values(args, frame)  # a store the code expects to raise
            return NOTHING
        result = self._generic(node, dotted or "", frame)
        if dotted.rsplit(".", 1)[-1] == "WeakMethod" and args:
            # a weak reference to the bound method's instance, not the method:
            # the receiver the argument's load already walked
            loaded = self.loaded.get(id(args[0]))
            if loaded is not None:
                self.builder.use("weakref", loaded[0], node.lineno, dotted)
        return result

    def _generic(self, node: ast.Call, dotted: str, frame: Frame) -> int:
        builder = self.builder
        func = node.func
        method = ""
        if type(func) is ast.Attribute:
            # `x.m(...)`: the solver looks `m` up on what x holds
            callee, method = self.attribute_parts(func, frame)
        else:
            # a name called directly is not handed on (see CALLED_AS_VALUES)
            callee = (
                self._name(func, frame)
                if type(func) is ast.Name
                else self.value(func, frame)
            )
        args: list[int] = []
        starred: list[int] = []
        constants: list[tuple[str, Constant]] = []
        for position, argument in enumerate(node.args):
            if type(argument) is ast.Starred:
                starred.append(position)
                args.append(self.value(argument.value, frame))
                continue
            args.append(self.value(argument, frame))
            if type(argument) is ast.Constant:
                constant = _small_constant(argument.value)
                if constant is not _NOT_SMALL:
                    constants.append((str(position), constant))  # type: ignore[arg-type]
        keywords: list[tuple[str, int]] = []
        for keyword in node.keywords:
            held = self.value(keyword.value, frame)
            name = keyword.arg or "**"
            keywords.append((name, held))
            if keyword.arg is not None and type(keyword.value) is ast.Constant:
                constant = _small_constant(keyword.value.value)
                if constant is not _NOT_SMALL:
                    constants.append((keyword.arg, constant))  # type: ignore[arg-type]
        result = builder.var()
        first = node.args[0] if node.args else None
        on_self = (
            frame.class_index
            if first is not None and _names(first, frame.instance)
            else -1
        )
        forwarded = (
            len(node.args) >= 2
            and frame.forwarded_name is not None
            and _names(node.args[1], frame.forwarded_name)
        )
        builder.calls.append(
            FlowCall(
                result,
                callee,
                tuple(args),
                tuple(starred),
                tuple(keywords),
                tuple(constants),
                node.lineno,
                dotted,
                on_self,
                forwarded,
                method,
                caller=frame.function.index if frame.function is not None else -1,
            )
        )
        if type(func) is ast.Attribute and id(func) in self.loaded:
            self._container_method(func, args, result, frame)
        if (
            dotted.rsplit(".", 1)[-1] in FILLS_FIRST_ARGUMENT
            and len(args) >= 2
            and not starred
        ):
            # `heappush(self._queue, item)`: the item goes into the container
            self.put_into(node.args[0], args[0], args[1], frame)
        if (dotted in PATCHERS or dotted.endswith("monkeypatch.setattr")) and len(
            node.args
        ) >= 2:
            patched = literal_string(node.args[1])
            if patched is not None and not frame.expecting_failure:
                new = args[2] if len(args) > 2 else UNKNOWN
                builder.store(
                    args[0],
                    patched,
                    new,
                    node.lineno,
                    receiver_text(node.args[0]),
                    "patch",
                    on_self,
                )
        return result

    def _container_method(
        self, func: ast.Attribute, args: list[int], result: int, frame: Frame
    ) -> None:
        """`items.append(x)`, `d.get(k)`: containers are collapsed into their
        variables, so what goes in and comes out is known by the method's name
        whatever the receiver turns out to be."""
        receiver, _ = self.loaded[id(func)]
        name = func.attr
        if name in PUTS:
            for arg in args[1:] if name == "insert" else args:
                self.put_into(func.value, receiver, arg, frame)
        if name in GIVES:
            self.builder.copy(result, receiver)
            if name in ("get", "pop", "setdefault"):
                for arg in args[1:]:
                    self.builder.copy(result, arg)

    def _setattr_method(self, node: ast.Call, func: ast.Attribute, frame: Frame) -> int:
        """`obj.__setattr__(name, v)`, `Cls.__setattr__(obj, name, v)`, `super().__setattr__(name, v)`."""
        args = node.args
        receiver_node: ast.expr | None
        target = func.value
        is_super = isinstance(target, ast.Call) and _dotted(target.func) == "super"
        if len(args) == 3:
            self.value(target, frame)
            receiver_node, name_node, value_node = args
        else:
            receiver_node = None if is_super else target
            name_node, value_node = args
            if is_super:
                self.value(target, frame)
        on_self = (
            frame.class_index
            if is_super
            or (receiver_node is not None and _names(receiver_node, frame.instance))
            else -1
        )
        if receiver_node is not None:
            receiver = self.value(receiver_node, frame)
        elif frame.instance is not None:
            receiver = frame.scope.read(frame.instance)
        else:
            receiver = UNKNOWN
        self.value(name_node, frame)
        held = self.value(value_node, frame)
        owner = frame.owner
        if on_self >= 0 and owner is not None:
            self._instance_setattr(name_node, node.lineno, frame, owner)
        if frame.expecting_failure:
            return NOTHING
        text = receiver_text(receiver_node) if receiver_node is not None else "self"
        literal = literal_string(name_node)
        if literal is not None:
            self.builder.store(
                receiver, literal, held, node.lineno, text, on_self=on_self
            )
        elif not _names(name_node, frame.forwarded_name):
            self.builder.use("setattr", receiver, node.lineno, text, 0, on_self)
        return NOTHING

    def _instance_setattr(
        self, name: ast.expr, line: int, frame: Frame, owner: ClassFacts
    ) -> None:
        literal = literal_string(name)
        if literal is not None:
            # setattr does no private-name mangling: the name is stored as written
            owner.store(literal, line, frame.method)
        elif _names(name, frame.forwarded_name):
            return  # __setattr__ passing its own argument on: the stores are the callers'
        else:
            owner.block(
                BlockerKind.COMPUTED_SETATTR,
                line,
                frame.method,
                f"{frame.method} calls setattr with a computed name",
            )


# methods of lists, dicts, sets, deques and queues, by what they do with elements
PUTS = frozenset(
    {
        *[
            "append",
            "add",
            "appendleft",
            "put",
            "put_nowait",
            "push",
            "insert",
            "extend",
            "update",
        ],
        *["extendleft", "setdefault", "difference_update", "intersection_update"],
        "symmetric_difference_update",
        "__setitem__",
    }
)
GIVES = frozenset(
    {
        *[
            "pop",
            "popleft",
            "popitem",
            "get",
            "get_nowait",
            "values",
            "keys",
            "items",
            "setdefault",
            "copy",
        ],
        *["union", "intersection", "difference", "symmetric_difference", "most_common"],
        *["elements", "__getitem__", "__iter__", "__reversed__"],
    }
)
_NOT_SMALL = object()


def _small_constant(value: object) -> object:
    """A constant worth keeping for the solver: a name, a number, a flag."""
    if value is None or isinstance(value, (bool, int)):
        return value
    if isinstance(value, str) and len(value) <= 64:
        return value
    return _NOT_SMALL


# functions of heapq and bisect that put their second argument into the first
FILLS_FIRST_ARGUMENT = frozenset(
    {"heappush", "heappushpop", "heapreplace", "insort", "insort_left", "insort_right"}
)


def _dotted(node: ast.expr) -> str:
    parts: list[str] = []
    while type(node) is ast.Attribute:
        parts.append(node.attr)
        node = node.value
    if type(node) is not ast.Name:
        return ""
    parts.append(node.id)
    return ".".join(reversed(parts))


def literal_string(node: ast.expr) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    return None


def _names(node: ast.expr, name: str | None) -> bool:
    return name is not None and type(node) is ast.Name and node.id == name
