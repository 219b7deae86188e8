"""`autoslot restore`: replay the journal an interrupted run left behind."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from autoslot.interrupts import uninterruptible
from autoslot.journal import Journal
from autoslot.lock import tree_lock


@dataclass(frozen=True, slots=True)
class Restored:
    found: bool  # whether there was a journal at all
    files: list[Path] = field(default_factory=list)  # the files put back


def restore_tree(root: Path) -> Restored:
    """Put back every file of the journal under `root`; raises LockHeld while
    a live run holds the tree (its journal is in use, not left over)."""
    with tree_lock(root):
        journal = Journal.load(root)
        if journal is None:
            return Restored(False)
        with uninterruptible():
            return Restored(True, journal.restore())
