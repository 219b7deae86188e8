"""Entry point of the `autoslot` command and of `python -m autoslot`."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import typer


def main() -> None:
    # Answer --version before importing typer and the pipeline: it is what
    # scripts and editors call most, and it should cost no more than start-up.
    if sys.argv[1:] == ["--version"]:
        from autoslot import __version__

        sys.stdout.write(f"autoslot {__version__}\n")
        return
    from autoslot.cli.boundary import closed_pipe_status

    try:
        app_for(sys.argv[1:])(prog_name="autoslot")
    except BrokenPipeError:  # outside a command (help text, say)
        sys.exit(closed_pipe_status())


def app_for(args: Sequence[str]) -> typer.Typer:
    """The app, holding only the command `args` start with when they name one.

    typer turns every registered command's options into click parameters on
    each run (~20 ms for all of them) and a run uses one command's; help,
    `--version` and unknown names get the whole app, so they read the same.
    """
    import copy

    import typer

    from autoslot.cli.app import app

    wanted = args[0] if args else None
    only = [
        info
        for info in app.registered_commands
        if info.callback is not None
        and (info.name or typer.main.get_command_name(info.callback.__name__)) == wanted
    ]
    if len(only) != 1:
        return app
    narrowed = copy.copy(app)
    narrowed.registered_commands = only
    return narrowed


if __name__ == "__main__":
    main()
