"""Writing the rewritten files of a run."""

from __future__ import annotations

from pathlib import Path

from autoslot.fileio import write_atomic
from autoslot.results import RunResult


def write_changes(result: RunResult) -> list[Path]:
    written: list[Path] = []
    for file in result.changed:
        path = Path(file.location or file.path)
        write_atomic(path, file.after)
        written.append(path)
    return written
