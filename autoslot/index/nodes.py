"""What the index knows about one class: its id, resolved bases and MRO."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

from autoslot.index.external import ExternalClass
from autoslot.summary.model import ClassSummary


class ClassId(NamedTuple):
    """A class statement: its file, qualname, and which statement of that
    qualname it is. A tuple because it keys every table of the analysis:
    hashing and comparing it stay in C (ordering is the field order, as before)."""

    path: str
    qualname: str
    occurrence: int = 0


MroEntry = ClassId | ExternalClass


@dataclass(frozen=True, slots=True)
class Base:
    """One base of a class statement, resolved."""

    text: str
    resolved: ClassId | ExternalClass | None
    why: str = ""
    # a call such as namedtuple("P", "x y") producing the base
    namedtuple_call: bool = False


@dataclass(slots=True)
class ClassNode:
    id: ClassId
    module: str
    summary: ClassSummary
    bases: tuple[Base, ...]
    target: bool
    # decorators and metaclass as canonical dotted names ("dataclasses.dataclass");
    # "?text" when the name cannot be resolved
    decorators: tuple[str, ...] = ()
    metaclass: str | None = None
    # body names whose function decorators resolve to these canonical names
    method_decorators: dict[str, tuple[str, ...]] = field(default_factory=dict)
    mro: tuple[MroEntry, ...] | None = None
    mro_problem: str = ""

    @property
    def display(self) -> str:
        return (
            f"{self.module}.{self.summary.qualname}"
            if self.module
            else self.summary.qualname
        )
