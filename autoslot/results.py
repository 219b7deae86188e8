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
from autoslot.rewrite.edits import ClassEdit
from autoslot.util.fixpoint import Unsettled
from autoslot.util.pickling import pickled_by_fields


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


@dataclass(frozen=True, slots=True)
class Reverted:
    """A class whose edit `fix` took back because a check failed with it."""

    path: str  # the project's
    name: str  # `pkg.mod.Class`
    code: str  # AS120: the import check; AS122: the test command
    # what failed: (the project's path, message) for imports, ("", line) for the command
    failures: tuple[tuple[str, str], ...]
    # which check took it back: the import check, or the test command
    by_import_check: bool


@dataclass(frozen=True, slots=True)
class VerifyOutcome:
    """What verifying `fix`'s rewrite found. A result exists only for a final
    tree that passes every check that ran: a check failing on the untouched
    tree, or a timeout, writes nothing and leaves no result."""

    reverted: tuple[Reverted, ...] = ()
    # how often the import check ran (0: it did not)
    import_runs: int = 0
    # modules that failed to import before the rewrite, so were not checked
    not_import_checked: tuple[str, ...] = ()
    # the --verify command ("": none) and how often it ran (0: nothing to
    # change, so it did not run)
    command: str = ""
    command_runs: int = 0

    def reverted_by(self, import_check: bool) -> int:
        """How many classes the import check (or the test command) took back."""
        return sum(1 for r in self.reverted if r.by_import_check is import_check)


@dataclass(slots=True)
class RunResult:
    files: list[FileResult] = field(default_factory=list)
    stores: list[StoreReport] = field(default_factory=list)
    # loops that stopped at their cap of rounds (util/fixpoint.py)
    unsettled: list[Unsettled] = field(default_factory=list)
    # what `fix` verified (None: nothing was, as in `check` or --no-import-check)
    verify: VerifyOutcome | None = None
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
