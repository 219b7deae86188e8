"""Apply the unified diff `autoslot check --diff` prints, as `patch` would,
strictly: every context and removed line must match the file.

Kept apart from autoslot's own code on purpose: the test that `fix` writes
what the diff shows must not read the diff with the code that wrote it.
"""

from __future__ import annotations

import io
import re
import tokenize
from pathlib import Path

HUNK = re.compile(r"@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@")
NO_NEWLINE = "\\ No newline at end of file"


class PatchError(AssertionError):
    """The patch does not fit the file it names."""


def _encoding(data: bytes) -> str:
    try:
        return tokenize.detect_encoding(io.BytesIO(data).readline)[0]
    except SyntaxError:
        return "utf-8"


def split_patch(text: str) -> dict[str, list[str]]:
    """File name -> the lines of its hunks (the `@@` lines included)."""
    # lines end where the diff's lines did: str.splitlines, as the diff split them
    lines = text.splitlines(keepends=True)
    files: dict[str, list[str]] = {}
    current: list[str] | None = None
    position = 0
    while position < len(lines):
        line = lines[position]
        if line.startswith("--- ") and lines[position + 1].startswith("+++ "):
            name = lines[position + 1][4:].rstrip("\r\n")
            current = files.setdefault(name, [])
            position += 2
            continue
        if current is None:
            raise PatchError(f"a line outside any file's diff: {line!r}")
        current.append(line)
        position += 1
    return files


def patched_text(old: str, hunks: list[str]) -> str:
    """`old` with the hunks applied."""
    source = old.splitlines(keepends=True)
    out: list[str] = []
    taken = 0  # lines of `source` consumed
    last = ""  # the kind of the previous hunk line, for the no-newline marker
    for line in hunks:
        match = HUNK.match(line)
        if match:
            start = int(match.group(1)) - (0 if match.group(2) == "0" else 1)
            out.extend(source[taken:start])
            taken = start
            continue
        if line.rstrip("\r\n") == NO_NEWLINE:
            # the line before it had no newline: the diff added one to show it
            if last in (" ", "+"):
                out[-1] = out[-1].removesuffix("\n")
            continue
        kind, body = line[0], line[1:]
        last = kind
        if kind in (" ", "-"):
            # the diff shows a last line without a newline with one added
            if taken >= len(source) or source[taken] not in (body, body[:-1]):
                raise PatchError(f"line {taken + 1} does not match: {body!r}")
            taken += 1
        if kind in (" ", "+"):
            out.append(body)
    out.extend(source[taken:])
    return "".join(out)


def apply_patch(root: Path, text: str) -> list[str]:
    """Apply the patch below `root` (names relative to it); the names patched."""
    for name, hunks in split_patch(text).items():
        path = root / name
        data = path.read_bytes()
        # "utf-8-sig" for a file with a BOM: the diff shows the text without it
        encoding = _encoding(data)
        path.write_bytes(patched_text(data.decode(encoding), hunks).encode(encoding))
    return sorted(split_patch(text))
