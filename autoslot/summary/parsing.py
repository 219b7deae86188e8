"""Parsing a module with `ast`, or saying why not, with the place Python
itself would name.

Python's own messages need help in three cases: an expression nested too
deeply (a RecursionError without a line), a coding cookie naming an unknown
codec (line 0, column -1) and a null byte (no line at all).
"""

from __future__ import annotations

import ast
import io
import re
import tokenize
from collections.abc import Iterator

from autoslot.summary.model import ParseFailure

TOO_DEEP = "an expression is nested too deeply to analyse"
# PEP 263
COOKIE = re.compile(rb"^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)")
# tokens that nest an expression one level deeper than the one before
NESTING = frozenset({"+", "-", "*", "/", "//", "%", "**", "@", "<<", ">>", "&", "|"})
NESTING |= {"^", "~", ".", "(", "[", "<", ">", "==", "!=", "<=", ">=", ":="}
NESTING_WORDS = frozenset({"and", "or", "not", "if", "else", "lambda", "await"})


def parse_module(source: bytes, path: str) -> ast.Module | ParseFailure:
    try:
        return ast.parse(source, filename=path)
    except SyntaxError as error:
        if not error.lineno or error.lineno < 1:
            return _placed(source, path, str(error.msg))
        return ParseFailure(path, error.lineno, max(error.offset or 0, 0), error.msg)
    except (ValueError, UnicodeDecodeError) as error:  # null bytes, bad encodings
        return _placed(source, path, str(error))
    except RecursionError:
        return ParseFailure(path, deepest_line(source), 0, TOO_DEEP)
    except MemoryError:
        return ParseFailure(path, 1, 0, "too large to parse")


def _placed(source: bytes, path: str, message: str) -> ParseFailure:
    """A failure Python reports without a usable line, placed where it is."""
    if "null bytes" in message and b"\0" in source:
        line, column = position(source, source.index(b"\0"))
        return ParseFailure(path, line, column, message)
    for number, text in enumerate(source.splitlines()[:2], start=1):
        cookie = COOKIE.match(
            text.removeprefix(b"\xef\xbb\xbf") if number == 1 else text
        )
        if cookie is not None:
            return ParseFailure(path, number, cookie.start(1) + 1, message)
    return ParseFailure(path, 1, 0, message)


def position(source: bytes, offset: int) -> tuple[int, int]:
    """(line, 1-based column in bytes) of a byte offset, counting every line
    ending Python counts (\\n, \\r\\n and a lone \\r)."""
    before = source[:offset]
    line = before.count(b"\n") + before.count(b"\r") - before.count(b"\r\n") + 1
    start = max(before.rfind(b"\n"), before.rfind(b"\r")) + 1
    return line, offset - start + 1


def decoding_failure(source: bytes) -> tuple[int, int, str] | None:
    """Where the source stops being text in its declared encoding, as Python
    says when it runs the file (`import` may not check a comment)."""
    try:
        encoding = tokenize.detect_encoding(io.BytesIO(source).readline)[0]
        source.decode(encoding)
    except UnicodeDecodeError as error:
        line, column = position(source, error.start)
        byte = source[error.start : error.start + 1].hex()
        return (
            line,
            column,
            f"not valid {error.encoding}: byte 0x{byte} ({error.reason})",
        )
    except (SyntaxError, LookupError) as error:
        return 1, 0, f"unknown encoding: {error}"
    return None


def deepest_line(source: bytes) -> int:
    """The line of the logical line with the most nesting tokens: where an
    expression too deep for the parser most likely is."""
    best_line, best = 1, -1
    for line, count in _nesting_per_logical_line(source):
        if count > best:
            best_line, best = line, count
    return best_line


def _nesting_per_logical_line(source: bytes) -> Iterator[tuple[int, int]]:
    count, start = 0, 0
    try:
        for token in tokenize.tokenize(io.BytesIO(source).readline):
            if start == 0:
                start = token.start[0]
            if (token.type == tokenize.OP and token.string in NESTING) or (
                token.type == tokenize.NAME and token.string in NESTING_WORDS
            ):
                count += 1
            elif token.type in (tokenize.NEWLINE, tokenize.ENDMARKER):
                yield start, count
                count, start = 0, 0
    except (tokenize.TokenError, SyntaxError):
        yield start or 1, count


def deepest_node_line(tree: ast.AST) -> int:
    """The line of the statement holding the most deeply nested node (found
    without recursion, since recursion is what failed)."""
    best_line, best_depth = 1, -1
    stack: list[tuple[ast.AST, int, int]] = [(tree, 0, 1)]
    while stack:
        node, depth, line = stack.pop()
        if isinstance(node, ast.stmt):
            line = node.lineno
        if depth > best_depth:
            best_line, best_depth = line, depth
        stack.extend((child, depth + 1, line) for child in ast.iter_child_nodes(node))
    return best_line


def nesting_depth(tree: ast.AST) -> int:
    """How deep the tree goes, counting a chain `a and b and c` as libcst
    builds it (one level per operator; ast keeps it flat)."""
    deepest = 0
    stack: list[tuple[ast.AST, int]] = [(tree, 0)]
    while stack:
        node, depth = stack.pop()
        deepest = max(deepest, depth)
        step = len(node.values) - 1 if isinstance(node, ast.BoolOp) else 1
        stack.extend((child, depth + step) for child in ast.iter_child_nodes(node))
    return deepest
