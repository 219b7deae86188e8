"""Plans for classes whose decorator makes the slots: `@dataclass` (slots=True,
weakref_slot=True) and attrs (`@attr.s(slots=True)`; `@define` already is)."""

from __future__ import annotations

from autoslot.codes.reason_code import Code
from autoslot.decide.context import Context
from autoslot.decide.flavour import Flavour, decorator_keywords, slots_keyword
from autoslot.decide.model import SITE, Action, Decision, skip, use_place
from autoslot.decide.plain import instance_uses
from autoslot.decide.rule import Phase, Rule
from autoslot.index.project import ClassNode

ZERO_ARG_SUPER = Code(
    "AS113",
    "a slotted dataclass would break zero-argument super()",
    "`@dataclass(slots=True)` creates a new class, so `super()` and `__class__` "
    "in its methods refer to the old one (`TypeError: super(type, obj)`), fixed "
    "only in Python 3.14.",
    "from dataclasses import dataclass\n\n@dataclass\nclass Child:\n    def describe(self):\n"
    "        return super().__repr__()",
    "Use `super(Child, self)`, or target Python 3.14.",
    example_flags=("--target-version", "py310"),
)

TARGET_TOO_OLD = Code(
    "AS117",
    "the target Python is too old for this rewrite",
    "`weakref_slot=True` on a dataclass needs Python 3.11. Below it, a "
    "slotted dataclass cannot take weak references, so a dataclass whose "
    "instances a weak reference in the project may reach (`weakref.ref`, a "
    "`WeakSet`, a `WeakValueDictionary`...) is left alone; with "
    "`--weakref=always` every dataclass is. Otherwise the default policy "
    "(`prefer`) slots it without weak-reference support.",
    "import weakref\nfrom dataclasses import dataclass\n\n@dataclass\nclass Node:\n"
    "    value: int\n\nwatched = weakref.ref(Node(1))",
    "Raise `requires-python` / `--target-version`, or use `--weakref=never` "
    "if nothing takes weak references to these instances.",
    example_flags=("--target-version", "py310"),
)

NOT_A_FIELD = Code(
    "AS118",
    "a dataclass or attrs class stores an attribute that is not a field",
    "Slotted dataclasses and attrs classes get one slot per field; a method "
    "(often `__post_init__`) storing any other name would fail.",
    "from dataclasses import dataclass\n\n@dataclass\nclass Span:\n    start: int\n    def __post_init__(self):\n"
    "        self.length = 0",
    "Declare the attribute as a field (`field(init=False)`).",
)

INIT_SUBCLASS_RERUN = Code(
    "AS119",
    "recreating the class would rerun __init_subclass__",
    "`@dataclass(slots=True)` builds a second class object, and a base's "
    "`__init_subclass__` runs again for it (for class keyword arguments, "
    "which it would also lose, see AS130).",
    "from dataclasses import dataclass\n\nclass Registered:\n"
    "    def __init_subclass__(cls, **kwargs):\n"
    "        super().__init_subclass__(**kwargs)\n\n"
    "@dataclass\nclass Plugin(Registered):\n    x: int",
    "Keep the class as it is, or add `__slots__` by hand.",
)

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


def slots_keyword_too_new(
    ctx: Context, node: ClassNode, how: Flavour
) -> Decision | None:
    if how.kind == "dataclass" and ctx.settings.target_version < SLOTS_SINCE:
        return skip(TARGET_TOO_OLD, "dataclass(slots=True) needs Python 3.10")
    return None


def stores_a_non_field(ctx: Context, node: ClassNode, how: Flavour) -> Decision | None:
    """AS118: the decorator makes one slot per field, and nothing else."""
    if how.kind == "dataclass":
        fields = dataclass_fields(node)
    elif how.kind == "attrs":
        fields = attrs_fields(node, decorator_keywords(node, how))
    else:
        return None
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


def class_cell_breaks(ctx: Context, node: ClassNode, how: Flavour) -> Decision | None:
    if (
        how.kind == "dataclass"
        and node.summary.uses_class_cell
        and ctx.settings.target_version < CLASS_CELL_FIXED_IN
    ):
        return skip(
            ZERO_ARG_SUPER,
            "a method uses super() or __class__, which dataclass(slots=True) breaks before 3.14",
        )
    return None


def reruns_init_subclass(
    ctx: Context, node: ClassNode, how: Flavour
) -> Decision | None:
    if how.kind != "dataclass":
        return None
    for ancestor in ctx.index.project_ancestors(node):
        if any(b.name == "__init_subclass__" for b in ancestor.summary.body):
            return skip(
                INIT_SUBCLASS_RERUN,
                f"base {ancestor.display} defines __init_subclass__, which would run twice",
            )
    return None


def _weakref_slot_needed(ctx: Context, node: ClassNode) -> bool:
    """Whether the slotted dataclass should take weak references, by the policy."""
    return ctx.settings.wants_weakref(
        ctx.facts.uses_weakrefs(node.id)
    ) and not ctx.provides_weakref(node)


def _weakref_slot_too_new(ctx: Context, node: ClassNode, how: Flavour) -> bool:
    """Below 3.11 there is no weakref_slot=True: slots without weak
    references, or no slots."""
    return (
        _weakref_slot_needed(ctx, node)
        and "weakref_slot" not in decorator_keywords(node, how)
        and ctx.settings.target_version < WEAKREF_SLOT_SINCE
    )


def weakref_slot_too_new(
    ctx: Context, node: ClassNode, how: Flavour
) -> Decision | None:
    """AS117 when the dataclass needs weak references the target cannot slot.

    "prefer" slots it without them unless a weak reference in the project
    may reach the instances (a value class rarely has one taken from outside).
    """
    if how.kind != "dataclass" or not _weakref_slot_too_new(ctx, node, how):
        return None
    reached = ctx.facts.weakref_reached.get(node.id)
    if ctx.settings.weakref == "prefer" and reached is None:
        return None
    why = f"a weak reference may reach its instances ({SITE}); " if reached else ""
    return skip(
        TARGET_TOO_OLD,
        f"{why}keeping weak references needs weakref_slot=True (Python "
        "3.11); raise the target version or use --weakref=never",
        sites=(reached,) if reached else (),
    )


def dataclass_plan(ctx: Context, node: ClassNode, how: Flavour) -> Decision | None:
    """`slots=True`, and `weakref_slot=True` when wanted and the target has it."""
    if how.kind != "dataclass":
        return None
    fields = dataclass_fields(node)
    weakref = _weakref_slot_needed(ctx, node) and not _weakref_slot_too_new(
        ctx, node, how
    )
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
    return Decision(
        Action.ATTRS,
        slots=fields + weakref_names,
        added=fields,
        decorator=how.decorator,
    )


RULES: tuple[Rule, ...] = (
    Rule(Phase.DECORATOR, already_slotted, ()),
    Rule(Phase.PLAN, slots_keyword_too_new, (TARGET_TOO_OLD,)),
    Rule(Phase.PLAN, stores_a_non_field, (NOT_A_FIELD,)),
    Rule(Phase.PLAN, class_cell_breaks, (ZERO_ARG_SUPER,)),
    Rule(Phase.PLAN, reruns_init_subclass, (INIT_SUBCLASS_RERUN,)),
    Rule(Phase.PLAN, weakref_slot_too_new, (TARGET_TOO_OLD,)),
    Rule(Phase.PLAN, dataclass_plan, ()),
    Rule(Phase.PLAN, attrs_plan, ()),
)
