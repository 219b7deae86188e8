"""The `autoslot` command line: options in, exit code out.

Commands turn options into an Invocation, call the pipeline, and hand its
result values to the reporters; they hold no analysis and do no file I/O
themselves.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

import typer

from autoslot import __version__
from autoslot.config import ConfigError, build_settings, load_config
from autoslot.settings import Settings, parse_target_version
from autoslot.verify.options import (
    ImportCheck,
    ImportTimeout,
    Python,
    Verify,
    VerifyTimeout,
    positive_seconds,
)

EXIT_OK = 0
EXIT_WOULD_CHANGE = 1
EXIT_USAGE = 2
# `fix` wrote nothing: the tree is locked, needs `restore`, or cannot be verified
EXIT_REFUSED = 3
EXIT_ERROR = 123

app = typer.Typer(
    name="autoslot",
    help="Give Python classes correct __slots__ across a codebase, without breaking it.",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)

Paths = Annotated[
    list[Path] | None,
    typer.Argument(
        help="Files and directories to process (default: the current directory).",
        show_default=False,
    ),
]
Diff = Annotated[
    bool, typer.Option("--diff", help="Print a unified diff of the changes to stdout.")
]
Verbose = Annotated[
    bool,
    typer.Option(
        "--verbose", "-v", help="List every class left alone, with its code and reason."
    ),
]
Quiet = Annotated[bool, typer.Option("--quiet", "-q", help="Print only errors.")]
Color = Annotated[
    str,
    typer.Option(
        "--color", help="Colour output: auto, always or never.", metavar="WHEN"
    ),
]
LineLength = Annotated[
    int | None,
    typer.Option(
        "--line-length",
        help="Line length for written __slots__ [default: 88].",
        show_default=False,
    ),
]
Target = Annotated[
    str | None,
    typer.Option(
        "--target-version",
        help="Oldest Python the code must run on, e.g. 3.11 [default: from requires-python, else 3.10].",
        show_default=False,
    ),
]
Weakref = Annotated[
    str | None,
    typer.Option(
        "--weakref",
        help="Weak-reference support on slotted classes: always, auto or never [default: always].",
        show_default=False,
    ),
]
ConfigFile = Annotated[
    Path | None,
    typer.Option(
        "--config", help="Read settings from this TOML file.", show_default=False
    ),
]
Isolated = Annotated[
    bool, typer.Option("--isolated", help="Ignore configuration files.")
]
Format = Annotated[
    str,
    typer.Option(
        "--output-format", help="Report format: text, json or github.", metavar="FORMAT"
    ),
]
Introspect = Annotated[
    bool,
    typer.Option(
        "--introspect",
        help="Import third-party base classes (only those) in the target environment to learn their layout.",
    ),
]
Strict = Annotated[
    bool,
    typer.Option(
        "--strict",
        help="Leave alone every class a store on an object of unknown class could reach (AS114); "
        "`check` also fails on possible typos (AS203) and unused slots (AS204).",
    ),
]


@dataclass(frozen=True, slots=True)
class Invocation:
    """One `fix` or `check` command line, before configuration is merged in."""

    mode: str
    paths: list[Path]
    diff: bool = False
    verbose: bool = False
    quiet: bool = False
    color: str = "auto"
    output_format: str = "text"
    config: Path | None = None
    isolated: bool = False
    # options that override configuration keys, by Settings field name
    overrides: tuple[tuple[str, Any], ...] = ()


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


def _target(value: str | None) -> tuple[int, int] | None:
    if value is None:
        return None
    try:
        return parse_target_version(value)
    except ValueError as error:
        raise typer.BadParameter(str(error), param_hint="--target-version") from None


def settings_for(invocation: Invocation) -> Settings:
    start = (invocation.paths[0] if invocation.paths else Path.cwd()).absolute()
    try:
        loaded = load_config(start, invocation.config, invocation.isolated)
        return build_settings(loaded, dict(invocation.overrides))
    except ConfigError as error:
        typer.echo(f"autoslot: configuration error: {error}", err=True)
        raise typer.Exit(EXIT_USAGE) from None


def execute(invocation: Invocation) -> int:
    """Run a `fix` or `check` invocation and return its exit code."""
    from autoslot.report.console import make_console
    from autoslot.report.machine import github_report, json_report
    from autoslot.report.output import emit_diffs, exit_code
    from autoslot.report.text import Mode, report
    from autoslot.runner import run

    for path in invocation.paths:
        if not path.exists():
            typer.echo(f"autoslot: error: no such file or directory: {path}", err=True)
            return EXIT_USAGE
    settings = settings_for(invocation)
    color = invocation.color
    errors = make_console(color, sys.stderr)  # type: ignore[arg-type]
    decided: int | None = None
    if invocation.mode == "fix":
        from autoslot.verify.progress import Progress
        from autoslot.verify.session import fix

        outcome = fix(invocation.paths, settings, Progress(errors, invocation.quiet))
        if outcome.result is None:
            return outcome.exit_code if outcome.exit_code is not None else EXIT_ERROR
        result, decided = outcome.result, outcome.exit_code
    else:
        result = run(invocation.paths, settings)
    mode: Mode = "fix" if invocation.mode == "fix" else "check"
    if invocation.output_format == "json":
        sys.stdout.write(json_report(result, mode, invocation.diff))
    elif invocation.output_format == "github":
        if invocation.diff:
            emit_diffs(result, "never")
        sys.stdout.write(github_report(result, mode))
    elif invocation.diff:
        emit_diffs(result, color)  # type: ignore[arg-type]
    quiet = invocation.quiet or invocation.output_format != "text"
    report(result, errors, mode, invocation.verbose, quiet, settings.disable)
    if decided is not None:
        return decided
    return exit_code(result, invocation.mode, settings)


def _invocation(mode: str, paths: list[Path] | None, **options: Any) -> Invocation:
    _choice("--color", options["color"], ("auto", "always", "never"))
    _choice("--output-format", options["output_format"], ("text", "json", "github"))
    _choice("--weakref", options.pop("weakref"), ("always", "auto", "never"))
    overrides = options.pop("overrides")
    return Invocation(
        mode, list(paths or [Path()]), overrides=tuple(overrides.items()), **options
    )


def _guarded(invocation: Invocation) -> None:
    """Run a command; an unexpected exception is an internal error (exit 123)."""
    try:
        code = execute(invocation)
    except (typer.Exit, typer.BadParameter, KeyboardInterrupt):
        raise
    except Exception as error:
        import traceback

        typer.echo(
            f"autoslot: internal error: {type(error).__name__}: {error}", err=True
        )
        typer.echo(traceback.format_exc(), err=True)
        code = EXIT_ERROR
    raise typer.Exit(code)


@app.command()
def fix(
    paths: Paths = None,
    diff: Diff = False,
    verbose: Verbose = False,
    quiet: Quiet = False,
    color: Color = "auto",
    line_length: LineLength = None,
    target_version: Target = None,
    weakref: Weakref = None,
    config: ConfigFile = None,
    isolated: Isolated = False,
    output_format: Format = "text",
    introspect: Introspect = False,
    python: Python = None,
    strict: Strict = False,
    import_check: ImportCheck = None,
    import_timeout: ImportTimeout = None,
    verify: Verify = None,
    verify_timeout: VerifyTimeout = None,
) -> None:
    """Rewrite files in place, giving each class that is safe to slot its __slots__.

    Every write is journalled: an interrupted run restores the files, and
    `autoslot restore` does after a hard kill.
    """
    overrides = {
        "line_length": line_length,
        "target_version": _target(target_version),
        "weakref": weakref,
        "strict": strict or None,
        "introspect": introspect or None,
        "python": python,
        "import_check": import_check,
        "import_timeout": positive_seconds("--import-timeout", import_timeout),
        "verify": verify or None,
        "verify_timeout": positive_seconds("--verify-timeout", verify_timeout),
    }
    _guarded(
        _invocation(
            "fix",
            paths,
            diff=diff,
            verbose=verbose,
            quiet=quiet,
            color=color,
            output_format=output_format,
            config=config,
            isolated=isolated,
            weakref=weakref,
            overrides=overrides,
        )
    )


@app.command()
def check(
    paths: Paths = None,
    diff: Diff = False,
    verbose: Verbose = False,
    quiet: Quiet = False,
    color: Color = "auto",
    line_length: LineLength = None,
    target_version: Target = None,
    weakref: Weakref = None,
    config: ConfigFile = None,
    isolated: Isolated = False,
    strict: Strict = False,
    output_format: Format = "text",
    introspect: Introspect = False,
    python: Python = None,
) -> None:
    """Report what `fix` would change without writing; exit 1 if anything would."""
    overrides = {
        "line_length": line_length,
        "target_version": _target(target_version),
        "weakref": weakref,
        "strict": strict or None,
        "introspect": introspect or None,
        "python": python,
    }
    _guarded(
        _invocation(
            "check",
            paths,
            diff=diff,
            verbose=verbose,
            quiet=quiet,
            color=color,
            output_format=output_format,
            config=config,
            isolated=isolated,
            weakref=weakref,
            overrides=overrides,
        )
    )


@app.command()
def explain(
    code: Annotated[str, typer.Argument(help="A reason code such as AS101.")],
) -> None:
    """Explain a reason code: the rule, an example, and what to do."""
    from autoslot.decide.codes import BY_CODE, CODES
    from autoslot.report.explain import render_explanation

    entry = BY_CODE.get(code.upper())
    if entry is None:
        known = ", ".join(c.code for c in CODES)
        typer.echo(f"autoslot: unknown code {code!r}; known codes: {known}", err=True)
        raise typer.Exit(EXIT_USAGE)
    typer.echo(render_explanation(entry))


@app.command()
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
    from autoslot.lock import LockHeld
    from autoslot.paths import display_path
    from autoslot.restore import restore_tree
    from autoslot.verify.session import project_roots

    root = project_roots([path or Path()])[0]
    try:
        restored = restore_tree(root)
    except LockHeld as held:
        typer.echo(f"autoslot: error: {held}; its journal is in use", err=True)
        raise typer.Exit(EXIT_REFUSED) from None
    if not restored.found:
        typer.echo(f"autoslot: no interrupted run to restore in {root}", err=True)
        return
    for file in restored.files:
        typer.echo(f"restored {display_path(file)}", err=True)
    count = len(restored.files)
    typer.echo(
        f"autoslot: restored {count} {'file' if count == 1 else 'files'}; "
        "the journal is removed",
        err=True,
    )
