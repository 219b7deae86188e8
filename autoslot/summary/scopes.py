"""What a function (or module) body does to objects other than `self`.

Each scope collects, per receiver (`item`, `self.child`, `a.b`), the evidence
of its class (constructor calls, annotations, loop element types, `cls()`),
the attributes read and stored on it, and the uses that matter for slots:
stores, patches, `__dict__`, class swaps, weak references. When the scope
ends, each use becomes a ForeignUse carrying that evidence; a receiver that
is not local to the scope hands its uses to the enclosing scope, up to the
module, where the name is resolved against the module's bindings later.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field

from autoslot.summary.model import ForeignUse
from autoslot.summary.names import dotted_name

# Generic containers whose first type argument is the element type.
CONTAINERS = frozenset(
    {
        "list",
        "List",
        "Sequence",
        "MutableSequence",
        "Iterable",
        "Iterator",
        "Collection",
        "set",
        "Set",
        "frozenset",
        "FrozenSet",
        "AbstractSet",
        "MutableSet",
        "tuple",
        "Tuple",
        "deque",
        "Deque",
        "Generator",
        "AsyncIterator",
        "AsyncIterable",
        "Reversible",
    }
)
# Annotations every object satisfies: they say nothing about the class (simpy's
# `bind_early(instance: object)` is handed instances of several classes).
ANY_CLASS = frozenset({"object", "Any", "typing.Any", "builtins.object"})
COPY_FUNCTIONS = frozenset({"copy.copy", "copy.deepcopy", "copy", "deepcopy"})
INSTANCE = "@"
# evidence tokens that name a class the object is an instance of
CLASS_EVIDENCE = ("call:", "ann:")


def annotation_tokens(node: ast.expr | None, element: bool = False) -> list[str]:
    """Evidence tokens from an annotation: `ann:X` for X, `elem:X` for list[X]."""
    if node is None:
        return []
    if isinstance(node, ast.Constant):
        if isinstance(node.value, str):
            try:
                parsed = ast.parse(node.value, mode="eval").body
            except SyntaxError:
                return []
            return annotation_tokens(parsed, element)
        return []
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr):
        return annotation_tokens(node.left, element) + annotation_tokens(
            node.right, element
        )
    if isinstance(node, ast.Subscript):
        base = dotted_name(node.value) or ""
        last = base.rsplit(".", 1)[-1]
        inner = node.slice
        items = list(inner.elts) if isinstance(inner, ast.Tuple) else [inner]
        if last in ("Optional", "Annotated", "Final", "ClassVar") and items:
            return annotation_tokens(items[0], element)
        if last == "Union":
            return [t for item in items for t in annotation_tokens(item, element)]
        if last in CONTAINERS and items and not element:
            return annotation_tokens(items[0], element=True)
        node = node.value  # a generic class of the project: Box[int] is a Box
    dotted = dotted_name(node)
    if dotted is None or dotted in ANY_CLASS:
        return []
    return [f"{'elem' if element else 'ann'}:{dotted}"]


@dataclass(slots=True)
class Scope:
    parent: Scope | None
    # (qualname, occurrence) of the class whose method this scope belongs to
    owner: tuple[str, int] | None = None
    locals: set[str] = field(default_factory=set)
    evidence: dict[str, set[str]] = field(default_factory=dict)
    accessed: dict[str, set[str]] = field(default_factory=dict)
    # the method's parameters that carry no annotation
    bare_params: set[str] = field(default_factory=set)
    # every parameter of the function this scope belongs to, and its name
    params: set[str] = field(default_factory=set)
    function: str = ""
    # names bound to the object `__new__` creates
    created: set[str] = field(default_factory=set)
    # (receiver key, kind, attribute, line, extra)
    events: list[tuple[str, str, str, int, str]] = field(default_factory=list)

    def bind(self, name: str, tokens: list[str] | None = None) -> None:
        self.locals.add(name)
        if tokens:
            self.evidence.setdefault(name, set()).update(tokens)

    def access(self, key: str, attribute: str) -> None:
        found = self.accessed.get(key)
        if found is None:
            self.accessed[key] = {attribute}
        else:
            found.add(attribute)

    def event(
        self, key: str, kind: str, attribute: str, line: int, extra: str = ""
    ) -> None:
        self.events.append((key, kind, attribute, line, extra))

    def _tokens(self, name: str) -> set[str] | None:
        scope: Scope | None = self
        while scope is not None:
            if name in scope.locals:
                return scope.evidence.get(name, set())
            scope = scope.parent
        return None

    def _expand(self, tokens: set[str]) -> set[str]:
        """`each:items` -> the element types of `items`."""
        expanded: set[str] = set()
        for token in tokens:
            if token.startswith("each:"):
                source = self._tokens(token[5:]) or set()
                expanded.update("ann:" + t[5:] for t in source if t.startswith("elem:"))
            elif not token.startswith("elem:"):
                expanded.add(token)
        return expanded

    def close(self, sink: list[ForeignUse]) -> None:
        """Turn this scope's uses into ForeignUses, or hand them to the enclosing scope."""
        for key, kind, attribute, line, extra in self.events:
            root = key.split(".", 1)[0]
            evidence: tuple[str, ...]
            if root == INSTANCE and self.owner is None:
                continue  # an instance key outside any class cannot happen; be safe
            if key.startswith(INSTANCE):
                evidence = ("self",) if key == INSTANCE else (f"attr:{key[2:]}",)
            elif root in self.locals:
                evidence = (
                    tuple(sorted(self._expand(self._tokens(key) or set())))
                    if key == root
                    else ()
                )
            elif self.parent is not None:
                self.parent.events.append((key, kind, attribute, line, extra))
                if key in self.accessed:
                    for name in self.accessed[key]:
                        self.parent.access(key, name)
                continue
            else:
                evidence = (f"global:{key}",) if key == root else ()
            accessed = tuple(sorted(self.accessed.get(key, ())))
            owner = self.owner
            if kind == "pass" and not any(
                t == "self" or t.startswith(CLASS_EVIDENCE) for t in evidence
            ):
                continue  # an argument of unknown class: nothing to learn from it
            param_of = self.function if key == root and root in self.params else ""
            sink.append(
                ForeignUse(
                    kind,  # type: ignore[arg-type]
                    attribute,
                    line,
                    key or "<expression>",
                    evidence,
                    accessed,
                    owner[0] if owner else None,
                    owner[1] if owner else 0,
                    extra,
                    param_of,
                )
            )


def receiver_key(node: ast.expr, instance: str | None) -> str:
    """A name for the object an expression denotes, stable within one scope.

    The instance (`self`, whatever it is called) is spelled `@`, which no
    name can be; anything that is not a name or a chain of attributes on a
    name has no key.
    """
    dotted = dotted_name(node)
    if dotted is None:
        return ""
    if instance is not None:
        head, _, rest = dotted.partition(".")
        if head == instance:
            return INSTANCE + ("." + rest if rest else "")
    return dotted
