"""The human report on stderr: errors, a line per class slotted, findings,
classes left alone (-v), and the one-line summary."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal, TextIO

from autoslot.config.slots_order import SlotsOrder
from autoslot.decide.registry import fails_check, title
from autoslot.report.changes import change_line
from autoslot.report.outcomes import outcome_notes
from autoslot.report.sites import (
    error_text,
    finding_file,
    message_text,
    reason_text,
    unreadable_notes,
)
from autoslot.report.statistics import statistics_lines
from autoslot.results import FileStatus, RunResult
from autoslot.util.paths import display_path

Mode = Literal["fix", "check"]
NO_FILES = "No Python files found under the given paths."

# A report line as (text, rich style) pieces; "" is unstyled.
Line = tuple[tuple[str, str], ...]


def _plural(count: int, word: str) -> str:
    if count == 1:
        return f"1 {word}"
    return f"{count} {word}{'es' if word.endswith('s') else 's'}"


@dataclass(frozen=True, slots=True)
class TextView:
    """What the text report shows."""

    mode: Mode
    verbose: bool = False
    quiet: bool = False
    # counts per code instead of a line per class and finding
    statistics: bool = False
    disabled: frozenset[str] = frozenset()
    # decides which findings fail `check`, and so are listed one by one
    strict: bool = False
    slots_order: SlotsOrder = "source"

    def lists(self, code: str) -> bool:
        """Whether findings with this code get a line each (else a count)."""
        return self.verbose or fails_check(code, self.strict)


def report(result: RunResult, stream: TextIO, color: bool, view: TextView) -> None:
    write_lines(stream, color, report_lines(result, view))


def write_lines(stream: TextIO, color: bool, lines: Sequence[Line]) -> None:
    """Print the lines in one go.

    A report can have thousands of lines, and rich renders each `print` on
    its own (~0.15 ms a line); without colour the text goes out as it is,
    and rich is not even imported.
    """
    if not lines:
        return
    if not color:
        stream.write("".join(text for line in lines for text, _ in (*line, ("\n", ""))))
        stream.flush()
        return
    from rich.text import Text

    from autoslot.report.console import make_console

    console = make_console("always", stream)
    body = Text()
    for line in lines:
        for text, style in line:
            body.append(text, style or None)
        body.append("\n")
    console.print(body, end="")


def report_lines(result: RunResult, view: TextView) -> list[Line]:
    lines: list[Line] = [
        (("error:", "bold red"), (f" {error_text(failed)}", ""))
        for failed in result.failed
    ]
    if view.quiet:
        return lines
    if not result.files:
        return [(("warning:", "yellow"), (f" {NO_FILES}", ""))]
    if view.statistics:
        lines.extend(((text, ""),) for text in statistics_lines(result, view.disabled))
    else:
        lines.extend(_detail_lines(result, view))
    notes = [*unreadable_notes(result), *outcome_notes(result)]
    lines.extend(((note, ""),) for note in notes)
    lines.append(((summary_line(result, view.mode, view.verbose), ""),))
    return lines


def _detail_lines(result: RunResult, view: TextView) -> list[Line]:
    """A line per class slotted, per finding that fails `check` (every finding
    with -v) and, with -v, per class left alone; a count for the other findings."""
    lines: list[Line] = []
    counted: Counter[str] = Counter()
    disabled = view.disabled
    for file in result.files:
        for cls in file.classes:
            decision = cls.decision
            if cls.changed:
                text = change_line(cls, view.mode == "fix", view.slots_order)
                lines.append(((text, "green"),))
            for finding in decision.findings:
                if finding.code in disabled:
                    continue
                if not view.lists(finding.code):
                    counted[finding.code] += 1
                    continue
                line = finding.line or cls.line
                lines.append(
                    (
                        (f"{finding_file(finding, file.path)}:{line}: ", ""),
                        (finding.code, "yellow"),
                        (f" {cls.qualname}: {message_text(finding)}", ""),
                    )
                )
            if view.verbose and cls.left_alone and decision.code not in disabled:
                lines.append(
                    (
                        (f"{display_path(file.path)}:{cls.line}: ", ""),
                        (decision.code, "cyan"),
                        (f" {cls.qualname} left alone: {reason_text(decision)}", ""),
                    )
                )
    for store in result.stores:
        code = store.finding.code
        if code in disabled:
            continue
        if not view.lists(code):
            counted[code] += 1
            continue
        lines.append(
            (
                (f"{display_path(store.path)}:{store.finding.line}: ", ""),
                (code, "yellow"),
                (f" {message_text(store.finding)}", ""),
            )
        )
    for code, count in sorted(counted.items()):
        lines.append(
            (
                (code, "yellow"),
                (f" {title(code)}: {_plural(count, 'finding')} (-v lists them)", ""),
            )
        )
    return lines


def summary_line(result: RunResult, mode: Mode, verbose: bool = False) -> str:
    classes = result.classes
    slotted = sum(1 for c in classes if c.changed)
    left_alone = sum(1 for c in classes if c.left_alone)
    changed_files = len(result.changed)
    unchanged = sum(
        1
        for f in result.files
        if f.status in (FileStatus.UNCHANGED, FileStatus.SKIPPED)
    )
    verb = "slotted" if mode == "fix" else "would be slotted"
    parts = [f"{_plural(slotted, 'class')} {verb} in {_plural(changed_files, 'file')}"]
    hint = " (-v for reasons)" if left_alone and not verbose else ""
    parts.append(f"{left_alone} left alone{hint}")
    parts.append(f"{_plural(unchanged, 'file')} unchanged")
    if result.failed:
        parts.append(f"{_plural(len(result.failed), 'file')} failed")
    return ", ".join(parts) + "."
