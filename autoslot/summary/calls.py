"""Calls seen by the walk: setattr, vars, patchers, weak references, picklers,
and the objects handed to functions (a function may setattr on them).
"""

from __future__ import annotations

import ast

from autoslot.summary.frames import (
    PATCHERS,
    PICKLE_METHODS,
    PICKLERS,
    WEAKREF_CALLABLES,
    ClassFacts,
    Frame,
)
from autoslot.summary.names import dotted_name
from autoslot.summary.scopes import INSTANCE, receiver_key


class CallScanner:
    """The Walker's handling of calls (a base class, to keep the walk readable)."""

    __slots__ = ()
    called: set[str]
    reads: set[str]
    pickles: list[tuple[int, str]]

    def _call(self, node: ast.Call, frame: Frame) -> None:
        func = node.func
        dotted = dotted_name(func)
        args = node.args
        if dotted is not None:
            self.called.add(dotted)
            last = dotted.rsplit(".", 1)[-1]
            self._arguments(node, last, frame)
            if last in WEAKREF_CALLABLES:
                self._weakref(node, dotted, frame)
            elif last in PICKLERS and low_protocol(node, PICKLERS[last]):
                self.pickles.append((node.lineno, dotted))
            elif dotted in PATCHERS or dotted.endswith("monkeypatch.setattr"):
                if len(args) >= 2 and literal_string(args[1]) is not None:
                    key = receiver_key(args[0], frame.instance)
                    frame.scope.event(
                        key, "patch", literal_string(args[1]) or "", node.lineno
                    )
            elif (
                dotted in ("getattr", "hasattr")
                and len(args) >= 2
                and literal_string(args[1])
            ):
                self.reads.add(literal_string(args[1]) or "")
        owner = frame.owner
        if dotted == "super" and not args:
            if owner is not None:
                owner.uses_class_cell = True
        elif dotted in ("setattr", "object.__setattr__"):
            if len(args) >= 2:
                self._setattr(args[0], args[1], node.lineno, frame)
        elif dotted == "vars":
            if args:
                key = receiver_key(args[0], frame.instance)
                if key == INSTANCE and owner is not None:
                    code = "AS107" if frame.method in PICKLE_METHODS else "AS105"
                    owner.block(code, node.lineno, f"{frame.method} calls vars(self)")
                elif key:
                    frame.scope.event(key, "dict", "__dict__", node.lineno)
        elif (
            isinstance(func, ast.Attribute)
            and func.attr == "__setattr__"
            and args
            and owner is not None
        ):
            receiver = func.value
            is_super = (
                isinstance(receiver, ast.Call) and dotted_name(receiver.func) == "super"
            )
            if is_super or names_instance(receiver, frame.instance):
                self._instance_setattr(args[0], node.lineno, frame, owner)

    def _arguments(self, node: ast.Call, callee: str, frame: Frame) -> None:
        """Objects handed to a function: the function may setattr on them."""
        for argument in (*node.args, *(k.value for k in node.keywords)):
            value = argument.value if type(argument) is ast.Starred else argument
            if type(value) is ast.Name:
                key = receiver_key(value, frame.instance)
                if key:
                    frame.scope.event(key, "pass", callee, node.lineno)

    def _weakref(self, node: ast.Call, dotted: str, frame: Frame) -> None:
        target = node.args[0] if node.args else None
        if isinstance(target, ast.Attribute) and dotted.endswith("WeakMethod"):
            target = target.value
        key = receiver_key(target, frame.instance) if target is not None else ""
        frame.scope.event(key, "weakref", "", node.lineno, dotted)

    def _setattr(
        self, target: ast.expr, name: ast.expr, line: int, frame: Frame
    ) -> None:
        key = receiver_key(target, frame.instance)
        if key == INSTANCE and frame.owner is not None:
            self._instance_setattr(name, line, frame, frame.owner)
            return
        literal = literal_string(name)
        if literal is not None:
            frame.scope.event(key, "store", literal, line)
        else:
            frame.scope.event(key, "dynamic", "", line)

    def _instance_setattr(
        self, name: ast.expr, line: int, frame: Frame, owner: ClassFacts
    ) -> None:
        literal = literal_string(name)
        if literal is not None:
            # setattr does no private-name mangling: the name is stored as written
            owner.store(literal, line, frame.method)
        elif isinstance(name, ast.Name) and name.id == frame.forwarded_name:
            return  # __setattr__ passing its own argument on: the stores are the callers'
        else:
            owner.block(
                "AS104", line, f"{frame.method} calls setattr with a computed name"
            )


def literal_string(node: ast.expr) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    return None


def low_protocol(node: ast.Call, position: int) -> bool:
    """Whether a pickling call passes protocol 0 or 1 as a literal."""
    candidates = [kw.value for kw in node.keywords if kw.arg == "protocol"]
    if len(node.args) > position:
        candidates.append(node.args[position])
    return any(
        isinstance(c, ast.Constant) and c.value in (0, 1) and c.value is not True
        for c in candidates
    )


def names_instance(node: ast.expr, name: str | None) -> bool:
    return name is not None and isinstance(node, ast.Name) and node.id == name
