"""The rewrite's safety check, black's narrowed to what changed: each edited
class parses in its place and means what it did once its slots edits are
undone (rewrite/equivalence.py), and nothing outside the edited classes
changed.

A class is parsed on its own, behind the lines of its chunk that place it,
not the whole new file: the code around it is the same text, and the class
is a complete statement that starts at the same indentation, so the file
parses as before. (A whole new tree of a file with thousands of classes
would be the run's largest allocation.)
"""

from __future__ import annotations

import ast
import warnings
from dataclasses import dataclass

from autoslot.rewrite.chunks import Chunk
from autoslot.rewrite.equivalence import Shape, kept_statements, meaning, shape


@dataclass(frozen=True, slots=True)
class Before:
    """An edited class statement of the original source, as the check needs it."""

    first_line: int
    last_line: int
    name: str
    shape: Shape


def check_equivalent(
    before: list[str],
    after: list[str],
    chunks: list[Chunk],
    old_classes: list[Before],
    replacements: list[list[str]],
) -> str | None:
    """None when the rewrite is safe, else what it did wrong."""
    with warnings.catch_warnings():
        # the code's own warnings (invalid escapes, ...) are not ours to print
        warnings.simplefilter("ignore")
        return _check_classes(before, after, chunks, old_classes, replacements)


def _check_classes(
    before: list[str],
    after: list[str],
    chunks: list[Chunk],
    old_classes: list[Before],
    replacements: list[list[str]],
) -> str | None:
    cursor_old = cursor_new = 0
    for chunk, old, new_lines in zip(chunks, old_classes, replacements, strict=True):
        start = chunk.first_line - 1
        if (
            before[cursor_old:start]
            != after[cursor_new : cursor_new + start - cursor_old]
        ):
            return "changed code outside the edited classes"
        cursor_new += start - cursor_old
        if not new_lines or _indentation(new_lines[0]) != _indentation(before[start]):
            return f"moved class {old.name}"
        problem = _same_class(chunk, old, new_lines)
        if problem is not None:
            return problem
        cursor_old = chunk.last_line
        cursor_new += len(new_lines)
    if before[cursor_old:] != after[cursor_new:]:
        return "changed code outside the edited classes"
    return None


def _same_class(chunk: Chunk, old: Before, new_lines: list[str]) -> str | None:
    text = "".join(new_lines) + (chunk.newline if chunk.newline_added else "")
    node = _class_of(chunk, text, old.name)
    if isinstance(node, str):
        return node
    # the line numbers of the tree count the chunk's header lines too
    new = shape(node, [*chunk.header, *new_lines])
    if new.head != old.shape.head or len(new.body) != len(old.shape.body):
        return f"changed the meaning of class {old.name}"
    differing = [
        position
        for position, (was, now) in enumerate(
            zip(old.shape.body, new.body, strict=True)
        )
        if was != now
    ]
    if not differing:
        return None
    # a statement whose text changed (a class edited inside this one):
    # compare its meaning, from the class as it was, parsed the same way
    old_node = _class_of(chunk, "".join(chunk.lines), old.name)
    if isinstance(old_node, str):
        return f"changed the meaning of class {old.name}"
    was_kept, now_kept = kept_statements(old_node), kept_statements(node)
    for position in differing:
        if meaning(was_kept[position]) != meaning(now_kept[position]):
            return f"changed the meaning of class {old.name}"
    return None


def _class_of(chunk: Chunk, text: str, name: str) -> ast.ClassDef | str:
    """The class statement `text` is, parsed behind the chunk's header;
    else what is wrong with it."""
    try:
        node: ast.AST = ast.parse("".join(chunk.header) + text)
    except (SyntaxError, ValueError) as error:
        return f"does not parse ({error})"
    except (RecursionError, MemoryError):
        return "does not parse (too deep)"
    for _ in range(len(chunk.header) + 1):  # through the `if True:` lines
        body = getattr(node, "body", None)
        if not isinstance(body, list) or len(body) != 1:
            return f"lost or added a statement around class {name}"
        node = body[0]
    if not isinstance(node, ast.ClassDef):
        return f"lost class {name}"
    return node


def _indentation(line: str) -> str:
    return line[: len(line) - len(line.lstrip(" \t\f"))]
