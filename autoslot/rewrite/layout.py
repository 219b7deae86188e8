"""How the code autoslot writes is laid out: as black (24+) and `ruff format`
lay it out, so that a formatter run after autoslot changes nothing.

* A statement too long for the line length is split the way both formatters
  split it: a literal gets one element per line with a trailing comma; a
  decorator call first gets its arguments on one line of their own, and one
  per line when that line is too long as well.
* `__slots__` written after a class docstring is separated from it by one
  blank line, and from a `def` or `class` that follows it by another (placed
  before the comments that lead into that statement).

Widths are counted in characters, indentation included, like the formatters.
"""

from __future__ import annotations

from collections.abc import Sequence

import libcst as cst

BLANK = cst.EmptyLine(indent=False)
# a room no line reaches: no line length
NO_LIMIT = 1 << 30


def bracketed(opening: str, items: Sequence[str], closing: str, step: str) -> str:
    """`(a, b)` exploded: one item per line, each with its comma."""
    return opening + "\n" + "".join(f"{step}{item},\n" for item in items) + closing


def flat_or_exploded(
    opening: str,
    items: Sequence[str],
    closing: str,
    room: int,
    step: str,
    one_tuple: bool = False,
) -> str:
    """The literal on one line if it takes at most `room` characters, else exploded.

    `one_tuple`: a tuple, whose single element needs its comma.
    """
    trailer = "," if one_tuple and len(items) == 1 else ""
    flat = f"{opening}{', '.join(items)}{trailer}{closing}"
    if len(flat) <= room or not items:
        return flat
    return bracketed(opening, items, closing, step)


def call_arguments(
    head: str,
    arguments: Sequence[str],
    indent: int,
    step: str,
    line_length: int,
    lead: int = 0,
) -> str:
    """`head(arguments)` for a line indented by `indent`, split the way black does.

    `lead` is the width of what precedes `head` on its line (1 for the `@` of
    a decorator); the lines of the arguments are indented by `indent` + `step`.
    """
    flat = f"{head}({', '.join(arguments)})"
    if indent + lead + len(flat) <= line_length or not arguments:
        return flat
    hugged = ", ".join(arguments)
    if indent + len(step) + len(hugged) <= line_length:
        return f"{head}(\n{step}{hugged}\n)"
    return bracketed(f"{head}(", arguments, ")", step)


def _leads_with_blank(statement: cst.FunctionDef | cst.ClassDef) -> bool:
    lines = statement.leading_lines
    return bool(lines) and lines[0].comment is None


def after_docstring(slots: cst.BaseStatement) -> cst.BaseStatement:
    """`__slots__` as the statement right after a class docstring."""
    if isinstance(slots, cst.SimpleStatementLine) and not slots.leading_lines:
        return slots.with_changes(leading_lines=[BLANK])
    return slots


def after_slots(statement: cst.BaseStatement) -> cst.BaseStatement:
    """The statement that follows a written `__slots__`."""
    if not isinstance(statement, (cst.FunctionDef, cst.ClassDef)):
        return statement
    if _leads_with_blank(statement):
        return statement
    return statement.with_changes(leading_lines=[BLANK, *statement.leading_lines])
