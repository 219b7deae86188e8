"""Work over many items in worker processes, and the collector policy every
stage that builds many objects shares."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import TypeVar

In = TypeVar("In")
Out = TypeVar("Out")

CHUNK = 8


@contextmanager
def quiet_collector(pause: bool = True) -> Iterator[None]:
    """Keep the cyclic GC off what is already alive (every summary so far:
    scanning them again and again would dominate a long run), and with
    `pause`, off altogether: a summariser's few cycles wait for the end.
    Rewrites must not pause it from file to file: libcst leaves cyclic
    garbage behind for every edited class, hundreds of megabytes on the
    standard library (one file's rewrite pauses it: `paused_collector`)."""
    enabled = gc.isenabled()
    gc.freeze()
    if pause:
        gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
        gc.unfreeze()


@contextmanager
def paused_collector() -> Iterator[None]:
    """The cyclic GC off for a while, with nothing frozen (so it nests in
    `quiet_collector`): for a stretch that builds objects that all stay
    alive, where each collection it triggers would scan them and find none."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def parallel_map(
    function: Callable[[list[In]], list[Out]], items: Sequence[In], jobs: int
) -> list[Out]:
    """`function` over chunks of `items` in `jobs` worker processes, in order."""
    # imported here: a warm run starts no workers and skips 40 ms of imports
    from concurrent.futures import ProcessPoolExecutor

    chunks = [list(items[i : i + CHUNK]) for i in range(0, len(items), CHUNK)]
    results: list[Out] = []
    with ProcessPoolExecutor(max_workers=min(jobs, len(chunks))) as pool:
        for chunk_result in pool.map(function, chunks):
            results.extend(chunk_result)
    return results
