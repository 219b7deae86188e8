"""The state a walk below statement level carries: the class being filled in,
the frame of the function being walked, and the facts about parameters.
"""

from __future__ import annotations

import ast
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field

from autoslot.summary.flow_builder import FlowBuilder
from autoslot.summary.flow_scope import FlowScope
from autoslot.summary.model import AttrUse, Blocker, BlockerKind

PATCHERS = frozenset(
    {"patch.object", "mock.patch.object", "unittest.mock.patch.object"}
)
# Exceptions whose `assertRaises`/`pytest.raises`/`except` mean "this store
# is expected to fail": a test that a slotted class rejects the attribute.
ATTRIBUTE_ERRORS = frozenset({"AttributeError", "builtins.AttributeError"})


# what was read on every path so far, saved before a branch
ExpressionKey = tuple[int | str, ...]
# what a call calls: its callee's node and "", or its receiver's node and
# the method's name
Callee = tuple[int, str]
# each attribute read on an expression, with the walk's clock when it was read
ExpressionReads = dict[ExpressionKey, dict[str, int]]
ReadsSnapshot = tuple[dict[int, frozenset[str]], ExpressionReads]
# past this many calls between a read and a store, the read is not counted
MAX_CALLS_BETWEEN = 8


@dataclass(frozen=True, slots=True)
class ReadsOnExpression:
    """What a store on an expression may count on: the names read on it with
    nothing run since, and the names read before plain calls, which count
    once the flow shows that none of those callees runs project code."""

    certain: frozenset[str] = frozenset()
    before_calls: frozenset[str] = frozenset()
    callees: tuple[Callee, ...] = ()


NO_READS = ReadsOnExpression()


@dataclass(slots=True)
class ClassFacts:
    """What the walk found for one class, filled in as its methods are scanned."""

    name: str
    stores: dict[str, AttrUse] = field(default_factory=dict)
    reads: set[str] = field(default_factory=set)
    # the first read of each name on the instance, for reads of names nothing
    # stores (a misspelling: AS206)
    first_reads: dict[str, AttrUse] = field(default_factory=dict)
    class_stores: dict[str, AttrUse] = field(default_factory=dict)
    blockers: list[Blocker] = field(default_factory=list)
    uses_class_cell: bool = False

    def store(self, name: str, line: int, method: str) -> None:
        if name not in self.stores:
            self.stores[name] = AttrUse(name, line, method)

    def read(self, name: str, line: int, method: str) -> None:
        self.reads.add(name)
        if name not in self.first_reads:
            self.first_reads[name] = AttrUse(name, line, method)

    def class_store(self, name: str, line: int, method: str) -> None:
        if name not in self.class_stores:
            self.class_stores[name] = AttrUse(name, line, method)

    def block(self, kind: BlockerKind, line: int, method: str, detail: str) -> None:
        self.blockers.append(Blocker(kind, line, detail, method))


@dataclass(slots=True)
class FunctionVars:
    """Where a function's results go while its body is walked."""

    builder: FlowBuilder
    returns: int
    generator: int = -1
    # the function's index among the module's functions
    index: int = -1
    # attributes read on each variable on every path to here (reads in a
    # branch do not count after it): a store on the variable happens only
    # to objects that have them
    must_read: dict[int, set[str]] = field(default_factory=dict)
    # the same for receivers written as expressions (`rows[-1]`, `self.md`),
    # keyed by the variable they start from and the steps after it. Which
    # reads still hold is decided by the clock, never restored by a branch:
    # code that ran in a branch may have changed what an expression denotes
    # (a suspension, a container store, a store through `.attr`, a call)
    expression_reads: ExpressionReads = field(default_factory=dict)
    clock: int = 0
    forgot_all_at: int = 0
    forgot_attr_at: dict[str, int] = field(default_factory=dict)
    # calls, with the clock and the callee (its node, or the receiver's and
    # the method's name): what an expression denotes holds across one whose
    # callee runs no project code
    calls: list[tuple[int, Callee]] = field(default_factory=list)
    # the last `a and b and c` walked, with what was read once every operand
    # ran: an `if` on it may count them all in its body
    when_all_true: tuple[ast.BoolOp, ReadsSnapshot] | None = None
    # the values of its own `return` statements, as walked
    returned: list[ast.expr] = field(default_factory=list)

    def read(self, var: int, attr: str) -> None:
        found = self.must_read.get(var)
        if found is None:
            self.must_read[var] = {attr}
        else:
            found.add(attr)

    def read_expression(self, key: ExpressionKey, attr: str) -> None:
        self.clock += 1
        self.expression_reads.setdefault(key, {})[attr] = self.clock

    def call_ran(self, callee: int, method: str = "") -> None:
        self.clock += 1
        self.calls.append((self.clock, (callee, method)))

    def forget_expressions(self, attr: str | None = None) -> None:
        """Code ran, or a container or attribute changed: expressions may now
        denote other objects (all of them, or those through `.attr`)."""
        self.clock += 1
        if attr is None:
            self.forgot_all_at = self.clock
        else:
            self.forgot_attr_at[attr] = self.clock

    def reads_on(self, key: ExpressionKey) -> ReadsOnExpression:
        reads = self.expression_reads.get(key)
        if not reads:
            return ReadsOnExpression()
        floor = self.forgot_all_at
        for step in key[1:]:
            if type(step) is str and step.startswith("."):
                floor = max(floor, self.forgot_attr_at.get(step[1:], 0))
        live = {name: at for name, at in reads.items() if at > floor}
        if not live:
            return ReadsOnExpression()
        last_call = self.calls[-1][0] if self.calls else 0
        certain = frozenset(n for n, at in live.items() if at > last_call)
        before = {n: at for n, at in live.items() if at < last_call}
        if not before:
            return ReadsOnExpression(certain)
        since = bisect_right(self.calls, (min(before.values()), (-1, "")))
        if len(self.calls) - since > MAX_CALLS_BETWEEN:
            return ReadsOnExpression(certain)
        callees = tuple(callee for _, callee in self.calls[since:])
        return ReadsOnExpression(certain, frozenset(before), callees)

    def snapshot(self) -> ReadsSnapshot:
        return (
            {var: frozenset(names) for var, names in self.must_read.items()},
            {key: dict(reads) for key, reads in self.expression_reads.items()},
        )

    def restore(self, saved: ReadsSnapshot) -> None:
        self.must_read = {var: set(names) for var, names in saved[0].items()}
        self.expression_reads = {key: dict(reads) for key, reads in saved[1].items()}

    def generator_object(self) -> int:
        """The generator object a call returns, made at the first `yield`."""
        if self.generator < 0:
            self.generator = self.builder.var()
        return self.generator


@dataclass(frozen=True, slots=True)
class Frame:
    """The names that mean "the instance" and "the class" in a function body."""

    owner: ClassFacts | None
    scope: FlowScope
    instance: str | None = None
    klass: str | None = None
    method: str = ""
    # the second parameter of `__setattr__`: forwarding it is not a dynamic store
    forwarded_name: str | None = None
    qualprefix: str = ""
    function: FunctionVars | None = None
    # the class whose method this is (an index into the flow's classes), or -1
    class_index: int = -1
    # the class name private names are mangled with, or None
    mangler: str | None = None
    # inside `with assertRaises(AttributeError)` or a `try` that catches it
    expecting_failure: bool = False


NestedClassHandler = Callable[[ast.ClassDef, str, FlowScope, bool], int]

FUNCTION_TYPES = frozenset({ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda})


def function_params(
    node: ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda,
) -> list[ast.arg]:
    args = node.args
    found = [*args.posonlyargs, *args.args, *args.kwonlyargs]
    if args.vararg is not None:
        found.append(args.vararg)
    if args.kwarg is not None:
        found.append(args.kwarg)
    return found


def first_param(node: ast.FunctionDef | ast.AsyncFunctionDef) -> str | None:
    positional = [*node.args.posonlyargs, *node.args.args]
    return positional[0].arg if positional else None
