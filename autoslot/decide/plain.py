"""Plans for classes that get their slots in the body: a new `__slots__`
(SLOT), or an existing literal one completed (EXTEND, AS201/AS202) unless
it is computed (AS205)."""

from __future__ import annotations

from autoslot.codes.reason_code import Code
from autoslot.decide.context import Context
from autoslot.decide.flavour import Flavour
from autoslot.decide.model import Action, Decision, finding, skip, use_place
from autoslot.decide.rule import Phase, Rule
from autoslot.decide.safety import (
    CLASS_ATTRIBUTE_CLASH,
    SPECIAL_NAME_STORED,
    conflict,
    stored_through_setter,
)
from autoslot.index.project import ClassId, ClassNode
from autoslot.summary.model import AttrUse
from autoslot.summary.names import mangle, slot_spelling

VARIABLE_SIZE_BASE = Code(
    "AS112",
    "a variable-size builtin base cannot take named slots",
    "Subclasses of `int`, `bytes`, `tuple` (and named tuples) can only have "
    "`__slots__ = ()`; storing attributes on their instances needs the `__dict__`.",
    "class Tagged(int):\n    def tag(self, t):\n        self.t = t",
    "Nothing; autoslot gives such classes `()` when they store nothing.",
)

MANGLED_SETATTR_NAME = Code(
    "AS129",
    "a name stored with setattr cannot be written in __slots__",
    "`setattr(self, '__name', value)` stores the name as written, but CPython "
    "mangles private names in `__slots__` (`__name` becomes `_Class__name`), so "
    "no spelling of the slot would hold that store.",
    "class Proxy:\n    def __init__(self):\n        setattr(self, '__target', None)",
    "Store it as `self.__target = None`, or drop the leading underscores.",
)

MISSING_SLOT = Code(
    "AS201",
    "a stored attribute is missing from __slots__",
    "The class has `__slots__`, but a method stores a name that is not among "
    "them: that store raises AttributeError today. `fix` adds the name.",
    "class P:\n    __slots__ = ('x',)\n    def __init__(self):\n"
    "        self.x = self.y = 0",
    "Let `autoslot fix` add it.",
)

REPEATED_SLOT = Code(
    "AS202",
    "a slot repeats one of a base",
    "A base already provides this slot; repeating it wastes 8 bytes per instance "
    "and hides the base's descriptor. `fix` removes it.",
    "class A:\n    __slots__ = ('x',)\n    def __init__(self):\n        self.x = 0\n"
    "class B(A):\n    __slots__ = ('x', 'y')\n    def __init__(self):\n"
    "        super().__init__()\n        self.y = 1",
    "Let `autoslot fix` remove it.",
)

COMPUTED_SLOTS = Code(
    "AS205",
    "__slots__ is not a literal",
    "The class computes its `__slots__` (or assigns it more than once), so "
    "autoslot cannot read or extend it.",
    "class P:\n    __slots__ = tuple(FIELDS)",
    "Nothing; autoslot leaves such classes alone.",
)


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


def stores_clash(ctx: Context, node: ClassNode, how: Flavour) -> Decision | None:
    """AS101 and AS126 (safety.conflict): a stored name that no slot can hold.

    One rule with two codes: the stored names are weighed in order and the
    first that clashes decides; the code says with what (a name Python looks
    up on the class, or a class attribute). A rule per code would report by
    rule order instead of by the first clashing name."""
    if how.kind != "plain":
        return None
    return conflict(ctx, node, instance_uses(ctx, node))


def _new_uses(ctx: Context, node: ClassNode) -> list[AttrUse]:
    """The attributes the plan would add: those no base's slots hold."""
    inherited = ctx.inherited_slots(node)
    return [u for u in instance_uses(ctx, node) if u.name not in inherited]


def _gets_own_slots(ctx: Context, node: ClassNode, how: Flavour) -> bool:
    """A plain class that is not made a mixin (a mixin's slots are empty)."""
    return how.kind == "plain" and node.id not in ctx.overrides.mixins


def stores_on_variable_size(
    ctx: Context, node: ClassNode, how: Flavour
) -> Decision | None:
    if not _gets_own_slots(ctx, node, how):
        return None
    variable_size = ctx.variable_size_base(node)
    if variable_size is None:
        return None
    missing = _new_uses(ctx, node)
    if not missing:
        return None
    listed = ", ".join(u.name for u in missing)
    return skip(
        VARIABLE_SIZE_BASE,
        f"instances store {listed} but base {variable_size.dotted} is variable-size",
    )


def setattr_name_mangled(
    ctx: Context, node: ClassNode, how: Flavour
) -> Decision | None:
    if not _gets_own_slots(ctx, node, how):
        return None
    for use in _new_uses(ctx, node):
        if slot_spelling(use.name, node.summary.name) is None:
            return skip(
                MANGLED_SETATTR_NAME,
                f"setattr stores {use.name!r} (line {use.line}), which __slots__ would mangle",
            )
    return None


def new_slots(ctx: Context, node: ClassNode, how: Flavour) -> Decision | None:
    """The plan of a plain class once no rule objects: a mixin's empty slots,
    or every new attribute (and `__weakref__` when wanted)."""
    if how.kind != "plain":
        return None
    if node.id in ctx.overrides.mixins:
        return Decision(Action.SLOT, mixin=True)
    missing = _new_uses(ctx, node)
    names = [u.name for u in missing]
    spelled: list[str] = []
    for use in missing:
        spelling = slot_spelling(use.name, node.summary.name)
        assert spelling is not None, "setattr_name_mangled objects first"
        spelled.append(spelling)
    if (
        ctx.variable_size_base(node) is None
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
    (a dataclass's too; attrs makes its own, see decorated.py).

    Its two codes are findings of its one plan, not objections: a missing
    slot (AS201) is added and a repeated one (AS202) dropped in one edit,
    and the class may have both."""
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


RULES: tuple[Rule, ...] = (
    Rule(Phase.EXISTING_SLOTS, computed_slots, (COMPUTED_SLOTS,)),
    Rule(Phase.EXISTING_SLOTS, completed_slots, (MISSING_SLOT, REPEATED_SLOT)),
    Rule(Phase.PLAN, stores_clash, (SPECIAL_NAME_STORED, CLASS_ATTRIBUTE_CLASH)),
    Rule(Phase.PLAN, stores_on_variable_size, (VARIABLE_SIZE_BASE,)),
    Rule(Phase.PLAN, setattr_name_mangled, (MANGLED_SETATTR_NAME,)),
    Rule(Phase.PLAN, new_slots, ()),
)
