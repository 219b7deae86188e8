"""Decisions -> one result per target file, rewriting the files that change
(cached or in worker processes) when the run needs their new contents."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from autoslot.config.settings import Settings
from autoslot.decide.model import Decision
from autoslot.index.project import ClassId
from autoslot.pipeline.editable import refused
from autoslot.pipeline.project_files import ProgressHook
from autoslot.results import ClassReport, FileError, FileResult, FileStatus, RunResult
from autoslot.rewrite.apply import RewriteFailure, Rewritten
from autoslot.rewrite.batch import RewriteJob, rewrite_all
from autoslot.rewrite.edits import edit_for
from autoslot.summary.batch import default_jobs
from autoslot.summary.parsing import decoding_failure

if TYPE_CHECKING:
    from autoslot.pipeline.analysis import Analysis


def file_results(
    analysis: Analysis,
    decisions: dict[ClassId, Decision],
    settings: Settings,
    progress: ProgressHook,
    rewrite: bool,
    failed: Mapping[str, FileError],
) -> tuple[RunResult, dict[ClassId, Decision], dict[str, FileError]]:
    """The run's result, the edits the rewriter refused (as decisions), and
    the files whose rewrite failed in this round (path -> error), given the
    files that failed in earlier rounds (`failed`)."""
    result = RunResult()
    refusals: dict[ClassId, str] = {}
    failing: dict[str, FileError] = {}
    by_path: dict[str, list[ClassId]] = {}
    for class_id in decisions:
        by_path.setdefault(class_id.path, []).append(class_id)
    # first every file's edits, then all rewrites at once (cached or pooled)
    pending: list[FileResult | _Pending] = []
    work: list[RewriteJob] = []
    for path in analysis.targets:
        failure = analysis.failures.get(path)
        error = failed.get(path)
        if failure is not None:
            error = FileError(failure.message, failure.line, failure.column)
        elif path in analysis.unwritable:
            error = FileError(f"not rewritten: {analysis.unwritable[path]}")
        if error is not None:
            # a file left as it is reports no class: none of them changes
            pending.append(FileResult(path, FileStatus.FAILED, error=error))
            continue
        summary = analysis.summaries[path]
        class_ids = sorted(
            by_path.get(path, ()), key=lambda c: analysis.index.nodes[c].summary.line
        )
        reports = tuple(
            ClassReport(
                path,
                analysis.index.nodes[c].summary.line,
                c.qualname,
                analysis.index.nodes[c].display,
                decisions[c],
            )
            for c in class_ids
        )
        if summary.skip_file:
            pending.append(FileResult(path, FileStatus.SKIPPED, classes=reports))
            continue
        edits = tuple(
            e
            for c in class_ids
            if (
                e := edit_for(
                    c.qualname, c.occurrence, decisions[c], settings.slots_order
                )
            )
            is not None
        )
        source = analysis.sources[path]
        undecodable = decoding_failure(source) if edits else None
        if undecodable is not None:
            # foreseen here, so that a check without a rewrite says it too
            line, column, message = undecodable
            failing[path] = FileError(message, line, column)
            pending.append(FileResult(path, FileStatus.FAILED, error=failing[path]))
            continue
        if not edits:
            pending.append(
                FileResult(path, FileStatus.UNCHANGED, source, source, reports)
            )
            continue
        if not rewrite:
            pending.append(
                FileResult(path, FileStatus.CHANGED, classes=reports, edits=edits)
            )
            continue
        pending.append(_Pending(path, reports, len(work)))
        work.append(
            RewriteJob(
                path,
                source,
                edits,
                settings.line_length,
                settings.quote or summary.quote,
            )
        )
    outcomes = rewrite_all(work, analysis.cache, settings.jobs or default_jobs())
    total = len(pending)
    for done, entry in enumerate(pending, start=1):
        if rewrite:
            progress("rewriting", done, total)
        if isinstance(entry, FileResult):
            result.files.append(entry)
            continue
        job = work[entry.job]
        file = rewritten_file(entry.reports, job, outcomes[entry.job], refusals)
        if file.error is not None:
            failing[entry.path] = file.error
        result.files.append(file)
    refused_decisions = {c: refused(decisions[c], why) for c, why in refusals.items()}
    return result, refused_decisions, failing


@dataclass(frozen=True, slots=True)
class _Pending:
    """A target file whose rewrite is being made."""

    path: str
    reports: tuple[ClassReport, ...]
    job: int


def rewritten_file(
    reports: tuple[ClassReport, ...],
    job: RewriteJob,
    rewritten: Rewritten | RewriteFailure,
    refusals: dict[ClassId, str],
) -> FileResult:
    """The result of a file rewritten by `job`; edits the engine refused go
    to `refusals`, with why."""
    path, source = job.path, job.source
    if isinstance(rewritten, RewriteFailure):
        error = FileError(rewritten.message, rewritten.line, rewritten.column)
        return FileResult(path, FileStatus.FAILED, error=error)
    for (qualname, occurrence), why in rewritten.refused.items():
        refusals[ClassId(path, qualname, occurrence)] = why
    status = FileStatus.CHANGED if rewritten.source != source else FileStatus.UNCHANGED
    return FileResult(
        path,
        status,
        source,
        rewritten.source,
        reports,
        edits=job.edits,
        quote=job.quote,
    )
