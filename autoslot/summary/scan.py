"""Walk code below statement level: what functions do to instances.

One stack-based walk per body records, for the class a method belongs to,
every attribute stored on or read from the instance (whatever the first
parameter is called, through nested functions, lambdas and comprehensions
that close over it), stores on the class object, and the constructs that make
slots unsafe. Uses of other objects go to the enclosing Scope (see scopes).
Nested classes are handed back to the caller, which summarises them as
classes of their own.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable

from autoslot.summary.calls import CallScanner, names_instance
from autoslot.summary.frames import (
    FUNCTION_TYPES,
    PICKLE_METHODS,
    QUOTE_SAMPLE,
    ClassFacts,
    CloseScope,
    Frame,
    NestedClassHandler,
    bind_params,
    child_fields,
    function_params,
)
from autoslot.summary.model import ForeignUse
from autoslot.summary.names import dotted_name, mangle
from autoslot.summary.scopes import (
    COPY_FUNCTIONS,
    INSTANCE,
    Scope,
    annotation_tokens,
    receiver_key,
)


class Walker(CallScanner):
    """Scans expressions and statements below the level of class and module bodies."""

    __slots__ = ("called", "lines", "on_class", "pickles", "quotes", "reads", "uses")

    def __init__(self, on_class: NestedClassHandler, source: bytes = b"") -> None:
        self.on_class = on_class
        self.called: set[str] = set()
        self.reads: set[str] = set()
        self.uses: list[ForeignUse] = []
        self.pickles: list[tuple[int, str]] = []
        # a sample of the quotes one-line strings use
        self.quotes = {'"': 0, "'": 0}
        self.lines: list[bytes] | None = source.splitlines() if source else None

    @property
    def preferred_quote(self) -> str:
        return "'" if self.quotes["'"] > self.quotes['"'] else '"'

    def walk(self, roots: Iterable[ast.AST], frame: Frame) -> None:
        stack: list[tuple[ast.AST | CloseScope, Frame]] = [
            (node, frame) for node in roots
        ]
        stack.reverse()
        pop = stack.pop
        push = stack.append
        while stack:
            item, frame = pop()
            kind = type(item)
            # the most frequent nodes first, by exact type (the parser makes no subclasses)
            if kind is ast.Name:
                node_id = item.id  # type: ignore[union-attr]
                if type(item.ctx) is ast.Store:  # type: ignore[union-attr]
                    frame.scope.bind(node_id)
                elif node_id == "__class__" and frame.owner is not None:
                    frame.owner.uses_class_cell = True
                continue
            if kind is ast.Constant:
                if self.lines is not None and type(item.value) is str:  # type: ignore[union-attr]
                    self._sample_quote(item)  # type: ignore[arg-type]
                continue
            if kind is CloseScope:
                item.scope.close(self.uses)  # type: ignore[union-attr]
                continue
            node: ast.AST = item  # type: ignore[assignment]
            if kind is ast.Attribute:
                self._attribute(node, frame)  # type: ignore[arg-type]
            elif kind is ast.Call:
                self._call(node, frame)  # type: ignore[arg-type]
            elif kind is ast.Assign or kind is ast.AnnAssign:
                frame = self._assignment(node, frame)  # type: ignore[arg-type]
            elif kind is ast.For or kind is ast.AsyncFor:
                target = node.target  # type: ignore[attr-defined]
                if type(target) is ast.Name:
                    source = receiver_key(node.iter, frame.instance)  # type: ignore[attr-defined]
                    if source:
                        frame.scope.bind(target.id, [f"each:{source}"])
            elif kind is ast.Import or kind is ast.ImportFrom:
                for alias in node.names:  # type: ignore[attr-defined]
                    frame.scope.bind(
                        (alias.asname or alias.name).split(".")[0], ["module"]
                    )
                continue
            elif kind is ast.ClassDef:
                self.on_class(node, frame.qualprefix, frame.scope)  # type: ignore[arg-type]
                continue
            elif kind in FUNCTION_TYPES:
                self._function(node, frame, stack)  # type: ignore[arg-type]
                continue
            # the children, last first so that they pop in source order
            for name in reversed(child_fields(kind)):
                value = getattr(node, name, None)
                if type(value) is list:
                    for child in reversed(value):
                        if isinstance(child, ast.AST):
                            push((child, frame))
                elif isinstance(value, ast.AST):
                    push((value, frame))

    def _sample_quote(self, node: ast.Constant) -> None:
        assert self.lines is not None
        if node.lineno > len(self.lines):
            return
        start = self.lines[node.lineno - 1][node.col_offset : node.col_offset + 6]
        start = start.lstrip(b"rRbBuUfF")
        if start[:3] not in (b'"""', b"'''") and start[:1] in (b'"', b"'"):
            self.quotes[start[:1].decode()] += 1
            if sum(self.quotes.values()) >= QUOTE_SAMPLE:
                self.lines = None  # enough: stop looking

    def walk_function(
        self, node: ast.FunctionDef | ast.AsyncFunctionDef, frame: Frame
    ) -> None:
        """Walk a method body in a frame of its own; its scope closes at the end."""
        bind_params(frame.scope, node)
        for param in function_params(node)[1:]:
            tokens = annotation_tokens(param.annotation)
            if tokens and frame.owner is not None:
                frame.owner.method_params[(frame.method, param.arg)] = tokens
            elif param.annotation is None:
                frame.scope.bare_params.add(param.arg)
        self.walk([*node.body, CloseScope(frame.scope)], frame)  # type: ignore[list-item]

    def _function(
        self,
        node: ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda,
        frame: Frame,
        stack: list[tuple[ast.AST | CloseScope, Frame]],
    ) -> None:
        if not isinstance(node, ast.Lambda):
            frame.scope.bind(node.name)
        params = {p.arg for p in function_params(node)}
        name = "<lambda>" if isinstance(node, ast.Lambda) else node.name
        scope = Scope(parent=frame.scope, owner=frame.scope.owner)
        bind_params(scope, node)
        inner = Frame(
            owner=frame.owner,
            scope=scope,
            instance=frame.instance if frame.instance not in params else None,
            klass=frame.klass if frame.klass not in params else None,
            method=frame.method,
            qualprefix=f"{frame.qualprefix}{name}.<locals>.",
        )
        stack.append((CloseScope(scope), frame))
        body = [node.body] if isinstance(node, ast.Lambda) else node.body
        for child in reversed(body):
            stack.append((child, inner))
        # decorators, defaults and annotations run in the enclosing scope
        outer: list[ast.AST] = [
            *node.args.defaults,
            *(d for d in node.args.kw_defaults if d),
        ]
        if not isinstance(node, ast.Lambda):
            outer.extend(node.decorator_list)
        for child in outer:
            stack.append((child, frame))

    def _assignment(self, node: ast.Assign | ast.AnnAssign, frame: Frame) -> Frame:
        targets = node.targets if isinstance(node, ast.Assign) else [node.target]
        value = node.value
        if isinstance(node, ast.AnnAssign):
            tokens = annotation_tokens(node.annotation)
        else:
            tokens = self._value_tokens(value, frame)
        for target in targets:
            if isinstance(target, ast.Name):
                frame.scope.bind(target.id, tokens)
            elif isinstance(target, ast.Attribute):
                key = receiver_key(target.value, frame.instance)
                if key == INSTANCE and frame.owner is not None:
                    frame.owner.typed(
                        mangle(target.attr, frame.owner.name),
                        tokens or _parameter_tokens(value, frame),
                    )
                if target.attr == "__class__" and key:
                    new_class = dotted_name(value) if value is not None else None
                    frame.scope.event(
                        key, "swap", "__class__", node.lineno, new_class or ""
                    )
        if (
            isinstance(node, ast.Assign)
            and frame.klass is not None
            and frame.method == "__new__"
            and isinstance(value, ast.Call)
            and isinstance(value.func, ast.Attribute)
            and value.func.attr == "__new__"
        ):
            # `obj = super().__new__(cls)`: stores on obj are AS115
            frame.scope.created.update(
                t.id for t in node.targets if isinstance(t, ast.Name)
            )
        return frame

    def _value_tokens(self, value: ast.expr | None, frame: Frame) -> list[str]:
        """Evidence for the class of what `value` evaluates to."""
        if isinstance(value, ast.Call):
            func = value.func
            dotted = dotted_name(func) or ""
            if frame.klass is not None and (
                dotted == frame.klass
                or (isinstance(func, ast.Attribute) and func.attr == "__new__")
            ):
                return ["self"]
            if frame.instance is not None:
                instance = frame.instance
                first = value.args[0] if value.args else None
                if (
                    dotted in COPY_FUNCTIONS
                    and first is not None
                    and receiver_key(first, instance) == INSTANCE
                ):
                    return ["self"]
                if dotted == f"{instance}.__class__" or (
                    isinstance(func, ast.Call) and dotted_name(func.func) == "type"
                ):
                    return ["self"]
            return [f"call:{dotted}"] if dotted else []
        if isinstance(value, ast.Name):
            # `self.md = md` with `md: Markdown`: the attribute has md's class
            known = frame.scope.evidence.get(value.id, ())
            typed = sorted(t for t in known if t.startswith(("ann:", "call:")))
            if typed:
                return typed
        if value is not None and frame.instance is not None:
            key = receiver_key(value, frame.instance)
            if key.startswith(INSTANCE + ".") and key.count(".") == 1:
                return [f"attr:{key[2:]}"]
        return []

    def _attribute(self, node: ast.Attribute, frame: Frame) -> None:
        context = type(node.ctx)
        attr = node.attr
        if context is ast.Load:
            self.reads.add(attr)
        receiver = node.value
        owner = frame.owner
        if isinstance(receiver, ast.Name):
            rid = receiver.id
            if rid == frame.instance and owner is not None:
                self._instance_attribute(node, context is ast.Store, frame, owner)
                return
            if owner is not None and context is ast.Store:
                if rid == frame.klass:
                    owner.class_store(
                        mangle(attr, owner.name), node.lineno, frame.method
                    )
                    return
                if rid in frame.scope.created:
                    owner.block(
                        "AS115",
                        node.lineno,
                        f"__new__ stores {attr!r} on the object it creates",
                    )
                    return
        elif (
            owner is not None
            and context is ast.Store
            and frame.instance is not None
            and _is_type_of(receiver, frame.instance)
        ):
            owner.class_store(mangle(attr, owner.name), node.lineno, frame.method)
            return
        key = receiver_key(receiver, frame.instance)
        name = mangle(attr, owner.name if owner is not None else None)
        scope = frame.scope
        if key:
            scope.access(key, name)
        if attr == "__dict__":
            # `type(x).__dict__` and `x.__class__.__dict__` are the class's
            # namespace (simpy's bind_early walks it): no instance dict involved
            if not _is_class_of_something(receiver):
                scope.event(key, "dict", attr, node.lineno)
        elif context is ast.Store and attr != "__class__":
            scope.event(key, "store", name, node.lineno)

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


def _is_type_of(node: ast.expr, instance: str) -> bool:
    """`type(self)` or `self.__class__`."""
    if isinstance(node, ast.Call):
        return (
            isinstance(node.func, ast.Name)
            and node.func.id == "type"
            and len(node.args) == 1
            and names_instance(node.args[0], instance)
        )
    return (
        isinstance(node, ast.Attribute)
        and node.attr == "__class__"
        and names_instance(node.value, instance)
    )


def _is_class_of_something(node: ast.expr) -> bool:
    """`type(x)` or `x.__class__`, whatever x is: a class object, not an instance."""
    if isinstance(node, ast.Call):
        return (
            isinstance(node.func, ast.Name)
            and node.func.id == "type"
            and len(node.args) == 1
        )
    return isinstance(node, ast.Attribute) and node.attr == "__class__"


def _parameter_tokens(value: ast.expr | None, frame: Frame) -> list[str]:
    """`param:method:name` for a bare parameter of the method, which an
    overridden method of a base may annotate (Markdown's extensions define
    `extendMarkdown(self, md)` over `Extension.extendMarkdown(self, md: Markdown)`)."""
    if isinstance(value, ast.Name) and value.id in frame.scope.bare_params:
        return [f"param:{frame.method}:{value.id}"]
    return []
