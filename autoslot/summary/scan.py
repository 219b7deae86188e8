"""Walk code below statement level: stores, reads and blockers in functions.

One stack-based walk per function body records, for the class the function
belongs to, every attribute stored on or read from the instance (whatever the
first parameter is called, through nested functions, lambdas and
comprehensions that close over it), stores on the class object, and the
constructs that make slots unsafe. Nested classes are handed back to the
caller, which summarises them as classes of their own.
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from autoslot.summary.model import AttrUse, Blocker
from autoslot.summary.names import dotted_name, mangle

PICKLE_METHODS = frozenset(
    {"__getstate__", "__setstate__", "__reduce__", "__reduce_ex__"}
)


@dataclass(slots=True)
class ClassFacts:
    """What the walk found for one class, filled in as its methods are scanned."""

    name: str
    stores: dict[str, AttrUse] = field(default_factory=dict)
    reads: set[str] = field(default_factory=set)
    class_stores: dict[str, AttrUse] = field(default_factory=dict)
    blockers: list[Blocker] = field(default_factory=list)
    uses_class_cell: bool = False

    def store(self, name: str, line: int, method: str) -> None:
        if name not in self.stores:
            self.stores[name] = AttrUse(name, line, method)

    def class_store(self, name: str, line: int, method: str) -> None:
        if name not in self.class_stores:
            self.class_stores[name] = AttrUse(name, line, method)

    def block(self, code: str, line: int, detail: str) -> None:
        self.blockers.append(Blocker(code, line, detail))


@dataclass(frozen=True, slots=True)
class Frame:
    """The names that mean "the instance" and "the class" in a function body."""

    owner: ClassFacts | None
    instance: str | None = None
    klass: str | None = None
    method: str = ""
    # the names bound to what `__new__` creates, while scanning `__new__`
    created: frozenset[str] = frozenset()
    # the second parameter of `__setattr__`: forwarding it is not a dynamic store
    forwarded_name: str | None = None
    qualprefix: str = ""


NestedClassHandler = Callable[[ast.ClassDef, str], None]


def function_params(
    node: ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda,
) -> list[str]:
    args = node.args
    names = [a.arg for a in (*args.posonlyargs, *args.args, *args.kwonlyargs)]
    if args.vararg is not None:
        names.append(args.vararg.arg)
    if args.kwarg is not None:
        names.append(args.kwarg.arg)
    return names


def first_param(node: ast.FunctionDef | ast.AsyncFunctionDef) -> str | None:
    positional = [*node.args.posonlyargs, *node.args.args]
    return positional[0].arg if positional else None


class Walker:
    """Scans expressions and statements below the level of class and module bodies."""

    __slots__ = ("called", "on_class")

    def __init__(self, on_class: NestedClassHandler) -> None:
        self.on_class = on_class
        self.called: set[str] = set()

    def walk(self, roots: Iterable[ast.AST], frame: Frame) -> None:
        stack: list[tuple[ast.AST, Frame]] = [(node, frame) for node in roots]
        stack.reverse()
        while stack:
            node, frame = stack.pop()
            kind = type(node)
            if kind is ast.Attribute:
                self._attribute(node, frame)  # type: ignore[arg-type]
            elif kind is ast.Call:
                self._call(node, frame)  # type: ignore[arg-type]
            elif kind is ast.Name:
                if node.id == "__class__" and frame.owner is not None:  # type: ignore[attr-defined]
                    frame.owner.uses_class_cell = True
                continue
            elif kind is ast.Constant:
                continue
            elif kind is ast.ClassDef:
                self.on_class(node, frame.qualprefix)  # type: ignore[arg-type]
                continue
            elif (
                kind is ast.FunctionDef
                or kind is ast.AsyncFunctionDef
                or kind is ast.Lambda
            ):
                inner = self._nested_frame(node, frame)  # type: ignore[arg-type]
                for child in reversed(list(ast.iter_child_nodes(node))):
                    # decorators, defaults and annotations run in the enclosing scope
                    in_body = not isinstance(child, (ast.expr, ast.arguments)) or (
                        kind is ast.Lambda and child is node.body  # type: ignore[attr-defined]
                    )
                    stack.append((child, inner if in_body else frame))
                continue
            elif (
                kind is ast.Assign
                and frame.klass is not None
                and frame.method == "__new__"
            ):
                frame = self._track_created(node, frame)  # type: ignore[arg-type]
            children = list(ast.iter_child_nodes(node))
            children.reverse()
            stack.extend((child, frame) for child in children)

    def _nested_frame(
        self, node: ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda, frame: Frame
    ) -> Frame:
        params = set(function_params(node))
        name = "<lambda>" if isinstance(node, ast.Lambda) else node.name
        instance = frame.instance if frame.instance not in params else None
        klass = frame.klass if frame.klass not in params else None
        return Frame(
            owner=frame.owner,
            instance=instance,
            klass=klass,
            method=frame.method,
            created=frame.created - params,
            forwarded_name=None,
            qualprefix=f"{frame.qualprefix}{name}.<locals>.",
        )

    def _track_created(self, node: ast.Assign, frame: Frame) -> Frame:
        """In `__new__`, remember locals bound to the object being created."""
        value = node.value
        if (
            isinstance(value, ast.Call)
            and isinstance(value.func, ast.Attribute)
            and value.func.attr == "__new__"
        ):
            names = {t.id for t in node.targets if isinstance(t, ast.Name)}
            if names:
                return Frame(
                    frame.owner,
                    frame.instance,
                    frame.klass,
                    frame.method,
                    frame.created | names,
                    frame.forwarded_name,
                    frame.qualprefix,
                )
        return frame

    def _attribute(self, node: ast.Attribute, frame: Frame) -> None:
        owner = frame.owner
        if owner is None:
            return
        receiver = node.value
        store = type(node.ctx) is ast.Store
        if isinstance(receiver, ast.Name):
            rid = receiver.id
            if rid == frame.instance:
                self._instance_attribute(node, store, frame, owner)
            elif store and rid == frame.klass:
                owner.class_store(
                    mangle(node.attr, owner.name), node.lineno, frame.method
                )
            elif store and rid in frame.created:
                owner.block(
                    "AS115",
                    node.lineno,
                    f"__new__ stores {node.attr!r} on the object it creates",
                )
        elif (
            store
            and frame.instance is not None
            and _is_type_of(receiver, frame.instance)
        ):
            owner.class_store(mangle(node.attr, owner.name), node.lineno, frame.method)

    def _instance_attribute(
        self, node: ast.Attribute, store: bool, frame: Frame, owner: ClassFacts
    ) -> None:
        attr = node.attr
        if attr == "__dict__":
            code = "AS107" if frame.method in PICKLE_METHODS else "AS105"
            owner.block(code, node.lineno, f"{frame.method} uses self.__dict__")
        elif attr == "__class__" and store:
            owner.block("AS108", node.lineno, f"{frame.method} assigns self.__class__")
        elif store:
            owner.store(mangle(attr, owner.name), node.lineno, frame.method)
        elif type(node.ctx) is ast.Load:
            owner.reads.add(mangle(attr, owner.name))

    def _call(self, node: ast.Call, frame: Frame) -> None:
        func = node.func
        dotted = dotted_name(func)
        if dotted is not None:
            self.called.add(dotted)
        owner = frame.owner
        if owner is None:
            return
        args = node.args
        if dotted == "super" and not args:
            owner.uses_class_cell = True
        elif dotted in ("setattr", "object.__setattr__"):
            if len(args) >= 2 and _names(args[0], frame.instance):
                self._dynamic_store(args[1], node.lineno, frame, owner)
        elif dotted == "vars":
            if args and _names(args[0], frame.instance):
                code = "AS107" if frame.method in PICKLE_METHODS else "AS105"
                owner.block(code, node.lineno, f"{frame.method} calls vars(self)")
        elif isinstance(func, ast.Attribute) and func.attr == "__setattr__" and args:
            receiver = func.value
            is_super = (
                isinstance(receiver, ast.Call) and dotted_name(receiver.func) == "super"
            )
            if is_super or _names(receiver, frame.instance):
                self._dynamic_store(args[0], node.lineno, frame, owner)

    def _dynamic_store(
        self, name: ast.expr, line: int, frame: Frame, owner: ClassFacts
    ) -> None:
        if isinstance(name, ast.Constant) and isinstance(name.value, str):
            # setattr does no private-name mangling: the name is stored as written
            owner.store(name.value, line, frame.method)
        elif isinstance(name, ast.Name) and name.id == frame.forwarded_name:
            return  # __setattr__ passing its own argument on: the stores are the callers'
        else:
            owner.block(
                "AS104", line, f"{frame.method} calls setattr with a computed name"
            )


def _names(node: ast.expr, name: str | None) -> bool:
    return name is not None and isinstance(node, ast.Name) and node.id == name


def _is_type_of(node: ast.expr, instance: str) -> bool:
    """`type(self)` or `self.__class__`."""
    if isinstance(node, ast.Call):
        return (
            isinstance(node.func, ast.Name)
            and node.func.id == "type"
            and len(node.args) == 1
            and _names(node.args[0], instance)
        )
    return (
        isinstance(node, ast.Attribute)
        and node.attr == "__class__"
        and _names(node.value, instance)
    )
