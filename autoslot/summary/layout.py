"""How an existing `__slots__` and its class sit in the text, as libcst sees them.

The rewriter refuses to extend a `__slots__` whose class body is on the
header line, or whose value it cannot edit without losing comments (see
rewrite/literals.py). These facts let the decide stage predict each refusal
from the summary, so a plain check never needs libcst. They are read from
the tokens of the statement, the same tokens libcst builds its tree from;
anything that does not tokenize is reported in the layout autoslot refuses.
"""

from __future__ import annotations

import ast
import io
import tokenize
from collections.abc import Iterator

from autoslot.summary.model import SlotsLayout

OPENING = {"(": ")", "[": "]", "{": "}"}
CLOSING = frozenset(OPENING.values())
NOT_CODE = frozenset({tokenize.COMMENT, tokenize.NL})


class SourceText:
    """The module's text, decoded when first needed, addressed as ast addresses it."""

    __slots__ = ("_lines", "_source")

    def __init__(self, source: bytes) -> None:
        self._source = source
        self._lines: list[str] | None = None

    def lines(self) -> list[str]:
        if self._lines is None:
            try:
                encoding = tokenize.detect_encoding(io.BytesIO(self._source).readline)[
                    0
                ]
                text = self._source.decode(encoding)
            except (SyntaxError, LookupError, UnicodeDecodeError):
                text = self._source.decode("utf-8", "replace")
            # \n, \r and \r\n end lines for Python, as for ast's line numbers
            self._lines = io.StringIO(text, newline="").readlines()
        return self._lines

    def segment(
        self, first: int, first_col: int, last: int, last_col: int | None
    ) -> str:
        """The text between two ast positions (columns count UTF-8 bytes);
        `last_col` None runs to the end of the last line."""
        lines = self.lines()[first - 1 : last]
        if not lines:
            return ""
        end = len(lines[-1]) if last_col is None else _chars(lines[-1], last_col)
        lines[-1] = lines[-1][:end]
        lines[0] = lines[0][_chars(lines[0], first_col) :]
        return "".join(lines)


def _chars(line: str, utf8_offset: int) -> int:
    return len(line.encode("utf-8")[:utf8_offset].decode("utf-8", "replace"))


def _tokens(text: str) -> Iterator[tokenize.TokenInfo]:
    return tokenize.generate_tokens(io.StringIO(text, newline="").readline)


def body_on_header_line(text: SourceText, node: ast.ClassDef) -> bool:
    """Whether the class body follows the colon of its header on the same logical line."""
    first = node.body[0]
    header = text.segment(node.lineno, node.col_offset, first.lineno, first.col_offset)
    depth = 0
    try:
        for token in _tokens(header):
            if token.type != tokenize.OP:
                continue
            if token.string in OPENING:
                depth += 1
            elif token.string in CLOSING:
                depth -= 1
            elif token.string == ":" and depth == 0:
                row, column = token.end
                rest = header[_line_offsets(header)[row - 1] + column :]
                return not _ends_line(rest)
    except (tokenize.TokenError, SyntaxError):
        pass
    return True  # not understood: say what makes the rewriter refuse


def _ends_line(rest: str) -> bool:
    """Whether the text after a header's colon ends the logical line there."""
    position = 0
    while position < len(rest):
        char = rest[position]
        if char in " \t\f":
            position += 1
        elif char == "\\" and rest[position + 1 : position + 2] in ("\n", "\r"):
            position += 2  # a continuation (\r\n leaves the \n, skipped next)
            if rest[position - 1] == "\r" and rest[position : position + 1] == "\n":
                position += 1
        else:
            return char in "#\r\n"
    return False


def slots_layout(
    text: SourceText, statement: ast.Assign | ast.AnnAssign, form: str
) -> SlotsLayout:
    """The layout of the value of a `__slots__` assignment of the given form."""
    value = statement.value
    assert value is not None
    source = text.segment(
        statement.lineno,
        statement.col_offset,
        statement.end_lineno or statement.lineno,
        statement.end_col_offset,
    )
    try:
        tokens = [
            t
            for t in _tokens(source)
            if t.type not in (tokenize.NEWLINE, tokenize.ENDMARKER)
        ]
    except (tokenize.TokenError, SyntaxError):
        return "lines"
    value_start = _position(source, text, statement, value)
    equals = [
        i
        for i, t in enumerate(tokens)
        if t.string == "=" and t.type == tokenize.OP and t.start < value_start
    ]
    if not equals:
        return "lines"
    own = tokens[equals[-1] + 1 :]
    if not own:
        return "lines"
    offsets = _line_offsets(source)
    start = offsets[own[0].start[0] - 1] + own[0].start[1]
    if "\n" not in source[start:]:
        if form == "str":
            code = _unwrapped(_code(own))
            return "flat" if len(code) == 1 else "expression"
        return "flat" if form in ("tuple", "list", "set", "dict") else "expression"
    if form in ("tuple", "list", "set", "dict") and one_per_line(own, form):
        return "one_per_line"
    return "lines"


def _position(
    source: str, text: SourceText, statement: ast.stmt, node: ast.expr
) -> tuple[int, int]:
    """Where `node` starts, as a (row, column) of the tokens of `source`."""
    row = node.lineno - statement.lineno + 1
    line = text.lines()[node.lineno - 1]
    column = _chars(line, node.col_offset)
    if row == 1:
        column -= _chars(text.lines()[statement.lineno - 1], statement.col_offset)
    return row, column


def _line_offsets(source: str) -> list[int]:
    offsets = [0]
    for line in io.StringIO(source, newline="").readlines():
        offsets.append(offsets[-1] + len(line))
    return offsets


def _code(tokens: list[tokenize.TokenInfo]) -> list[tokenize.TokenInfo]:
    return [t for t in tokens if t.type not in NOT_CODE]


def _matching(code: list[tokenize.TokenInfo], opening: int) -> int:
    """The index of the bracket closing the one at `opening` (-1 if none)."""
    depth = 0
    for index in range(opening, len(code)):
        string = code[index].string
        if code[index].type != tokenize.OP:
            continue
        if string in OPENING:
            depth += 1
        elif string in CLOSING:
            depth -= 1
            if depth == 0:
                return index
    return -1


def _wrapping_parentheses(code: list[tokenize.TokenInfo]) -> int:
    """How many pairs of parentheses enclose the whole expression."""
    count = 0
    while code and code[0].string == "(" and _matching(code, 0) == len(code) - 1:
        code = code[1:-1]
        count += 1
    return count


def _unwrapped(code: list[tokenize.TokenInfo]) -> list[tokenize.TokenInfo]:
    count = _wrapping_parentheses(code)
    return code[count : len(code) - count] if count else code


def one_per_line(tokens: list[tokenize.TokenInfo], form: str) -> bool:
    """literals.one_per_line, over tokens: a newline after the opening bracket,
    after every comma and before the closing bracket, and a trailing comma
    right after the last element. A tuple must have exactly its own
    parentheses (libcst counts every pair around it as the tuple's)."""
    code = _code(tokens)
    wrapping = _wrapping_parentheses(code)
    if form == "tuple":
        if wrapping != 1:
            return False
        opening, closing = code[0], code[-1]
    else:
        inner = code[wrapping : len(code) - wrapping]
        if not inner or _matching(inner, 0) != len(inner) - 1:
            return False
        opening, closing = inner[0], inner[-1]
    first = tokens.index(opening)
    last = tokens.index(closing)
    inside = tokens[first + 1 : last]
    if not _code(inside):
        return False
    if not _newline_next(inside, -1):
        return False
    commas = _top_level_commas(inside)
    last_code = max(i for i, t in enumerate(inside) if t.type not in NOT_CODE)
    if not commas or commas[-1] != last_code:
        return False
    trailing = inside[last_code]
    if last_code == 0 or inside[last_code - 1].end != trailing.start:
        return False
    if not any(t.type == tokenize.NL for t in inside[last_code + 1 :]):
        return False
    return all(_newline_next(inside, c) for c in commas[:-1])


def _newline_next(tokens: list[tokenize.TokenInfo], index: int) -> bool:
    """Whether the first token after `index` that is not a comment ends a line."""
    for token in tokens[index + 1 :]:
        if token.type == tokenize.COMMENT:
            continue
        return token.type == tokenize.NL
    return False


def _top_level_commas(tokens: list[tokenize.TokenInfo]) -> list[int]:
    depth = 0
    found: list[int] = []
    for index, token in enumerate(tokens):
        if token.type != tokenize.OP:
            continue
        if token.string in OPENING:
            depth += 1
        elif token.string in CLOSING:
            depth -= 1
        elif token.string == "," and depth == 0:
            found.append(index)
    return found
