"""The edits the rewrite engine knows how to make, one per class."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from autoslot.config.slots_order import SlotsOrder, ordered
from autoslot.decide.model import Action, Decision
from autoslot.util.pickling import pickled_by_fields

EditKind = Literal["insert", "replace", "decorator", "pragma"]

# Why the rewriter refuses an edit. The decide stage predicts each refusal
# (pipeline/editable.py) with the same words, so a check that never rewrites
# reports what `fix` does.
BODY_ON_HEADER_LINE = "the class body is on its header line"
SLOTS_LAYOUT_NOT_EDITED = (
    "the existing __slots__ spans lines in a layout autoslot does not edit"
)
SLOTS_NOT_LITERAL = "the existing __slots__ is not a literal"
NO_SLOTS_ASSIGNMENT = "no __slots__ assignment found in the class body"
DECORATOR_NOT_FOUND = "the decorator to extend was not found"


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class ClassEdit:
    qualname: str
    occurrence: int
    kind: EditKind
    # insert/replace: the slot names as they are to be written
    names: tuple[str, ...] = ()
    # replace: names to drop from the existing literal (as written)
    drop: tuple[str, ...] = ()
    # decorator: which decorator, and the keyword arguments to add
    decorator: int = -1
    keywords: tuple[tuple[str, str], ...] = ()
    # pragma: the text after `# autoslot: skip -- `
    reason: str = ""
    # replace: `sorted` puts added names in their sorted place (config/slots_order.py)
    order: SlotsOrder = "source"


def edit_for(
    qualname: str, occurrence: int, decision: Decision, order: SlotsOrder = "source"
) -> ClassEdit | None:
    action = decision.action
    class_name = qualname.rsplit(".", 1)[-1]
    decorator = decision.decorator
    if action is Action.SLOT:
        names = ordered(decision.spelled, order)
        return ClassEdit(qualname, occurrence, "insert", names=names)
    if action is Action.EXTEND:
        # imported here: unpickling a reused result loads this module, and
        # summary.names brings ~30 ms of summary model classes with it
        from autoslot.summary.names import slot_spelling

        added = decision.spelled[len(decision.spelled) - len(decision.added) :]
        drop = tuple(slot_spelling(n, class_name) or n for n in decision.removed)
        return ClassEdit(
            qualname, occurrence, "replace", names=added, drop=drop, order=order
        )
    if action is Action.DATACLASS:
        keywords = [("slots", "True")]
        if decision.weakref_slot:
            keywords.append(("weakref_slot", "True"))
        return ClassEdit(
            qualname,
            occurrence,
            "decorator",
            decorator=decorator,
            keywords=tuple(keywords),
        )
    if action is Action.ATTRS:
        return ClassEdit(
            qualname,
            occurrence,
            "decorator",
            decorator=decorator,
            keywords=(("slots", "True"),),
        )
    return None
