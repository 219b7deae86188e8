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
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace

from autoslot.summary.annotations import annotation_classes
from autoslot.summary.calls import CallWalker
from autoslot.summary.doctests import PROMPT, doctest_statements
from autoslot.summary.exprs import name_version
from autoslot.summary.flow_builder import FlowBuilder, FlowScope
from autoslot.summary.flow_model import (
    NOTHING,
    UNKNOWN,
    Binding,
    FlowCall,
    FlowFunction,
)
from autoslot.summary.frames import (
    ATTRIBUTE_ERRORS,
    ClassFacts,
    Frame,
    FunctionVars,
    NestedClassHandler,
)
from autoslot.summary.names import dotted_name, mangle
from autoslot.summary.narrowing import Narrowed, exits, narrowed
from autoslot.summary.quotes import QuoteSample
from autoslot.summary.receiver_results import receiver_result
from autoslot.summary.shapes import CLASS_SHAPE, is_class_of, stores_before_raise


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
            expecting = expecting or _expects_attribute_error(item.context_expr)
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
                receiver_result(node, positional[0].arg)
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


def _expects_attribute_error(node: ast.expr) -> bool:
    """`self.assertRaises(AttributeError)`, `pytest.raises((AttributeError, TypeError))`."""
    if not isinstance(node, ast.Call) or not node.args:
        return False
    dotted = dotted_name(node.func) or ""
    last = dotted.rsplit(".", 1)[-1]
    if last not in ("assertRaises", "assertRaisesRegex", "raises"):
        return False
    first = node.args[0]
    caught = first.elts if isinstance(first, ast.Tuple) else [first]
    return any(dotted_name(c) in ATTRIBUTE_ERRORS for c in caught)


# statements -----------------------------------------------------------------
StatementHandler = Callable[[Walker, ast.stmt, Frame], None]


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
        w.store_attribute(target, builder.operator((current, operand), method), frame)
    elif isinstance(target, ast.Subscript):
        base = w.value(target.value, frame)
        w.value(target.slice, frame)
        current = builder.subscript(base)
        w.put_into(
            target.value, base, builder.operator((current, operand), method), frame
        )


def _binary_method(op: ast.operator) -> str:
    from autoslot.summary.exprs import BINARY_METHODS

    return BINARY_METHODS[type(op)]


def _compound(w: Walker, node: ast.stmt, frame: Frame) -> None:
    kind = type(node)
    scope = frame.scope
    loop = kind in (ast.For, ast.AsyncFor, ast.While)
    before = dict(scope.versions) if scope.versions is not None else None
    written_from = len(scope.written)
    if kind is ast.While:
        # the test runs before every round: read through the variables
        scope.forget(list(scope.versions or ()))
    inner = w.header(node, frame)
    state = frame.function
    # what a block reads does not hold after it, nor in the other blocks (a
    # `with` body always runs, so its reads do hold after it)
    saved = state.snapshot() if state is not None else None
    if kind is ast.If:
        _if(w, node, frame, before)  # type: ignore[arg-type]
    else:
        branches = kind not in (ast.With, ast.AsyncWith)
        for name in ("body", "orelse", "finalbody"):
            block = getattr(node, name, None)
            if not block:
                continue
            if (
                name != "body"
                and scope.versions is not None
                and (loop or kind is not ast.Match)
            ):
                # after a loop's rounds or a try's body that may have stopped
                # anywhere: every version written in it may reach here
                scope.forget(scope.written[written_from:])
            w.statements(block, inner if name == "body" else frame)
            if branches and saved is not None and state is not None:
                state.restore(saved)
        for handler in getattr(node, "handlers", ()):
            scope.forget(scope.written[written_from:])
            w.statements(handler.body, frame)
            if saved is not None and state is not None:
                state.restore(saved)
        for case in getattr(node, "cases", ()):
            if before is not None:
                scope.versions = dict(before)
            w.statements(case.body, frame)
            if saved is not None and state is not None:
                state.restore(saved)
        if before is not None and kind not in (ast.With, ast.AsyncWith):
            scope.versions = before
            scope.forget(scope.written[written_from:])
    if saved is not None and state is not None and kind is not ast.If:
        if kind in (ast.With, ast.AsyncWith):
            return
        state.restore(saved)


def _if(w: Walker, node: ast.If, frame: Frame, before: dict[str, int] | None) -> None:
    """Both branches from the same versions; after the `if`, each name's
    versions from the branches that do not always leave, merged."""
    scope = frame.scope
    state = frame.function
    saved = state.snapshot() if state is not None else None
    when_true, when_false = narrowed(node.test)
    # the body runs only after every operand of an `and` test did
    all_true = state.when_all_true if state is not None else None
    outcomes: list[dict[str, int]] = []
    for block, tests in ((node.body, when_true), (node.orelse, when_false)):
        if before is not None:
            scope.versions = dict(before)
        if block is node.body and all_true is not None and all_true[0] is node.test:
            state.restore(all_true[1])  # type: ignore[union-attr]
        made = w.narrow(tests, frame)
        w.statements(block, frame)
        if saved is not None and state is not None:
            state.restore(saved)
        del made  # a narrowed version merges like any other (it holds less)
        if before is not None and not exits(block):
            outcomes.append(dict(scope.versions or {}))
    if before is None:
        return
    if not outcomes:
        scope.versions = dict(before)
        return
    if len(outcomes) == 1:
        scope.versions = outcomes[0]
        return
    merged: dict[str, int] = {}
    for name in outcomes[0].keys() | outcomes[1].keys():
        seen = {o.get(name, before.get(name)) for o in outcomes} - {None}
        if len(seen) == 1:
            merged[name] = seen.pop()  # type: ignore[assignment]
        elif seen:
            phi = w.builder.var()
            for version in seen:
                w.builder.copy(phi, version)  # type: ignore[arg-type]
            merged[name] = phi
    scope.versions = merged


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
    ast.For: _compound,
    ast.AsyncFor: _compound,
    ast.While: _compound,
    ast.If: _compound,
    ast.With: _compound,
    ast.AsyncWith: _compound,
    ast.Try: _compound,
    ast.Match: _compound,
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
    STATEMENTS[ast.TryStar] = _compound


def fixture_name(node: ast.FunctionDef | ast.AsyncFunctionDef) -> str:
    """The name `@pytest.fixture` (or `@fixture(name=...)`) provides, or ""."""
    for decorator in node.decorator_list:
        target = decorator.func if isinstance(decorator, ast.Call) else decorator
        dotted = dotted_name(target)
        if dotted is None or dotted.rsplit(".", 1)[-1] != "fixture":
            continue
        if isinstance(decorator, ast.Call):
            for keyword in decorator.keywords:
                value = keyword.value
                if (
                    keyword.arg == "name"
                    and isinstance(value, ast.Constant)
                    and isinstance(value.value, str)
                ):
                    return value.value
        return node.name
    return ""
