"""Writing the files of a run, only through the journal (`fix` always does,
with or without verification; see verify/session.py).

A `Tree` is the run's files on disk: any state can be shown (written), and
leaving the `journalled` block either keeps the last state (success) or
restores every file byte-identical (an exception, Ctrl-C, SIGTERM).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Mapping
from pathlib import Path

from autoslot.interrupts import terminations_interrupt, uninterruptible
from autoslot.journal import Journal


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
def journalled(root: Path, originals: Mapping[Path, bytes]) -> Iterator[Tree]:
    """A tree whose files are restored unless the block completes."""
    with terminations_interrupt():
        journal = Journal.begin(root, originals)
        try:
            yield Tree(journal, originals)
        except BaseException:
            with uninterruptible():
                journal.restore()
            raise
        with uninterruptible():
            journal.discard()
