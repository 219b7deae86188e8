"""The rules a class runs through, in order: the first that decides (an
objection, or a plan) is the class's decision, and the revisions of
Phase.RUN then see it (the typo guard, a file that is not being rewritten).

Each rule is declared once, in the RULES of its family module (with its
codes, which decide/registry.py gathers). The order is the phase first,
then the family's place in FAMILIES, then the rule's place in its
family's RULES; nothing else orders them (decide/engine.py only calls
`run_rules`). A rule of a later phase may count on the earlier ones having
passed (a plan runs only once no rule objects).
"""

from __future__ import annotations

from types import ModuleType

from autoslot.decide import (
    bases,
    decorated,
    header,
    on_disk,
    plain,
    safety,
    tests_code,
    typo_guard,
    used_outside,
)
from autoslot.decide.context import Context
from autoslot.decide.flavour import Flavour
from autoslot.decide.model import Decision
from autoslot.decide.rule import Phase, Revision, Rule
from autoslot.index.project import ClassNode

# Where a phase holds rules of several families, their order here is the
# order they run in (test code before the kinds of class, a decorator's
# own objections before a plain class's, the project's uses before the
# class's own code, the bases last).
FAMILIES: tuple[ModuleType, ...] = (
    tests_code,
    header,
    decorated,
    used_outside,
    safety,
    plain,
    bases,
    typo_guard,
    on_disk,
)


def _in_order(families: tuple[ModuleType, ...]) -> tuple[Rule | Revision, ...]:
    declared: list[Rule | Revision] = [r for f in families for r in f.RULES]
    # sorted is stable: within a phase, FAMILIES' order and then each family's
    return tuple(sorted(declared, key=lambda rule: rule.phase.value))


RULES: tuple[Rule | Revision, ...] = _in_order(FAMILIES)
CHECKS: tuple[Rule, ...] = tuple(r for r in RULES if isinstance(r, Rule))
REVISIONS: tuple[Revision, ...] = tuple(r for r in RULES if isinstance(r, Revision))
# the revisions see a decision: they run after every check
assert all(r.phase is Phase.RUN for r in REVISIONS), "only Phase.RUN revises"
assert all(r.phase is not Phase.RUN for r in CHECKS), "Phase.RUN only revises"


def run_rules(ctx: Context, node: ClassNode, how: Flavour) -> Decision:
    """The first check's decision, as every revision then leaves it."""
    decided = _first_decision(ctx, node, how)
    for revision in REVISIONS:
        decided = revision.revise(ctx, node, decided)
    return decided


def _first_decision(ctx: Context, node: ClassNode, how: Flavour) -> Decision:
    for rule in CHECKS:
        decided = rule.check(ctx, node, how)
        if decided is not None:
            return decided
    # every flavour has its plan rule, which always decides
    raise AssertionError(f"no rule decided {node.display} ({how.kind})")
