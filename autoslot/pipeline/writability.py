"""Whether `fix` may write a file, decided before anything is analysed.

A file autoslot would not write is reported, left byte-identical, and taken
as it is on disk by the analysis (a class in it stays as it is). `check`
asks the same question, so that it reports what `fix` would do.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from autoslot.results import FileError, FileStatus, RunResult
from autoslot.util.fileio import is_root, read_regular, written_in_place


def inside(path: Path, roots: Sequence[Path]) -> bool:
    """Whether `path` is one of `roots` or below one (paths compared as
    text, as discovery does: building every parent cost more)."""
    text = str(path)
    return any(
        text == str(root) or text.startswith(str(root).rstrip(os.sep) + os.sep)
        for root in roots
    )


class Directories:
    """What is known of the directories of a project's files, asked once
    each: resolving and probing every file of a project cost a warm check a
    fifth of its time."""

    def __init__(self) -> None:
        self.resolved: dict[Path, Path] = {}
        self.writable: dict[Path, bool] = {}

    def resolve(self, directory: Path) -> Path:
        if directory not in self.resolved:
            self.resolved[directory] = directory.resolve()
        return self.resolved[directory]

    def can_write(self, directory: Path) -> bool:
        if directory not in self.writable:
            self.writable[directory] = os.access(directory, os.W_OK | os.X_OK)
        return self.writable[directory]


def why_not_writable(
    path: Path, roots: Sequence[Path], directories: Directories | None = None
) -> str | None:
    """Why `fix` would leave the file alone, or None if it may write it.

    `roots` are the project roots, symlinks resolved.
    """
    known = directories or Directories()
    try:
        status = path.lstat()
        if stat.S_ISLNK(status.st_mode):
            target = path.resolve()
            status = target.stat()
        else:
            target = known.resolve(path.parent) / path.name
    except FileNotFoundError:
        return "it no longer exists"
    except (OSError, RuntimeError) as error:  # RuntimeError: a symlink loop
        return f"cannot be examined: {getattr(error, 'strerror', None) or error}"
    if not inside(target, roots):
        return f"it is a symbolic link to {target}, outside the project"
    if not stat.S_ISREG(status.st_mode):
        return "it is not a regular file"
    if not status.st_mode & 0o222:
        return "it is read-only (no write permission bit is set)"
    ours = not hasattr(os, "geteuid") or is_root() or status.st_uid == os.geteuid()
    if not ours and os.access(target, os.W_OK):
        # only its owner can give it back its modification time
        return "it belongs to another user"
    # for its owner the owner's bit says it, without asking the system per
    # file; a read-only mount shows in the directory, asked once
    if not ours or not (is_root() or status.st_mode & stat.S_IWUSR):
        return "you have no permission to write it"
    if written_in_place(status):
        if not os.access(target, os.W_OK):
            return "you have no permission to write it"
    elif not known.can_write(target.parent):
        return (
            "its directory is not writable (autoslot writes a new copy "
            "beside the file and renames it over the file)"
        )
    return None


def still_writable(result: RunResult, roots: Sequence[Path]) -> RunResult:
    """The result with every changed file that can no longer be written as
    read (deleted, changed, made read-only since) turned into a failure.

    Nothing is written yet; the other files go ahead. Their decisions were
    made with this file's edits in mind, which is harmless: any subset of a
    run's edits is a valid program (fix/verify/space.py).
    """
    resolved = [root.resolve() for root in roots]
    files = []
    for file in result.files:
        why = None
        if file.status is FileStatus.CHANGED:
            location = Path(file.path)
            why = why_not_writable(location, resolved)
            if why is None:
                try:
                    if read_regular(location) != file.before:
                        why = "it changed on disk while autoslot was working"
                except OSError as error:
                    why = f"it cannot be read any more: {error.strerror}"
        if why is None:
            files.append(file)
        else:
            files.append(
                replace(
                    file,
                    status=FileStatus.FAILED,
                    error=FileError(f"not rewritten: {why}"),
                    classes=(),
                    after=b"",
                    edits=(),
                )
            )
    return replace(result, files=files)
