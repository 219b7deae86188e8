"""Rewrite many files: from the cache, in this process, or in a process pool.

A rewrite is a pure function of the file's content, its edits, the line
length and the quote, so it is cached under exactly that key (a refusal
round that leaves a file's edits alone reuses it too), and files are
rewritten in worker processes when there are enough of them. Results come
back in input order.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from autoslot.cache.directory import digest
from autoslot.rewrite.apply import RewriteFailure, Rewritten, rewrite_source
from autoslot.rewrite.edits import ClassEdit
from autoslot.summary.cache import SummaryCache
from autoslot.util.pool import parallel_map, quiet_collector

# fewer files than this are rewritten in-process
POOL_THRESHOLD = 8

Outcome = Rewritten | RewriteFailure


@dataclass(frozen=True, slots=True)
class RewriteJob:
    path: str
    source: bytes
    edits: tuple[ClassEdit, ...]
    line_length: int
    quote: str

    def key(self) -> tuple[Any, ...]:
        return (digest(self.source), self.edits, self.line_length, self.quote)

    def run(self) -> Outcome:
        return rewrite_source(
            self.source, list(self.edits), self.line_length, self.quote
        )


def _run_chunk(jobs: list[RewriteJob]) -> list[Outcome]:
    with quiet_collector(pause=False):
        return [job.run() for job in jobs]


def rewrite_all(
    work: Sequence[RewriteJob], cache: SummaryCache, jobs: int
) -> list[Outcome]:
    """The outcome of every job, in order."""
    keys = [job.key() for job in work]
    outcomes: list[Outcome | None] = [
        cache.rewrite(job.path, key) for job, key in zip(work, keys, strict=True)
    ]
    missing = [i for i, outcome in enumerate(outcomes) if outcome is None]
    todo = [work[i] for i in missing]
    if jobs > 1 and len(todo) >= POOL_THRESHOLD:
        made = parallel_map(_run_chunk, todo, jobs)
    else:
        made = _run_chunk(todo)
    for i, outcome in zip(missing, made, strict=True):
        outcomes[i] = outcome
        cache.store_rewrite(work[i].path, keys[i], outcome)
    return [outcome for outcome in outcomes if outcome is not None]
