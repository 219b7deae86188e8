"""The rules a class runs through, in order: the first that decides (an
objection, or a plan) is the class's decision.

Each rule looks at one thing and answers None when it has nothing to say;
the order is this list and nothing else. Rules of a later phase may count
on the earlier ones having passed (a plan runs only once no rule objects).
After the list, decide/engine.py applies what concerns the whole run: the
typo guard (AS127) and files that are not being rewritten (AS121).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum

from autoslot.codes import codes_findings as found
from autoslot.codes import codes_left_alone as left
from autoslot.codes.reason_code import Code
from autoslot.decide.bases import dict_in_mro
from autoslot.decide.context import Context
from autoslot.decide.decorated import already_slotted, attrs_plan, dataclass_plan
from autoslot.decide.header import (
    Flavour,
    decorator_refuses_slots,
    loses_class_keywords,
    opted_out,
    special_kind,
    unknown_decoration,
)
from autoslot.decide.model import Decision
from autoslot.decide.outside import CODES_GIVEN
from autoslot.decide.plain import completed_slots, computed_slots, new_slots
from autoslot.decide.safety import (
    caches_in_dict,
    needs_dict_itself,
    reads_orig_class,
    used_from_outside,
)
from autoslot.decide.tests_code import test_code
from autoslot.index.project import ClassNode

Check = Callable[[Context, ClassNode, Flavour], Decision | None]


class Phase(Enum):
    HEADER = 1  # what the class statement says: opt-outs, kinds, decorators
    EXISTING_SLOTS = 2  # a `__slots__` the class already has
    DECORATOR = 3  # a decorator that makes its own slots, or refuses them
    SAFETY = 4  # what the class's code and the project do with instances
    PLAN = 5  # the plan for the class's flavour, with checks of its own


@dataclass(frozen=True, slots=True)
class Rule:
    phase: Phase
    check: Check
    # the codes of the decisions it makes (a plan's are its findings)
    codes: tuple[Code, ...]


RULES: tuple[Rule, ...] = (
    Rule(Phase.HEADER, opted_out, (left.OPTED_OUT,)),
    Rule(Phase.HEADER, test_code, (left.TEST_CODE,)),
    Rule(Phase.HEADER, special_kind, (left.SPECIAL_KIND,)),
    Rule(Phase.HEADER, unknown_decoration, (left.UNKNOWN_DECORATION,)),
    Rule(Phase.HEADER, loses_class_keywords, (left.CLASS_KEYWORDS_LOST,)),
    Rule(Phase.EXISTING_SLOTS, computed_slots, (found.COMPUTED_SLOTS,)),
    Rule(
        Phase.EXISTING_SLOTS,
        completed_slots,
        (found.MISSING_SLOT, found.REPEATED_SLOT),
    ),
    Rule(Phase.DECORATOR, decorator_refuses_slots, (left.OPTED_OUT,)),
    Rule(Phase.DECORATOR, already_slotted, ()),
    Rule(Phase.SAFETY, used_from_outside, CODES_GIVEN),
    Rule(
        Phase.SAFETY,
        needs_dict_itself,
        (
            left.INSTANCE_DICT,
            left.PICKLED_BY_DICT,
            left.CLASS_SWAP,
            left.COMPUTED_SETATTR,
        ),
    ),
    Rule(Phase.SAFETY, caches_in_dict, (left.CACHED_PROPERTY,)),
    Rule(Phase.SAFETY, reads_orig_class, (left.ORIG_CLASS_READ,)),
    Rule(Phase.SAFETY, dict_in_mro, (left.DICT_IN_MRO,)),
    Rule(
        Phase.PLAN,
        dataclass_plan,
        (
            left.TARGET_TOO_OLD,
            left.NOT_A_FIELD,
            left.ZERO_ARG_SUPER,
            left.INIT_SUBCLASS_RERUN,
        ),
    ),
    Rule(Phase.PLAN, attrs_plan, (left.NOT_A_FIELD,)),
    Rule(
        Phase.PLAN,
        new_slots,
        (
            left.SPECIAL_NAME_STORED,
            left.CLASS_ATTRIBUTE_CLASH,
            left.VARIABLE_SIZE_BASE,
            left.MANGLED_SETATTR_NAME,
        ),
    ),
)


def first_decision(ctx: Context, node: ClassNode, how: Flavour) -> Decision:
    for rule in RULES:
        decision = rule.check(ctx, node, how)
        if decision is not None:
            return decision
    # every flavour has its plan rule, which always decides
    raise AssertionError(f"no rule decided {node.display} ({how.kind})")
