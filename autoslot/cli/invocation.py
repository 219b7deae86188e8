"""One command line as a value (Invocation), and running it: usage
problems, the configuration merged in, then the mode that does the work
(cli/modes.py). cli/app.py builds invocations from typer's options."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import typer

from autoslot.cli.settings_table import show_settings
from autoslot.config.environment import missing_interpreter
from autoslot.config.project import ConfigError
from autoslot.config.pyproject import LoadedConfig, configured, load_config
from autoslot.config.settings import Settings
from autoslot.decide.registry import BY_CODE
from autoslot.exit_codes import ExitCode


@dataclass(frozen=True, slots=True)
class Invocation:
    """One `fix`, `check` or `report` command line, before configuration is merged in."""

    mode: str
    paths: list[Path]
    diff: bool = False
    verbose: bool = False
    quiet: bool = False
    color: str = "auto"
    output_format: str = "text"
    config: Path | None = None
    isolated: bool = False
    # options that override configuration keys: kebab-case key -> raw value
    # (None when not given), validated like the configuration file's values
    overrides: tuple[tuple[str, Any], ...] = ()
    # with the path `-`: where the module read from stdin lives in the project
    stdin_filename: Path | None = None
    show_settings: bool = False
    statistics: bool = False
    # `check`: exit 0 even when something would change
    exit_zero: bool = False
    # `report --instances`: N or CLASS=N, as given
    instances: tuple[str, ...] = ()

    @property
    def reads_stdin(self) -> bool:
        return self.paths == [Path("-")]


def configure(invocation: Invocation) -> tuple[LoadedConfig, Settings]:
    """Configuration file and options merged; a problem exits with code 2."""
    given = invocation.stdin_filename if invocation.reads_stdin else None
    start = (given or (invocation.paths[0] if invocation.paths else Path())).absolute()
    try:
        loaded = load_config(start, invocation.config, invocation.isolated, BY_CODE)
        settings, notices = configured(loaded, dict(invocation.overrides), BY_CODE)
    except ConfigError as error:
        typer.echo(f"autoslot: configuration error: {error}", err=True)
        raise typer.Exit(ExitCode.USAGE) from None
    for notice in (*loaded.notices, *notices):
        typer.echo(f"autoslot: warning: {notice}", err=True)
    return loaded, settings


def _usage_problem(invocation: Invocation) -> str | None:
    if Path("-") in invocation.paths:
        if not invocation.reads_stdin:
            return "`-` (stdin) cannot be combined with other paths"
        if invocation.stdin_filename is None:
            return "reading from stdin needs --stdin-filename to place the module in the project"
        if invocation.mode in ("report", "typos"):
            return f"`{invocation.mode}` does not read from stdin"
        return None
    if invocation.mode == "report" and invocation.output_format == "github":
        return "`report` writes text or json, not github annotations"
    for path in invocation.paths:
        if not path.exists():
            return f"no such file or directory: {path}"
    return None


def execute(invocation: Invocation) -> int:
    """Run an invocation and return its exit code."""
    problem = _usage_problem(invocation)
    if problem is not None:
        typer.echo(f"autoslot: error: {problem}", err=True)
        return ExitCode.USAGE
    loaded, settings = configure(invocation)
    if invocation.show_settings:
        sys.stdout.write(show_settings(settings, loaded))
        return ExitCode.OK
    missing = missing_interpreter(settings)
    if missing is not None:
        typer.echo(f"autoslot: error: {missing}", err=True)
        return ExitCode.USAGE
    # a fix that writes files refuses under its lock; every other run reads
    # the tree without it (`fix --diff` and `fix -` too), so refuses here
    if invocation.mode != "fix" or invocation.diff or invocation.reads_stdin:
        from autoslot.cli.boundary import pending_journal

        stdin_at = invocation.stdin_filename if invocation.reads_stdin else None
        pending = pending_journal([stdin_at] if stdin_at else invocation.paths)
        if pending is not None:
            typer.echo(
                f"autoslot: error: {pending}; the tree is half-written", err=True
            )
            return ExitCode.REFUSED
    from autoslot.cli import modes as cli_modes

    if invocation.mode == "report":
        return cli_modes.execute_report(invocation, settings)
    if invocation.reads_stdin:
        return cli_modes.execute_stdin(invocation, settings)
    if invocation.mode == "typos":
        return cli_modes.execute_typos(invocation, settings)
    return cli_modes.execute_run(invocation, settings)
