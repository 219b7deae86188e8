"""Walk code below the level of class and module bodies: statements,
functions, lambdas and comprehensions.

One recursive walk per body records, for the class a method belongs to,
every attribute stored on or read from the instance (whatever the first
parameter is called, through nested functions, lambdas and comprehensions
that close over it), stores on the class object, and the constructs that
make slots unsafe; and, for the whole module, its value-flow program (see
flow_model). Nested classes are handed back to the caller, which
summarises them as classes of their own.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable
from dataclasses import dataclass, replace

from autoslot.summary.annotations import annotation_classes
from autoslot.summary.calls import CallWalker
from autoslot.summary.doctests import doctest_statements
from autoslot.summary.flow_builder import FlowBuilder
from autoslot.summary.flow_model import (
    NOTHING,
    UNKNOWN,
    Binding,
    FlowCall,
    FlowFunction,
)
from autoslot.summary.flow_scope import FlowScope
from autoslot.summary.frames import (
    ClassFacts,
    Frame,
    FunctionVars,
    NestedClassHandler,
)
from autoslot.summary.names import dotted_name
from autoslot.summary.narrowing import Narrowed
from autoslot.summary.quotes import QuoteSample
from autoslot.summary.receiver_results import receiver_result
from autoslot.summary.shapes import stores_before_raise
from autoslot.summary.statements import STATEMENTS
from autoslot.summary.test_idioms import expects_attribute_error, fixture_name


@dataclass(frozen=True, slots=True)
class Method:
    """How a function defined in a class body receives its instance."""

    owner: ClassFacts
    class_index: int
    binding: Binding
    instance: str | None
    klass: str | None
    forwarded: str | None


class Walker(CallWalker):
    """Scans statements and expressions below the level of class and module bodies."""

    __slots__ = (
        "builder",
        "called",
        "loaded",
        "on_class",
        "quotes",
        "raised_stores",
        "reads",
    )

    def __init__(
        self, on_class: NestedClassHandler, builder: FlowBuilder, source: bytes = b""
    ) -> None:
        self.on_class = on_class
        self.builder = builder
        self.called: set[str] = set()
        self.reads: set[str] = set()
        self.loaded: dict[int, tuple[int, str]] = {}
        # ids of the store targets the next statement raises (summary/shapes.py)
        self.raised_stores: set[int] = set()
        self.quotes = QuoteSample(source)

    def walk(self, roots: Iterable[ast.AST], frame: Frame) -> None:
        for node in roots:
            if isinstance(node, ast.stmt):
                self.statement(node, frame)
            elif isinstance(node, ast.expr):
                self.value(node, frame)

    def statements(self, body: list[ast.stmt], frame: Frame) -> None:
        self.raised_stores.update(map(id, stores_before_raise(body)))
        for node in body:
            handler = STATEMENTS.get(type(node))
            if handler is not None:
                handler(self, node, frame)

    def narrow(self, names: Narrowed, frame: Frame) -> dict[str, int]:
        """In a branch, give each name a version holding what passes its type
        test; the versions made, by name."""
        scope = frame.scope
        made: dict[str, int] = {}
        if scope.versions is None:
            return made
        for name, classes in names.items():
            if name in scope.declared_global or name in scope.declared_nonlocal:
                continue
            kept = self.builder.var()
            self.builder.narrowings.append((kept, scope.read(name), classes))
            scope.set_version(name, kept)
            made[name] = kept
        return made

    def statement(self, node: ast.stmt, frame: Frame) -> None:
        handler = STATEMENTS.get(type(node))
        if handler is not None:
            handler(self, node, frame)

    def header(self, node: ast.stmt, frame: Frame) -> Frame:
        """The parts of a compound statement outside its blocks; the frame for its blocks."""
        kind = type(node)
        if kind is ast.If or kind is ast.While:
            self.value(node.test, frame)  # type: ignore[attr-defined]
        elif kind is ast.For or kind is ast.AsyncFor:
            held = self.value(node.iter, frame)  # type: ignore[attr-defined]
            # the body runs again and again: in it, names are read through
            # their variables (see `loop`); the target is this round's
            element = self.builder.iterate(held)
            frame.scope.forget(list(frame.scope.versions or ()))
            self.assign(node.target, element, frame)  # type: ignore[attr-defined]
        elif kind is ast.With or kind is ast.AsyncWith:
            return self._with_items(node, frame)  # type: ignore[arg-type]
        elif kind is ast.Try or kind.__name__ == "TryStar":
            for handler in node.handlers:  # type: ignore[attr-defined]
                if handler.type is not None:
                    self.value(handler.type, frame)
                if handler.name:
                    caught = self.builder.holding("exception")
                    self.builder.copy(frame.scope.write(handler.name), caught)
        elif kind is ast.Match:
            subject = self.value(node.subject, frame)  # type: ignore[attr-defined]
            self.builder.use("escape", subject, node.lineno, "match subject")
            for case in node.cases:  # type: ignore[attr-defined]
                self._pattern(case.pattern, frame)
                if case.guard is not None:
                    self.value(case.guard, frame)
        return frame

    def _with_items(self, node: ast.With | ast.AsyncWith, frame: Frame) -> Frame:
        expecting = frame.expecting_failure
        for item in node.items:
            manager = self.value(item.context_expr, frame)
            if item.optional_vars is not None:
                self.assign(item.optional_vars, self.builder.enter(manager), frame)
            expecting = expecting or expects_attribute_error(item.context_expr)
        if expecting == frame.expecting_failure:
            return frame
        return _with_expectation(frame, expecting)

    def _pattern(self, pattern: ast.pattern, frame: Frame) -> None:
        for node in ast.walk(pattern):
            if isinstance(node, (ast.MatchAs, ast.MatchStar)) and node.name:
                self.builder.copy(frame.scope.write(node.name), UNKNOWN)
            elif isinstance(node, ast.MatchMapping) and node.rest:
                self.builder.copy(frame.scope.write(node.rest), UNKNOWN)
            elif isinstance(node, ast.MatchValue):
                self.value(node.value, frame)
            elif isinstance(node, ast.MatchClass):
                self.value(node.cls, frame)

    # functions ------------------------------------------------------------
    def function(
        self,
        node: ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda,
        frame: Frame,
        method: Method | None = None,
    ) -> int:
        """Walk a function; the variable holding it once its decorators are applied."""
        builder = self.builder
        is_lambda = isinstance(node, ast.Lambda)
        decorators = [] if is_lambda else self.values(node.decorator_list, frame)  # type: ignore[union-attr]
        args = node.args
        defaults = self.values(args.defaults, frame)
        kw_defaults = [self.value(d, frame) if d else NOTHING for d in args.kw_defaults]
        index = builder.reserve_function()
        scope = FlowScope(builder, "function", frame.scope)
        positional = [*args.posonlyargs, *args.args]
        params = tuple(
            (p.arg, scope.bind(p.arg)) for p in (*positional, *args.kwonlyargs)
        )
        for name, var in params:
            scope.set_version(name, var)
        for (_, var), default in zip(
            params[len(positional) - len(defaults) :], defaults, strict=False
        ):
            builder.copy(var, default)
        for (_, var), default in zip(
            params[len(positional) :], kw_defaults, strict=True
        ):
            builder.copy(var, default)
        vararg = kwarg = -1
        if args.vararg is not None:
            vararg = scope.bind(args.vararg.arg)
        if args.kwarg is not None:
            kwarg = scope.bind(args.kwarg.arg)
        name = "<lambda>" if is_lambda else node.name  # type: ignore[union-attr]
        results = FunctionVars(builder, builder.var(), index=index)
        binding: Binding = ""
        if method is not None:
            # __new__ is a static method that is handed its class
            binding = "static" if name == "__new__" else method.binding
            self._receive_instance(method, params, len(positional), vararg)
            inner = Frame(
                owner=method.owner,
                scope=scope,
                instance=method.instance,
                klass=method.klass,
                method=name,
                forwarded_name=method.forwarded,
                qualprefix=f"{frame.qualprefix}{name}.<locals>.",
                function=results,
                class_index=method.class_index,
                mangler=method.owner.name,
            )
        else:
            names = {p for p, _ in params} | {
                a.arg for a in (args.vararg, args.kwarg) if a is not None
            }
            inner = Frame(
                owner=frame.owner,
                scope=scope,
                instance=frame.instance if frame.instance not in names else None,
                klass=frame.klass if frame.klass not in names else None,
                method=frame.method,
                qualprefix=f"{frame.qualprefix}{name}.<locals>.",
                function=results,
                class_index=frame.class_index,
                mangler=frame.mangler,
            )
        if is_lambda:
            builder.copy(results.returns, self.value(node.body, inner))  # type: ignore[arg-type]
        else:
            self.statements(node.body, inner)  # type: ignore[arg-type]
        scope.close()
        builder.define_function(
            index,
            FlowFunction(
                frame.qualprefix + name,
                node.lineno,
                params,
                len(positional),
                vararg,
                kwarg,
                results.returns,
                results.generator,
                method.class_index if method is not None else -1,
                binding,
                tuple(
                    (position, tuple(annotation_classes(p.annotation)))
                    for position, p in enumerate((*positional, *args.kwonlyargs))
                    if p.annotation is not None
                ),
                len(positional) - len(args.defaults),
                tuple(
                    p.arg
                    for p, default in zip(
                        args.kwonlyargs, args.kw_defaults, strict=True
                    )
                    if default is None
                ),
                "" if is_lambda else fixture_name(node),  # type: ignore[arg-type]
                receiver_result(
                    node, positional[0].arg, results.returned, results.generator >= 0
                )
                if binding == "instance"
                and positional
                and isinstance(node, ast.FunctionDef)
                else "",
            ),
        )
        held = builder.holding("function", index)
        if not is_lambda:
            for decorator, expr in reversed(
                list(zip(decorators, node.decorator_list, strict=True))  # type: ignore[union-attr]
            ):
                held = self.apply(decorator, held, expr.lineno, dotted_name(expr) or "")
        return held

    def _receive_instance(
        self,
        method: Method,
        params: tuple[tuple[str, int], ...],
        positional: int,
        vararg: int,
    ) -> None:
        builder = self.builder
        if method.binding == "instance":
            if positional:
                builder.objects.append((params[0][1], "self", method.class_index))
            elif vararg >= 0:  # def __init__(*args): self = args[0]
                builder.copy(vararg, builder.holding("self", method.class_index))
        elif method.binding == "class" and positional:
            builder.objects.append((params[0][1], "cls", method.class_index))

    def apply(self, decorator: int, held: int, line: int, text: str) -> int:
        """`@decorator` applied to what `held` holds: the call's result."""
        result = self.builder.var()
        self.builder.calls.append(
            FlowCall(result, decorator, (held,), (), (), (), line, text, decorator=True)
        )
        return result

    def doctest(self, text: str, line: int, frame: Frame) -> None:
        """Walk a docstring's examples in a scope of their own over the module's."""
        statements = doctest_statements(text, line)
        if statements:
            scope = FlowScope(self.builder, "function", frame.scope.module())
            self.statements(statements, Frame(owner=None, scope=scope))
            scope.close()

    def lambda_value(self, node: ast.Lambda, frame: Frame) -> int:
        return self.function(node, frame)

    def comprehension(self, node: ast.expr, frame: Frame) -> int:
        builder = self.builder
        scope = FlowScope(builder, "function", frame.scope)
        inner = _in_scope(frame, scope)
        for position, generator in enumerate(node.generators):  # type: ignore[attr-defined]
            # the first iterable is evaluated in the enclosing scope
            held = self.value(generator.iter, frame if position == 0 else inner)
            self.assign(generator.target, builder.iterate(held), inner)
            for condition in generator.ifs:
                self.value(condition, inner)
        container = builder.container()
        if isinstance(node, ast.DictComp):
            builder.gather(container, self.value(node.key, inner))
            builder.gather(container, self.value(node.value, inner))
        else:
            builder.gather(container, self.value(node.elt, inner))  # type: ignore[attr-defined]
        scope.close()
        return container


def _in_scope(frame: Frame, scope: FlowScope) -> Frame:
    return replace(frame, scope=scope)


def _with_expectation(frame: Frame, expecting: bool) -> Frame:
    return replace(frame, expecting_failure=expecting)
