"""The pipeline: discover -> summarise -> index -> decide -> rewrite -> report.

`run` computes what would change and returns it as values; it writes
nothing. Writing (and verifying) is a separate step the `fix` command takes.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from autoslot.config.settings import Settings
from autoslot.pipeline import verdicts
from autoslot.pipeline.project_files import ProgressHook, no_progress, read_project
from autoslot.results import RunResult


def run(
    paths: Sequence[Path],
    settings: Settings,
    sources_in_memory: Mapping[Path, bytes] | None = None,
    progress: ProgressHook = no_progress,
    rewrite: bool = True,
) -> RunResult:
    """What a run would change. Without `rewrite` no file is rewritten: the
    result says the same, but a changed file's `before` and `after` are
    empty (a check with no diff to show never needs libcst)."""
    # A check whose inputs are all as last time has last time's result. Not
    # for stdin (the module is not on disk) or --introspect (the answer also
    # depends on the target environment).
    reusable = bool(
        settings.cache and not sources_in_memory and not settings.introspect
    )
    files = read_project(paths, settings, sources_in_memory, progress, reusable)
    reusable = reusable and bool(files.roots)

    def key() -> bytes:
        return verdicts.run_key(
            files.digests,
            list(files.failures),
            files.targets,
            settings,
            files.unwritable,
        )

    if reusable:
        cached = verdicts.load(files.roots[0], key(), files.source, rewrite)
        if cached is not None:
            files.save_stamps()
            return cached
    files.read_all()
    # imported here: a reused result needs none of the analysis
    from autoslot.pipeline.analysis import analyse_files, decide_and_rewrite

    analysis = analyse_files(files, settings)
    result = decide_and_rewrite(analysis, settings, progress, rewrite)[0]
    if reusable:
        verdicts.save(files.roots[0], key(), result, rewrite)
        files.save_stamps()
    return result
