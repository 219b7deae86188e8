"""The human report on stderr: errors, findings, classes left alone (-v), and
the one-line summary."""

from __future__ import annotations

from collections import Counter
from typing import Literal

from rich.console import Console
from rich.markup import escape

from autoslot.decide.model import Action
from autoslot.results import FileStatus, RunResult

Mode = Literal["fix", "check"]


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
    for failed in result.failed:
        console.print(f"[bold red]error:[/] {escape(failed.error)}")
    if quiet:
        return
    for file in result.files:
        for cls in file.classes:
            decision = cls.decision
            for finding in decision.findings:
                if finding.code in disabled:
                    continue
                line = finding.line or cls.line
                console.print(
                    f"{escape(file.path)}:{line}: [yellow]{finding.code}[/] {escape(cls.qualname)}: {escape(finding.message)}"
                )
            if (
                verbose
                and decision.action is Action.SKIP
                and decision.code not in disabled
            ):
                console.print(
                    f"{escape(file.path)}:{cls.line}: [cyan]{decision.code}[/] {escape(cls.qualname)} left alone: {escape(decision.reason)}"
                )
    for store in result.stores:
        if store.finding.code not in disabled:
            console.print(
                f"{escape(store.path)}:{store.finding.line}: [yellow]{store.finding.code}[/] {escape(store.finding.message)}"
            )
    for note in result.notes:
        console.print(escape(note))
    console.print(summary_line(result, mode))


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
