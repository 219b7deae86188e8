"""The persistent cache of module summaries (and of rewrites) between runs.

One pickle per project, `.autoslot_cache/summaries.pickle`, loaded once:
for each file path, the digest of its content and the summary made from it
(or the ParseFailure), and the last rewrite of the file with the key it was
made for. Reading thousands of small cache files costs more than the one
pickle. A cache written by another autoslot or Python version, or with other
settings that shape its entries, is ignored; so is a corrupt or truncated
one. Caching is an optimisation only: nothing here ever makes a run fail.

Decisions are never cached: they are recomputed from all summaries on every
run, because one file can change another's verdict.
"""

from __future__ import annotations

import pickle
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from autoslot import __version__
from autoslot.cachedir import code_digest, read_cache_file, write_cache_file
from autoslot.summary.model import ModuleSummary, ParseFailure

FILE_NAME = "summaries.pickle"
FORMAT = 2

Summary = ModuleSummary | ParseFailure


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
    old_rewrites: dict[str, dict[Any, Any]] = field(default_factory=dict)
    summaries: dict[str, tuple[bytes, Summary]] = field(default_factory=dict)
    rewrites: dict[str, dict[Any, Any]] = field(default_factory=dict)
    changed: bool = False

    def summary(self, path: str, content_digest: bytes) -> Summary | None:
        """The cached summary of the file at `path` with this content, if any."""
        entry = self.old_summaries.get(path)
        if entry is None or entry[0] != content_digest:
            return None
        self.summaries[path] = entry
        return entry[1]

    def store_summary(self, path: str, content_digest: bytes, value: Summary) -> None:
        self.summaries[path] = (content_digest, value)
        self.changed = True

    def rewrite(self, path: str, key: Any) -> Any | None:
        """The cached rewrite of `path` made for `key` (content digest, edits...).

        A file keeps one entry per key used in the run (a refusal round asks
        for the same file with other edits), and only those.
        """
        used = self.rewrites.setdefault(path, {})
        if key in used:
            return used[key]
        value = self.old_rewrites.get(path, {}).get(key)
        if value is not None:
            used[key] = value
        return value

    def store_rewrite(self, path: str, key: Any, value: Any) -> None:
        self.rewrites.setdefault(path, {})[key] = value
        self.changed = True

    def save(self) -> None:
        """Write the entries of this run, if anything changed; errors are ignored."""
        if self.location is None:
            return
        dropped = self.old_summaries.keys() - self.summaries.keys()
        if not self.changed and not dropped:
            return
        rewrites = {
            path: entries
            for path, entries in self.rewrites.items()
            if entries and path in self.summaries
        }
        data = pickle.dumps(
            (self.key, self.summaries, rewrites), protocol=pickle.HIGHEST_PROTOCOL
        )
        write_cache_file(self.location, FILE_NAME, data)


def disabled() -> SummaryCache:
    """A cache that remembers nothing between runs."""
    return SummaryCache(None, ())


def load(project_root: Path, settings_key: tuple[Any, ...] = ()) -> SummaryCache:
    """The cache of the project at `project_root`; empty when unusable."""
    key = cache_key(settings_key)
    cache = SummaryCache(project_root, key)
    data = read_cache_file(project_root, FILE_NAME)
    if data is None:
        return cache
    try:
        stored_key, summaries, rewrites = pickle.loads(data)
    except Exception:  # any corruption means "no cache"
        return cache
    if stored_key != key or not isinstance(summaries, dict):
        return cache
    if not isinstance(rewrites, dict):
        rewrites = {}
    cache.old_summaries = summaries
    cache.old_rewrites = rewrites
    return cache
