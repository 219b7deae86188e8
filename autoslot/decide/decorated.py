"""Plans for classes whose decorator makes the slots: `@dataclass` (slots=True,
weakref_slot=True) and attrs (`@attr.s(slots=True)`; `@define` already is)."""

from __future__ import annotations

from autoslot.codes.codes_left_alone import (
    INIT_SUBCLASS_RERUN,
    NOT_A_FIELD,
    TARGET_TOO_OLD,
    ZERO_ARG_SUPER,
)
from autoslot.decide.context import Context
from autoslot.decide.header import Flavour, decorator_keywords, slots_keyword
from autoslot.decide.model import SITE, Action, Decision, skip, use_place
from autoslot.decide.plain import instance_uses
from autoslot.index.project import ClassNode

ATTRS_FIELD_CALLS = frozenset(
    {
        "attr.ib",
        "attr.attrib",
        "attr.attr",
        "attrib",
        "attr.field",
        "attrs.field",
        "field",
        "ib",
    }
)
# Python versions that ship the features a decorated rewrite needs
SLOTS_SINCE = (3, 10)
WEAKREF_SLOT_SINCE = (3, 11)
CLASS_CELL_FIXED_IN = (3, 14)


def dataclass_fields(node: ClassNode) -> tuple[str, ...]:
    return tuple(
        b.name
        for b in node.summary.body
        if b.annotated
        and not b.classvar
        and not b.initvar
        and b.kind in ("annotation", "value")
        and b.value_call not in ("dataclasses.KW_ONLY", "KW_ONLY")
        and b.name != "_"
    )


def attrs_fields(node: ClassNode, keywords: dict[str, str]) -> tuple[str, ...]:
    auto = keywords.get("auto_attribs") == "True"
    return tuple(
        b.name
        for b in node.summary.body
        if b.value_call in ATTRS_FIELD_CALLS
        or (auto and b.annotated and not b.classvar)
    )


def _stray_store(
    ctx: Context, node: ClassNode, fields: tuple[str, ...]
) -> Decision | None:
    allowed = set(fields) | ctx.inherited_slots(node)
    for use in instance_uses(ctx, node):
        if use.name not in allowed:
            where, sites = use_place(use)
            return skip(
                NOT_A_FIELD,
                f"{use.name!r} is stored ({where}, line {use.line}) but is not a field",
                sites=sites,
            )
    return None


def already_slotted(ctx: Context, node: ClassNode, how: Flavour) -> Decision | None:
    """KEEP when the decorator already makes slots."""
    if how.kind == "plain" or slots_keyword(node, how) != "True":
        return None
    keywords = decorator_keywords(node, how)
    if how.kind == "dataclass":
        fields = dataclass_fields(node)
        weakref = keywords.get("weakref_slot") == "True"
    else:
        fields = attrs_fields(node, keywords)
        weakref = keywords.get("weakref_slot", "True") == "True"
    return Decision(Action.KEEP, slots=fields + (("__weakref__",) if weakref else ()))


def dataclass_plan(ctx: Context, node: ClassNode, how: Flavour) -> Decision | None:
    if how.kind != "dataclass":
        return None
    keywords = decorator_keywords(node, how)
    fields = dataclass_fields(node)
    target = ctx.settings.target_version
    if target < SLOTS_SINCE:
        return skip(TARGET_TOO_OLD, "dataclass(slots=True) needs Python 3.10")
    stray = _stray_store(ctx, node, fields)
    if stray is not None:
        return stray
    if node.summary.uses_class_cell and target < CLASS_CELL_FIXED_IN:
        return skip(
            ZERO_ARG_SUPER,
            "a method uses super() or __class__, which dataclass(slots=True) breaks before 3.14",
        )
    for ancestor in ctx.index.project_ancestors(node):
        if any(b.name == "__init_subclass__" for b in ancestor.summary.body):
            return skip(
                INIT_SUBCLASS_RERUN,
                f"base {ancestor.display} defines __init_subclass__, which would run twice",
            )
    weakref = ctx.settings.wants_weakref(
        ctx.facts.uses_weakrefs(node.id)
    ) and not ctx.provides_weakref(node)
    if weakref and "weakref_slot" not in keywords and target < WEAKREF_SLOT_SINCE:
        # Below 3.11 the choice is slots without weak references or no slots.
        # "prefer" slots unless a weak reference in the project may reach the
        # instances (a value class rarely has one taken from outside).
        reached = ctx.facts.weakref_reached.get(node.id)
        if ctx.settings.weakref != "prefer" or reached is not None:
            why = (
                f"a weak reference may reach its instances ({SITE}); "
                if reached
                else ""
            )
            return skip(
                TARGET_TOO_OLD,
                f"{why}keeping weak references needs weakref_slot=True (Python "
                "3.11); raise the target version or use --weakref=never",
                sites=(reached,) if reached else (),
            )
        weakref = False
    slots = fields + (("__weakref__",) if weakref else ())
    return Decision(
        Action.DATACLASS,
        slots=slots,
        added=slots,
        weakref_slot=weakref,
        decorator=how.decorator,
    )


def attrs_plan(ctx: Context, node: ClassNode, how: Flavour) -> Decision | None:
    if how.kind != "attrs":
        return None
    keywords = decorator_keywords(node, how)
    fields = attrs_fields(node, keywords)
    weakref_kept = keywords.get("weakref_slot", "True") == "True"
    weakref_names = ("__weakref__",) if weakref_kept else ()
    stray = _stray_store(ctx, node, fields)
    if stray is not None:
        return stray
    return Decision(
        Action.ATTRS,
        slots=fields + weakref_names,
        added=fields,
        decorator=how.decorator,
    )
