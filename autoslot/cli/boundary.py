"""What the command line does at its edges: a reader that went away, a tree
a killed run left half-written, and the report of `autoslot restore`.

The command line's modules: cli/app.py (the commands), cli/options.py (the
options all commands share), cli/args.py (those of `fix` and `check`),
cli/invocation.py (running one), this one, and cli/emit.py (a run's result
out to the user). The others import this one only when it is needed."""

from __future__ import annotations

import contextlib
import io
import os
import signal
import sys
from collections.abc import Sequence
from pathlib import Path

import typer

from autoslot.exit_codes import ExitCode


def closed_pipe_status() -> int:
    """The reader of our output went away (`| head`): stop quietly, with the
    status a shell shows for a command a closed pipe ended."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    for stream in (sys.stdout, sys.stderr):
        # not a real file under a test runner's capture
        with contextlib.suppress(OSError, ValueError, io.UnsupportedOperation):
            os.dup2(devnull, stream.fileno())
    os.close(devnull)
    return 128 + getattr(signal, "SIGPIPE", 13)


def pending_journal(paths: Sequence[Path]) -> str | None:
    """Why the files on disk are not to be trusted: a run that was killed
    while writing left its journal (only `autoslot restore` ends that)."""
    from autoslot.config.project import find_project_root
    from autoslot.fix.journal import leftover_journal, pending_journal_message

    for path in paths:
        root = find_project_root(path.absolute()).path
        if leftover_journal(root) is not None:
            return pending_journal_message(root)
    return None


def restore_command(path: Path) -> ExitCode:
    """`autoslot restore PATH`: replay the journal, say what was and was not
    put back, and return the exit code."""
    from autoslot.fix.lock import LockHeld
    from autoslot.fix.restore import restore_tree
    from autoslot.fix.session import project_roots
    from autoslot.util.paths import display_path

    root = project_roots([path])[0]
    try:
        restored = restore_tree(root)
    except LockHeld as held:
        typer.echo(f"autoslot: error: {held}; its journal is in use", err=True)
        return ExitCode.REFUSED
    except OSError as error:
        typer.echo(f"autoslot: error: cannot restore in {root}: {error}", err=True)
        return ExitCode.ERROR
    if not restored.found:
        typer.echo(f"autoslot: no interrupted run to restore in {root}", err=True)
        return ExitCode.OK
    for file in restored.files:
        typer.echo(f"restored {display_path(file)}", err=True)
    for warning in restored.warnings:
        typer.echo(f"autoslot: warning: {warning}", err=True)
    for problem in restored.problems:
        typer.echo(f"autoslot: not restored: {problem}", err=True)
    count = len(restored.files)
    done = f"restored {count} {'file' if count == 1 else 'files'}"
    if not restored.problems:
        typer.echo(f"autoslot: {done}; the journal is removed", err=True)
        return ExitCode.OK
    kept = (
        f"the journal was moved to {restored.kept}"
        if restored.kept is not None
        else "the journal is still in place"
    )
    typer.echo(
        f"autoslot: {done}, but not everything could be restored; {kept}, "
        "with its copies of the files",
        err=True,
    )
    return ExitCode.ERROR
