"""Entry point of the `autoslot` command and of `python -m autoslot`."""

from __future__ import annotations

import sys


def main() -> None:
    # Answer --version before importing typer and the pipeline: it is what
    # scripts and editors call most, and it should cost no more than start-up.
    if sys.argv[1:] == ["--version"]:
        from autoslot import __version__

        sys.stdout.write(f"autoslot {__version__}\n")
        return
    from autoslot.cli import app_for
    from autoslot.cli_boundary import closed_pipe_status

    try:
        app_for(sys.argv[1:])(prog_name="autoslot")
    except BrokenPipeError:  # outside a command (help text, say)
        sys.exit(closed_pipe_status())


if __name__ == "__main__":
    main()
