"""The state a walk below statement level carries: the class being filled in,
the frame of the function being walked, and the facts about parameters.
"""

from __future__ import annotations

import ast
from collections.abc import Callable
from dataclasses import dataclass, field

from autoslot.summary.flow_builder import FlowBuilder, FlowScope
from autoslot.summary.model import AttrUse, Blocker

QUOTE_SAMPLE = 200
PICKLE_METHODS = frozenset(
    {"__getstate__", "__setstate__", "__reduce__", "__reduce_ex__"}
)
PATCHERS = frozenset(
    {"patch.object", "mock.patch.object", "unittest.mock.patch.object"}
)
# Exceptions whose `assertRaises`/`pytest.raises`/`except` mean "this store
# is expected to fail": a test that a slotted class rejects the attribute.
ATTRIBUTE_ERRORS = frozenset({"AttributeError", "builtins.AttributeError"})


# what was read on every path so far, saved before a branch
ReadsSnapshot = tuple[
    dict[int, frozenset[str]], dict[tuple[int | str, ...], frozenset[str]]
]


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

    def block(self, code: str, line: int, detail: str) -> None:
        self.blockers.append(Blocker(code, line, detail))


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
    # keyed by the variable they start from and the steps after it; any call,
    # suspension or container store in between may change what they denote
    expression_reads: dict[tuple[int | str, ...], set[str]] = field(
        default_factory=dict
    )

    def read(self, var: int, attr: str) -> None:
        found = self.must_read.get(var)
        if found is None:
            self.must_read[var] = {attr}
        else:
            found.add(attr)

    def read_expression(self, key: tuple[int | str, ...], attr: str) -> None:
        self.expression_reads.setdefault(key, set()).add(attr)

    def forget_expressions(self, attr: str | None = None) -> None:
        """Code ran, or a container or attribute changed: expressions may now
        denote other objects (all of them, or those through `.attr`)."""
        if not self.expression_reads:
            return
        if attr is None:
            self.expression_reads = {}
        else:
            step = "." + attr
            self.expression_reads = {
                key: names
                for key, names in self.expression_reads.items()
                if step not in key
            }

    def snapshot(self) -> ReadsSnapshot:
        return (
            {var: frozenset(names) for var, names in self.must_read.items()},
            {key: frozenset(names) for key, names in self.expression_reads.items()},
        )

    def restore(self, saved: ReadsSnapshot) -> None:
        self.must_read = {var: set(names) for var, names in saved[0].items()}
        self.expression_reads = {key: set(names) for key, names in saved[1].items()}

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
