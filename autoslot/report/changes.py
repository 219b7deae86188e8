"""One line per class a run slots: what it writes, named the way users read it
(`would slot pkg.mod.Camera: exposure_time, gain`), like black's "would reformat"."""

from __future__ import annotations

from autoslot.config.slots_order import SlotsOrder, ordered
from autoslot.decide.model import Action
from autoslot.results import ClassReport

_VERBS = {
    # action -> (what `check` says, what `fix` says)
    Action.SLOT: ("would slot", "slotted"),
    Action.EXTEND: ("would extend the slots of", "extended the slots of"),
    Action.DATACLASS: ("would slot", "slotted"),
    Action.ATTRS: ("would slot", "slotted"),
}


def _what(cls: ClassReport, order: SlotsOrder) -> str:
    decision = cls.decision
    if decision.action in (Action.DATACLASS, Action.ATTRS):
        keywords = ["slots=True"] + (
            ["weakref_slot=True"] if decision.weakref_slot else []
        )
        return ", ".join(keywords)
    if decision.mixin:
        return "() (a mixin: its subclasses hold the attributes)"
    if decision.action is Action.EXTEND:
        added = decision.spelled[len(decision.spelled) - len(decision.added) :]
        parts = [f"+ {name}" for name in ordered(added, order)]
        parts += [f"- {name}" for name in decision.removed]
        return ", ".join(parts)
    return ", ".join(ordered(decision.spelled, order)) or "()"


def change_line(cls: ClassReport, writes: bool, order: SlotsOrder) -> str:
    would, did = _VERBS[cls.decision.action]
    return f"{did if writes else would} {cls.display}: {_what(cls, order)}"
