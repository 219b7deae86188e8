"""Summarise one class statement: its header, its body bindings, its methods."""

from __future__ import annotations

import ast
import dataclasses
from collections.abc import Callable
from typing import Literal

from autoslot.summary.body_kinds import (
    IMPLICIT_CLASSMETHODS,
    called_name,
    existing_slots,
    init_subclass_takes_arguments,
    is_classvar,
    method_kind,
    property_call_kind,
)
from autoslot.summary.flow_model import Binding
from autoslot.summary.flow_scope import FlowScope
from autoslot.summary.frames import ClassFacts, Frame, first_param
from autoslot.summary.layout import SourceText, body_on_header_line
from autoslot.summary.model import (
    BindingKind,
    BodyBinding,
    ClassSummary,
    ExistingSlots,
    Pragma,
)
from autoslot.summary.names import expr_ref, nested_blocks, target_names
from autoslot.summary.walk import Method, Walker

Placement = Literal["module", "class", "function"]
PragmaFinder = Callable[[int, int], Pragma | None]


class ClassSummariser:
    """Builds a ClassSummary; nested classes are reported through `emit`."""

    def __init__(
        self,
        walker: Walker,
        emit: Callable[[ClassSummary], None],
        pragma_for: PragmaFinder,
        occurrence: Callable[[str], int],
        text: SourceText,
    ) -> None:
        self.text = text
        self.walker = walker
        self.emit = emit
        self.pragma_for = pragma_for
        self.occurrence = occurrence

    def summarise(
        self,
        node: ast.ClassDef,
        qualprefix: str,
        placement: Placement,
        conditional: bool,
        enclosing: FlowScope,
    ) -> int:
        """Summarise the class; the flow variable the class statement binds."""
        qualname = qualprefix + node.name
        occurrence = self.occurrence(qualname)
        facts = ClassFacts(node.name)
        walker = self.walker
        builder = walker.builder
        outer = Frame(owner=None, scope=enclosing, qualprefix=qualprefix)
        # bases, keywords and decorators are evaluated in the enclosing scope
        walker.walk([*node.bases, *(k.value for k in node.keywords)], outer)
        decorators = walker.values(node.decorator_list, outer)
        class_index = builder.class_ref(qualname, occurrence)
        bindings: dict[str, BodyBinding] = {}
        slot_assignments: list[ExistingSlots] = []
        class_scope = FlowScope(builder, "class", enclosing, class_index)
        class_frame = Frame(
            owner=facts,
            scope=class_scope,
            qualprefix=qualname + ".",
            class_index=class_index,
            mangler=node.name,
        )
        self._body(
            node.body, facts, class_frame, bindings, slot_assignments, conditional=False
        )
        class_scope.close()
        held = builder.holding("class", class_index)
        for decorator, expr in reversed(
            list(zip(decorators, node.decorator_list, strict=True))
        ):
            held = walker.apply(decorator, held, expr.lineno, expr_ref(expr).text)

        body = node.body
        first = body[0]
        has_docstring = (
            isinstance(first, ast.Expr)
            and isinstance(first.value, ast.Constant)
            and isinstance(first.value.value, str)
        )
        slots = slot_assignments[0] if len(slot_assignments) == 1 else None
        if len(slot_assignments) > 1:
            slots = ExistingSlots("other", (), slot_assignments[0].line)
        elif slots is not None and slots.form != "other":
            on_header = body_on_header_line(self.text, node)
            slots = dataclasses.replace(slots, body_on_header_line=on_header)
        header_start = (
            node.decorator_list[0].lineno if node.decorator_list else node.lineno
        )
        header_end = max(node.lineno, first.lineno - 1)
        self.emit(
            ClassSummary(
                name=node.name,
                qualname=qualname,
                occurrence=occurrence,
                line=node.lineno,
                end_line=node.end_lineno or node.lineno,
                scope=placement,
                conditional=conditional,
                bases=tuple(expr_ref(b) for b in node.bases),
                keywords=tuple(
                    (k.arg or "**", expr_ref(k.value)) for k in node.keywords
                ),
                decorators=tuple(expr_ref(d) for d in node.decorator_list),
                body=tuple(bindings.values()),
                stores=tuple(facts.stores.values()),
                reads=tuple(sorted(facts.reads)),
                class_stores=tuple(facts.class_stores.values()),
                blockers=tuple(facts.blockers),
                slots=slots,
                has_docstring=has_docstring,
                pragma=self.pragma_for(header_start, header_end),
                uses_class_cell=facts.uses_class_cell,
                init_subclass_takes_arguments=init_subclass_takes_arguments(node),
                first_reads=tuple(facts.first_reads.values()),
            )
        )
        return held

    def _bind(self, bindings: dict[str, BodyBinding], binding: BodyBinding) -> None:
        previous = bindings.get(binding.name)
        if (
            previous is not None
            and binding.kind == "annotation"
            and previous.kind != "annotation"
        ):
            return  # `x = 0` then `x: int`: the name is still bound to a value
        bindings[binding.name] = binding

    def _body(
        self,
        stmts: list[ast.stmt],
        facts: ClassFacts,
        frame: Frame,
        bindings: dict[str, BodyBinding],
        slots: list[ExistingSlots],
        conditional: bool,
    ) -> None:
        for stmt in stmts:
            if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)):
                self._method(stmt, facts, frame, bindings, conditional)
            elif isinstance(stmt, ast.ClassDef):
                binding = BodyBinding(
                    stmt.name, "class", stmt.lineno, conditional=conditional
                )
                self._bind(bindings, binding)
                held = self.summarise(
                    stmt, frame.qualprefix, "class", conditional, frame.scope
                )
                self.walker.builder.copy(frame.scope.bind(stmt.name), held)
            elif isinstance(stmt, ast.Assign):
                self._assign(
                    stmt, stmt.targets, stmt.value, bindings, slots, conditional
                )
                self.walker.statement(stmt, frame)
            elif isinstance(stmt, ast.AnnAssign):
                self._annotated(stmt, bindings, slots, conditional)
                if stmt.value is not None:
                    self.walker.statement(stmt, frame)
            elif isinstance(stmt, ast.AugAssign):
                self._assign(stmt, [stmt.target], None, bindings, slots, conditional)
                self.walker.statement(stmt, frame)
            elif isinstance(stmt, (ast.Import, ast.ImportFrom)):
                for alias in stmt.names:
                    name = alias.asname or alias.name.split(".")[0]
                    binding = BodyBinding(
                        name, "value", stmt.lineno, conditional=conditional
                    )
                    self._bind(bindings, binding)
                self.walker.statement(stmt, frame)
            else:
                blocks = list(nested_blocks(stmt))
                if blocks:
                    self._loop_targets(stmt, bindings)
                    inner = self.walker.header(stmt, frame)
                    for block in blocks:
                        self._body(
                            block, facts, inner, bindings, slots, conditional=True
                        )
                else:
                    self.walker.statement(stmt, frame)

    def _loop_targets(self, stmt: ast.stmt, bindings: dict[str, BodyBinding]) -> None:
        targets: list[ast.expr] = []
        if isinstance(stmt, (ast.For, ast.AsyncFor)):
            targets.append(stmt.target)
        elif isinstance(stmt, (ast.With, ast.AsyncWith)):
            targets.extend(
                i.optional_vars for i in stmt.items if i.optional_vars is not None
            )
        for target in targets:
            for name in target_names(target):
                self._bind(
                    bindings, BodyBinding(name, "value", stmt.lineno, conditional=True)
                )

    def _assign(
        self,
        stmt: ast.stmt,
        targets: list[ast.expr],
        value: ast.expr | None,
        bindings: dict[str, BodyBinding],
        slots: list[ExistingSlots],
        conditional: bool,
    ) -> None:
        for target in targets:
            for name in target_names(target):
                if name == "__slots__":
                    literal = (
                        value
                        if len(targets) == 1 and isinstance(target, ast.Name)
                        else None
                    )
                    slots.append(
                        existing_slots(stmt, literal, not conditional, self.text)
                    )
                    self._bind(
                        bindings,
                        BodyBinding(
                            name, "slots", stmt.lineno, conditional=conditional
                        ),
                    )
                    continue
                kind = property_call_kind(value) if value is not None else None
                self._bind(
                    bindings,
                    BodyBinding(
                        name,
                        kind or "value",
                        stmt.lineno,
                        conditional=conditional,
                        value_call=called_name(value),
                    ),
                )

    def _annotated(
        self,
        stmt: ast.AnnAssign,
        bindings: dict[str, BodyBinding],
        slots: list[ExistingSlots],
        conditional: bool,
    ) -> None:
        if not isinstance(stmt.target, ast.Name):
            return
        name = stmt.target.id
        classvar, initvar = is_classvar(stmt.annotation)
        if name == "__slots__":
            if stmt.value is not None:
                slots.append(
                    existing_slots(stmt, stmt.value, not conditional, self.text)
                )
                self._bind(
                    bindings,
                    BodyBinding(name, "slots", stmt.lineno, conditional=conditional),
                )
            return
        if stmt.value is None:
            kind: BindingKind = "classvar" if classvar else "annotation"
        else:
            kind = property_call_kind(stmt.value) or "value"
        self._bind(
            bindings,
            BodyBinding(
                name,
                kind,
                stmt.lineno,
                annotated=True,
                initvar=initvar,
                classvar=classvar,
                conditional=conditional,
                value_call=called_name(stmt.value),
            ),
        )

    def _method(
        self,
        node: ast.FunctionDef | ast.AsyncFunctionDef,
        facts: ClassFacts,
        frame: Frame,
        bindings: dict[str, BodyBinding],
        conditional: bool,
    ) -> None:
        kind, accessor = method_kind(node)
        name = node.name
        previous = bindings.get(name)
        if accessor is not None:
            if previous is not None and previous.kind in (
                "property",
                "property_setter",
            ):
                kind = "property_setter" if accessor == "setter" else previous.kind
            else:
                kind = (
                    "function"  # extends something we cannot see: not a known property
                )
        decorators = tuple(
            ref.dotted for d in node.decorator_list if (ref := expr_ref(d)).dotted
        )
        self._bind(
            bindings,
            BodyBinding(
                name, kind, node.lineno, conditional=conditional, decorators=decorators
            ),
        )
        param = first_param(node)
        instance = klass = None
        binding: Binding = "instance"
        if kind == "staticmethod":
            binding = "static"
        elif (
            kind == "classmethod" or name in IMPLICIT_CLASSMETHODS or name == "__new__"
        ):
            klass = param
            binding = "class"
        else:
            instance = param
        positional = [*node.args.posonlyargs, *node.args.args]
        forwarded = (
            positional[1].arg if name == "__setattr__" and len(positional) > 1 else None
        )
        method = Method(facts, frame.class_index, binding, instance, klass, forwarded)
        held = self.walker.function(node, frame, method)
        self.walker.builder.copy(frame.scope.bind(name), held)
