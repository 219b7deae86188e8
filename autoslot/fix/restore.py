"""Putting back the files of a journal: after an interrupted run (the rollback)
and in `autoslot restore`, after a hard kill.

A restore never stops at the first problem. Each file is put back if its
copy in the journal is sound; a file whose copy is missing or damaged is
left as it is (unless it already holds the original content), and so is a
file outside the project. When something could not be restored, the journal
is moved aside rather than deleted (its copies stay for the user) and out of
the way, so that a later run does not take it for a pending one: the state
left is consistent either way, and the report says what was and was not
restored.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from autoslot.fix.interrupts import uninterruptible
from autoslot.fix.journal import (
    Entry,
    Journal,
    JournalDamaged,
    JournalError,
    journal_directory,
    set_aside,
    sha256,
)
from autoslot.fix.lock import tree_lock
from autoslot.pipeline.writability import inside
from autoslot.util.fileio import read_regular, replace_content


@dataclass(frozen=True, slots=True)
class Restored:
    found: bool  # whether there was a journal at all
    files: list[Path] = field(default_factory=list)  # the files put back
    # what could not be put back, one line each (`path: why`)
    problems: list[str] = field(default_factory=list)
    # files whose content is back but not their modification time
    warnings: list[str] = field(default_factory=list)
    # where the journal was moved when something could not be restored
    kept: Path | None = None


def restore_tree(root: Path) -> Restored:
    """Put back every file of the journal under `root`; raises LockHeld while
    a live run holds the tree (its journal is in use, not left over)."""
    with tree_lock(root):
        try:
            journal = Journal.load(root)
        except JournalDamaged as damage:
            problem = f"the journal is damaged: {damage}; no file could be restored"
            return _set_aside(journal_directory(root), [problem])
        if journal is None:
            return Restored(False)
        with uninterruptible():
            return replay(journal, [root.resolve()])


def replay(journal: Journal, roots: Sequence[Path]) -> Restored:
    """Restore every entry of the journal, then drop it (or set it aside)."""
    files: list[Path] = []
    problems: list[str] = []
    warnings: list[str] = []
    if journal.damaged:
        problems.append(
            f"{journal.damaged} entries of the journal's manifest are damaged; "
            "the files they name were not restored"
        )
    for entry in journal.entries:
        try:
            changed, problem, warning = _restore(journal.directory, entry, roots)
        except OSError as error:
            changed, warning = False, None
            problem = f"{entry.path}: cannot be restored: {error.strerror or error}"
        if changed:
            files.append(Path(entry.path))
        if problem is not None:
            problems.append(problem)
        if warning is not None:
            warnings.append(warning)
    if problems:
        return _set_aside(journal.directory, problems, files, warnings)
    journal.discard()
    return Restored(True, files, problems, warnings)


def _set_aside(
    directory: Path,
    problems: list[str],
    files: list[Path] | None = None,
    warnings: list[str] | None = None,
) -> Restored:
    try:
        kept: Path | None = set_aside(directory)
    except (OSError, JournalError) as error:
        kept = None
        problems = [*problems, f"the journal could not be moved aside: {error}"]
    return Restored(True, files or [], problems, warnings or [], kept)


def _restore(
    directory: Path, entry: Entry, roots: Sequence[Path]
) -> tuple[bool, str | None, str | None]:
    """(whether the content was written, a problem, a warning) for one file."""
    path = Path(entry.path)
    if not inside(path, roots):
        return False, f"{path}: outside the project; not touched", None
    original, why = _backup(directory, entry)
    try:
        current: bytes | None = read_regular(path)
    except FileNotFoundError:
        current = None
    changed = False
    if original is None:
        if current is None or sha256(current) != entry.sha256:
            return False, f"{path}: the journal's copy is {why}; left as it is", None
    elif current != original:
        if current is None:
            path.write_bytes(original)
            path.chmod(entry.mode)
        else:
            replace_content(path, original)
        changed = True
    try:
        # a file the run never wrote keeps its times; setting them anyway
        # fails on a file that belongs to someone else
        if path.stat().st_mtime_ns != entry.mtime_ns:
            os.utime(path, ns=(entry.atime_ns, entry.mtime_ns))
    except OSError as error:
        return changed, None, f"{path}: its modification time: {error.strerror}"
    return changed, None, None


def _backup(directory: Path, entry: Entry) -> tuple[bytes | None, str]:
    """The journal's copy of the file, or None and why not."""
    try:
        data = read_regular(directory / entry.backup)
    except OSError:
        return None, "missing"
    if sha256(data) != entry.sha256:
        return None, "damaged"
    return data, ""
