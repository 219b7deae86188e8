"""Rules on the class header: opt-outs (AS100), special kinds (AS110),
metaclasses and class decorators (AS111), class keywords a decorator would
drop (AS130); and how the class gets its slots (its flavour)."""

from __future__ import annotations

from dataclasses import dataclass
from fnmatch import fnmatchcase
from typing import Literal

from autoslot.codes.codes_left_alone import (
    CLASS_KEYWORDS_LOST,
    OPTED_OUT,
    SPECIAL_KIND,
    UNKNOWN_DECORATION,
)
from autoslot.decide.context import Context
from autoslot.decide.model import Decision, skip
from autoslot.index.external import ExternalClass
from autoslot.index.project import ClassNode

DATACLASS_DECORATORS = frozenset({"dataclasses.dataclass"})
# attrs' classic API: slots only when asked for
ATTRS_CLASSIC = frozenset({"attr.s", "attr.attrs", "attr.attributes", "attr.dataclass"})
# attrs' modern API: slotted by default
ATTRS_SLOTTED = frozenset(
    {
        "attr.define",
        "attr.mutable",
        "attr.frozen",
        "attrs.define",
        "attrs.mutable",
        "attrs.frozen",
    }
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


@dataclass(frozen=True, slots=True)
class Flavour:
    """How a class gets its slots: in its body, or through its decorator."""

    kind: Literal["plain", "dataclass", "attrs"]
    decorator: int = -1  # index of the decorator that does it
    canonical: str = ""


PLAIN = Flavour("plain")


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


def flavour(ctx: Context, node: ClassNode) -> Flavour:
    """How the class would get its slots: its last dataclass or attrs
    decorator makes them, else its body (a class with any other decorator
    autoslot does not know is left alone by unknown_decoration)."""
    found = PLAIN
    for position, canonical in enumerate(node.decorators):
        if canonical in DATACLASS_DECORATORS:
            found = Flavour("dataclass", position, canonical)
        elif canonical in ATTRS_CLASSIC or canonical in ATTRS_SLOTTED:
            found = Flavour("attrs", position, canonical)
    return found


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


def decorator_keywords(node: ClassNode, how: Flavour) -> dict[str, str]:
    return dict(node.summary.decorators[how.decorator].call_keywords)


def slots_keyword(node: ClassNode, how: Flavour) -> str | None:
    """What the decorator's `slots=` says, with attrs' modern default."""
    slotted_by_default = how.canonical in ATTRS_SLOTTED
    default = "True" if slotted_by_default else None
    return decorator_keywords(node, how).get("slots", default)


def decorator_refuses_slots(
    ctx: Context, node: ClassNode, how: Flavour
) -> Decision | None:
    if how.kind == "plain":
        return None
    keyword = slots_keyword(node, how)
    if keyword is not None and keyword != "True":
        return skip(OPTED_OUT, f"the decorator passes slots={keyword}")
    return None
