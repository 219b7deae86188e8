"""A run's result out to the user: diffs and machine-readable reports to one
stream, the text report to stderr, and the exit code."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, TextIO

from autoslot.config.settings import Settings
from autoslot.exit_codes import ExitCode
from autoslot.results import RunResult

if TYPE_CHECKING:
    from autoslot.cli.invocation import Invocation


def emit(
    invocation: Invocation, settings: Settings, result: RunResult, out: TextIO
) -> None:
    """Diffs and machine-readable reports to `out`; the text report to stderr."""
    from autoslot.report.console import wants_color
    from autoslot.report.machine import github_report, json_report
    from autoslot.report.output import emit_diffs
    from autoslot.report.text import Mode, TextView, report

    color = invocation.color
    # `fix --diff` writes nothing, so it reports what it would do, like `check`
    writes = invocation.mode == "fix" and not invocation.diff
    mode: Mode = "fix" if writes else "check"
    if invocation.output_format == "json":
        out.write(json_report(result, mode, invocation.diff, settings.disable))
    elif invocation.output_format == "github":
        if invocation.diff:
            emit_diffs(result, "never")
        out.write(github_report(result, mode, settings.disable))
    elif invocation.diff:
        emit_diffs(result, color)  # type: ignore[arg-type]
    out.flush()
    errors_in_color = wants_color(color, sys.stderr)  # type: ignore[arg-type]
    quiet = invocation.quiet or invocation.output_format != "text"
    view = TextView(
        mode,
        invocation.verbose,
        quiet,
        invocation.statistics,
        settings.disable,
        settings.strict,
        settings.slots_order,
    )
    report(result, sys.stderr, errors_in_color, view)


def exit_code_of(
    invocation: Invocation, settings: Settings, result: RunResult
) -> ExitCode:
    from autoslot.report.output import exit_code

    code = exit_code(result, invocation.mode, settings)
    if invocation.exit_zero and code is ExitCode.WOULD_CHANGE:
        return ExitCode.OK
    return code
