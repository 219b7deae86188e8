"""Rewrite one file's source: cut out each edited class statement, let libcst
edit them, splice them back, and check the result (rewrite/check.py).

libcst parses only the edited class statements, not the whole module, and
all of them at once: one parse per file (rewrite/chunks.py). Everything
outside the edited classes is never re-rendered, so it stays byte-identical
by construction; the result is still checked like black checks its output.
"""

from __future__ import annotations

import ast
import gc
import io
import tokenize
from dataclasses import dataclass, field

from autoslot.rewrite.check import Before, check_equivalent
from autoslot.rewrite.chunks import (
    Chunk,
    chunk_at,
    class_lines,
    make_chunks,
    module_source,
)
from autoslot.rewrite.edits import ClassEdit
from autoslot.rewrite.equivalence import shape
from autoslot.rewrite.locate import outermost_edited
from autoslot.summary.parsing import (
    decoding_failure,
    deepest_line,
    deepest_node_line,
    nesting_depth,
)
from autoslot.util.pool import paused_collector

# libcst's parser overflows the C stack (a crash, not an exception) on
# expressions some ten thousand levels deep: a class nested deeper than this
# is not given to it. (Its rendering recurses in Python, so a shallower one
# may still fail, with a RecursionError.) Each level takes a character at
# least, so a shorter class need not be measured.
MAX_LIBCST_DEPTH = 1000
# a file this big leaves enough of libcst's cyclic garbage to collect it at once
COLLECT_AFTER = 1 << 16
TOO_DEEP = "an expression is nested too deeply for libcst, which rewrites the file"


@dataclass(frozen=True, slots=True)
class Rewritten:
    source: bytes
    applied: frozenset[tuple[str, int]]
    # edits the engine refused, with why
    refused: dict[tuple[str, int], str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class RewriteFailure:
    line: int
    column: int
    message: str


Refused = dict[tuple[str, int], str]


def rewrite_source(
    source: bytes, edits: list[ClassEdit], line_length: int, quote: str
) -> Rewritten | RewriteFailure:
    """`quote` is what new names are written with: the settings' or the file's
    own preference as its summary sampled it (summary/quotes.py), so that every
    rendering of the file writes the same text."""
    # The trees of a file (ast's, then libcst's) are alive to the last node
    # until they are let go: each collection their allocation triggers would
    # scan them and find nothing. What libcst leaves cyclic is collected at
    # the end of a big file, or by the collector once it runs again.
    with paused_collector():
        return _rewrite_source(source, edits, line_length, quote)


def _rewrite_source(
    source: bytes, edits: list[ClassEdit], line_length: int, quote: str
) -> Rewritten | RewriteFailure:
    undecodable = decoding_failure(source)
    if undecodable is not None:
        line, column, message = undecodable
        return RewriteFailure(line, column, message)
    try:
        tree = ast.parse(source)
        encoding = tokenize.detect_encoding(io.BytesIO(source).readline)[0]
        text = source.decode(encoding)
    except (SyntaxError, ValueError, UnicodeDecodeError, LookupError) as error:
        return RewriteFailure(1, 0, f"cannot read the file for rewriting: {error}")
    except (RecursionError, MemoryError):
        return RewriteFailure(1, 0, "cannot read the file for rewriting: too deep")
    # only \n, \r and \r\n end lines for Python (str.splitlines also splits on \f)
    lines = io.StringIO(text, newline="").readlines()
    keys = {(e.qualname, e.occurrence) for e in edits}
    located_classes = list(outermost_edited(tree, keys, lines))
    for located in located_classes:
        size = sum(map(len, lines[located.first_line - 1 : located.last_line]))
        if size > MAX_LIBCST_DEPTH and nesting_depth(located.node) > MAX_LIBCST_DEPTH:
            return RewriteFailure(deepest_node_line(located.node), 0, TOO_DEEP)
    chunks = make_chunks(located_classes, lines)
    old_classes = [
        Before(c.first_line, c.last_line, c.node.name, shape(c.node, lines))
        for c in located_classes
    ]
    # what is left of the tree is not needed again: let it go before libcst
    # builds its own, and before the new source is parsed
    del tree, located_classes
    rewritten = _rewrite_chunks(chunks, edits, quote, line_length)
    if isinstance(rewritten, RewriteFailure):
        return rewritten
    replacements, applied, refused = rewritten
    if len(source) > COLLECT_AFTER:
        gc.collect()  # libcst's trees are cyclic garbage by now
    new = _spliced(lines, chunks, replacements)
    problem = check_equivalent(lines, new, chunks, old_classes, replacements)
    new_source = "".join(new).encode(encoding)
    if problem is not None:
        return RewriteFailure(
            1, 0, f"internal error: the rewrite {problem}; the file was left as it was"
        )
    return Rewritten(new_source, frozenset(applied), refused)


def _spliced(
    lines: list[str], chunks: list[Chunk], replacements: list[list[str]]
) -> list[str]:
    """The file's lines with each chunk's class replaced by its new lines."""
    new: list[str] = []
    cursor = 0
    for chunk, new_lines in zip(chunks, replacements, strict=True):
        new.extend(lines[cursor : chunk.first_line - 1])
        new.extend(new_lines)
        cursor = chunk.last_line
    new.extend(lines[cursor:])
    return new


def _rewrite_chunks(
    chunks: list[Chunk], edits: list[ClassEdit], quote: str, line_length: int
) -> tuple[list[list[str]], set[tuple[str, int]], Refused] | RewriteFailure:
    """The new lines of each class, the edits made, and those refused."""
    if not chunks:
        return [], set(), {}
    # libcst is imported only when a class is edited: a run that changes
    # nothing (or a warm one) never pays for it
    import libcst as cst

    from autoslot.rewrite.transform import SlotsTransformer

    source = module_source(chunks)
    try:
        module = cst.parse_module(source)
    except cst.ParserSyntaxError as error:
        chunk = chunk_at(chunks, error.raw_line)
        below = error.raw_line - chunk.start - len(chunk.header)
        line = chunk.first_line + max(below, 0)
        return RewriteFailure(
            line, error.raw_column, f"libcst cannot parse: {error.message}"
        )
    except RecursionError:
        return RewriteFailure(chunks[0].first_line, 0, TOO_DEEP)
    if len(module.body) != len(chunks):
        return RewriteFailure(
            chunks[0].first_line,
            0,
            "internal error: libcst did not read the classes as written",
        )
    transformer = SlotsTransformer(module, edits, quote, line_length)
    replacements: list[list[str]] = []
    for chunk, statement in zip(chunks, module.body, strict=True):
        transformer.enter(
            chunk.qualprefix, chunk.occurrence_base, chunk.indent, chunk.newline
        )
        try:
            visited = statement.visit(transformer)
            assert isinstance(visited, cst.CSTNode)  # classes are never removed
            rendered = module.code_for_node(visited)
        except RecursionError:
            return RewriteFailure(_deepest_line(chunk), 0, TOO_DEEP)
        new_lines = class_lines(chunk, rendered)
        if new_lines is None:
            return RewriteFailure(
                chunk.first_line,
                0,
                "internal error: the rewrite moved the lines around a class",
            )
        replacements.append(new_lines)
    return replacements, transformer.applied, transformer.failed


def _deepest_line(chunk: Chunk) -> int:
    text = "".join(chunk.header) + "".join(chunk.lines)
    below = deepest_line(text.encode("utf-8", "surrogatepass")) - len(chunk.header)
    return chunk.first_line + max(below - 1, 0)
