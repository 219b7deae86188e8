"""Diffs on stdout and the exit code."""

from __future__ import annotations

import sys

from autoslot.config.settings import ColorChoice, Settings
from autoslot.decide.model import Action
from autoslot.decide.registry import fails_check
from autoslot.exit_codes import ExitCode
from autoslot.report.console import make_console, wants_color
from autoslot.report.diff import unified_diff
from autoslot.results import RunResult
from autoslot.util.paths import display_path


def emit_diffs(result: RunResult, color: ColorChoice) -> None:
    text = "".join(
        unified_diff(display_path(f.path), f.before, f.after) for f in result.changed
    )
    if not text:
        return
    if wants_color(color, sys.stdout):
        from rich.syntax import Syntax

        make_console(color, sys.stdout).print(
            Syntax(text, "diff", theme="ansi_dark", background_color="default")
        )
    else:
        sys.stdout.write(text)
        sys.stdout.flush()


def exit_code(result: RunResult, mode: str, settings: Settings) -> ExitCode:
    if result.failed:
        return ExitCode.ERROR
    if mode == "fix":
        return ExitCode.OK
    if result.changed:
        return ExitCode.WOULD_CHANGE
    findings = [f.code for c in result.classes for f in c.decision.findings]
    findings += [s.finding.code for s in result.stores]
    if any(
        fails_check(code, settings.strict) and code not in settings.disable
        for code in findings
    ):
        return ExitCode.WOULD_CHANGE
    if any(c.decision.action is Action.EXTEND for c in result.classes):
        return ExitCode.WOULD_CHANGE
    return ExitCode.OK
