"""How a class gets its slots (its flavour): in its body, or through its
dataclass or attrs decorator. The checks of decide/rules.py take it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

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


@dataclass(frozen=True, slots=True)
class Flavour:
    """How a class gets its slots: in its body, or through its decorator."""

    kind: Literal["plain", "dataclass", "attrs"]
    decorator: int = -1  # index of the decorator that does it
    canonical: str = ""


PLAIN = Flavour("plain")


def flavour(node: ClassNode) -> Flavour:
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


def decorator_keywords(node: ClassNode, how: Flavour) -> dict[str, str]:
    return dict(node.summary.decorators[how.decorator].call_keywords)


def slots_keyword(node: ClassNode, how: Flavour) -> str | None:
    """What the decorator's `slots=` says, with attrs' modern default."""
    slotted_by_default = how.canonical in ATTRS_SLOTTED
    default = "True" if slotted_by_default else None
    return decorator_keywords(node, how).get("slots", default)
