"""Delta debugging over class edits: which edits must go for a test to pass.

The search is a binary search over prefixes of the ordered edits: the
shortest failing prefix ends with an edit that breaks the test in the
presence of the edits before it, so that edit is a culprit. It is dropped and
the search goes on from the prefix already known to pass, until the whole
remaining set passes. One culprit among n edits costs ceil(log2 n) trials plus
the trial of the full set and, unless the culprit was the last edit, one
confirming trial. Two edits that fail only together cost one of them (the
later): dropping either makes the test pass, and fewer reverted classes keep
more slots.

Precondition: the test passes with no edit at all (the caller ran it on the
untouched tree). Under it the result always passes, even for a test that is
not monotone (then more edits are dropped than strictly needed).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Culprit(Generic[T]):
    item: T
    # the failing trial that incriminated it: the edits before it, and it last
    evidence: tuple[T, ...]


@dataclass(frozen=True, slots=True)
class Bisection(Generic[T]):
    culprits: tuple[Culprit[T], ...]
    # the items left, in their order; the test passes with them
    kept: tuple[T, ...]
    # how many times `test` was called
    trials: int


# called before each trial: (trial number, items under test, items still in question)
OnTrial = Callable[[int, tuple[T, ...], int], None]


def find_culprits(
    items: Sequence[T],
    test: Callable[[tuple[T, ...]], bool],
    on_trial: OnTrial[T] | None = None,
) -> Bisection[T]:
    """Call `test(subset) -> passed` on ordered subsets of `items`, never twice
    on the same subset and never on the empty one (assumed to pass)."""
    known: dict[tuple[int, ...], bool] = {(): True}
    trials = 0

    def passes(indices: Sequence[int], in_question: int) -> bool:
        nonlocal trials
        key = tuple(indices)
        if key not in known:
            trials += 1
            subset = tuple(items[i] for i in key)
            if on_trial is not None:
                on_trial(trials, subset, in_question)
            known[key] = test(subset)
        return known[key]

    current = list(range(len(items)))
    culprits: list[Culprit[T]] = []
    # current[:passing] is known to pass, current[:failing] to fail
    passing = 0
    while not passes(current, len(current) - passing):
        failing = len(current)
        while failing - passing > 1:
            middle = (passing + failing) // 2
            if passes(current[:middle], failing - passing):
                passing = middle
            else:
                failing = middle
        evidence = tuple(items[i] for i in current[:failing])
        culprits.append(Culprit(items[current[failing - 1]], evidence))
        del current[failing - 1]
        # the prefix before the culprit is unchanged and still known to pass
        passing = failing - 1
    return Bisection(tuple(culprits), tuple(items[i] for i in current), trials)
