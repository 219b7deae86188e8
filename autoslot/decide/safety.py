"""Rules on what a class's code does with its instances: AS104-AS108,
AS116, AS131 and AS132; and what no slot can hold, AS101 and AS126 (the conflict that
plain.py's plan and outside.py's uses both weigh)."""

from __future__ import annotations

from autoslot.codes.reason_code import Code
from autoslot.decide.context import (
    ATTRIBUTE_HOOKS,
    IMPLICIT_CLASS_NAMES,
    PASS_THROUGH,
    Context,
)
from autoslot.decide.flavour import Flavour
from autoslot.decide.model import Decision, skip, use_place
from autoslot.decide.rule import Phase, Rule
from autoslot.index.project import ClassNode
from autoslot.summary.model import AttrUse, Blocker, BlockerKind

CLASS_ATTRIBUTE_CLASH = Code(
    "AS101",
    "a stored name is also bound in the class body",
    "A name stored on instances is also a class attribute (a default value, a "
    "method, a property without a setter) of the class or of a base. A slot of "
    "that name raises `ValueError: 'x' in __slots__ conflicts with class "
    "variable`, or hides the class attribute of the base.",
    "class Counter:\n    count = 0\n    def bump(self):\n        self.count += 1",
    "Move the default into `__init__`, or give the attribute another name.",
)

COMPUTED_SETATTR = Code(
    "AS104",
    "attributes are set with computed names",
    "`setattr(self, name, value)` with a name that is not a literal, so the set "
    "of attributes cannot be known from the source.",
    "class Options:\n    def __init__(self, **kw):\n        for k, v in kw.items():\n"
    "            setattr(self, k, v)",
    "Spell the attributes out, or keep the class as it is.",
)

INSTANCE_DICT = Code(
    "AS105",
    "the instance __dict__ is used",
    "`self.__dict__`, `vars(self)` or a `__setattr__` going through `__dict__`: "
    "slotted instances have no `__dict__`.",
    "class Record:\n    def as_dict(self):\n        return dict(self.__dict__)",
    "Build the mapping from the attribute names instead.",
)

CACHED_PROPERTY = Code(
    "AS106",
    "functools.cached_property needs an instance __dict__",
    "`cached_property` stores its value in the instance `__dict__`, which "
    "slotted instances lack (`TypeError: No '__dict__' attribute`).",
    "import functools\n\nclass Page:\n    @functools.cached_property\n    def html(self): ...",
    "Cache in a slot of your own, or keep the class as it is.",
)

PICKLED_BY_DICT = Code(
    "AS107",
    "pickling relies on __dict__",
    "`__getstate__`, `__setstate__`, `__reduce__` or `__reduce_ex__` touch "
    "`__dict__`, or a module that can reach the class (defines or imports "
    "it) pickles with protocol 0 or 1, which cannot pickle slotted objects.",
    "class Job:\n    def __getstate__(self):\n        return self.__dict__.copy()",
    "Rewrite the pickling methods over the attribute names.",
)

CLASS_SWAP = Code(
    "AS108",
    "instances change class",
    "`obj.__class__ = Other` works only between classes with the same layout; "
    "slotting one side breaks the swap (`object layout differs`).",
    "class Draft:\n    def publish(self):\n        self.__class__ = Published",
    "Slot both classes identically by hand, or keep them as they are.",
)

ORIG_CLASS_READ = Code(
    "AS116",
    "the generic alias of instances is read",
    "`Box[int]()` sets `__orig_class__` on the instance, which slotted instances "
    "silently drop; code reading it would break.",
    "class Box(Generic[T]):\n    def kind(self):\n        return self.__orig_class__",
    "Pass the type explicitly.",
)

ATTRIBUTE_HOOK = Code(
    "AS131",
    "a __getattr__ answers for unset slots",
    "The class or a project base defines `__getattr__` or `__getattribute__`. "
    "`pickle` and `copy` read every slot by name and skip those that raise "
    "AttributeError; an unset slot falls through to the hook, which may raise "
    "something else (`pickle.dumps` then fails), return a value (the copy gets "
    "an attribute the original lacked) or recurse. With a `__dict__` the hook "
    "is never asked.",
    "class Sentinel:\n    def __getattr__(self, name):\n        raise LookupError(name)\n"
    "    def mark(self):\n        self.pos = 0",
    "Raise AttributeError from the hook for names it does not know and add "
    "`__slots__` by hand, or keep the class as it is.",
)

HALF_PICKLE_PROTOCOL = Code(
    "AS132",
    "__setstate__ or __getstate__ is defined without its pair",
    "Without a `__getstate__`, pickle and copy hand `__setstate__` the default "
    "state: the instance `__dict__` today, `(None, {slot: value})` once the class "
    "has slots, which `state['x']` cannot read. Without a `__setstate__`, the "
    "state a `__getstate__` returns is restored into the instance `__dict__`, "
    "which slotted instances lack.",
    "class Point:\n    def __init__(self):\n        self.x = 1\n"
    "    def __setstate__(self, state):\n        self.x = state['x']",
    "Define both methods over the attribute names, then add `__slots__` by "
    "hand; or keep the class as it is.",
)

SPECIAL_NAME_STORED = Code(
    "AS126",
    "a special method name is stored on instances",
    "Instances store a name written like a protocol (`__call__`, "
    "`__missing__`, `__set_name__`, `__await__`). Python looks those up on "
    "the class: a slot of that name is a descriptor on the class, which "
    "turns the protocol on for every instance (`callable(obj)` becomes "
    "true, `obj[k]` starts calling the slot).",
    "class Lazy:\n    def arm(self, fn):\n        self.__call__ = fn",
    "Keep the class as it is, or give the attribute an ordinary name.",
)

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


def needs_dict_itself(ctx: Context, node: ClassNode, how: Flavour) -> Decision | None:
    """The first construct in the class's methods that needs an instance `__dict__`.

    One rule with four codes: the earliest construct is reported, whatever
    its kind, and its kind (the summary's BlockerKind) picks the code, as
    outside.py's uses pick theirs. A rule per code would report by rule
    order instead of by line."""
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


def answers_unset_slots(ctx: Context, node: ClassNode, how: Flavour) -> Decision | None:
    """AS131: pickling or copying an instance with a slot not yet set asks the
    class's attribute hook for it (pyasn1's NoValue raises its own error there)."""
    for hook in ATTRIBUTE_HOOKS:
        found = ctx.binding_in_hierarchy(node, hook)
        if found is not None:
            return skip(
                ATTRIBUTE_HOOK,
                f"{hook}{_of_base(node, found[0])} (line {found[1].line}) would "
                "answer pickle's and copy's reads of unset slots",
            )
    return None


def half_pickle_protocol(
    ctx: Context, node: ClassNode, how: Flavour
) -> Decision | None:
    """AS132: one half of the state protocol relies on the other's default,
    and the default is a `__dict__` (as Python looks the methods up)."""
    defined = {
        name: found
        for name in PICKLE_METHODS
        if (found := ctx.binding_in_hierarchy(node, name)) is not None
    }
    reduces = "__reduce__" in defined or "__reduce_ex__" in defined
    if "__setstate__" in defined and "__getstate__" not in defined and not reduces:
        half, other = "__setstate__", "__getstate__"
    elif "__getstate__" in defined and "__setstate__" not in defined:
        half, other = "__getstate__", "__setstate__"
    else:
        return None
    owner, binding = defined[half]
    return skip(
        HALF_PICKLE_PROTOCOL,
        f"{half}{_of_base(node, owner)} (line {binding.line}) without {other}: "
        "the default state it pairs with is an instance __dict__",
    )


def _of_base(node: ClassNode, owner: ClassNode) -> str:
    return "" if owner is node else f" of base {owner.display}"


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


RULES: tuple[Rule, ...] = (
    Rule(
        Phase.SAFETY,
        needs_dict_itself,
        (INSTANCE_DICT, PICKLED_BY_DICT, CLASS_SWAP, COMPUTED_SETATTR),
    ),
    Rule(Phase.SAFETY, caches_in_dict, (CACHED_PROPERTY,)),
    Rule(Phase.SAFETY, reads_orig_class, (ORIG_CLASS_READ,)),
    Rule(Phase.SAFETY, answers_unset_slots, (ATTRIBUTE_HOOK,)),
    Rule(Phase.SAFETY, half_pickle_protocol, (HALF_PICKLE_PROTOCOL,)),
)
