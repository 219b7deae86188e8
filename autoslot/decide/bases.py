"""AS102: every class of the MRO but `object` must be slot-friendly."""

from __future__ import annotations

from autoslot.codes.codes_left_alone import DICT_IN_MRO
from autoslot.codes.codes_run import FILE_NOT_REWRITTEN
from autoslot.decide.context import Context
from autoslot.decide.header import Flavour
from autoslot.decide.model import Action, Decision, skip
from autoslot.index.external import ExternalClass, needs_dict
from autoslot.index.project import ClassNode


def dict_in_mro(ctx: Context, node: ClassNode, how: Flavour) -> Decision | None:
    if node.mro is None:
        return skip(DICT_IN_MRO, node.mro_problem or "the MRO cannot be computed")
    for entry in ctx.ancestors(node):
        if isinstance(entry, ExternalClass):
            reason = _external_reason(entry)
            if reason:
                return skip(DICT_IN_MRO, reason)
            continue
        decision = ctx.decisions[entry]
        if not decision.keeps_dict:
            continue
        base = ctx.node(entry)
        if decision.left_alone_for(FILE_NOT_REWRITTEN):
            return skip(
                DICT_IN_MRO,
                f"base {base.display} keeps a __dict__ (its file is not being rewritten)",
            )
        if decision.action is Action.SKIP:
            return skip(
                DICT_IN_MRO,
                f"base {base.display} is left alone ({decision.code}: {decision.reason})",
                sites=decision.sites,
            )
        return skip(DICT_IN_MRO, f"base {base.display} keeps a __dict__")
    return None


def _external_reason(entry: ExternalClass) -> str:
    if entry.kind == "namedtuple" or entry.dotted == "builtins.object":
        return ""
    if not entry.known:
        return f"base {entry.dotted} is {entry.why_unknown}"
    if entry.has_dict:
        return f"instances of base {entry.dotted} keep a __dict__"
    special = needs_dict(entry)
    if special:
        return f"base {entry.dotted}: {special}"
    if not entry.slot_friendly:
        return f"base {entry.dotted} has metaclass {entry.metaclass}"
    return ""
