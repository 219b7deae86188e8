"""Rules on the class header: opt-outs (AS100), special kinds (AS110),
metaclasses and class decorators (AS111), class keywords a decorator would
drop (AS130), a decorator that refuses slots (AS100)."""

from __future__ import annotations

from fnmatch import fnmatchcase

from autoslot.codes.reason_code import Code
from autoslot.decide.context import Context
from autoslot.decide.flavour import (
    ATTRS_CLASSIC,
    ATTRS_SLOTTED,
    DATACLASS_DECORATORS,
    Flavour,
    slots_keyword,
)
from autoslot.decide.model import Decision, skip
from autoslot.decide.rule import Phase, Rule
from autoslot.index.external import ExternalClass
from autoslot.index.project import ClassNode

OPTED_OUT = Code(
    "AS100",
    "opted out by the user",
    "The class carries `# autoslot: skip` on its header line, its file carries "
    "`# autoslot: skip-file`, the configuration's `ignore` list names it, or a "
    "decorator asks for no slots explicitly (`@dataclass(slots=False)`).",
    "class Plugin:  # autoslot: skip -- plugins get attributes set by the host\n"
    "    def __init__(self):\n        self.name = 'x'",
    "Nothing; remove the pragma or the ignore entry to let autoslot decide.",
)

SPECIAL_KIND = Code(
    "AS110",
    "a class whose body is not an ordinary class body",
    "Enums, TypedDicts, `typing.NamedTuple` classes, Protocols and framework "
    "models (pydantic, Django, SQLAlchemy...) build their instances their own way.",
    "import enum\n\nclass Color(enum.Enum):\n    RED = 1",
    "Nothing; these are never rewritten.",
)

UNKNOWN_DECORATION = Code(
    "AS111",
    "a metaclass or class decorator autoslot does not know",
    "A custom metaclass or an unknown class decorator may add class attributes "
    "or replace the class, so a `__slots__` written in the body may conflict or "
    "be lost.",
    "@register\nclass Handler:\n    def __init__(self): self.n = 0",
    "Add `__slots__` by hand if you know the decorator is harmless.",
)

CLASS_KEYWORDS_LOST = Code(
    "AS130",
    "dataclass(slots=True) would drop the class keyword arguments",
    "The class statement passes keyword arguments to its bases "
    "(`class Plugin(Registered, name='p')`). `@dataclass(slots=True)` builds a "
    "second class object without them, so `__init_subclass__` would run again "
    "without its arguments.",
    "from dataclasses import dataclass\n\nclass Registered:\n"
    "    def __init_subclass__(cls, name='', **kwargs):\n"
    "        super().__init_subclass__(**kwargs)\n\n"
    "@dataclass\nclass Plugin(Registered, name='p'):\n    x: int",
    "Keep the class as it is, or add `__slots__` by hand.",
)

# Class decorators known to leave the class object and its attributes as they are.
SAFE_DECORATORS = frozenset(
    {
        "functools.total_ordering",
        "typing.final",
        "typing_extensions.final",
        "typing.runtime_checkable",
        "typing_extensions.runtime_checkable",
        "typing.type_check_only",
        "typing.no_type_check",
        "typing.dataclass_transform",
        "typing_extensions.dataclass_transform",
        "warnings.deprecated",
        "typing_extensions.deprecated",
        "typing.override",
        "typing_extensions.override",
        "enum.unique",
    }
)
SAFE_METACLASSES = frozenset({"builtins.type", "abc.ABCMeta"})

KIND_NAMES = {
    "enum": "an Enum",
    "typing_namedtuple": "a typing.NamedTuple class",
    "typeddict": "a TypedDict",
    "protocol": "a Protocol",
}


def opted_out(ctx: Context, node: ClassNode, how: Flavour) -> Decision | None:
    if node.id.path in ctx.index.skipped_files:
        return skip(OPTED_OUT, "the file has `# autoslot: skip-file`")
    pragma = node.summary.pragma
    if pragma is not None:
        why = f" -- {pragma.reason}" if pragma.reason else ""
        return skip(OPTED_OUT, f"`# autoslot: skip{why}`")
    for pattern in ctx.settings.exclude_classes:
        if fnmatchcase(node.display, pattern):
            return skip(OPTED_OUT, f"excluded by the configuration ({pattern!r})")
    return None


def special_kind(ctx: Context, node: ClassNode, how: Flavour) -> Decision | None:
    for base in node.bases:
        resolved = base.resolved
        if isinstance(resolved, ExternalClass) and resolved.kind != "plain":
            return _kind_skip(resolved)
    for entry in ctx.external_ancestors(node):
        if entry.kind in ("enum", "typeddict", "framework", "typing_namedtuple"):
            return _kind_skip(entry)
    return None


def _kind_skip(entry: ExternalClass) -> Decision | None:
    if entry.kind == "framework":
        return skip(SPECIAL_KIND, f"{entry.why_unknown} ({entry.dotted})")
    if entry.kind == "namedtuple":
        return None
    return skip(
        SPECIAL_KIND, f"{KIND_NAMES.get(entry.kind, entry.kind)} ({entry.dotted})"
    )


def unknown_decoration(ctx: Context, node: ClassNode, how: Flavour) -> Decision | None:
    if node.metaclass is not None and node.metaclass not in SAFE_METACLASSES:
        return skip(UNKNOWN_DECORATION, f"metaclass {node.metaclass.lstrip('?')}")
    for position, canonical in enumerate(node.decorators):
        if canonical in SAFE_DECORATORS or canonical in DATACLASS_DECORATORS:
            continue
        if canonical not in ATTRS_CLASSIC and canonical not in ATTRS_SLOTTED:
            text = node.summary.decorators[position].text
            return skip(UNKNOWN_DECORATION, f"unknown class decorator @{text}")
    return None


def loses_class_keywords(
    ctx: Context, node: ClassNode, how: Flavour
) -> Decision | None:
    if how.kind == "dataclass" and any(
        k != "metaclass" for k, _ in node.summary.keywords
    ):
        return skip(
            CLASS_KEYWORDS_LOST,
            "class keyword arguments would be lost when dataclass recreates the class",
        )
    return None


def decorator_refuses_slots(
    ctx: Context, node: ClassNode, how: Flavour
) -> Decision | None:
    if how.kind == "plain":
        return None
    keyword = slots_keyword(node, how)
    if keyword is not None and keyword != "True":
        return skip(OPTED_OUT, f"the decorator passes slots={keyword}")
    return None


RULES: tuple[Rule, ...] = (
    Rule(Phase.OPTED_OUT, opted_out, (OPTED_OUT,)),
    Rule(Phase.HEADER, special_kind, (SPECIAL_KIND,)),
    Rule(Phase.HEADER, unknown_decoration, (UNKNOWN_DECORATION,)),
    Rule(Phase.HEADER, loses_class_keywords, (CLASS_KEYWORDS_LOST,)),
    Rule(Phase.DECORATOR, decorator_refuses_slots, (OPTED_OUT,)),
)
