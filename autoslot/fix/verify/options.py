"""The `fix` options of verification; each is also a `[tool.autoslot]` key
(import-check, python, import-timeout, verify, verify-timeout)."""

from __future__ import annotations

from typing import Annotated

import typer

ImportCheck = Annotated[
    bool | None,
    typer.Option(
        "--import-check/--no-import-check",
        help="Import each changed module in a fresh interpreter after writing; revert classes that break it [default: on].",
        show_default=False,
    ),
]
ImportTimeout = Annotated[
    float | None,
    typer.Option(
        "--import-timeout",
        help="Seconds one module may take to import [default: 60].",
        metavar="SECONDS",
        show_default=False,
    ),
]
Verify = Annotated[
    str | None,
    typer.Option(
        "--verify",
        help='A shell command (e.g. "pytest -x -q") that must pass before and after the rewrite; classes that make it fail are found by bisection and reverted.',
        metavar="CMD",
        show_default=False,
    ),
]
VerifyTimeout = Annotated[
    float | None,
    typer.Option(
        "--verify-timeout",
        help="Seconds one run of the --verify command may take; a run over it stops the verification and restores every file [default: no limit].",
        metavar="SECONDS",
        show_default=False,
    ),
]
