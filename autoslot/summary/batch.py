"""Summarise many files: from the cache, in this process, or in a process pool.

The caller reads every file (cheap next to parsing) and hands over the
contents; only the files the cache does not know are summarised. With more
than a handful of them and more than one job, worker processes do it: they
are sent paths, read the bytes themselves (so sources are not shipped to
them) and send back the summary with the digest of what they read. A file
that changed in between is summarised again here, so a summary always
matches the content the run holds. Results come back in input order,
whatever the scheduling, so the output never depends on it.
"""

from __future__ import annotations

import os
from pathlib import Path

from autoslot.cache.directory import digest
from autoslot.summary.cache import Summary, SummaryCache
from autoslot.summary.module import summarise
from autoslot.util.pool import parallel_map, quiet_collector

# fewer files than this are summarised in-process: starting workers costs more
POOL_THRESHOLD = 30


def default_jobs() -> int:
    return os.cpu_count() or 1


def summarise_path(path: str) -> tuple[bytes, Summary] | None:
    """(digest, summary) of the file at `path`, in a worker; None if unreadable."""
    try:
        source = Path(path).read_bytes()
    except OSError:
        return None
    return digest(source), summarise(source, path)


def _summarise_chunk(paths: list[str]) -> list[tuple[bytes, Summary] | None]:
    with quiet_collector():
        return [summarise_path(p) for p in paths]


def summarise_all(
    sources: dict[str, bytes],
    digests: dict[str, bytes],
    cache: SummaryCache,
    jobs: int,
    on_disk: frozenset[str] = frozenset(),
) -> dict[str, Summary]:
    """path -> summary for every file of `sources`, in the order given.

    `digests` holds the digest of every source (the caller has them already).

    `on_disk` names the files whose content was read from disk, which a worker
    may read again (a module given on stdin only exists in `sources`).
    """
    found: dict[str, Summary] = {}
    missing: list[str] = []
    for path, content_digest in digests.items():
        cached = cache.summary(path, content_digest)
        if cached is None:
            missing.append(path)
        else:
            found[path] = cached
    pooled = [p for p in missing if p in on_disk]
    made: dict[str, Summary] = {}
    if jobs > 1 and len(pooled) >= POOL_THRESHOLD:
        for path, result in zip(
            pooled,
            parallel_map(_summarise_chunk, pooled, jobs),
            strict=True,
        ):
            if result is not None and result[0] == digests[path]:
                made[path] = result[1]
    with quiet_collector():
        for path in missing:
            if path not in made:
                made[path] = summarise(sources[path], path)
    for path in missing:
        cache.store_summary(path, digests[path], made[path])
    return {path: found[path] if path in found else made[path] for path in sources}
