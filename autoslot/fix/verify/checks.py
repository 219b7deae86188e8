"""The two checks a rewritten tree must pass, as trials over the tree on disk:
the import check (AS120) and the user's test command (AS122).

Each check runs once on the untouched tree first. For the import check that
run says which modules already failed (they are not held against autoslot);
for the command it must pass, or there is nothing to verify against.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from autoslot.fix.verify.command import Finished, failure_lines, run_process
from autoslot.fix.verify.imports import ModuleSpec, import_errors


class CommandTimedOut(Exception):
    def __init__(self, run: int, timeout: float) -> None:
        super().__init__(f"run {run} of the test command took longer than {timeout:g}s")
        self.run = run


@dataclass(frozen=True, slots=True)
class Outcome:
    passed: bool
    # what failed: (file, message) for imports, ("", line) for the command
    failures: tuple[tuple[str, str], ...] = ()

    def message_for(self, path: str) -> str:
        """The failure that concerns `path` if there is one, else the first."""
        for where, message in self.failures:
            if where == path:
                return message
        return self.failures[0][1] if self.failures else "failed"


@dataclass(slots=True)
class ImportCheck:
    python: str
    modules: Sequence[ModuleSpec]
    root: Path
    timeout: float
    runs: int = 0
    # path -> error, for modules that failed to import before the rewrite
    broken_before: dict[str, str] = field(default_factory=dict)

    def baseline(self) -> None:
        errors = self._errors()
        self.broken_before = {p: e for p, e in errors.items() if e is not None}

    def trial(self) -> Outcome:
        errors = self._errors()
        new = tuple(
            (path, error)
            for path, error in errors.items()
            if error is not None and path not in self.broken_before
        )
        return Outcome(not new, new)

    def _errors(self) -> dict[str, str | None]:
        self.runs += 1
        return import_errors(self.python, self.modules, self.root, self.timeout)


@dataclass(slots=True)
class CommandCheck:
    command: str
    root: Path
    timeout: float | None
    runs: int = 0
    last: Finished | None = None

    def trial(self) -> Outcome:
        self.runs += 1
        finished = run_process(self.command, self.root, self.timeout)
        self.last = finished
        if finished.timed_out:
            assert self.timeout is not None
            raise CommandTimedOut(self.runs, self.timeout)
        if finished.passed:
            return Outcome(True)
        lines = failure_lines(finished.output) or [f"exit code {finished.returncode}"]
        return Outcome(False, tuple(("", line) for line in lines))
