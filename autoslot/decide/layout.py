"""Multiple inheritance: never produce two bases with non-empty slots (AS103).

CPython gives every class a *solid base*, the nearest class that added to the
instance layout; a class statement fails with "multiple bases have instance
lay-out conflict" when its bases' solid bases are not all on one line of
descent. This module replays that rule over the planned decisions. Secondary
bases become mixins (empty slots, their attributes placed in each concrete
subclass) where that is safe; otherwise the offending class is left alone.
"""

from __future__ import annotations

from dataclasses import dataclass

from autoslot.codes.reason_code import Code
from autoslot.decide.context import Context
from autoslot.decide.model import Action, skip
from autoslot.index.external import ExternalClass
from autoslot.index.project import ClassId, ClassNode

LAYOUT_CONFLICT = Code(
    "AS103",
    "multiple inheritance would mix two slotted layouts",
    "Two bases would each carry non-empty slots, which makes the class "
    "statement fail with `TypeError: multiple bases have instance lay-out "
    "conflict`, and one of them cannot become a mixin with empty slots "
    "(it is instantiated on its own).",
    "class Point:\n    def __init__(self): self.x = 0\n"
    "class Named:\n    def __init__(self): self.name = ''\n"
    "class NamedPoint(Point, Named): ...\nNamed()",
    "Stop instantiating the secondary base directly, or leave one side unslotted.",
    example_also=("AS102",),  # NamedPoint: its base Named is left alone
)

Solid = ClassId | str  # a project class, or the dotted name of an external one


@dataclass(frozen=True, slots=True)
class Conflict:
    node: ClassNode
    first: Solid
    second: Solid


def adjust_layouts(ctx: Context) -> bool:
    """Update ctx.overrides for this round's decisions; True when anything changed."""
    changed = _secondary_bases_to_mixins(ctx)
    for conflict in _conflicts(ctx):
        changed |= _resolve(ctx, conflict)
    return changed


def _secondary_bases_to_mixins(ctx: Context) -> bool:
    changed = False
    for node in ctx.index.nodes.values():
        for base in node.bases[1:]:
            resolved = base.resolved
            if (
                isinstance(resolved, ClassId)
                and resolved not in ctx.overrides.mixins
                and can_be_mixin(ctx, resolved)
            ):
                ctx.overrides.mixins.add(resolved)
                changed = True
    return changed


def can_be_mixin(ctx: Context, class_id: ClassId) -> bool:
    """Empty slots are safe when nothing instantiates the class itself (nothing
    calls it, and it has no `__init__` of its own storing attributes) and every
    slotted subclass can take its attributes."""
    node = ctx.node(class_id)
    decision = ctx.decisions[class_id]
    if not node.target or class_id in ctx.index.instantiated:
        return False
    if any(use.method in ("__init__", "__new__") for use in node.summary.stores):
        # a class that sets up its own attributes is made to be instantiated,
        # perhaps by code outside the project: empty slots would break that
        return False
    fresh = decision.action is Action.SLOT
    empty_existing = (
        decision.action in (Action.KEEP, Action.EXTEND)
        and node.summary.slots is not None
        and not node.summary.slots.names
    )
    if not (fresh or empty_existing):
        return False
    for sub in ctx.index.descendants(class_id):
        sub_decision = ctx.decisions[sub]
        if not ctx.node(sub).target and not sub_decision.keeps_dict:
            return False  # slotted on disk in a file we do not rewrite
        if sub_decision.action in (Action.DATACLASS, Action.ATTRS):
            return False  # their slots are the fields, not ours to extend
    return True


def _mro_keys(solid: Solid, ctx: Context) -> set[object] | None:
    if isinstance(solid, ClassId):
        mro = ctx.node(solid).mro
        if mro is None:
            return None
        return {e if isinstance(e, ClassId) else e.dotted for e in mro}
    return set(ctx.index.external(solid).mro) | {solid}


def _derives(ctx: Context, sub: Solid, base: Solid) -> bool:
    if base in {sub, "builtins.object"}:
        return True
    keys = _mro_keys(sub, ctx)
    return keys is None or base in keys


def _conflicts(ctx: Context) -> list[Conflict]:
    solids: dict[ClassId, Solid | None] = {}
    found: list[Conflict] = []
    for class_id in ctx.index.order():
        node = ctx.node(class_id)
        candidates: list[Solid] = []
        unknown = False
        for base in node.bases:
            resolved = base.resolved
            if isinstance(resolved, ClassId):
                solid = solids.get(resolved)
                if solid is None:
                    unknown = True
                    break
                candidates.append(solid)
            elif isinstance(resolved, ExternalClass) and resolved.known:
                candidates.append(resolved.solid_base)
            else:
                unknown = True
                break
        if unknown:
            solids[class_id] = None
            continue
        winner: Solid = candidates[0] if candidates else "builtins.object"
        for candidate in candidates[1:]:
            if _derives(ctx, winner, candidate):
                continue
            if _derives(ctx, candidate, winner):
                winner = candidate
                continue
            found.append(Conflict(node, winner, candidate))
        solids[class_id] = class_id if ctx.decisions[class_id].adds_ivars else winner
    return found


def _ours(ctx: Context, solid: Solid) -> ClassId | None:
    if (
        isinstance(solid, ClassId)
        and ctx.node(solid).target
        and ctx.decisions[solid].action.changes
    ):
        return solid
    return None


def _resolve(ctx: Context, conflict: Conflict) -> bool:
    culprit = _ours(ctx, conflict.second) or _ours(ctx, conflict.first)
    if culprit is None:
        return False  # the conflict is there without autoslot; the code fails already
    if culprit in ctx.overrides.mixins and not ctx.decisions[culprit].mixin:
        return False  # becomes a mixin in the next round, which recomputes the layouts
    if culprit not in ctx.overrides.mixins and can_be_mixin(ctx, culprit):
        ctx.overrides.mixins.add(culprit)
        return True
    if culprit in ctx.overrides.demoted:
        return False
    other = conflict.first if culprit == conflict.second else conflict.second
    other_name = ctx.node(other).display if isinstance(other, ClassId) else other
    ctx.overrides.demoted[culprit] = skip(
        LAYOUT_CONFLICT,
        f"it would carry slots beside {other_name} as a base of {conflict.node.display}, "
        "and it cannot become a mixin",
    )
    return True
