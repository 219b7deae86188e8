"""Rules on what a class's code does with its instances: AS101, AS104-AS108,
AS116 and AS126; and the reasons the whole project's uses found (outside.py)."""

from __future__ import annotations

from autoslot.codes.codes_left_alone import (
    CACHED_PROPERTY,
    CLASS_ATTRIBUTE_CLASH,
    CLASS_SWAP,
    COMPUTED_SETATTR,
    INSTANCE_DICT,
    ORIG_CLASS_READ,
    PICKLED_BY_DICT,
    SPECIAL_NAME_STORED,
)
from autoslot.codes.reason_code import Code
from autoslot.decide.context import IMPLICIT_CLASS_NAMES, PASS_THROUGH, Context
from autoslot.decide.header import Flavour
from autoslot.decide.model import Decision, skip, use_place
from autoslot.index.project import ClassNode
from autoslot.summary.model import AttrUse, Blocker, BlockerKind

# pickling goes through the instance __dict__ in these: a read there is about
# pickling, not a general use of the __dict__
PICKLE_METHODS = frozenset(
    {"__getstate__", "__setstate__", "__reduce__", "__reduce_ex__"}
)
BLOCKER_CODES: dict[BlockerKind, Code] = {
    BlockerKind.DICT_READ: INSTANCE_DICT,
    BlockerKind.DICT_ASSIGN: INSTANCE_DICT,
    BlockerKind.CLASS_ASSIGN: CLASS_SWAP,
    BlockerKind.COMPUTED_SETATTR: COMPUTED_SETATTR,
}


def blocker_code(blocker: Blocker) -> Code:
    if blocker.kind is BlockerKind.DICT_READ and blocker.method in PICKLE_METHODS:
        return PICKLED_BY_DICT
    return BLOCKER_CODES[blocker.kind]


def used_from_outside(ctx: Context, node: ClassNode, how: Flavour) -> Decision | None:
    """The first use elsewhere in the project that slots would break (outside.py)."""
    return ctx.facts.blocked.get(node.id)


def needs_dict_itself(ctx: Context, node: ClassNode, how: Flavour) -> Decision | None:
    """The first construct in the class's methods that needs an instance `__dict__`."""
    blockers = node.summary.blockers
    if not blockers:
        return None
    first = min(blockers, key=lambda b: b.line)
    return skip(blocker_code(first), f"{first.detail} (line {first.line})")


def caches_in_dict(ctx: Context, node: ClassNode, how: Flavour) -> Decision | None:
    for binding in node.summary.body:
        resolved = node.method_decorators.get(binding.name, ())
        if binding.kind == "cached_property" or any(
            d.endswith("cached_property") for d in resolved
        ):
            return skip(
                CACHED_PROPERTY,
                f"cached_property {binding.name!r} (line {binding.line})",
            )
    return None


def reads_orig_class(ctx: Context, node: ClassNode, how: Flavour) -> Decision | None:
    if "__orig_class__" in node.summary.reads:
        return skip(ORIG_CLASS_READ, "a method reads self.__orig_class__")
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
                SPECIAL_NAME_STORED,
                f"{use.name!r} (line {use.line}) is looked up on the class by "
                "Python: a slot of that name would turn its protocol on",
            )
        if use.name in IMPLICIT_CLASS_NAMES:
            return skip(
                CLASS_ATTRIBUTE_CLASH,
                f"{use.name!r} (line {use.line}) is an attribute every class has",
            )
        assigned = ctx.class_store_in_hierarchy(node, use.name)
        if assigned is not None:
            owner, store = assigned
            where = "this class" if owner is node else f"base {owner.display}"
            method, sites = use_place(store)
            return skip(
                CLASS_ATTRIBUTE_CLASH,
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
                CLASS_ATTRIBUTE_CLASH,
                f"{use.name!r} is stored on instances (line {use.line}) and bound as a "
                f"{what} {where} (line {binding.line})",
            )
        for external in ctx.external_ancestors(node):
            if use.name in external.attributes:
                return skip(
                    CLASS_ATTRIBUTE_CLASH,
                    f"{use.name!r} (line {use.line}) would hide an attribute of base {external.dotted}",
                )
    return None
