"""The read stage: discover the project and read its files, once per run."""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from autoslot.cache import stamps
from autoslot.cache.directory import digest
from autoslot.cache.stamps import Stamps, stamp_of
from autoslot.config.settings import Settings
from autoslot.discover.walk import discover
from autoslot.pipeline.writability import Directories, why_not_writable
from autoslot.util.fileio import read_regular

if TYPE_CHECKING:  # summary.model is ~30 ms of dataclasses a reused result never needs
    from autoslot.summary.model import ParseFailure

# (stage, done, total): called as files are read ("reading") and rewritten
# ("rewriting"); the CLI turns it into a progress bar.
ProgressHook = Callable[[str, int, int], None]


def no_progress(stage: str, done: int, total: int) -> None:
    pass


@dataclass(slots=True)
class ProjectFiles:
    """The files of one run: what a run's result depends on.

    A file whose stamp vouches for its digest is not read (`sources` lacks
    it) until something needs its content: `source` or `read_all`.
    """

    roots: list[Path]
    targets: list[str]
    sources: dict[str, bytes]
    failures: dict[str, ParseFailure]
    in_memory: frozenset[str]
    # path -> digest of its content: the key of every cache
    digests: dict[str, bytes]
    # what the stamp cache should hold after this run, and what it held
    stamps: Stamps = field(default_factory=dict)
    old_stamps: Stamps = field(default_factory=dict)
    # targets `fix` would not write, with why: analysed, never rewritten
    unwritable: dict[str, str] = field(default_factory=dict)
    # directories that could not be listed
    unreadable_directories: tuple[Path, ...] = ()

    @property
    def rewritable(self) -> list[str]:
        return [t for t in self.targets if t not in self.unwritable]

    def source(self, path: str) -> bytes | None:
        """The content of `path`, read now if need be; None if it is no
        longer the content its digest says."""
        if path in self.sources:
            return self.sources[path]
        try:
            content = read_regular(path)
        except OSError:
            return None
        if digest(content) != self.digests.get(path):
            return None
        self.sources[path] = content
        return content

    def read_all(self) -> None:
        """Read every file not read yet. A file that changed since its stat
        gets its new digest (a key made afterwards accounts for it)."""
        for path in [p for p in self.digests if p not in self.sources]:
            try:
                content = read_regular(path)
            except OSError as error:
                del self.digests[path]
                self.stamps.pop(path, None)
                if path in self.targets:
                    self.failures[path] = _unreadable(path, error)
                continue
            self.sources[path] = content
            fresh = digest(content)
            if fresh != self.digests[path]:
                self.digests[path] = fresh
                self.stamps.pop(path, None)

    def save_stamps(self) -> None:
        if self.roots and self.stamps != self.old_stamps:
            stamps.save(self.roots[0], self.stamps)


def read_project(
    paths: Sequence[Path],
    settings: Settings,
    sources_in_memory: Mapping[Path, bytes] | None = None,
    progress: ProgressHook = no_progress,
    use_stamps: bool = False,
) -> ProjectFiles:
    """Discover the project and read its files (with `use_stamps`, only those
    whose stamp does not vouch for their digest).

    `sources_in_memory` (absolute path -> content) stands in for files on disk:
    the module read from stdin is placed at its --stdin-filename this way,
    whether or not a file exists there.
    """
    found = discover(paths, settings)
    targets = [str(p) for p in found.targets]
    target_set = set(targets)
    in_memory = {str(p): data for p, data in (sources_in_memory or {}).items()}
    old_stamps = stamps.load(found.roots[0]) if use_stamps and found.roots else {}
    files = ProjectFiles(
        list(found.roots), targets, {}, {}, frozenset(in_memory), {}, {}, old_stamps
    )
    files.unreadable_directories = found.unreadable
    resolved_roots = [root.resolve() for root in found.roots]
    directories = Directories()
    for target in targets:
        if target not in in_memory:  # a buffer from stdin is never written
            why = why_not_writable(Path(target), resolved_roots, directories)
            if why is not None:
                files.unwritable[target] = why
    stat_time = time.time_ns()
    total = len(found.project_files)
    for done, path in enumerate(found.project_files, start=1):
        progress("reading", done, total)
        key = str(path)
        if key in in_memory:
            files.sources[key] = in_memory[key]
            files.digests[key] = digest(in_memory[key])
            continue
        try:
            # stat before reading: a change after the stat then shows next time
            stamp = stamp_of(path.stat()) if use_stamps else None
            known = old_stamps.get(key)
            if (
                stamp is not None
                and known is not None
                and known[0] == stamp
                and stamps.is_settled(stamp, stat_time)
            ):
                files.digests[key] = known[1]
                files.stamps[key] = known
                continue
            source = read_regular(path)
        except OSError as error:
            if key in target_set:
                files.failures[key] = _unreadable(key, error)
            continue
        files.sources[key] = source
        files.digests[key] = digest(source)
        if stamp is not None and stamps.is_settled(stamp, stat_time):
            files.stamps[key] = (stamp, files.digests[key])
    return files


def _unreadable(path: str, error: OSError) -> ParseFailure:
    from autoslot.summary.model import ParseFailure

    return ParseFailure(path, 1, 0, f"cannot read: {error.strerror}")
