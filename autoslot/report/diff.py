"""Unified diffs of rewritten files, as text."""

from __future__ import annotations

import difflib
import io
import tokenize


def decode_source(source: bytes) -> str:
    """Source bytes as text, honouring a PEP 263 cookie and a BOM."""
    try:
        encoding, _ = tokenize.detect_encoding(io.BytesIO(source).readline)
    except SyntaxError:
        encoding = "utf-8"
    return source.decode(encoding, errors="replace").removeprefix("\ufeff")


def unified_diff(path: str, before: bytes, after: bytes) -> str:
    """`--- path` / `+++ path` with three lines of context, newlines kept as written."""
    old = decode_source(before).splitlines(keepends=True)
    new = decode_source(after).splitlines(keepends=True)
    lines = list(difflib.unified_diff(old, new, fromfile=path, tofile=path, n=3))
    # a last line without a newline still needs one in the patch
    return "".join(
        line
        if line.endswith(("\n", "\r"))
        else line + "\n\\ No newline at end of file\n"
        for line in lines
    )
