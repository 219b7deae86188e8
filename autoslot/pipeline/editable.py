"""The edits the rewriter would refuse, predicted from the summary.

The rewriter (rewrite/transform.py) refuses some edits rather than lose the
user's comments or guess where an edit goes; a refused edit changes the
class's decision and, through it, its subclasses'. Predicting every refusal
here, with the rewriter's own words, lets a check report exactly what `fix`
does without running libcst. The rewriter keeps its checks, and the runner
still re-decides on a refusal it did not foresee.
"""

from __future__ import annotations

from collections.abc import Callable

from autoslot.codes.codes_run import EDIT_REFUSED
from autoslot.config.settings import Settings
from autoslot.decide.context import ProjectFacts
from autoslot.decide.engine import decide_project
from autoslot.decide.model import Action, Decision, Finding, skip
from autoslot.index.project import ClassId, ProjectIndex
from autoslot.rewrite.edits import (
    BODY_ON_HEADER_LINE,
    DECORATOR_NOT_FOUND,
    NO_SLOTS_ASSIGNMENT,
    SLOTS_LAYOUT_NOT_EDITED,
    SLOTS_NOT_LITERAL,
)
from autoslot.summary.model import ClassSummary
from autoslot.util.fixpoint import Unsettled, cap_reached

# each round can only pin more classes; a chain of refusals is short, and
# reaching this is a bug (util/fixpoint.py)
MAX_ROUNDS = 10


def refusal(summary: ClassSummary, decision: Decision) -> str | None:
    """Why the rewriter would refuse the class's edit, or None if it makes it."""
    if decision.action is Action.EXTEND:
        existing = summary.slots
        if existing is not None and existing.body_on_header_line:
            return BODY_ON_HEADER_LINE
        if existing is None or not existing.in_class_body:
            return NO_SLOTS_ASSIGNMENT
        if existing.layout == "lines":
            return SLOTS_LAYOUT_NOT_EDITED
        if existing.layout == "expression":
            return SLOTS_NOT_LITERAL
    elif decision.action in (Action.DATACLASS, Action.ATTRS) and not (
        0 <= decision.decorator < len(summary.decorators)
    ):
        return DECORATOR_NOT_FOUND
    return None


def refused(decision: Decision, why: str) -> Decision:
    """The decision for a class whose edit the rewriter will not make."""
    if decision.action is Action.EXTEND:
        # an extension fixes the findings it comes with (plain.completed_slots):
        # the note is about the first of them
        note = Finding(decision.findings[0].code, 0, f"not fixed: {why}")
        declared = (
            tuple(n for n in decision.slots if n not in decision.added)
            + decision.removed
        )
        return Decision(
            Action.KEEP, slots=declared, findings=(*decision.findings, note)
        )
    return skip(EDIT_REFUSED, why)


def decide_editable(
    index: ProjectIndex,
    settings: Settings,
    facts: ProjectFacts,
    forced: dict[ClassId, Decision],
    rewritten: Callable[[ClassId], bool],
) -> tuple[dict[ClassId, Decision], list[Unsettled]]:
    """Decide the project with every refusal foreseen; refusals join `forced`.
    Also the loops, these rounds or the engine's, that stopped at their cap.

    `rewritten` says whether a class's edit would go to the rewriter (its
    file is a target that is not skipped): only those can be refused.
    """
    unsettled: list[Unsettled] = []

    def decide() -> dict[ClassId, Decision]:
        decisions, stopped = decide_project(index, settings, facts, forced)
        if stopped is not None:
            unsettled.append(stopped)
        return decisions

    decisions = decide()
    for _ in range(MAX_ROUNDS):
        foreseen = {
            class_id: refused(decision, why)
            for class_id, decision in decisions.items()
            if class_id not in forced
            and rewritten(class_id)
            and (why := refusal(index.nodes[class_id].summary, decision)) is not None
        }
        if not foreseen:
            break
        forced.update(foreseen)
        decisions = decide()
    else:
        # the last round's decisions may bring refusals of their own
        unsettled.append(cap_reached("foreseeing the rewriter's refusals", MAX_ROUNDS))
    return decisions, unsettled
