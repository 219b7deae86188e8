"""AS102: every class of the MRO but `object` must be slot-friendly."""

from __future__ import annotations

from autoslot.codes.reason_code import Code
from autoslot.decide.context import Context
from autoslot.decide.flavour import Flavour
from autoslot.decide.model import Action, Decision, skip
from autoslot.decide.on_disk import FILE_NOT_REWRITTEN
from autoslot.decide.rule import Phase, Rule
from autoslot.index.external import ExternalClass, needs_dict
from autoslot.index.project import ClassNode

DICT_IN_MRO = Code(
    "AS102",
    "a class in the MRO keeps a __dict__",
    "A base class (other than `object`) gives instances a `__dict__`: an "
    "unslotted base, `Exception`, a class from a library autoslot cannot "
    "inspect, or a base that could not be resolved. Slots would save nothing and "
    "would not stop typos.",
    "class Failure(Exception):\n    def __init__(self, why):\n        self.why = why",
    "Slot the base first, or pass `--introspect` so autoslot can look at a "
    "third-party base.",
)


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


RULES: tuple[Rule, ...] = (Rule(Phase.SAFETY, dict_in_mro, (DICT_IN_MRO,)),)
