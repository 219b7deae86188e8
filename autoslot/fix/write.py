"""Writing the files of a run, only through the journal (`fix` always does,
with or without verification; see fix/session.py).

A `Tree` is the run's files on disk: any state can be shown (written), and
leaving the `journalled` block either keeps the last state (success) or
restores every file byte-identical (an exception, Ctrl-C, SIGTERM).
"""

from __future__ import annotations

import contextlib
import shutil
from collections.abc import Iterator, Mapping
from pathlib import Path

from autoslot.fix.interrupts import terminations_interrupt, uninterruptible
from autoslot.fix.journal import Journal, JournalError, journal_directory
from autoslot.fix.restore import Restored, replay


class Tree:
    def __init__(self, journal: Journal, originals: Mapping[Path, bytes]) -> None:
        self.journal = journal
        self.current = dict(originals)
        self.writes = 0

    def show(self, contents: Mapping[Path, bytes]) -> None:
        """Make the files hold `contents`, writing only those that differ."""
        for path, data in contents.items():
            if self.current[path] != data:
                self.journal.write(path, data)
                self.current[path] = data
                self.writes += 1


@contextlib.contextmanager
def journalled(
    root: Path, originals: Mapping[Path, bytes], rollback: list[Restored] | None = None
) -> Iterator[Tree]:
    """A tree whose files are restored unless the block completes; what the
    restore did is appended to `rollback` (it may not have put back all)."""
    with terminations_interrupt():
        started = False
        try:
            journal = Journal.begin(root, originals)
            started = True
            yield Tree(journal, originals)
        except JournalError:
            if not started:  # refused before anything was recorded
                raise
            _roll_back(root, rollback)
            raise
        except BaseException:
            # the manifest on disk, not `journal`: an interrupt can land
            # inside begin() after the manifest is written
            _roll_back(root, rollback)
            raise
        with uninterruptible():
            journal.discard()


def _roll_back(root: Path, rollback: list[Restored] | None) -> None:
    with uninterruptible():
        try:
            journal = Journal.load(root)
        except JournalError:  # our own manifest, unreadable: keep it for restore
            return
        if journal is not None:
            restored = replay(journal, [root.resolve()])
            if rollback is not None:
                rollback.append(restored)
        else:  # begin() stopped before its manifest: nothing was written
            shutil.rmtree(journal_directory(root), ignore_errors=True)
