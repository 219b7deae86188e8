"""AS127: a plan that would write a likely typo into `__slots__` is not
carried out. A revision of Phase.RUN: it sees the plan the rules made.

Slots would enshrine the typo (the point of slotting is that such a store
raises), so a new `__slots__` is not written and an existing one is not
completed until the user fixes or confirms the name (typos.py finds them)."""

from __future__ import annotations

from autoslot.codes.reason_code import Code
from autoslot.decide.context import Context
from autoslot.decide.model import Action, Decision, Site, skip, use_place
from autoslot.decide.plain import instance_uses
from autoslot.decide.rule import Phase, Revision
from autoslot.decide.typos import Suspect, write_suspects
from autoslot.index.project import ClassNode

TYPO_WOULD_BE_SLOTTED = Code(
    "AS127",
    "a likely typo would be written into __slots__",
    "One of the names the class's new `__slots__` would hold looks like a "
    "misspelling of another attribute (AS203 names the line, the name and "
    "the attribute it likely misspells). Slotting would make the typo part "
    "of the class, so the class is left alone and `check` fails.",
    "class Camera:\n    def __init__(self):\n        self.exposure_time = 1\n"
    "    def describe(self):\n        return self.exposure_time\n"
    "    def reset(self):\n        self.exp_time = 0",
    "Fix the typo, or confirm the name with `# autoslot: attr exp_time` on "
    "the store's line or the class line (or `confirmed-attrs` in "
    "`[tool.autoslot]`).",
    example_also=("AS203",),  # the typo itself, on the line of the store
)


def why_left_alone(suspect: Suspect) -> tuple[str, tuple[Site, ...]]:
    """Why the class is left alone (AS127), for the first suspect, and the
    sites it names."""
    where, sites = use_place(suspect.use)
    if not sites:
        where = f"line {suspect.use.line}"
    return (
        f"{suspect.spelled!r} ({where}) looks like a misspelling of {suspect.target!r}; "
        f"fix it, or confirm it with `# autoslot: attr {suspect.spelled}`"
    ), sites


def typo_guard(ctx: Context, node: ClassNode, decision: Decision) -> Decision:
    """The plan, unless a name it would write into `__slots__` looks like a
    typo: then a new `__slots__` is not written (AS127) and an existing one
    is not completed, until the user fixes or confirms the name."""
    if (
        not node.target
        or decision.action not in (Action.SLOT, Action.EXTEND)
        or not decision.added
    ):
        return decision
    added = set(decision.added)
    uses = [u for u in instance_uses(ctx, node) if u.name in added]
    suspects = write_suspects(ctx, node, uses)
    if not suspects:
        return decision
    findings = (*decision.findings, *(s.finding(node) for s in suspects))
    if decision.action is Action.SLOT:
        more = len(suspects) - 1
        reason, sites = why_left_alone(suspects[0])
        reason += f" ({more} more likely typos)" if more else ""
        return skip(TYPO_WOULD_BE_SLOTTED, reason, *findings, sites=sites)
    declared = tuple(n for n in decision.slots if n not in added) + decision.removed
    return Decision(
        Action.KEEP, slots=declared, findings=findings, mixin=decision.mixin
    )


RULES: tuple[Revision, ...] = (
    Revision(Phase.RUN, typo_guard, (TYPO_WOULD_BE_SLOTTED,)),
)
