"""The state a walk below statement level carries: the class being filled in,
the frame of the function being walked, and the facts about parameters.
"""

from __future__ import annotations

import ast
from collections.abc import Callable
from dataclasses import dataclass, field

from autoslot.summary.model import AttrUse, Blocker
from autoslot.summary.scopes import Scope, annotation_tokens

QUOTE_SAMPLE = 200
PICKLE_METHODS = frozenset(
    {"__getstate__", "__setstate__", "__reduce__", "__reduce_ex__"}
)
WEAKREF_CALLABLES = frozenset(
    {
        "ref",
        "proxy",
        "finalize",
        "WeakMethod",
        "WeakSet",
        "WeakValueDictionary",
        "WeakKeyDictionary",
    }
)
PICKLERS = {"dumps": 1, "dump": 2, "Pickler": 1}
# By convention (PEP 8) these parameters receive classes, not instances.
CLASS_PARAMETERS = frozenset({"cls", "klass", "mcs", "mcls", "metacls"})
PATCHERS = frozenset(
    {"patch.object", "mock.patch.object", "unittest.mock.patch.object"}
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
    attribute_types: dict[str, set[str]] = field(default_factory=dict)
    method_params: dict[tuple[str, str], list[str]] = field(default_factory=dict)

    def store(self, name: str, line: int, method: str) -> None:
        if name not in self.stores:
            self.stores[name] = AttrUse(name, line, method)

    def class_store(self, name: str, line: int, method: str) -> None:
        if name not in self.class_stores:
            self.class_stores[name] = AttrUse(name, line, method)

    def block(self, code: str, line: int, detail: str) -> None:
        self.blockers.append(Blocker(code, line, detail))

    def typed(self, name: str, tokens: list[str]) -> None:
        if tokens:
            self.attribute_types.setdefault(name, set()).update(tokens)


@dataclass(frozen=True, slots=True)
class Frame:
    """The names that mean "the instance" and "the class" in a function body."""

    owner: ClassFacts | None
    scope: Scope
    instance: str | None = None
    klass: str | None = None
    method: str = ""
    # the second parameter of `__setattr__`: forwarding it is not a dynamic store
    forwarded_name: str | None = None
    qualprefix: str = ""


@dataclass(frozen=True, slots=True)
class CloseScope:
    """A stack marker: the function body above it has been walked."""

    scope: Scope


NestedClassHandler = Callable[[ast.ClassDef, str, Scope], None]

FUNCTION_TYPES = frozenset({ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda})
# fields whose nodes never matter to the walk: contexts and operators are leaves
LEAF_FIELDS = frozenset({"ctx", "op", "ops"})
_CHILD_FIELDS: dict[type, tuple[str, ...]] = {}


def child_fields(kind: type) -> tuple[str, ...]:
    """The fields of a node type that may hold the nodes to walk, in order."""
    fields = _CHILD_FIELDS.get(kind)
    if fields is None:
        own: tuple[str, ...] = getattr(kind, "_fields", ())
        fields = tuple(f for f in own if f not in LEAF_FIELDS)
        _CHILD_FIELDS[kind] = fields
    return fields


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


def bind_params(
    scope: Scope, node: ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda
) -> None:
    scope.function = getattr(node, "name", "<lambda>")
    for param in function_params(node):
        scope.params.add(param.arg)
        if param.arg in CLASS_PARAMETERS:
            scope.bind(param.arg, ["class"])
        else:
            scope.bind(param.arg, annotation_tokens(param.annotation))
