"""The `autoslot` command line: options in, exit code out.

Commands turn options into an Invocation, call the pipeline, and hand its
result values to the reporters; they hold no analysis and do no file I/O
themselves.
"""

from __future__ import annotations

import functools
import io
import sys
from dataclasses import replace
from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperCommand, TyperGroup

from autoslot import __version__
from autoslot.cli.args import Diff, ExitZero, Instances, Paths, Statistics
from autoslot.cli.invocation import Invocation, execute
from autoslot.cli.options import SharedOptions, shared_options
from autoslot.config.project import ConfigError
from autoslot.decide.registry import BY_CODE
from autoslot.exit_codes import ExitCode
from autoslot.fix.verify.options import (
    ImportCheck,
    ImportTimeout,
    Verify,
    VerifyTimeout,
)


def _command_classes() -> tuple[type[TyperGroup], type[TyperCommand]]:
    try:  # typer's own click coerces options through pydantic: cli/coercion.py
        from autoslot.cli.coercion import PlainCommand, PlainGroup
    except ImportError:  # an older typer, on click, builds no validators
        return TyperGroup, TyperCommand
    return PlainGroup, PlainCommand


GROUP_CLASS, COMMAND_CLASS = _command_classes()


app = typer.Typer(
    name="autoslot",
    cls=GROUP_CLASS,
    help="Give Python classes correct __slots__ across a codebase, without breaking it.",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)
command = functools.partial(app.command, cls=COMMAND_CLASS)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"autoslot {__version__}")
        raise typer.Exit()


@app.callback()
def main_callback(
    version: Annotated[
        bool,
        typer.Option(
            "--version",
            "-V",
            help="Show the version and exit.",
            is_eager=True,
            callback=_version,
        ),
    ] = False,
) -> None:
    """autoslot: correct __slots__ for every class, or a reason code why not."""


def _choice(name: str, value: str | None, allowed: tuple[str, ...]) -> None:
    if value is not None and value not in allowed:
        raise typer.BadParameter(
            f"must be one of {', '.join(allowed)}", param_hint=name
        )


def _invocation(
    mode: str, paths: list[Path] | None, shared: SharedOptions, **own: Any
) -> Invocation:
    _choice("--color", shared["color"], ("auto", "always", "never"))
    _choice("--output-format", shared["output_format"], ("text", "json", "github"))
    return Invocation(
        mode,
        list(paths or [Path()]),
        verbose=shared["verbose"],
        quiet=shared["quiet"],
        color=shared["color"],
        output_format=shared["output_format"],
        config=shared["config"],
        isolated=shared["isolated"],
        overrides=tuple(shared.config_values().items()),
        stdin_filename=shared["stdin_filename"],
        show_settings=shared["show_settings"],
        **own,
    )


def _guarded(invocation: Invocation) -> None:
    """Run a command; an unexpected exception is an internal error (exit 123)."""
    # a file name that is not valid UTF-8 goes out as the bytes it is made
    # of (a patch must name the file), not as an encoding error
    if isinstance(sys.stdout, io.TextIOWrapper) and sys.stdout.errors == "strict":
        sys.stdout.reconfigure(errors="surrogateescape")
    try:
        code = execute(invocation)
    except (typer.Exit, typer.BadParameter, KeyboardInterrupt):
        raise
    except BrokenPipeError:
        from autoslot.cli.boundary import closed_pipe_status

        code = closed_pipe_status()
    except ConfigError as error:  # a pyproject.toml met while discovering files
        typer.echo(f"autoslot: configuration error: {error}", err=True)
        code = ExitCode.USAGE
    except Exception as error:
        import traceback

        typer.echo(
            f"autoslot: internal error: {type(error).__name__}: {error}", err=True
        )
        typer.echo(traceback.format_exc(), err=True)
        code = ExitCode.ERROR
    raise typer.Exit(code)


@command(short_help="Rewrite files in place, giving classes their __slots__.")
@shared_options
def fix(
    shared: SharedOptions,
    paths: Paths = None,
    diff: Diff = False,
    statistics: Statistics = False,
    import_check: ImportCheck = None,
    import_timeout: ImportTimeout = None,
    verify: Verify = None,
    verify_timeout: VerifyTimeout = None,
) -> None:
    """Rewrite files in place, giving each class that is safe to slot its __slots__.

    Every write is journalled: an interrupted run restores the files, and
    `autoslot restore` does after a hard kill. With --diff nothing is
    written: the diff is printed instead.
    """
    invocation = _invocation("fix", paths, shared, diff=diff, statistics=statistics)
    verification = {
        "import-check": import_check,
        "import-timeout": import_timeout,
        "verify": verify or None,
        "verify-timeout": verify_timeout,
    }
    overrides = (*invocation.overrides, *verification.items())
    _guarded(replace(invocation, overrides=overrides))


@command(short_help="Report what `fix` would change; exit 1 if anything would.")
@shared_options
def check(
    shared: SharedOptions,
    paths: Paths = None,
    diff: Diff = False,
    statistics: Statistics = False,
    exit_zero: ExitZero = False,
) -> None:
    """Report what `fix` would change without writing; exit 1 if anything would."""
    own = {"diff": diff, "statistics": statistics, "exit_zero": exit_zero}
    _guarded(_invocation("check", paths, shared, **own))


@command("report", short_help="Per class: its slots and the memory they save.")
@shared_options
def report_command(
    shared: SharedOptions, paths: Paths = None, instances: Instances = None
) -> None:
    """Per class: its slots and the bytes they save per instance; classes left
    alone; last, the saving projected for a number of instances."""
    _guarded(_invocation("report", paths, shared, instances=tuple(instances or ())))


@command(short_help="List only the likely typos (AS203, AS206); exit 1 if any.")
@shared_options
def typos(shared: SharedOptions, paths: Paths = None) -> None:
    """List the likely typos in attribute names, one line each; exit 1 if any.

    Writes nothing. The lines are sorted and stable, for a CI to gate on;
    `--ignore AS206` leaves out reads of names nothing stores.
    """
    _guarded(_invocation("typos", paths, shared))


@command(short_help="Explain a reason code: the rule, an example, what to do.")
def explain(
    code: Annotated[str, typer.Argument(help="A reason code such as AS101.")],
) -> None:
    """Explain a reason code: the rule, an example, and what to do."""
    from autoslot.decide.registry import CODES
    from autoslot.report.explain import render_explanation

    entry = BY_CODE.get(code.upper())
    if entry is None:
        known = ", ".join(c.code for c in CODES)
        typer.echo(f"autoslot: unknown code {code!r}; known codes: {known}", err=True)
        raise typer.Exit(ExitCode.USAGE)
    typer.echo(render_explanation(entry))


@command(short_help="Put back the files of a run that was killed while writing.")
def restore(
    path: Annotated[
        Path | None,
        typer.Argument(
            help="A file or directory of the project (default: the current directory).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Put back the files of an autoslot run that was killed while writing."""
    from autoslot.cli.boundary import restore_command

    raise typer.Exit(restore_command(path or Path()))
