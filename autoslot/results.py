"""Results of a run, as values: one per file, one per class. They never raise;
the CLI only turns them into output and an exit code.

Paths are the project's (absolute), never relative to the working directory:
the report shows them as the user sees them (report/sites.py), so a result
is the same wherever autoslot runs from, and a stored one answers any cwd.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

from autoslot.decide.model import Action, Decision, Finding
from autoslot.pickling import pickled_by_fields
from autoslot.rewrite.edits import ClassEdit


class FileStatus(str, Enum):
    CHANGED = "changed"
    UNCHANGED = "unchanged"
    SKIPPED = "skipped"  # `# autoslot: skip-file`
    FAILED = "failed"  # could not be parsed or rewritten


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class ClassReport:
    path: str  # the project's
    line: int
    qualname: str
    display: str  # `pkg.mod.Class`
    decision: Decision

    @property
    def changed(self) -> bool:
        return self.decision.action.changes

    @property
    def left_alone(self) -> bool:
        return self.decision.action is Action.SKIP


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class StoreReport:
    """A finding outside any class (AS114: a store on a receiver of unknown class)."""

    path: str  # the project's
    finding: Finding


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class FileError:
    """Why a file failed, at a line and column when the failure has one."""

    message: str
    line: int | None = None  # None: the file as a whole
    column: int = 0


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class FileResult:
    path: str  # where the file is on disk, as the project knows it (absolute)
    status: FileStatus
    # empty when the run did not rewrite (a check with no diff to show)
    before: bytes = b""
    after: bytes = b""
    classes: tuple[ClassReport, ...] = ()
    error: FileError | None = None  # for FAILED
    # the per-class edits that turn `before` into `after` (verify reverts them one by one)
    edits: tuple[ClassEdit, ...] = ()
    # the quote new slot names are written with (the file's own preference)
    quote: str = ""


@dataclass(slots=True)
class RunResult:
    files: list[FileResult] = field(default_factory=list)
    stores: list[StoreReport] = field(default_factory=list)
    # extra lines for the report (e.g. how many verify runs)
    notes: list[str] = field(default_factory=list)
    # directories that could not be listed: the files in them were not analysed
    unreadable_directories: list[str] = field(default_factory=list)

    @property
    def changed(self) -> list[FileResult]:
        return [f for f in self.files if f.status is FileStatus.CHANGED]

    @property
    def failed(self) -> list[FileResult]:
        return [f for f in self.files if f.status is FileStatus.FAILED]

    @property
    def classes(self) -> list[ClassReport]:
        return [c for f in self.files for c in f.classes]
