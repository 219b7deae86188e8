"""The order of the names autoslot writes into `__slots__`.

`source` keeps the order the attributes are first stored in. `sorted` is the
order ruff's RUF023 (unsorted-dunder-slots) asks for: a natural sort, where a
run of digits compares as a number (`x2` before `x10`) and everything else by
code point (so upper case before `_` before lower case). A run that starts
with `0` compares digit by digit instead (`x01` before `x1`), and a shorter
number is smaller than a longer one with the same prefix.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cmp_to_key
from itertools import pairwise
from typing import Literal

SlotsOrder = Literal["source", "sorted"]


def _is_digit(char: str) -> bool:
    return "0" <= char <= "9"


def _digit_run_end(text: str, start: int) -> int:
    end = start
    while end < len(text) and _is_digit(text[end]):
        end += 1
    return end


def _compare_runs(left: str, right: str) -> int:
    """Two runs of digits: as numbers, or digit by digit when one has a leading 0."""
    if left[0] == "0" or right[0] == "0":
        for a, b in zip(left, right, strict=False):
            if a != b:
                return -1 if a < b else 1
        return (len(left) > len(right)) - (len(left) < len(right))
    if len(left) != len(right):
        return -1 if len(left) < len(right) else 1
    return (left > right) - (left < right)


def natural_compare(left: str, right: str) -> int:
    """-1, 0 or 1, as RUF023 orders two names."""
    i = j = 0
    while i < len(left) and j < len(right):
        a, b = left[i], right[j]
        if a.isspace() or b.isspace():
            i += a.isspace()
            j += b.isspace()
            continue
        if _is_digit(a) and _is_digit(b):
            i_end, j_end = _digit_run_end(left, i), _digit_run_end(right, j)
            result = _compare_runs(left[i:i_end], right[j:j_end])
            if result:
                return result
            i, j = i_end, j_end
            continue
        if a != b:
            return -1 if a < b else 1
        i += 1
        j += 1
    left_done, right_done = i >= len(left), j >= len(right)
    return (right_done and not left_done) - (left_done and not right_done)


natural_key = cmp_to_key(natural_compare)


def is_sorted(names: Sequence[str]) -> bool:
    return all(natural_compare(a, b) <= 0 for a, b in pairwise(names))


def ordered(names: Sequence[str], order: SlotsOrder) -> tuple[str, ...]:
    """The names of a new `__slots__`, in the order they are written."""
    return tuple(sorted(names, key=natural_key)) if order == "sorted" else tuple(names)


def insertion_points(
    existing: Sequence[str], added: Sequence[str], order: SlotsOrder
) -> list[tuple[int, str]]:
    """Where each added name goes among the existing ones: (index, name), with
    the index into `existing` before which it is written, in writing order.

    With `sorted`, names go to their sorted place when the existing names are
    sorted already; otherwise (and with `source`) they follow the existing ones:
    autoslot does not reorder what the user wrote.
    """
    if order != "sorted" or not is_sorted(existing):
        return [(len(existing), name) for name in added]
    points: list[tuple[int, str]] = []
    for name in sorted(added, key=natural_key):
        index = 0
        while index < len(existing) and natural_compare(existing[index], name) <= 0:
            index += 1
        points.append((index, name))
    return points
