"""The human report on stderr: errors, findings, classes left alone (-v), and
the one-line summary."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Literal

from rich.console import Console
from rich.text import Text

from autoslot.decide.model import Action
from autoslot.results import FileStatus, RunResult

Mode = Literal["fix", "check"]

# A report line as (text, rich style) pieces; "" is unstyled.
Line = tuple[tuple[str, str], ...]


def _plural(count: int, word: str) -> str:
    if count == 1:
        return f"1 {word}"
    return f"{count} {word}{'es' if word.endswith('s') else 's'}"


def report(
    result: RunResult,
    console: Console,
    mode: Mode,
    verbose: bool,
    quiet: bool,
    disabled: frozenset[str] = frozenset(),
) -> None:
    write_lines(console, report_lines(result, mode, verbose, quiet, disabled))


def write_lines(console: Console, lines: Sequence[Line]) -> None:
    """Print the lines in one go.

    A report can have thousands of lines, and rich renders each `print` on
    its own (~0.15 ms a line); without colour the text goes out as it is.
    """
    if not lines:
        return
    if console.no_color or not console.is_terminal:
        console.file.write(
            "".join(text for line in lines for text, _ in (*line, ("\n", "")))
        )
        console.file.flush()
        return
    body = Text()
    for line in lines:
        for text, style in line:
            body.append(text, style or None)
        body.append("\n")
    console.print(body, end="")


def report_lines(
    result: RunResult,
    mode: Mode,
    verbose: bool,
    quiet: bool,
    disabled: frozenset[str] = frozenset(),
) -> list[Line]:
    lines: list[Line] = [
        (("error:", "bold red"), (f" {failed.error}", "")) for failed in result.failed
    ]
    if quiet:
        return lines
    for file in result.files:
        for cls in file.classes:
            decision = cls.decision
            for finding in decision.findings:
                if finding.code in disabled:
                    continue
                line = finding.line or cls.line
                lines.append(
                    (
                        (f"{file.path}:{line}: ", ""),
                        (finding.code, "yellow"),
                        (f" {cls.qualname}: {finding.message}", ""),
                    )
                )
            if (
                verbose
                and decision.action is Action.SKIP
                and decision.code not in disabled
            ):
                lines.append(
                    (
                        (f"{file.path}:{cls.line}: ", ""),
                        (decision.code, "cyan"),
                        (f" {cls.qualname} left alone: {decision.reason}", ""),
                    )
                )
    for store in result.stores:
        if store.finding.code not in disabled:
            lines.append(
                (
                    (f"{store.path}:{store.finding.line}: ", ""),
                    (store.finding.code, "yellow"),
                    (f" {store.finding.message}", ""),
                )
            )
    lines.extend(((note, ""),) for note in result.notes)
    lines.append(((summary_line(result, mode), ""),))
    return lines


def summary_line(result: RunResult, mode: Mode) -> str:
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
    parts.append(
        f"{left_alone} left alone" + (" (-v for reasons)" if left_alone else "")
    )
    parts.append(f"{_plural(unchanged, 'file')} unchanged")
    if result.failed:
        parts.append(f"{_plural(len(result.failed), 'file')} failed")
    return ", ".join(parts) + "."


def codes_left_alone(result: RunResult) -> Counter[str]:
    return Counter(c.decision.code for c in result.classes if c.left_alone)
