"""`report --instances`: what the measured per-instance savings come to for
a number of live instances, in one line.

`--instances N` gives every measured class N instances; `--instances
CLASS=N` (repeatable; CLASS is the dotted name `pkg.mod.Move` or the
qualname `Move`) gives one class its own count, as a workload observed it,
and then only the classes named count unless a bare N is given too.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

DEFAULT_INSTANCES = 1_000_000


class InstancesError(ValueError):
    """A value of --instances that is neither N nor CLASS=N."""


class Measured(Protocol):
    @property
    def qualname(self) -> str: ...
    @property
    def name(self) -> str: ...


@dataclass(frozen=True, slots=True)
class Counts:
    every: int | None  # instances of each measured class not named
    named: dict[str, int]

    def of(self, row: Measured) -> int:
        for key in (row.name, row.qualname):
            if key in self.named:
                return self.named[key]
        return self.every or 0

    def unknown(self, rows: Sequence[Measured]) -> list[str]:
        """Names given a count that no measured class has."""
        known = {key for row in rows for key in (row.name, row.qualname)}
        return sorted(set(self.named) - known)


def _count(text: str, given: str) -> int:
    cleaned = text.replace("_", "").replace(",", "")
    if not cleaned.isdigit():
        raise InstancesError(
            f"--instances takes N or CLASS=N (a whole number), not {given!r}"
        )
    return int(cleaned)


def parse_counts(values: Sequence[str]) -> Counts:
    every: int | None = None
    named: dict[str, int] = {}
    for value in values:
        name, equals, number = value.rpartition("=")
        if equals:
            if not name.strip():
                raise InstancesError(f"--instances: no class before '=' in {value!r}")
            named[name.strip()] = _count(number.strip(), value)
        else:
            every = _count(value.strip(), value)
    if not values:
        every = DEFAULT_INSTANCES
    return Counts(every, named)


def human_bytes(count: int) -> str:
    """Decimal units, as memory figures are usually quoted: 1.5 MB, 312 kB."""
    size = float(count)
    for unit in ("B", "kB", "MB", "GB"):
        if abs(size) < 1000 or unit == "GB":
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1000
    raise AssertionError("unreachable")


@dataclass(frozen=True, slots=True)
class Projection:
    instances: int
    classes: int
    saved: int
    saved_with_dict: int
    # the count when every class has the same one (the line says "each")
    each: int | None

    def line(self) -> str:
        if not self.classes:
            return "Projected saving: no measured class has instances to count."
        classes = "1 class" if self.classes == 1 else f"{self.classes} classes"
        if self.each is not None and self.classes > 1:
            many = f"{self.each:,} instances of each of {classes}"
        else:
            many = f"{self.instances:,} instances of {classes}"
        return (
            f"Projected for {many}: {human_bytes(self.saved)} saved "
            f"({human_bytes(self.saved_with_dict)} once their __dict__ would have "
            "been read)."
        )


def project(rows: Sequence[tuple[Measured, int, int]], counts: Counts) -> Projection:
    """`rows`: each measured class with its bytes saved per instance, without
    and with a materialised `__dict__`."""
    used = [(row, counts.of(row), saved, full) for row, saved, full in rows]
    used = [u for u in used if u[1] > 0]
    distinct = {n for _, n, _, _ in used}
    return Projection(
        instances=sum(n for _, n, _, _ in used),
        classes=len(used),
        saved=sum(n * saved for _, n, saved, _ in used),
        saved_with_dict=sum(n * full for _, n, _, full in used),
        each=distinct.pop() if len(distinct) == 1 else None,
    )
