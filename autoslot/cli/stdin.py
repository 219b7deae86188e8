"""`autoslot fix - --stdin-filename pkg/mod.py`: one module through stdin, for editors.

The module read from stdin takes the place of the file at --stdin-filename,
so the index sees the buffer, not what is on disk, and the rest of the
project is read as usual. Nothing is written; `fix` prints the module to
stdout (unchanged when it cannot be parsed, so a pipe never loses code).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from autoslot.config.settings import Settings
from autoslot.pipeline.runner import run
from autoslot.results import FileResult, FileStatus, RunResult


@dataclass(frozen=True, slots=True)
class StdinOutcome:
    result: RunResult
    source: bytes
    # the module as `fix` would leave it
    fixed: bytes


def run_stdin(source: bytes, filename: Path, settings: Settings) -> StdinOutcome:
    location = filename.absolute()
    result = run([location], settings, sources_in_memory={location: source})
    mine = [f for f in result.files if f.path == str(location)]
    if not mine:
        # force-excluded: the module passes through untouched
        result.files.append(
            FileResult(str(location), FileStatus.SKIPPED, source, source)
        )
        return StdinOutcome(result, source, source)
    file = mine[0]
    fixed = file.after if file.status is FileStatus.CHANGED else source
    return StdinOutcome(result, source, fixed)
