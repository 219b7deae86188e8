"""Decide every class of the project, bases before subclasses.

Each class runs through the rules of decide/rules.py in their order (the
first that decides is the class's decision, and the run's revisions see it). Layout reasoning over the
whole hierarchy can then force mixins or demote classes, and the pass is
repeated until nothing changes.
"""

from __future__ import annotations

from autoslot.config.settings import Settings
from autoslot.decide.context import Context, Overrides, ProjectFacts
from autoslot.decide.findings import add_findings
from autoslot.decide.flavour import flavour
from autoslot.decide.layout import adjust_layouts
from autoslot.decide.model import Decision
from autoslot.decide.rules import run_rules
from autoslot.index.project import ClassId, ClassNode, MroEntry, ProjectIndex
from autoslot.util.fixpoint import Unsettled, cap_reached
from autoslot.util.pool import quiet_collector

# layout reasoning settles in a few rounds; reaching this is a bug (util/fixpoint.py)
MAX_ROUNDS = 25


def decide_project(
    index: ProjectIndex,
    settings: Settings,
    facts: ProjectFacts | None = None,
    forced: dict[ClassId, Decision] | None = None,
) -> tuple[dict[ClassId, Decision], Unsettled | None]:
    """Every class's decision, and whether the rounds stopped at their cap.

    `forced` pins decisions found later in the pipeline (an edit the engine refused).
    """
    # The summaries are hundreds of thousands of live objects, and each full
    # collection that this stage's allocations trigger scans them all (about
    # a third of the stage on the stdlib); it makes no cycles worth collecting.
    with quiet_collector():
        return _decide_all(index, settings, facts, forced)


def _decide_all(
    index: ProjectIndex,
    settings: Settings,
    facts: ProjectFacts | None,
    forced: dict[ClassId, Decision] | None,
) -> tuple[dict[ClassId, Decision], Unsettled | None]:
    overrides = Overrides(demoted=dict(forced or {}))
    facts = facts or ProjectFacts()
    order = index.order()
    previous: dict[ClassId, Decision] = {}
    stale: set[ClassId] = set(order)
    unsettled: Unsettled | None = None
    for _ in range(MAX_ROUNDS):
        ctx = Context(index, settings, overrides, facts)
        _decide_round(ctx, order, previous, stale)
        mixins, demoted = set(overrides.mixins), dict(overrides.demoted)
        if not adjust_layouts(ctx):
            break
        previous = ctx.decisions
        stale = (mixins ^ overrides.mixins) | {
            c
            for c in demoted.keys() | overrides.demoted.keys()
            if demoted.get(c) != overrides.demoted.get(c)
        }
    else:
        # the last round's layout changes are not decided on
        unsettled = cap_reached("deciding the classes", MAX_ROUNDS)
    return add_findings(ctx), unsettled


def _decide_round(
    ctx: Context,
    order: list[ClassId],
    previous: dict[ClassId, Decision],
    stale: set[ClassId],
) -> None:
    """Decide the classes whose overrides changed since `previous`, and those
    with an MRO base whose decision changed; keep the others' decisions.

    A class's decision depends only on the class, the project facts, its own
    overrides and the decisions of its MRO (bases come first in `order`), so
    the kept ones are what deciding them again would give.
    """
    changed: set[ClassId] = set()
    for class_id in order:
        node = ctx.node(class_id)
        kept = previous.get(class_id)
        if (
            kept is None
            or class_id in stale
            or (changed and _any_changed(ctx.ancestors(node), changed))
        ):
            decision = decide_class(ctx, node)
            if decision != kept:
                changed.add(class_id)
        else:
            decision = kept
        ctx.decisions[class_id] = decision


def _any_changed(ancestors: tuple[MroEntry, ...], changed: set[ClassId]) -> bool:
    return any(isinstance(e, ClassId) and e in changed for e in ancestors)


def decide_class(ctx: Context, node: ClassNode) -> Decision:
    demoted = ctx.overrides.demoted.get(node.id)
    if demoted is not None:
        return demoted
    return run_rules(ctx, node, flavour(node))
