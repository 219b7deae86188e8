"""The delta-debugging search over class edits, as a pure function.

Each test counts the calls of the test function: every call is one run of
the user's test command, so the count is the product's cost.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

import pytest

from autoslot.fix.verify.bisect import find_culprits

EDITS = tuple(f"C{i}" for i in range(10))


class Recorder:
    """A test that fails when any failing group is wholly applied."""

    def __init__(self, *groups: Iterable[str]) -> None:
        self.groups = [frozenset(g) for g in groups]
        self.calls: list[tuple[str, ...]] = []

    def __call__(self, subset: tuple[str, ...]) -> bool:
        self.calls.append(subset)
        applied = set(subset)
        return not any(group <= applied for group in self.groups)


def test_no_culprit_costs_one_trial() -> None:
    test = Recorder()
    found = find_culprits(EDITS, test)
    assert found.culprits == ()
    assert found.kept == EDITS
    assert test.calls == [EDITS]
    assert found.trials == 1


@pytest.mark.parametrize("position", range(10))
def test_one_culprit_among_ten(position: int) -> None:
    culprit = EDITS[position]
    test = Recorder({culprit})
    found = find_culprits(EDITS, test)
    assert [c.item for c in found.culprits] == [culprit]
    assert found.kept == tuple(e for e in EDITS if e != culprit)
    # the full set, a binary search, and a confirming trial
    assert found.trials == len(test.calls) <= 1 + math.ceil(math.log2(10)) + 1
    # the search never repeats a trial
    assert len(set(test.calls)) == len(test.calls)
    # the evidence is a trial that really failed, ending with the culprit
    evidence = found.culprits[0].evidence
    assert evidence in test.calls and not test(evidence)
    assert evidence[-1] == culprit


def test_last_edit_as_culprit_needs_no_confirming_trial() -> None:
    test = Recorder({"C9"})
    found = find_culprits(EDITS, test)
    assert [c.item for c in found.culprits] == ["C9"]
    # C0..C8 was already tried during the search and passed
    assert EDITS[:9] in test.calls
    assert found.trials == 5


def test_two_independent_culprits() -> None:
    test = Recorder({"C2"}, {"C7"})
    found = find_culprits(EDITS, test)
    assert sorted(c.item for c in found.culprits) == ["C2", "C7"]
    assert "C2" not in found.kept and "C7" not in found.kept
    assert len(found.kept) == 8
    assert found.trials == 9
    assert test(found.kept)


def test_interacting_pair_reverts_only_one_of_them() -> None:
    test = Recorder({"C2", "C7"})
    found = find_culprits(EDITS, test)
    assert [c.item for c in found.culprits] == ["C7"]
    assert "C2" in found.kept
    assert found.trials == 5
    # the evidence holds both members of the pair
    assert {"C2", "C7"} <= set(found.culprits[0].evidence)


def test_every_edit_failing_reverts_them_all() -> None:
    test = Recorder(*({e} for e in EDITS))
    found = find_culprits(EDITS, test)
    assert found.kept == ()
    assert [c.item for c in found.culprits] == list(EDITS)


def test_empty_input_calls_nothing() -> None:
    test = Recorder({"C1"})
    found = find_culprits((), test)
    assert found == found.__class__((), (), 0)
    assert test.calls == []


def test_non_monotone_test_still_ends_passing() -> None:
    # fails when an odd number of {C3, C5, C8} is applied: dropping one culprit
    # can make things worse before they get better
    def odd(subset: tuple[str, ...]) -> bool:
        return len({"C3", "C5", "C8"} & set(subset)) % 2 == 0

    found = find_culprits(EDITS, odd)
    assert odd(found.kept)
    assert found.culprits


def test_progress_reports_each_trial() -> None:
    seen: list[tuple[int, int, int]] = []

    def on_trial(number: int, subset: tuple[str, ...], open_: int) -> None:
        seen.append((number, len(subset), open_))

    found = find_culprits(EDITS, Recorder({"C4"}), on_trial)
    assert [n for n, _, _ in seen] == list(range(1, found.trials + 1))
    # the first trial holds every edit, all ten in question; the search narrows
    assert seen[0] == (1, 10, 10)
    assert seen[-2][2] <= 2
