"""The pipeline: discover -> summarise -> index -> decide -> rewrite -> report.

`run` computes what would change and returns it as values; it writes
nothing. Writing (and verifying) is a separate step the `fix` command takes.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from autoslot import verdicts
from autoslot.cachedir import cache_dir, digest
from autoslot.decide.editable import decide_editable, refused
from autoslot.decide.model import Decision
from autoslot.decide.outside import gather_project_facts
from autoslot.discover import discover
from autoslot.environment import InterpreterNotFound, target_python
from autoslot.index.external import ExternalClass, external_class
from autoslot.index.introspect import Introspector
from autoslot.index.project import ClassId, ProjectIndex, build_index
from autoslot.paths import display_path
from autoslot.results import ClassReport, FileResult, FileStatus, RunResult, StoreReport
from autoslot.rewrite.apply import RewriteFailure, Rewritten
from autoslot.rewrite.batch import RewriteJob, rewrite_all
from autoslot.rewrite.edits import edit_for
from autoslot.settings import Settings
from autoslot.summary.batch import default_jobs, summarise_all
from autoslot.summary.cache import SummaryCache
from autoslot.summary.cache import disabled as disabled_cache
from autoslot.summary.cache import load as load_cache
from autoslot.summary.model import ModuleSummary, ParseFailure

MAX_REFUSAL_ROUNDS = 5

# (stage, done, total): called as files are read ("reading") and rewritten
# ("rewriting"); the CLI turns it into a progress bar.
ProgressHook = Callable[[str, int, int], None]


def _no_progress(stage: str, done: int, total: int) -> None:
    pass


@dataclass(slots=True)
class Analysis:
    """Everything known about the project before any file is rewritten."""

    index: ProjectIndex
    sources: dict[str, bytes]
    summaries: dict[str, ModuleSummary]
    failures: dict[str, ParseFailure]
    targets: list[str]
    cache: SummaryCache


@dataclass(slots=True)
class ProjectFiles:
    """The files of one run, read: what a run's result depends on."""

    roots: list[Path]
    targets: list[str]
    sources: dict[str, bytes]
    failures: dict[str, ParseFailure]
    in_memory: frozenset[str]
    # path -> digest of its content: the key of every cache
    digests: dict[str, bytes]


def read_project(
    paths: Sequence[Path],
    settings: Settings,
    sources_in_memory: Mapping[Path, bytes] | None = None,
    progress: ProgressHook = _no_progress,
) -> ProjectFiles:
    """Discover the project and read its files.

    `sources_in_memory` (absolute path -> content) stands in for files on disk:
    the module read from stdin is placed at its --stdin-filename this way,
    whether or not a file exists there.
    """
    found = discover(paths, settings)
    targets = [str(p) for p in found.targets]
    target_set = set(targets)
    in_memory = {str(p): data for p, data in (sources_in_memory or {}).items()}
    sources: dict[str, bytes] = {}
    failures: dict[str, ParseFailure] = {}
    total = len(found.project_files)
    for done, path in enumerate(found.project_files, start=1):
        progress("reading", done, total)
        key = str(path)
        try:
            source = in_memory[key] if key in in_memory else path.read_bytes()
        except OSError as error:
            if key in target_set:
                failures[key] = ParseFailure(
                    key, 1, 0, f"cannot read: {error.strerror}"
                )
            continue
        sources[key] = source
    digests = {path: digest(source) for path, source in sources.items()}
    return ProjectFiles(
        list(found.roots), targets, sources, failures, frozenset(in_memory), digests
    )


def analyse(
    paths: Sequence[Path],
    settings: Settings,
    sources_in_memory: Mapping[Path, bytes] | None = None,
    progress: ProgressHook = _no_progress,
) -> Analysis:
    """Discover, read and index the project."""
    return analyse_files(
        read_project(paths, settings, sources_in_memory, progress), settings
    )


def analyse_files(files: ProjectFiles, settings: Settings) -> Analysis:
    """Summarise (through the cache) and index files already read."""
    cache = (
        load_cache(files.roots[0])
        if settings.cache and files.roots
        else disabled_cache()
    )
    on_disk = frozenset(files.sources.keys() - files.in_memory)
    jobs = settings.jobs or default_jobs()
    failures = dict(files.failures)
    summaries: dict[str, ModuleSummary] = {}
    for key, summary in summarise_all(
        files.sources, files.digests, cache, jobs, on_disk
    ).items():
        if isinstance(summary, ParseFailure):
            failures[key] = summary
        else:
            summaries[key] = summary
    index_targets = [t for t in files.targets if t in summaries]
    index = build_index(summaries, files.roots, index_targets)
    if settings.introspect:
        index = _with_introspection(
            index, summaries, files.roots, index_targets, settings
        )
    return Analysis(index, files.sources, summaries, failures, files.targets, cache)


def _with_introspection(
    index: ProjectIndex,
    summaries: dict[str, ModuleSummary],
    roots: Sequence[Path],
    targets: list[str],
    settings: Settings,
) -> ProjectIndex:
    """Rebuild the index with facts about third-party bases read in the target environment."""
    wanted = {
        base.resolved.dotted
        for node in index.nodes.values()
        for base in node.bases
        if isinstance(base.resolved, ExternalClass)
        and not base.resolved.known
        and base.resolved.dotted.split(".")[0] not in sys.stdlib_module_names
    }
    if not wanted:
        return index
    root = roots[0] if roots else None
    try:
        python = target_python(settings.python, root)
    except InterpreterNotFound:
        python = (
            settings.python or sys.executable
        )  # each base then says why it is unknown
    introspector = Introspector(
        python, cache_dir(root) if root and settings.cache else None
    )
    introspector.inspect(wanted)

    def external(dotted: str) -> ExternalClass:
        return introspector.lookup(dotted, external_class(dotted))

    return build_index(summaries, roots, targets, external)


def run(
    paths: Sequence[Path],
    settings: Settings,
    sources_in_memory: Mapping[Path, bytes] | None = None,
    progress: ProgressHook = _no_progress,
    rewrite: bool = True,
) -> RunResult:
    """What a run would change. Without `rewrite` no file is rewritten: the
    result says the same, but a changed file's `before` and `after` are
    empty (a check with no diff to show never needs libcst)."""
    files = read_project(paths, settings, sources_in_memory, progress)
    # A check whose inputs are all as last time has last time's result. Not
    # for stdin (the module is not on disk) or --introspect (the answer also
    # depends on the target environment).
    reusable = bool(
        settings.cache
        and files.roots
        and not files.in_memory
        and not settings.introspect
    )
    key = b""
    if reusable:
        key = verdicts.run_key(
            files.digests, list(files.failures), files.targets, settings, rewrite
        )
        cached = verdicts.load(files.roots[0], key, files.sources)
        if cached is not None:
            return cached
    analysis = analyse_files(files, settings)
    result = decide_and_rewrite(analysis, settings, progress, rewrite)[0]
    if reusable:
        verdicts.save(files.roots[0], key, result)
    return result


def decide_and_rewrite(
    analysis: Analysis,
    settings: Settings,
    progress: ProgressHook = _no_progress,
    rewrite: bool = True,
) -> tuple[RunResult, dict[ClassId, Decision]]:
    """The run's result, and the final decision for every class of the project."""
    facts = gather_project_facts(analysis.index, settings)
    targets = set(analysis.targets)
    forced: dict[ClassId, Decision] = {}

    def rewritten(class_id: ClassId) -> bool:
        summary = analysis.summaries.get(class_id.path)
        return (
            class_id.path in targets and summary is not None and not summary.skip_file
        )

    for _ in range(MAX_REFUSAL_ROUNDS):
        decisions = decide_editable(analysis.index, settings, facts, forced, rewritten)
        result, refusals = _rewrite_all(
            analysis, decisions, settings, progress, rewrite
        )
        result.stores.extend(
            StoreReport(display_path(path), finding)
            for path, finding in facts.unknown_stores
            if path in targets
        )
        # a refusal not foreseen: re-decide with it (only a rewrite finds one)
        if not refusals:
            break
        forced.update(refusals)
    analysis.cache.save()
    return result, decisions


def _rewrite_all(
    analysis: Analysis,
    decisions: dict[ClassId, Decision],
    settings: Settings,
    progress: ProgressHook,
    rewrite: bool,
) -> tuple[RunResult, dict[ClassId, Decision]]:
    result = RunResult()
    refusals: dict[ClassId, str] = {}
    by_path: dict[str, list[ClassId]] = {}
    for class_id in decisions:
        by_path.setdefault(class_id.path, []).append(class_id)
    # first every file's edits, then all rewrites at once (cached or pooled)
    pending: list[FileResult | _Pending] = []
    work: list[RewriteJob] = []
    for path in analysis.targets:
        shown = display_path(path)
        failure = analysis.failures.get(path)
        if failure is not None:
            error = f"{shown}:{failure.line}:{failure.column}: {failure.message}"
            pending.append(
                FileResult(shown, FileStatus.FAILED, error=error, location=path)
            )
            continue
        summary = analysis.summaries[path]
        class_ids = sorted(
            by_path.get(path, ()), key=lambda c: analysis.index.nodes[c].summary.line
        )
        reports = tuple(
            ClassReport(
                shown,
                analysis.index.nodes[c].summary.line,
                c.qualname,
                analysis.index.nodes[c].display,
                decisions[c],
            )
            for c in class_ids
        )
        if summary.skip_file:
            pending.append(
                FileResult(shown, FileStatus.SKIPPED, classes=reports, location=path)
            )
            continue
        edits = tuple(
            e
            for c in class_ids
            if (e := edit_for(c.qualname, c.occurrence, decisions[c])) is not None
        )
        source = analysis.sources[path]
        if not edits:
            pending.append(
                FileResult(
                    shown, FileStatus.UNCHANGED, source, source, reports, location=path
                )
            )
            continue
        if not rewrite:
            pending.append(
                FileResult(
                    shown,
                    FileStatus.CHANGED,
                    classes=reports,
                    edits=edits,
                    location=path,
                )
            )
            continue
        pending.append(_Pending(path, shown, reports, len(work)))
        work.append(
            RewriteJob(path, source, edits, settings.line_length, summary.quote)
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
        result.files.append(_file_result(entry, job, outcomes[entry.job], refusals))
    return result, {c: refused(decisions[c], why) for c, why in refusals.items()}


@dataclass(frozen=True, slots=True)
class _Pending:
    """A target file whose rewrite is being made."""

    path: str
    shown: str
    reports: tuple[ClassReport, ...]
    job: int


def _file_result(
    entry: _Pending,
    job: RewriteJob,
    rewritten: Rewritten | RewriteFailure,
    refusals: dict[ClassId, str],
) -> FileResult:
    """The file's result; edits the engine refused go to `refusals`, with why."""
    shown, path, source = entry.shown, entry.path, job.source
    if isinstance(rewritten, RewriteFailure):
        error = f"{shown}:{rewritten.line}:{rewritten.column}: {rewritten.message}"
        return FileResult(
            shown, FileStatus.FAILED, error=error, classes=entry.reports, location=path
        )
    for (qualname, occurrence), why in rewritten.refused.items():
        refusals[ClassId(path, qualname, occurrence)] = why
    status = FileStatus.CHANGED if rewritten.source != source else FileStatus.UNCHANGED
    return FileResult(
        shown,
        status,
        source,
        rewritten.source,
        entry.reports,
        edits=job.edits,
        location=path,
    )
