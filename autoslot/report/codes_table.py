"""The table of reason codes in README.md, generated from the registry.

    python -m autoslot.report.codes_table                    # print the table
    python -m autoslot.report.codes_table --update README.md # rewrite the copy

The README keeps its copy between the markers below; a test fails when the
copy differs from what the registry (autoslot/decide/registry.py) gives.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Sequence
from pathlib import Path

from autoslot.decide.registry import CODES
from autoslot.exit_codes import ExitCode

START = "<!-- codes-table -->"
END = "<!-- /codes-table -->"
# dunder names read as bold markup in Markdown unless they are code
DUNDER = re.compile(r"(?<![`\w])(__\w+__)(?![`\w])")


def render() -> str:
    lines = ["| code | meaning |", "|---|---|"]
    for code in CODES:
        meaning = DUNDER.sub(r"`\1`", code.title).replace("|", r"\|")
        lines.append(f"| {code.code} | {meaning} |")
    return "\n".join(lines) + "\n"


def with_table(document: str) -> str:
    """The document with the text between the markers replaced by the table."""
    start = document.index(START) + len(START)
    end = document.index(END, start)
    return f"{document[:start]}\n{render()}{document[end:]}"


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if not args:
        sys.stdout.write(render())
        return ExitCode.OK
    if len(args) == 2 and args[0] == "--update":
        path = Path(args[1])
        text = path.read_text(encoding="utf-8")
        path.write_text(with_table(text), encoding="utf-8")
        return ExitCode.OK
    sys.stderr.write("usage: python -m autoslot.report.codes_table [--update FILE]\n")
    return ExitCode.USAGE


if __name__ == "__main__":
    raise SystemExit(main())
