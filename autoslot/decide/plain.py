"""Plans for classes that get their slots in the body: a new `__slots__`
(SLOT), or an existing literal one completed (EXTEND, AS201/AS202) unless
it is computed (AS205)."""

from __future__ import annotations

from autoslot.codes.codes_findings import COMPUTED_SLOTS, MISSING_SLOT, REPEATED_SLOT
from autoslot.codes.codes_left_alone import MANGLED_SETATTR_NAME, VARIABLE_SIZE_BASE
from autoslot.decide.context import Context
from autoslot.decide.header import Flavour
from autoslot.decide.model import Action, Decision, finding, skip, use_place
from autoslot.decide.safety import conflict, stored_through_setter
from autoslot.index.project import ClassId, ClassNode
from autoslot.summary.model import AttrUse
from autoslot.summary.names import mangle, slot_spelling


def pushed_uses(ctx: Context, node: ClassNode) -> list[AttrUse]:
    """Attributes of mixin ancestors (empty slots) that this class must hold."""
    uses: list[AttrUse] = []
    for entry in ctx.ancestors(node):
        if isinstance(entry, ClassId) and ctx.decisions[entry].mixin:
            uses.extend(ctx.required_names(ctx.node(entry)))
    return uses


def instance_uses(ctx: Context, node: ClassNode) -> list[AttrUse]:
    """Every attribute instances of this class need, minus those a setter takes."""
    seen: set[str] = set()
    uses: list[AttrUse] = []
    for use in [*ctx.required_names(node), *pushed_uses(ctx, node)]:
        if use.name in seen or stored_through_setter(ctx, node, use.name):
            continue
        seen.add(use.name)
        uses.append(use)
    return uses


def new_slots(ctx: Context, node: ClassNode, how: Flavour) -> Decision | None:
    if how.kind != "plain":
        return None
    uses = instance_uses(ctx, node)
    clash = conflict(ctx, node, uses)
    if clash is not None:
        return clash
    inherited = ctx.inherited_slots(node)
    missing = [u for u in uses if u.name not in inherited]
    mixin = node.id in ctx.overrides.mixins
    if mixin:
        return Decision(Action.SLOT, mixin=True)
    variable_size = ctx.variable_size_base(node)
    if variable_size is not None and missing:
        listed = ", ".join(u.name for u in missing)
        return skip(
            VARIABLE_SIZE_BASE,
            f"instances store {listed} but base {variable_size.dotted} is variable-size",
        )
    spelled: list[str] = []
    for use in missing:
        spelling = slot_spelling(use.name, node.summary.name)
        if spelling is None:
            return skip(
                MANGLED_SETATTR_NAME,
                f"setattr stores {use.name!r} (line {use.line}), which __slots__ would mangle",
            )
        spelled.append(spelling)
    names = [u.name for u in missing]
    if (
        variable_size is None
        and ctx.settings.wants_weakref(ctx.facts.uses_weakrefs(node.id))
        and not ctx.provides_weakref(node)
    ):
        names.append("__weakref__")
        spelled.append("__weakref__")
    return Decision(
        Action.SLOT, slots=tuple(names), spelled=tuple(spelled), added=tuple(names)
    )


def computed_slots(ctx: Context, node: ClassNode, how: Flavour) -> Decision | None:
    existing = node.summary.slots
    if existing is None or existing.form != "other":
        return None
    return skip(
        COMPUTED_SLOTS,
        f"__slots__ is computed or assigned more than once (line {existing.line})",
    )


def completed_slots(ctx: Context, node: ClassNode, how: Flavour) -> Decision | None:
    """A class that already has a literal `__slots__`: add what is missing
    (a dataclass's too; attrs makes its own, see decorated.py)."""
    summary = node.summary
    existing = summary.slots
    if existing is None or how.kind not in ("plain", "dataclass"):
        return None
    declared = [mangle(n, summary.name) for n in existing.names]
    keeps_dict = (
        "__dict__" in declared
        or any(
            ctx.decisions[e].keeps_dict
            for e in ctx.ancestors(node)
            if isinstance(e, ClassId)
        )
        or any(e.has_dict for e in ctx.external_ancestors(node))
    )
    if keeps_dict or node.mro is None:
        return Decision(Action.KEEP, slots=tuple(declared), keeps_dict=keeps_dict)
    inherited = ctx.inherited_slots(node)
    repeated = [
        n for n in declared if n in inherited and n not in ("__dict__", "__weakref__")
    ]
    findings = [
        finding(REPEATED_SLOT, existing.line, f"slot {n!r} repeats a slot of a base")
        for n in repeated
    ]
    mixin = node.id in ctx.overrides.mixins
    missing: list[AttrUse] = []
    if not mixin:
        for use in instance_uses(ctx, node):
            if use.name in declared or use.name in inherited:
                continue
            if conflict(ctx, node, [use]) is not None:
                continue  # a class attribute of that name: the store fails today already
            missing.append(use)
    for use in missing:
        where, sites = use_place(use)
        findings.append(
            finding(
                MISSING_SLOT,
                use.line,
                f"{use.name!r} is stored ({where}) but is not a slot",
                sites=sites,
            )
        )
    spelled_missing = [slot_spelling(u.name, summary.name) for u in missing]
    if (
        (not missing and not repeated)
        or any(s is None for s in spelled_missing)
        or (missing and ctx.variable_size_base(node) is not None)
    ):
        return Decision(
            Action.KEEP, slots=tuple(declared), findings=tuple(findings), mixin=mixin
        )
    kept = [
        (n, s)
        for n, s in zip(declared, existing.names, strict=True)
        if n not in repeated
    ]
    names = [n for n, _ in kept] + [u.name for u in missing]
    spelled = [s for _, s in kept] + [s for s in spelled_missing if s is not None]
    return Decision(
        Action.EXTEND,
        slots=tuple(names),
        spelled=tuple(spelled),
        added=tuple(u.name for u in missing),
        removed=tuple(repeated),
        findings=tuple(findings),
        mixin=mixin,
    )
