"""The read stage: discover the project and read its files, once per run."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from autoslot.cachedir import digest
from autoslot.discover import discover
from autoslot.settings import Settings
from autoslot.summary.model import ParseFailure

# (stage, done, total): called as files are read ("reading") and rewritten
# ("rewriting"); the CLI turns it into a progress bar.
ProgressHook = Callable[[str, int, int], None]


def no_progress(stage: str, done: int, total: int) -> None:
    pass


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
    progress: ProgressHook = no_progress,
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
