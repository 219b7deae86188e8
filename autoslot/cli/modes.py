"""What each command does once its options are validated and the settings
merged: run the pipeline, hand the result to its reporter, give the exit
code. cli/invocation.py chooses among these; nothing here parses options."""

from __future__ import annotations

import sys
from dataclasses import replace
from typing import TYPE_CHECKING

import typer

from autoslot.config.settings import Settings
from autoslot.exit_codes import ExitCode

if TYPE_CHECKING:
    from autoslot.cli.invocation import Invocation


def execute_run(invocation: Invocation, settings: Settings) -> int:
    """`fix` and `check` on paths: the text report, diffs, the exit code."""
    from autoslot.cli.emit import emit, exit_code_of
    from autoslot.pipeline.runner import run
    from autoslot.report.progress import progress_bar

    decided: int | None = None
    with progress_bar(sys.stderr, invocation.quiet) as progress:
        if invocation.mode == "fix" and not invocation.diff:
            from autoslot.fix.session import fix as verified_fix
            from autoslot.fix.verify.progress import Progress

            errors = Progress(invocation.color, invocation.quiet)  # type: ignore[arg-type]
            outcome = verified_fix(invocation.paths, settings, errors, progress)
            if outcome.result is None:
                return (
                    outcome.exit_code
                    if outcome.exit_code is not None
                    else ExitCode.ERROR
                )
            result, decided = outcome.result, outcome.exit_code
        else:
            # only a diff needs the rewritten text: a plain check never runs libcst
            result = run(
                invocation.paths, settings, progress=progress, rewrite=invocation.diff
            )
    emit(invocation, settings, result, sys.stdout)
    return (
        decided if decided is not None else exit_code_of(invocation, settings, result)
    )


def execute_report(invocation: Invocation, settings: Settings) -> int:
    from autoslot.report.memory_view import memory_report
    from autoslot.report.projection import InstancesError, parse_counts

    try:
        counts = parse_counts(invocation.instances)
    except InstancesError as error:
        typer.echo(f"autoslot: error: {error}", err=True)
        return ExitCode.USAGE
    return memory_report(
        invocation.paths,
        settings,
        invocation.output_format,
        invocation.color,  # type: ignore[arg-type]
        invocation.quiet,
        counts,
    )


def execute_typos(invocation: Invocation, settings: Settings) -> int:
    from autoslot.pipeline.runner import run
    from autoslot.report.progress import progress_bar
    from autoslot.report.typos_view import typos_report

    with progress_bar(sys.stderr, invocation.quiet) as progress:
        result = run(invocation.paths, settings, progress=progress, rewrite=False)
    return typos_report(
        result, settings.disable, invocation.output_format, invocation.quiet
    )


def execute_stdin(invocation: Invocation, settings: Settings) -> int:
    from autoslot.cli.emit import emit, exit_code_of
    from autoslot.cli.stdin import run_stdin
    from autoslot.report.output import emit_diffs

    assert invocation.stdin_filename is not None
    source = sys.stdin.buffer.read()
    outcome = run_stdin(source, invocation.stdin_filename, settings)
    if invocation.mode == "fix":
        # stdout carries the module (or its diff), so reports go to stderr
        if invocation.diff:
            emit_diffs(outcome.result, invocation.color)  # type: ignore[arg-type]
        else:
            sys.stdout.buffer.write(outcome.fixed)
            sys.stdout.flush()
        emit(replace(invocation, diff=False), settings, outcome.result, sys.stderr)
    else:
        emit(invocation, settings, outcome.result, sys.stdout)
    return exit_code_of(invocation, settings, outcome.result)
