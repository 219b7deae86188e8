"""C3 linearisation over entries of any kind, compared by a key.

Kept apart from the index so the merge reads as the algorithm it is; the
index decides what the entries are and what makes two of them the same.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from typing import TypeVar

E = TypeVar("E")


def c3_merge(
    sequences: Sequence[Sequence[E]], key: Callable[[E], Hashable]
) -> list[E] | None:
    """The merge of the MROs of the bases and the list of bases; None when
    no consistent order exists."""
    keyed = [[(key(e), e) for e in s] for s in sequences if s]
    single = _single_line(keyed)
    if single is not None:
        return single
    pending = keyed
    result: list[E] = []
    while pending:
        for sequence in pending:
            head_key, head = sequence[0]
            if not any(head_key == k for other in pending for k, _ in other[1:]):
                break
        else:
            return None
        result.append(head)
        pending = [[p for p in s if p[0] != head_key] for s in pending]
        pending = [s for s in pending if s]
    return result


def _single_line(keyed: list[list[tuple[Hashable, E]]]) -> list[E] | None:
    """Most classes have one base: its MRO followed by [the base] merges to
    that MRO itself, as long as no entry repeats in it."""
    if len(keyed) != 2 or len(keyed[1]) != 1 or not keyed[0]:
        return None
    line, (base,) = keyed
    if base[0] != line[0][0]:
        return None
    keys = [k for k, _ in line]
    if len(set(keys)) != len(keys):
        return None
    return [e for _, e in line]
