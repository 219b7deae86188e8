"""The class edits of a run as items to switch on and off, and the file
contents of any combination of them.

Any subset of a run's class edits renders to a valid program (an unslotted
class never causes a layout conflict), which is what makes bisection sound.
A reverted class gets a pragma edit instead, so later runs leave it alone.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from autoslot.decide.model import Decision
from autoslot.results import FileResult, FileStatus, RunResult
from autoslot.rewrite.apply import RewriteFailure, rewrite_source
from autoslot.rewrite.edits import ClassEdit
from autoslot.util.paths import display_path


@dataclass(frozen=True, slots=True)
class EditRef:
    file: int  # index into RunResult.files
    edit: ClassEdit
    name: str  # `pkg.mod.Class`, for people

    @property
    def key(self) -> tuple[str, int]:
        return (self.edit.qualname, self.edit.occurrence)


class EditSpace:
    def __init__(self, result: RunResult, line_length: int) -> None:
        self.result = result
        self.line_length = line_length
        self.files = [
            i for i, f in enumerate(result.files) if f.status is FileStatus.CHANGED
        ]
        self.items = tuple(
            EditRef(i, edit, name)
            for i in self.files
            for edit, name in _displays(result.files[i])
        )
        # every edit of a file gives the text the run already made
        self._rendered: dict[tuple[int, frozenset[ClassEdit]], bytes] = {
            (i, frozenset(result.files[i].edits)): result.files[i].after
            for i in self.files
        }

    def location(self, file: int) -> Path:
        found = self.result.files[file]
        return Path(found.path)

    def originals(self) -> dict[Path, bytes]:
        return {self.location(i): self.result.files[i].before for i in self.files}

    def render(
        self, applied: Iterable[EditRef], pragmas: Mapping[EditRef, str] | None = None
    ) -> dict[Path, bytes]:
        """Every changed file with just these edits (and these pragmas)."""
        by_file: dict[int, set[ClassEdit]] = {i: set() for i in self.files}
        for ref in applied:
            by_file[ref.file].add(ref.edit)
        for ref, reason in (pragmas or {}).items():
            by_file[ref.file].add(pragma_edit(ref.edit, reason))
        return {
            self.location(i): self._source(i, frozenset(edits))
            for i, edits in by_file.items()
        }

    def _source(self, file: int, edits: frozenset[ClassEdit]) -> bytes:
        before = self.result.files[file].before
        if not edits:
            return before
        key = (file, edits)
        if key not in self._rendered:
            ordered = sorted(edits, key=lambda e: (e.qualname, e.occurrence))
            # the quote the run's rewrite used (the settings' or the file's own)
            quote = self.result.files[file].quote
            rewritten = rewrite_source(before, ordered, self.line_length, quote)
            if isinstance(rewritten, RewriteFailure):
                # each edit rewrote this file before; a subset failing is a bug
                raise RuntimeError(
                    f"{display_path(self.result.files[file].path)}: re-rendering a subset of "
                    f"the class edits failed: {rewritten.message}"
                )
            self._rendered[key] = rewritten.source
        return self._rendered[key]


def pragma_edit(edit: ClassEdit, reason: str) -> ClassEdit:
    return ClassEdit(edit.qualname, edit.occurrence, "pragma", reason=reason)


def _occurrence_reports(file: FileResult) -> dict[tuple[str, int], int]:
    """(qualname, occurrence) -> index in file.classes (source order per name)."""
    seen: dict[str, int] = {}
    found: dict[tuple[str, int], int] = {}
    for index, report in sorted(enumerate(file.classes), key=lambda p: p[1].line):
        occurrence = seen.get(report.qualname, 0)
        seen[report.qualname] = occurrence + 1
        found[(report.qualname, occurrence)] = index
    return found


def _displays(file: FileResult) -> list[tuple[ClassEdit, str]]:
    """Each edit of the file with the name of its class, for people."""
    positions = _occurrence_reports(file)
    found = []
    for edit in file.edits:
        index = positions.get((edit.qualname, edit.occurrence))
        found.append(
            (edit, file.classes[index].display if index is not None else edit.qualname)
        )
    return found


def with_reverted(
    space: EditSpace,
    kept: Iterable[EditRef],
    decisions: Mapping[EditRef, Decision],
    pragmas: Mapping[EditRef, str],
) -> RunResult:
    """The run's result once only `kept` edits remain and the reverted
    classes get their new decision and a pragma with the given reason."""
    kept = list(kept)
    contents = space.render(kept, pragmas)
    files = list(space.result.files)
    for i in space.files:
        file = files[i]
        classes = list(file.classes)
        positions = _occurrence_reports(file)
        for ref, decision in decisions.items():
            position = positions.get(ref.key) if ref.file == i else None
            if position is not None:
                classes[position] = replace(classes[position], decision=decision)
        after = contents[space.location(i)]
        edits = [r.edit for r in kept if r.file == i]
        edits += [pragma_edit(r.edit, p) for r, p in pragmas.items() if r.file == i]
        files[i] = replace(
            file,
            status=FileStatus.CHANGED if after != file.before else FileStatus.UNCHANGED,
            after=after,
            classes=tuple(classes),
            edits=tuple(edits),
        )
    return replace(
        space.result,
        files=files,
        stores=list(space.result.stores),
        unsettled=list(space.result.unsettled),
        unreadable_directories=list(space.result.unreadable_directories),
    )
