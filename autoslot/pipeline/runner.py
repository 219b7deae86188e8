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
    # A check whose inputs are all as last time has last time's result, and
    # one whose edits changed no summary has it patched (patched.py). Not for
    # stdin (the module is not on disk) or --introspect (the answer also
    # depends on the target environment).
    reusable = bool(
        settings.cache and not sources_in_memory and not settings.introspect
    )
    files = read_project(paths, settings, sources_in_memory, progress, reusable)
    reusable = reusable and bool(files.roots)

    def context() -> bytes:
        return verdicts.context_key(
            list(files.failures), files.targets, settings, files.unwritable
        )

    if reusable:
        root = files.roots[0]
        made_from = context()
        key = verdicts.content_key(made_from, files.digests)
        cached = verdicts.load(root, key, files.source, rewrite)
        if cached is not None:
            files.save_stamps()
            return cached
        # imported here: most runs that get this far need the whole analysis
        from autoslot.pipeline.patched import patch

        patched = patch(files, made_from, settings, rewrite)
        if patched is not None:
            # not stored: pickling the whole result again would cost more
            # than the next run's patching of the same base
            files.save_stamps()
            return patched
    files.read_all()
    # imported here: a reused result needs none of the analysis
    from autoslot.pipeline.analysis import analyse_files, decide_and_rewrite

    analysis = analyse_files(files, settings)
    result = decide_and_rewrite(analysis, settings, progress, rewrite)[0]
    if reusable:
        # reading every file may have found one changed or gone since its stat
        made_from = context()
        key = verdicts.content_key(made_from, files.digests)
        made = (made_from, files.digests)
        verdicts.save(files.roots[0], key, result, rewrite, made)
        files.save_stamps()
    return result
