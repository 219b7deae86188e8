"""`autoslot typos`: only the likely typos (AS203, AS206), for a CI to gate on.

One line per typo on stdout, sorted by file, line and code, in the form
compilers and linters use (`path:line: CODE pkg.mod.Class: message`), so the
output of two runs on the same tree is identical and diffs cleanly. A store
the value flow places on several classes is one typo, naming the first class
and how many others. The count goes to stderr. Exit 1 when there is one (a code the selection turns
off is not one), 0 when there is none, 123 when a file could not be parsed.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from typing import TextIO

from autoslot.decide.registry import TYPO_CODES
from autoslot.exit_codes import ExitCode
from autoslot.report.machine import SCHEMA_VERSION
from autoslot.report.sites import error_text, finding_file, message_text
from autoslot.results import RunResult


@dataclass(frozen=True, slots=True, order=True)
class Typo:
    file: str
    line: int
    code: str
    message: str
    # the classes it is a typo on, `pkg.mod.Class`, sorted
    classes: tuple[str, ...]

    def subject(self) -> str:
        first, *others = self.classes
        more = f" (and {len(others)} other classes)" if others else ""
        return f"{first}{more}: {self.message}"

    def text(self) -> str:
        return f"{self.file}:{self.line}: {self.code} {self.subject()}"


def typos(result: RunResult, disabled: frozenset[str]) -> list[Typo]:
    found: dict[tuple[str, int, str, str], set[str]] = {}
    for file in result.files:
        for cls in file.classes:
            for finding in cls.decision.findings:
                if finding.code in TYPO_CODES and finding.code not in disabled:
                    key = (
                        finding_file(finding, file.path),
                        finding.line or cls.line,
                        finding.code,
                        message_text(finding),
                    )
                    found.setdefault(key, set()).add(cls.display)
    return sorted(Typo(*key, tuple(sorted(names))) for key, names in found.items())


def _escape(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _github(found: list[Typo]) -> str:
    def prop(text: str) -> str:
        return _escape(text).replace(":", "%3A").replace(",", "%2C")

    return "".join(
        f"::error file={prop(t.file)},line={t.line},title={t.code}::"
        f"{_escape(t.subject())}\n"
        for t in found
    )


def _json(found: list[Typo], result: RunResult) -> str:
    document = {
        "version": SCHEMA_VERSION,
        "typos": [
            {
                "file": t.file,
                "line": t.line,
                "code": t.code,
                "classes": list(t.classes),
                "message": t.message,
            }
            for t in found
        ],
        "files_failed": [error_text(f) for f in result.failed],
    }
    return json.dumps(document, indent=2) + "\n"


def summary(found: list[Typo]) -> str:
    if not found:
        return "No likely typos."
    files = len({t.file for t in found})
    noun = "likely typo" if len(found) == 1 else "likely typos"
    where = "1 file" if files == 1 else f"{files} files"
    return (
        f"{len(found)} {noun} in {where}: fix each, or confirm the name with "
        "`# autoslot: attr NAME` (autoslot explain AS203)."
    )


def typos_report(
    result: RunResult,
    disabled: frozenset[str],
    output_format: str,
    quiet: bool,
    out: TextIO | None = None,
) -> int:
    out = out or sys.stdout
    found = typos(result, disabled)
    if output_format == "json":
        out.write(_json(found, result))
    elif output_format == "github":
        out.write(_github(found))
    else:
        out.write("".join(t.text() + "\n" for t in found))
    out.flush()
    for failed in result.failed:
        sys.stderr.write(f"error: {error_text(failed)}\n")
    if not quiet and output_format == "text":
        sys.stderr.write(summary(found) + "\n")
    if result.failed:
        return ExitCode.ERROR
    return ExitCode.WOULD_CHANGE if found else ExitCode.OK
