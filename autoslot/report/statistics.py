"""`--statistics`: how many classes are left alone and how many findings there
are, per code, instead of a line for each."""

from __future__ import annotations

from collections import Counter

from autoslot.decide.registry import title
from autoslot.results import RunResult


def code_counts(result: RunResult, disabled: frozenset[str]) -> Counter[str]:
    counts: Counter[str] = Counter()
    for cls in result.classes:
        if cls.left_alone:
            counts[cls.decision.code] += 1
        counts.update(f.code for f in cls.decision.findings)
    counts.update(store.finding.code for store in result.stores)
    for code in disabled:
        counts.pop(code, None)
    return counts


def statistics_lines(result: RunResult, disabled: frozenset[str]) -> list[str]:
    """`  12  AS102  a class in the MRO keeps a __dict__`, most frequent first."""
    counts = code_counts(result, disabled)
    if not counts:
        return []
    width = len(str(max(counts.values())))
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return [f"{count:>{width}}  {code}  {title(code)}" for code, count in ranked]
