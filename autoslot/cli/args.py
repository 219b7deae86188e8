"""The arguments and options of `fix` and `check` themselves (the shared ones
are in cli/options.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

Paths = Annotated[
    list[Path] | None,
    typer.Argument(
        help="Files and directories to process (default: the current directory); "
        "`-` reads one module from stdin (with --stdin-filename).",
        show_default=False,
        metavar="PATHS",
    ),
]
Diff = Annotated[
    bool,
    typer.Option(
        "--diff",
        help="Print a unified diff of the changes to stdout; write nothing.",
    ),
]
Statistics = Annotated[
    bool,
    typer.Option(
        "--statistics",
        help="Count the classes left alone and the findings per code, instead of "
        "listing them.",
        rich_help_panel="Output",
    ),
]
Instances = Annotated[
    list[str] | None,
    typer.Option(
        "--instances",
        help="Project the saving for this many live instances of each measured "
        "class (N), or of one class (CLASS=N, by dotted name or qualname). "
        "Repeatable [default: 1000000 of each].",
        metavar="N|CLASS=N",
        show_default=False,
    ),
]
ExitZero = Annotated[
    bool,
    typer.Option(
        "--exit-zero",
        help="Exit with 0 even when something would change (errors still "
        "exit 2 or 123).",
        rich_help_panel="Output",
    ),
]
