"""What a rule is: its phase, its check, and the codes its decisions carry.

A rule family module (header.py, safety.py, plain.py, ...) defines its
codes, its checks and, last, its RULES: the one place a rule is declared.
decide/rules.py gathers every family's RULES into the ordered list, and
decide/registry.py every code they declare, so a new rule in a family
touches only that module (then its fixture and the README's codes table).
This module imports no family, so every family can import it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum

from autoslot.codes.reason_code import Code
from autoslot.decide.context import Context
from autoslot.decide.flavour import Flavour
from autoslot.decide.model import Decision
from autoslot.index.project import ClassNode


class Phase(Enum):
    """When a rule runs. A rule may count on every earlier phase's rules
    having passed (a plan runs only once no rule objects)."""

    OPTED_OUT = 1  # the user's word: pragmas, skip-file, excluded names
    HEADER = 2  # what the class statement says: test code, kinds, decorators
    EXISTING_SLOTS = 3  # a `__slots__` the class already has
    DECORATOR = 4  # a decorator that makes its own slots, or refuses them
    SAFETY = 5  # what the class's code and the project do with instances
    PLAN = 6  # the flavour's own objections, then its plan
    RUN = 7  # what the run makes of the plan (revisions: they see the plan)


Check = Callable[[Context, ClassNode, Flavour], Decision | None]
Revise = Callable[[Context, ClassNode, Decision], Decision]


@dataclass(frozen=True, slots=True)
class Rule:
    """A check that decides the class (an objection or a plan) or answers None."""

    phase: Phase
    check: Check
    # the codes of the decisions it makes (a plan's are its findings)
    codes: tuple[Code, ...]


@dataclass(frozen=True, slots=True)
class Revision:
    """A rule of Phase.RUN: it sees the decision the earlier phases made and
    returns it, or what the run must do instead (the typo guard, a file that
    is not being rewritten)."""

    phase: Phase
    revise: Revise
    codes: tuple[Code, ...]
