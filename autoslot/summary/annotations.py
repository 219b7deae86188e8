"""What a parameter's annotation says it receives: classes, or containers of them.

Callers autoslot cannot see (your users, a framework) hand a function
objects the analysis cannot follow. An annotation names what they hand it:
`item: Item` an instance of Item (or of a subclass), `items: list[Item]` a
collection of them, which may itself be an instance of a project subclass
of list, or for an abstract collection (`Iterable[Item]`) of any project
class that can be iterated. `Any`, `object` or no annotation say nothing.
Which names admit classes by their shape (a Protocol, an ABC) the flow
decides, once it knows what they resolve to (flow/link_annotations.py).
"""

from __future__ import annotations

import ast

from autoslot.summary.names import dotted_name

# Generic collections whose first type argument is the element type.
COLLECTIONS = frozenset(
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
WRAPPERS = frozenset(
    {"Optional", "Annotated", "Final", "ClassVar", "Required", "NotRequired"}
)
# Annotations every object satisfies: they say nothing about the class.
ANY_CLASS = frozenset({"object", "Any", "typing.Any", "builtins.object"})
# Those of them that are classes of their own, not ABCs: a caller hands an
# instance of one, or of a subclass.
CONCRETE_COLLECTIONS = frozenset(
    {"list", "List", "set", "Set", "frozenset", "FrozenSet", "tuple", "Tuple"}
    | {"deque", "Deque"}
)
ELEMENT = "[]"  # the prefix of an element type: "[]Item" for list[Item]
# the prefix of a class whose project subclasses alone count: the container
# of list[Item] may be an instance of `class Rows(list)`
SUBCLASSES = "<:"
# the container of an abstract collection (`Iterable[Item]`): an instance of
# any project class that can be iterated
ANY_ITERABLE = "<iterable>"
NOTHING_KNOWN = "?"  # an annotation that does not pin the class down


def annotation_classes(node: ast.expr | None, element: bool = False) -> list[str]:
    """Dotted names of the classes an annotation admits; "?" when it admits anything."""
    if node is None:
        return [NOTHING_KNOWN]
    if isinstance(node, ast.Constant):
        if isinstance(node.value, str):
            try:
                parsed = ast.parse(node.value, mode="eval").body
            except SyntaxError:
                return [NOTHING_KNOWN]
            return annotation_classes(parsed, element)
        if node.value is None:
            return []
        return [NOTHING_KNOWN]
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr):
        return annotation_classes(node.left, element) + annotation_classes(
            node.right, element
        )
    if isinstance(node, ast.Subscript):
        base = dotted_name(node.value) or ""
        last = base.rsplit(".", 1)[-1]
        inner = node.slice
        items = list(inner.elts) if isinstance(inner, ast.Tuple) else [inner]
        if last in WRAPPERS and items:
            return annotation_classes(items[0], element)
        if last == "Union":
            return [t for item in items for t in annotation_classes(item, element)]
        if last in COLLECTIONS and items and not element:
            container = (
                SUBCLASSES + base if last in CONCRETE_COLLECTIONS else ANY_ITERABLE
            )
            return [*annotation_classes(items[0], element=True), container]
        if last in COLLECTIONS or last in ("dict", "Dict", "Mapping", "type", "Type"):
            return [NOTHING_KNOWN]
        node = node.value  # a generic class of the project: Box[int] is a Box
    dotted = dotted_name(node)
    if dotted is None or dotted in ANY_CLASS:
        return [NOTHING_KNOWN]
    return [ELEMENT + dotted if element else dotted]
