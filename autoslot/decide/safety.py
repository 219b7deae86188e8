"""Rules on what a class's code does with its instances: AS101, AS104-AS108,
AS115 and AS116."""

from __future__ import annotations

from autoslot.decide.context import IMPLICIT_CLASS_NAMES, PASS_THROUGH, Context
from autoslot.decide.model import Decision, skip, use_place
from autoslot.index.project import ClassNode
from autoslot.summary.model import AttrUse


def blocked(ctx: Context, node: ClassNode) -> Decision | None:
    """The first construct in the class that needs an instance `__dict__`."""
    summary = node.summary
    outside = ctx.facts.blocked.get(node.id)
    if outside is not None:
        return outside
    if summary.blockers:
        first = min(summary.blockers, key=lambda b: b.line)
        return skip(first.code, f"{first.detail} (line {first.line})")
    for binding in summary.body:
        resolved = node.method_decorators.get(binding.name, ())
        if binding.kind == "cached_property" or any(
            d.endswith("cached_property") for d in resolved
        ):
            return skip(
                "AS106", f"cached_property {binding.name!r} (line {binding.line})"
            )
    if "__orig_class__" in summary.reads:
        return skip("AS116", "a method reads self.__orig_class__")
    return None


def is_special_name(name: str) -> bool:
    """`__call__`, `__missing__`: dunder names, not private `__name`s."""
    return len(name) > 4 and name.startswith("__") and name.endswith("__")


def stored_through_setter(ctx: Context, node: ClassNode, name: str) -> bool:
    found = ctx.binding_in_hierarchy(node, name)
    return found is not None and found[1].kind == "property_setter"


def conflict(ctx: Context, node: ClassNode, uses: list[AttrUse]) -> Decision | None:
    """AS101: a stored name that is also a class attribute here or in a base."""
    for use in uses:
        if is_special_name(use.name) and use.name not in IMPLICIT_CLASS_NAMES:
            return skip(
                "AS126",
                f"{use.name!r} (line {use.line}) is looked up on the class by "
                "Python: a slot of that name would turn its protocol on",
            )
        if use.name in IMPLICIT_CLASS_NAMES:
            return skip(
                "AS101",
                f"{use.name!r} (line {use.line}) is an attribute every class has",
            )
        assigned = ctx.class_store_in_hierarchy(node, use.name)
        if assigned is not None:
            owner, store = assigned
            where = "this class" if owner is node else f"base {owner.display}"
            method, sites = use_place(store)
            return skip(
                "AS101",
                f"{use.name!r} is stored on instances (line {use.line}) and on the class "
                f"object of {where} ({method}, line {store.line})",
                sites=sites,
            )
        found = ctx.binding_in_hierarchy(node, use.name)
        if found is not None:
            owner, binding = found
            if binding.kind in PASS_THROUGH:
                continue
            where = "in the class body" if owner is node else f"in base {owner.display}"
            what = binding.kind.replace("_", " ")
            return skip(
                "AS101",
                f"{use.name!r} is stored on instances (line {use.line}) and bound as a "
                f"{what} {where} (line {binding.line})",
            )
        for external in ctx.external_ancestors(node):
            if use.name in external.attributes:
                return skip(
                    "AS101",
                    f"{use.name!r} (line {use.line}) would hide an attribute of base {external.dotted}",
                )
    return None
