"""What the decide stage concludes about each class."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from autoslot.pickling import pickled_by_fields


class Action(str, Enum):
    SLOT = "slot"  # insert a new `__slots__`
    EXTEND = "extend"  # edit an existing literal `__slots__`
    DATACLASS = "dataclass"  # add `slots=True` to `@dataclass`
    ATTRS = "attrs"  # add `slots=True` to `@attr.s`
    KEEP = "keep"  # already slotted; nothing to change
    SKIP = "skip"  # left alone, with a reason code

    @property
    def changes(self) -> bool:
        return self in (Action.SLOT, Action.EXTEND, Action.DATACLASS, Action.ATTRS)


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Finding:
    """Something worth telling the user about a class, by code."""

    code: str
    line: int
    message: str
    # the file the line is in, as shown to the user, when it is not the
    # class's own (a store from another module); "" for the class's file
    path: str = ""


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Decision:
    action: Action
    # the class's own slots after the change, as CPython names them (mangled)
    slots: tuple[str, ...] = ()
    # the same names as they are written in the class's `__slots__`
    spelled: tuple[str, ...] = ()
    added: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    # for DATACLASS: also pass weakref_slot=True
    weakref_slot: bool = False
    # for DATACLASS and ATTRS: the position of the decorator to extend
    decorator: int = -1
    code: str = ""
    reason: str = ""
    findings: tuple[Finding, ...] = ()
    # a mixin: empty slots, its attributes live in the concrete subclasses
    mixin: bool = False
    # the instance keeps a `__dict__` (left alone, or `"__dict__"` among the slots)
    keeps_dict: bool = False

    @property
    def adds_ivars(self) -> bool:
        """Whether the class adds slots to the instance layout (layout conflicts)."""
        if self.action is Action.SKIP:
            return False
        return any(s not in ("__dict__", "__weakref__") for s in self.slots)


def skip(code: str, reason: str, *findings: Finding) -> Decision:
    return Decision(
        Action.SKIP, code=code, reason=reason, findings=findings, keeps_dict=True
    )
