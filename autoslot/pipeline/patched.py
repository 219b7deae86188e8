"""The last run's result, patched for edits that left every summary as it was.

A comment, a string reworded on its own line, a blank line at the end: the
file's summary (all the analysis reads of it) is as it was, so the index,
the project facts and every decision are the last run's, and only what the
file's own text gives can differ: its rewrite. Patching the stored result
costs the edited files' parse and the summary-cache shards that hold their
last summaries, where a full run would load every summary, index the
project and decide every class again (3 s on the stdlib after a comment).

The base is the stored result of the last run with the same context
(settings, targets, unreadable and unwritable files, autoslot, Python) over
the same files. Each file whose digest differs from the base's must give a
summary equal to the one the base was made with; a target the base failed
on, or whose rewrite now fails or is refused, takes a full run, as does
anything else unusual. A target with edits is rewritten with the same edits.
"""

from __future__ import annotations

import dataclasses

from autoslot.config.settings import Settings
from autoslot.index.nodes import ClassId
from autoslot.pipeline import verdicts
from autoslot.pipeline.project_files import ProjectFiles
from autoslot.results import FileResult, FileStatus, RunResult
from autoslot.summary.cache import entries_of
from autoslot.summary.model import ModuleSummary
from autoslot.summary.module import summarise
from autoslot.summary.parsing import decoding_failure

# more edited files than this and a full run is about as cheap (a patched
# result is not stored: edits add up against one base until a full run)
MAX_EDITED = 16


def patch(
    files: ProjectFiles, context: bytes, settings: Settings, rewrite: bool
) -> RunResult | None:
    """The stored result made valid for the files as they are now, or None
    when only a full run can tell."""
    root = files.roots[0]
    base = verdicts.load_stored(root, rewrite)
    if (
        base is None
        or base.context != context
        or base.digests.keys() != files.digests.keys()
    ):
        return None
    edited = [p for p, d in files.digests.items() if base.digests[p] != d]
    if not edited or len(edited) > MAX_EDITED:
        return None
    cached = entries_of(root, edited)
    by_path = {f.path: f for f in base.result.files}
    patched: dict[str, FileResult] = {}
    for path in edited:
        source = files.source(path)
        entry = cached.get(path)
        # the summary the base was made with (a patched run stores none)
        if source is None or entry is None or entry[0] != base.digests[path]:
            return None
        summary = summarise(source, path)
        if not isinstance(summary, ModuleSummary) or summary != entry[1]:
            return None
        old = by_path.get(path)
        if old is not None:
            new = _patched_file(old, source, summary, settings, rewrite)
            if new is None:
                return None
            patched[path] = new
    result = dataclasses.replace(
        base.result, files=[patched.get(f.path, f) for f in base.result.files]
    )
    return verdicts.with_sources(result, files.source)


def _patched_file(
    old: FileResult,
    source: bytes,
    summary: ModuleSummary,
    settings: Settings,
    rewrite: bool,
) -> FileResult | None:
    """A target's result for its new content, given the base's for the old."""
    if old.status is FileStatus.FAILED:
        return None  # what failed may have been the content
    if not old.edits:
        return old  # no class of it changes: its classes' reports are all
    if decoding_failure(source) is not None:
        return None
    if not rewrite:
        return old
    # imported here: only a changed file with a diff to show needs libcst
    from autoslot.pipeline.file_results import rewritten_file
    from autoslot.rewrite.batch import RewriteJob

    quote = settings.quote or summary.quote
    job = RewriteJob(old.path, source, old.edits, settings.line_length, quote)
    refusals: dict[ClassId, str] = {}
    new = rewritten_file(old.classes, job, job.run(), refusals)
    return None if refusals or new.error is not None else new
