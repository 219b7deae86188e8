"""Collect a module's value-flow program while its tree is walked.

FlowBuilder owns the variables and the constraint lists; the names of each
scope get their variables in flow_scope.py.
"""

from __future__ import annotations

from autoslot.summary.flow_model import (
    FIRST_VAR,
    NOTHING,
    FlowCall,
    FlowFunction,
    FlowProgram,
    FlowStore,
    FlowUse,
    ObjectKind,
    StoreKind,
    UseKind,
)


class FlowBuilder:
    __slots__ = (
        "calls",
        "class_attributes",
        "classes",
        "copies",
        "creations",
        "elements",
        "entered",
        "free",
        "functions",
        "gathers",
        "globals",
        "imports",
        "iterations",
        "loads",
        "narrowings",
        "next_var",
        "objects",
        "operators",
        "star_imports",
        "stores",
        "subscripts",
        "types",
        "uses",
    )

    def __init__(self) -> None:
        self.next_var = FIRST_VAR
        self.classes: list[tuple[str, int]] = []
        self.functions: list[FlowFunction | None] = []
        self.objects: list[tuple[int, ObjectKind, int]] = []
        self.copies: list[int] = []
        self.gathers: list[int] = []
        self.loads: list[tuple[int, int, str]] = []
        self.stores: list[FlowStore] = []
        self.iterations: list[int] = []
        self.subscripts: list[int] = []
        self.elements: list[int] = []
        self.calls: list[FlowCall] = []
        self.operators: list[tuple[int, tuple[int, ...], str]] = []
        self.entered: list[int] = []
        self.types: list[int] = []
        self.creations: list[int] = []
        self.imports: list[tuple[int, str, str, int]] = []
        self.globals: list[tuple[str, int]] = []
        self.free: list[tuple[int, str]] = []
        self.star_imports: list[tuple[str, int]] = []
        self.class_attributes: list[tuple[int, str, int]] = []
        self.uses: list[FlowUse] = []
        self.narrowings: list[tuple[int, int, tuple[str, ...]]] = []

    # variables and what they start with ------------------------------------
    def var(self) -> int:
        found = self.next_var
        self.next_var = found + 1
        return found

    def holding(self, kind: ObjectKind, payload: int = 0) -> int:
        """A fresh variable that starts out holding one object."""
        target = self.var()
        self.objects.append((target, kind, payload))
        return target

    def container(self) -> int:
        """A list, tuple, dict, set or generator: its variable holds its elements.

        Containers are collapsed into what they hold (the elements of `[a, b]`
        are in its variable; iterating it gives them back), which keeps the
        analysis small; a store on a container variable is no store at all,
        since builtin containers take no attributes.
        """
        return self.var()

    def class_ref(self, qualname: str, occurrence: int) -> int:
        self.classes.append((qualname, occurrence))
        return len(self.classes) - 1

    def reserve_function(self) -> int:
        """An index for a function whose facts are known once its body is walked."""
        self.functions.append(None)
        return len(self.functions) - 1

    def define_function(self, index: int, function: FlowFunction) -> None:
        self.functions[index] = function

    # constraints ------------------------------------------------------------
    def copy(self, target: int, source: int) -> None:
        if source not in (NOTHING, target):
            self.copies += (target, source)

    def union(self, sources: list[int]) -> int:
        held = [s for s in sources if s != NOTHING]
        if len(held) <= 1:
            return held[0] if held else NOTHING
        target = self.var()
        for source in held:
            self.copies += (target, source)
        return target

    def load(self, base: int, attr: str) -> int:
        if base == NOTHING:
            return NOTHING
        target = self.var()
        self.loads.append((target, base, attr))
        return target

    def store(
        self,
        base: int,
        attr: str,
        value: int,
        line: int,
        text: str,
        kind: StoreKind = "store",
        on_self: int = -1,
        requires: tuple[str, ...] = (),
        requires_across: tuple[str, ...] = (),
        calls_between: tuple[tuple[int, str], ...] = (),
    ) -> None:
        self.stores.append(
            FlowStore(
                base,
                attr,
                value,
                line,
                kind,
                text,
                on_self,
                requires,
                requires_across,
                calls_between,
            )
        )

    def iterate(self, source: int) -> int:
        """An element of `source`: what it holds (containers are collapsed), and
        what the iteration protocol of its instances gives."""
        if source == NOTHING:
            return NOTHING
        target = self.var()
        self.copies += (target, source)
        self.iterations += (target, source)
        return target

    def subscript(self, base: int) -> int:
        if base == NOTHING:
            return NOTHING
        target = self.var()
        self.copies += (target, base)
        self.subscripts += (target, base)
        return target

    def put(self, container: int, value: int) -> None:
        """`value` goes into the container (and to `__setitem__` of instances)."""
        if NOTHING not in (value, container):
            self.gathers += (container, value)
            self.elements += (container, value)

    def gather(self, container: int, value: int) -> None:
        """An element of a display or comprehension being built."""
        if value != NOTHING:
            self.gathers += (container, value)

    def operator(self, operands: tuple[int, ...], method: str) -> int:
        """`a + b`: what the special methods of instances return, and the
        operands themselves (containers are collapsed: `xs + [y]` holds both)."""
        if all(o == NOTHING for o in operands):
            return NOTHING
        target = self.var()
        for operand in operands:
            if operand != NOTHING:
                self.copies += (target, operand)
        self.operators.append((target, operands, method))
        return target

    def enter(self, manager: int) -> int:
        if manager == NOTHING:
            return NOTHING
        target = self.var()
        self.entered += (target, manager)
        return target

    def type_of(self, source: int) -> int:
        if source == NOTHING:
            return NOTHING
        target = self.var()
        self.types += (target, source)
        return target

    def create(self, klass: int) -> int:
        target = self.var()
        self.creations += (target, klass)
        return target

    def use(
        self,
        kind: UseKind,
        var: int,
        line: int,
        text: str,
        other: int = 0,
        on_self: int = -1,
    ) -> None:
        if var != NOTHING:
            self.uses.append(FlowUse(kind, var, line, text, other, on_self))

    def program(self) -> FlowProgram:
        functions = tuple(f for f in self.functions if f is not None)
        assert len(functions) == len(self.functions), "a function was never defined"
        return FlowProgram(
            variables=self.next_var,
            classes=tuple(self.classes),
            functions=functions,
            objects=tuple(self.objects),
            copies=tuple(self.copies),
            gathers=tuple(self.gathers),
            loads=tuple(self.loads),
            stores=tuple(self.stores),
            iterations=tuple(self.iterations),
            subscripts=tuple(self.subscripts),
            elements=tuple(self.elements),
            calls=tuple(self.calls),
            operators=tuple(self.operators),
            entered=tuple(self.entered),
            types=tuple(self.types),
            creations=tuple(self.creations),
            imports=tuple(self.imports),
            globals=tuple(self.globals),
            free=tuple(self.free),
            star_imports=tuple(self.star_imports),
            class_attributes=tuple(self.class_attributes),
            uses=tuple(self.uses),
            narrowings=tuple(self.narrowings),
        )
