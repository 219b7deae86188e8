"""Summarise, index and decide: everything a run computes before reporting.

Imported only when a run cannot reuse the last result: a warm check that
changed nothing never loads the analysis (and its hundred dataclasses).
"""

from __future__ import annotations

import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from autoslot.cache.directory import cache_dir
from autoslot.config.environment import InterpreterNotFound, target_python
from autoslot.config.settings import Settings
from autoslot.decide.context import ProjectFacts
from autoslot.decide.model import Decision
from autoslot.decide.outside import gather_project_facts
from autoslot.index.external import ExternalClass, external_class
from autoslot.index.introspect import Introspector
from autoslot.index.project import ClassId, ProjectIndex, build_index
from autoslot.pipeline import facts_cache
from autoslot.pipeline.editable import decide_editable
from autoslot.pipeline.file_results import file_results
from autoslot.pipeline.project_files import (
    ProgressHook,
    ProjectFiles,
    no_progress,
    read_project,
)
from autoslot.results import FileError, RunResult, StoreReport
from autoslot.summary.batch import default_jobs, summarise_all
from autoslot.summary.cache import SummaryCache
from autoslot.summary.cache import disabled as disabled_cache
from autoslot.summary.cache import load as load_cache
from autoslot.summary.model import ModuleSummary, ParseFailure
from autoslot.util.fixpoint import Unsettled, cap_reached

# a rewrite finds a refusal the decide stage did not foresee rarely, and each
# round pins more classes; reaching this is a bug (util/fixpoint.py)
MAX_REFUSAL_ROUNDS = 5


@dataclass(slots=True)
class Analysis:
    """Everything known about the project before any file is rewritten."""

    index: ProjectIndex
    sources: dict[str, bytes]
    summaries: dict[str, ModuleSummary]
    failures: dict[str, ParseFailure]
    targets: list[str]
    cache: SummaryCache
    # targets that will not be written, with why (read-only, ...)
    unwritable: dict[str, str] = field(default_factory=dict)
    # directories that could not be listed
    unreadable_directories: tuple[Path, ...] = ()
    # the content digest of each file read from disk
    digests: dict[str, bytes] = field(default_factory=dict)
    # the roots, when the project facts may come from the last run's
    # (facts_cache.py): a cached run of files on disk, without --introspect
    facts_roots: tuple[Path, ...] = ()


def analyse(
    paths: Sequence[Path],
    settings: Settings,
    sources_in_memory: Mapping[Path, bytes] | None = None,
    progress: ProgressHook = no_progress,
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
    index_targets = [t for t in files.rewritable if t in summaries]
    index = build_index(summaries, files.roots, index_targets)
    if settings.introspect:
        index = _with_introspection(
            index, summaries, files.roots, index_targets, settings
        )
    return Analysis(
        index,
        files.sources,
        summaries,
        failures,
        files.targets,
        cache,
        dict(files.unwritable),
        files.unreadable_directories,
        {k: v for k, v in files.digests.items() if k not in files.in_memory},
        tuple(files.roots)
        if settings.cache and not settings.introspect and not files.in_memory
        else (),
    )


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


def project_facts(analysis: Analysis, settings: Settings) -> ProjectFacts:
    """The value flow's and the outside stores' facts: the last run's when
    no summary changed since (facts_cache.py)."""
    roots = analysis.facts_roots
    if not roots:
        return gather_project_facts(analysis.index, settings)
    key = facts_cache.facts_key(roots, list(analysis.summaries), settings)
    cached = facts_cache.load(
        roots[0],
        key,
        analysis.digests,
        analysis.summaries,
        analysis.cache.old_summaries,
    )
    if cached is not None:
        return cached
    facts = gather_project_facts(analysis.index, settings)
    facts_cache.save(roots[0], key, analysis.digests, analysis.summaries, facts)
    return facts


def decide_and_rewrite(
    analysis: Analysis,
    settings: Settings,
    progress: ProgressHook = no_progress,
    rewrite: bool = True,
) -> tuple[RunResult, dict[ClassId, Decision]]:
    """The run's result, and the final decision for every class of the project."""
    facts = project_facts(analysis, settings)
    targets = set(analysis.targets)
    forced: dict[ClassId, Decision] = {}
    # files whose rewrite failed -> the error: from then on taken as on disk
    failed: dict[str, FileError] = {}

    def rewritten(class_id: ClassId) -> bool:
        summary = analysis.summaries.get(class_id.path)
        return (
            class_id.path in targets
            and class_id.path not in analysis.unwritable
            and class_id.path not in failed
            and summary is not None
            and not summary.skip_file
        )

    unsettled: list[Unsettled] = [facts.unsettled] if facts.unsettled else []
    for _ in range(MAX_REFUSAL_ROUNDS):
        decisions, stopped = decide_editable(
            analysis.index, settings, facts, forced, rewritten
        )
        unsettled.extend(stopped)
        result, refusals, failing = file_results(
            analysis, decisions, settings, progress, rewrite, failed
        )
        result.stores.extend(
            StoreReport(path, finding)
            for path, finding in facts.unknown_stores
            if path in targets
        )
        result.unreadable_directories.extend(
            str(d) for d in analysis.unreadable_directories
        )
        # a refusal or failure not foreseen: re-decide with it (only a
        # rewrite finds one); a failed file's classes stay as they are on
        # disk, which its subclasses elsewhere must know
        if not refusals and not failing:
            break
        forced.update(refusals)
        failed.update(failing)
        for node in analysis.index.nodes.values():
            if node.id.path in failing:
                node.target = False
    else:
        # the last round's refusals and failures are not decided on
        unsettled.append(
            cap_reached(
                "re-deciding on the rewrites' refusals and failures", MAX_REFUSAL_ROUNDS
            )
        )
    result.unsettled.extend(dict.fromkeys(unsettled))
    analysis.cache.save()
    return result, decisions
