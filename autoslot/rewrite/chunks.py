"""The edited classes of a file as one module for libcst, and their new lines.

Each outermost edited class becomes a chunk: its lines as written, behind one
`if True:` line per enclosing block, so that they keep their exact
indentation (a multi-line string inside the class must not move). All the
chunks of a file make one module, so libcst parses each file once, however
many classes change, and never sees the code between them, which therefore
stays byte-identical by construction.

libcst drops a form feed at the start of a line, or refuses the file when an
indented line starts with one. Python ignores the whitespace up to the last
form feed of a line's indentation (the tokenizer resets the column there), so
a chunk holds its lines without that prefix, and the prefix is put back on the
same lines of the rendered class.
"""

from __future__ import annotations

import ast
import difflib
import io
import re
from dataclasses import dataclass

from autoslot.rewrite.locate import Located

# the indentation up to and including its last form feed
FEED_PREFIX = re.compile(r"^[ \t\f]*\f")
# what libcst takes for one level when a module has no indented block
DEFAULT_INDENT = "    "
DEFINITIONS = (ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)


@dataclass(frozen=True, slots=True)
class Chunk:
    """One class statement as libcst gets it. It keeps no `ast` node: the
    file's tree is let go before libcst builds its own."""

    first_line: int  # in the file, decorators included
    last_line: int
    qualprefix: str
    occurrence_base: dict[str, int]
    header: tuple[str, ...]  # the `if True:` lines
    lines: tuple[str, ...]  # the class's lines as libcst gets them
    # line index -> the prefix taken off it (it ended with a form feed)
    feeds: dict[int, str]
    # the last line of the file had no newline; one was added for libcst
    newline_added: bool
    newline: str
    # one level of indentation, as libcst would detect it in a module of
    # this chunk alone (what the slots literal is indented by)
    indent: str
    start: int  # the chunk's first line in the module made of all chunks


def newline_of(line: str) -> str:
    for candidate in ("\r\n", "\n", "\r"):
        if line.endswith(candidate):
            return candidate
    return "\n"


def _without_feeds(line: str) -> tuple[str, str]:
    """(the line for libcst, the prefix taken off it)."""
    found = FEED_PREFIX.match(line)
    if found is None:
        return line, ""
    return line[found.end() :], found.group()


def make_chunks(classes: list[Located], lines: list[str]) -> list[Chunk]:
    chunks: list[Chunk] = []
    start = 1
    for located in classes:
        own = lines[located.first_line - 1 : located.last_line]
        newline = newline_of(own[0])
        newline_added = not own[-1].endswith(("\n", "\r"))
        if newline_added:
            own = [*own[:-1], own[-1] + newline]
        cleaned: list[str] = []
        feeds: dict[int, str] = {}
        for number, line in enumerate(own):
            text, prefix = _without_feeds(line)
            cleaned.append(text)
            if prefix:
                feeds[number] = prefix
        levels = [_without_feeds(indent)[0] for indent in located.enclosing]
        header = tuple(f"{indent}if True:{newline}" for indent in levels)
        indent = _first_level(located, levels, cleaned)
        chunk = Chunk(
            located.first_line,
            located.last_line,
            located.qualprefix,
            located.occurrence_base,
            header,
            tuple(cleaned),
            feeds,
            newline_added,
            newline,
            indent,
            start,
        )
        chunks.append(chunk)
        start += len(header) + len(cleaned)
    return chunks


def _first_level(located: Located, levels: list[str], lines: list[str]) -> str:
    """The indentation of the chunk's first indented block: its second
    header line, else the class itself, else the class's first statement."""
    if len(levels) >= 2:
        return levels[1]
    if levels:
        return _indentation(lines[0])
    body = located.node.body[0]
    first = body.lineno
    if isinstance(body, DEFINITIONS) and body.decorator_list:
        first = body.decorator_list[0].lineno
    if first == located.node.lineno:  # the body is on the header line
        return DEFAULT_INDENT
    return _indentation(lines[first - located.first_line]) or DEFAULT_INDENT


def _indentation(line: str) -> str:
    return line[: len(line) - len(line.lstrip(" \t\f"))]


def module_source(chunks: list[Chunk]) -> str:
    return "".join("".join(c.header) + "".join(c.lines) for c in chunks)


def chunk_at(chunks: list[Chunk], line: int) -> Chunk:
    """The chunk holding a line of the module made of all chunks."""
    found = chunks[0]
    for chunk in chunks:
        if chunk.start > line:
            break
        found = chunk
    return found


def class_lines(chunk: Chunk, rendered: str) -> list[str] | None:
    """The class's new lines from libcst's rendering of its chunk; None when
    the rendering does not start with the chunk's header lines."""
    new = io.StringIO(rendered, newline="").readlines()
    if tuple(new[: len(chunk.header)]) != chunk.header:
        return None
    new = new[len(chunk.header) :]
    if chunk.feeds:
        _put_feeds_back(chunk, new)
    if chunk.newline_added and new:
        new[-1] = new[-1].removesuffix(chunk.newline)
    return new


def _put_feeds_back(chunk: Chunk, new: list[str]) -> None:
    """Give each line that had a form feed its prefix back: lines the edit
    kept, and lines it changed in place (a header given a pragma)."""
    matcher = difflib.SequenceMatcher(None, chunk.lines, new, autojunk=False)
    for kind, old_start, old_end, new_start, new_end in matcher.get_opcodes():
        if kind == "equal" or (
            kind == "replace" and old_end - old_start == new_end - new_start
        ):
            for offset in range(old_end - old_start):
                prefix = chunk.feeds.get(old_start + offset)
                if prefix:
                    new[new_start + offset] = prefix + new[new_start + offset]
