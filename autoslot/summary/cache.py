"""The persistent cache of module summaries (and of rewrites) between runs.

Summaries live in SHARDS pickles, `.autoslot_cache/summaries-N.pickle`, all
loaded at start: for each file path, the digest of its content and the
summary made from it (or the ParseFailure). A path always goes to the same
shard, and only the shards whose entries changed are written back, so a run
after a one-file edit rewrites a sixteenth of them. `rewrites.pickle`: the last rewrites of each file
with the key each was made for, twice the size of the summaries and needed
only by runs that rewrite, so it is read on the first rewrite asked for.
Reading thousands of small cache files would cost more than one pickle. A cache written by another autoslot or Python version, or with other
settings that shape its entries, is ignored; so is a corrupt or truncated
one. Caching is an optimisation only: nothing here ever makes a run fail.

Decisions are not cached per class: one file can change another's verdict.
A run whose edits changed no summary has the last run's decisions
(pipeline/patched.py patches its stored result), and a run that must decide
again reuses the project facts when no summary changed since they were made
(pipeline/facts_cache.py); both compare each edited file's summary with the
one kept here for its last content.
"""

from __future__ import annotations

import sys
import zlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from autoslot import __version__
from autoslot.cache.directory import code_digest, load_entries, save_entries
from autoslot.summary.model import ModuleSummary, ParseFailure

SHARDS = 16
REWRITES_FILE_NAME = "rewrites.pickle"
FORMAT = 3

Summary = ModuleSummary | ParseFailure


def shard_file(index: int) -> str:
    return f"summaries-{index:x}.pickle"


def shard_of(path: str) -> int:
    return zlib.crc32(path.encode("utf-8", "surrogateescape")) % SHARDS


def cache_key(settings_key: tuple[Any, ...] = ()) -> tuple[Any, ...]:
    """What every entry depends on besides the file's content."""
    return (FORMAT, __version__, code_digest(), sys.version, settings_key)


@dataclass(slots=True)
class SummaryCache:
    """Entries read at start, entries used or made during this run.

    Only the files seen in this run are written back, so the cache never
    keeps entries for files that are gone.
    """

    location: Path | None
    key: tuple[Any, ...]
    old_summaries: dict[str, tuple[bytes, Summary]] = field(default_factory=dict)
    # None until the first rewrite is asked for
    old_rewrites: dict[str, dict[Any, Any]] | None = None
    summaries: dict[str, tuple[bytes, Summary]] = field(default_factory=dict)
    rewrites: dict[str, dict[Any, Any]] = field(default_factory=dict)
    # shards with an entry made in this run
    changed_shards: set[int] = field(default_factory=set)
    rewrites_changed: bool = False

    def summary(self, path: str, content_digest: bytes) -> Summary | None:
        """The cached summary of the file at `path` with this content, if any."""
        entry = self.old_summaries.get(path)
        if entry is None or entry[0] != content_digest:
            return None
        self.summaries[path] = entry
        return entry[1]

    def store_summary(self, path: str, content_digest: bytes, value: Summary) -> None:
        self.summaries[path] = (content_digest, value)
        self.changed_shards.add(shard_of(path))

    def rewrite(self, path: str, key: Any) -> Any | None:
        """The cached rewrite of `path` made for `key` (content digest, edits...).

        A file keeps one entry per key used in the run (a refusal round asks
        for the same file with other edits), and only those.
        """
        used = self.rewrites.setdefault(path, {})
        if key in used:
            return used[key]
        if self.old_rewrites is None:
            self.old_rewrites = self._load_rewrites()
        value = self.old_rewrites.get(path, {}).get(key)
        if value is not None:
            used[key] = value
        return value

    def store_rewrite(self, path: str, key: Any, value: Any) -> None:
        self.rewrites.setdefault(path, {})[key] = value
        self.rewrites_changed = True

    def _load_rewrites(self) -> dict[str, dict[Any, Any]]:
        if self.location is None:
            return {}
        rewrites = load_entries(self.location, REWRITES_FILE_NAME, self.key)
        return rewrites if rewrites is not None else {}

    def save(self) -> None:
        """Write what changed in this run; errors are ignored.

        A run that rewrote nothing leaves the stored rewrites as they are:
        they stay keyed by content, so entries of changed files never match.
        """
        if self.location is None:
            return
        dropped = self.old_summaries.keys() - self.summaries.keys()
        stale = self.changed_shards | {shard_of(path) for path in dropped}
        for shard in sorted(stale):
            entries = {p: e for p, e in self.summaries.items() if shard_of(p) == shard}
            save_entries(self.location, shard_file(shard), self.key, entries)
        if self.rewrites_changed:
            rewrites = {
                path: entries
                for path, entries in self.rewrites.items()
                if entries and path in self.summaries
            }
            save_entries(self.location, REWRITES_FILE_NAME, self.key, rewrites)


def entries_of(
    project_root: Path, paths: Iterable[str]
) -> dict[str, tuple[bytes, Summary]]:
    """The cached (digest, summary) of these files, reading only their
    shards (a patched run, pipeline/patched.py, needs a few of 1,790)."""
    key = cache_key()
    wanted = set(paths)
    found: dict[str, tuple[bytes, Summary]] = {}
    for shard in sorted({shard_of(path) for path in wanted}):
        entries = load_entries(project_root, shard_file(shard), key) or {}
        found.update((p, e) for p, e in entries.items() if p in wanted)
    return found


def disabled() -> SummaryCache:
    """A cache that remembers nothing between runs."""
    return SummaryCache(None, ())


def load(project_root: Path, settings_key: tuple[Any, ...] = ()) -> SummaryCache:
    """The cache of the project at `project_root`; empty when unusable."""
    key = cache_key(settings_key)
    cache = SummaryCache(project_root, key)
    for shard in range(SHARDS):
        entries = load_entries(project_root, shard_file(shard), key)
        if entries is None:
            cache.changed_shards.add(shard)  # missing or unusable: write it anew
            continue
        cache.old_summaries.update(
            (path, entry) for path, entry in entries.items() if shard_of(path) == shard
        )
    return cache
