"""Writing and extending `__slots__` literals with libcst.

A one-line literal is rewritten as text in its own form (tuple, list, set,
dict, or a string that becomes a tuple). A multi-line literal laid out one
element per line is edited node by node, so its comments stay where they are.
Any other layout is not edited: the engine reports it instead of risking the
user's comments.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

import libcst as cst

from autoslot.config.slots_order import SlotsOrder, insertion_points
from autoslot.rewrite.layout import NO_LIMIT, flat_or_exploded

EMPTY_MODULE = cst.Module([])
Bracketed = cst.Tuple | cst.List | cst.Set | cst.Dict
ElementT = TypeVar("ElementT", cst.Element, cst.DictElement)


def quoted(name: str, quote: str) -> str:
    return f"{quote}{name}{quote}"


def code_of(node: cst.CSTNode) -> str:
    return EMPTY_MODULE.code_for_node(node)


def slots_statement_code(
    names: Sequence[str], quote: str, indent: str, step: str, line_length: int
) -> str:
    """`__slots__ = ("a", "b")`, one name per line when the line would be too long.

    `indent` is the absolute indentation of the class body (for the length
    check), `step` one level; libcst adds the block's indentation itself.
    """
    items = [quoted(n, quote) for n in names]
    head = "__slots__ = "
    room = line_length - len(indent) - len(head)
    return head + flat_or_exploded("(", items, ")", room, step, one_tuple=True)


def flat_slots_statement(names: Sequence[str], quote: str) -> cst.SimpleStatementLine:
    """The statement `slots_statement_code` writes on one line, built as the
    nodes libcst's parser makes of it: the parser builds the same, after
    tokenizing, at three times the cost (a parse per edited class)."""
    separator = cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))
    last: cst.Comma | cst.MaybeSentinel = (
        cst.Comma() if len(names) == 1 else cst.MaybeSentinel.DEFAULT
    )
    elements = [
        cst.Element(
            cst.SimpleString(quoted(name, quote)),
            comma=separator if position < len(names) - 1 else last,
        )
        for position, name in enumerate(names)
    ]
    target = cst.AssignTarget(cst.Name("__slots__"))
    return cst.SimpleStatementLine([cst.Assign([target], cst.Tuple(elements))])


def string_value(node: cst.BaseExpression) -> str | None:
    if isinstance(node, cst.SimpleString):
        evaluated = node.evaluated_value
        return evaluated if isinstance(evaluated, str) else None
    return None


def _element_name(element: cst.BaseElement | cst.BaseDictElement) -> str | None:
    if isinstance(element, cst.DictElement):
        return string_value(element.key)
    if isinstance(element, cst.Element):
        return string_value(element.value)
    return None


def _places(
    names: Sequence[str | None], add: Sequence[str], order: SlotsOrder
) -> list[tuple[int, str]]:
    """Where each added name goes (config/slots_order.py); after an element that is not
    a plain string, only at the end."""
    known = [n for n in names if n is not None]
    if len(known) != len(names):
        return [(len(names), name) for name in add]
    return insertion_points(known, add, order)


def _merged(
    kept: list[tuple[str | None, str]],
    add: Sequence[str],
    render: Callable[[str], str],
    order: SlotsOrder,
) -> list[str]:
    """The elements' code, with the added names in their places."""
    points = _places([name for name, _ in kept], add, order)
    codes = [code for _, code in kept]
    for index, name in reversed(points):
        codes.insert(index, render(name))
    return codes


def literal_code(
    value: cst.BaseExpression,
    add: Sequence[str],
    drop: Sequence[str],
    quote: str,
    order: SlotsOrder = "source",
    room: int = NO_LIMIT,
    step: str = "    ",
) -> str | None:
    """The code of a literal with names added and dropped, in its own form: on one
    line when it takes at most `room` characters, else one element per line."""

    def laid_out(opening: str, items: list[str], closing: str, tuple_: bool) -> str:
        return flat_or_exploded(opening, items, closing, room, step, tuple_)

    if isinstance(value, cst.SimpleString):
        kept = (
            []
            if string_value(value) in drop
            else [(string_value(value), code_of(value))]
        )
        items = _merged(kept, add, lambda n: quoted(n, quote), order)
        return laid_out("(", items, ")", True)
    if isinstance(value, cst.Dict):
        pairs = [
            (string_value(e.key), f"{code_of(e.key)}: {code_of(e.value)}")
            for e in value.elements
            if isinstance(e, cst.DictElement) and string_value(e.key) not in drop
        ]
        items = _merged(pairs, add, lambda n: f"{quoted(n, quote)}: None", order)
        return laid_out("{", items, "}", False)
    if not isinstance(value, (cst.Tuple, cst.List, cst.Set)):
        return None
    elements = [
        (string_value(e.value), code_of(e.value))
        for e in value.elements
        if string_value(e.value) not in drop
    ]
    items = _merged(elements, add, lambda n: quoted(n, quote), order)
    if isinstance(value, cst.List):
        return laid_out("[", items, "]", False)
    if isinstance(value, cst.Set):
        return laid_out("{", items, "}", False) if items else "()"
    return laid_out("(", items, ")", True)


def _brackets(
    node: Bracketed,
) -> tuple[cst.BaseParenthesizableWhitespace, cst.BaseParenthesizableWhitespace]:
    if isinstance(node, cst.Tuple):
        return node.lpar[0].whitespace_after, node.rpar[0].whitespace_before
    if isinstance(node, cst.List):
        return node.lbracket.whitespace_after, node.rbracket.whitespace_before
    return node.lbrace.whitespace_after, node.rbrace.whitespace_before


def _with_closing(node: Bracketed, closing: cst.ParenthesizedWhitespace) -> Bracketed:
    if isinstance(node, cst.Tuple):
        return node.with_changes(
            rpar=[node.rpar[0].with_changes(whitespace_before=closing)]
        )
    if isinstance(node, cst.List):
        return node.with_changes(
            rbracket=node.rbracket.with_changes(whitespace_before=closing)
        )
    return node.with_changes(rbrace=node.rbrace.with_changes(whitespace_before=closing))


def one_per_line(node: Bracketed) -> bool:
    """Laid out as black does: an element per line, with a trailing comma."""
    if (
        not isinstance(node, cst.Tuple | cst.List | cst.Set | cst.Dict)
        or not node.elements
    ):
        return False
    if isinstance(node, cst.Tuple) and len(node.lpar) != 1:
        return False
    opening, closing = _brackets(node)
    if not isinstance(opening, cst.ParenthesizedWhitespace) or not isinstance(
        closing, cst.ParenthesizedWhitespace
    ):
        return False
    elements = node.elements
    last = elements[-1]
    if not isinstance(last.comma, cst.Comma) or code_of(last.comma) != ",":
        return False
    return all(
        isinstance(e.comma, cst.Comma)
        and isinstance(e.comma.whitespace_after, cst.ParenthesizedWhitespace)
        for e in elements[:-1]
    )


def edit_one_per_line(
    node: Bracketed,
    add: Sequence[str],
    drop: Sequence[str],
    quote: str,
    order: SlotsOrder = "source",
) -> Bracketed:
    """Add and drop names in a one-per-line literal, keeping every comment."""
    opening, closing = _brackets(node)
    assert isinstance(opening, cst.ParenthesizedWhitespace)
    assert isinstance(closing, cst.ParenthesizedWhitespace)
    item_indent = opening.last_line
    plain_line = cst.TrailingWhitespace()

    def separator(first_line: cst.TrailingWhitespace) -> cst.Comma:
        return cst.Comma(
            whitespace_after=cst.ParenthesizedWhitespace(
                first_line=first_line, indent=True, last_line=item_indent
            )
        )

    # each element with the trailing comment of its own line
    rows: list[
        tuple[cst.BaseElement | cst.BaseDictElement, cst.TrailingWhitespace]
    ] = []
    elements: list[cst.BaseElement | cst.BaseDictElement] = list(node.elements)
    for position, element in enumerate(elements):
        if position < len(elements) - 1:
            comma = element.comma
            assert isinstance(comma, cst.Comma)
            whitespace = comma.whitespace_after
            assert isinstance(whitespace, cst.ParenthesizedWhitespace)
            line = whitespace.first_line
        else:
            line = closing.first_line
        if _element_name(element) not in drop:
            rows.append((element, line))
    points = _places([_element_name(element) for element, _ in rows], add, order)
    for index, name in reversed(points):
        string = cst.SimpleString(quoted(name, quote))
        new: cst.BaseElement | cst.BaseDictElement = (
            cst.DictElement(string, cst.Name("None"))
            if isinstance(node, cst.Dict)
            else cst.Element(string)
        )
        rows.insert(index, (new, plain_line))
    rebuilt = [
        element.with_changes(comma=separator(line))
        if position < len(rows) - 1
        else element.with_changes(comma=cst.Comma())
        for position, (element, line) in enumerate(rows)
    ]
    last_line = rows[-1][1] if rows else plain_line
    edited = node.with_changes(elements=rebuilt)
    return _with_closing(edited, closing.with_changes(first_line=last_line))
