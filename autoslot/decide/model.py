"""What the decide stage concludes about each class."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from autoslot.codes.reason_code import Code
from autoslot.summary.model import AttrUse
from autoslot.util.pickling import pickled_by_fields

# A reason or a message names a place in the project's source with SITE, once
# for each of its `sites`, in order. The report writes each as `path:line`, the
# path as the user sees it from the working directory (report/sites.py): a
# decision never depends on where autoslot runs. NUL, because no Python source
# (and so no name or expression a message quotes) can hold one.
SITE = "\0"


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
class Site:
    """A line of a project file, by the path the project knows the file by."""

    path: str
    line: int


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Finding:
    """Something worth telling the user about a class, by code."""

    code: str
    line: int
    message: str
    # the file the line is in, as the project knows it, when it is not the
    # class's own (a store from another module); "" for the class's file
    path: str = ""
    # the places the message names (SITE)
    sites: tuple[Site, ...] = ()


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
    # the places the reason names (SITE)
    sites: tuple[Site, ...] = ()
    findings: tuple[Finding, ...] = ()
    # a mixin: empty slots, its attributes live in the concrete subclasses
    mixin: bool = False
    # the instance keeps a `__dict__` (left alone, or `"__dict__"` among the slots)
    keeps_dict: bool = False

    def left_alone_for(self, code: Code) -> bool:
        return self.action is Action.SKIP and self.code == code.code

    @property
    def adds_ivars(self) -> bool:
        """Whether the class adds slots to the instance layout (layout conflicts)."""
        if self.action is Action.SKIP:
            return False
        return any(s not in ("__dict__", "__weakref__") for s in self.slots)


def skip(
    code: Code, reason: str, *findings: Finding, sites: tuple[Site, ...] = ()
) -> Decision:
    return Decision(
        Action.SKIP,
        code=code.code,
        reason=reason,
        sites=sites,
        findings=findings,
        keeps_dict=True,
    )


def finding(
    code: Code, line: int, message: str, path: str = "", sites: tuple[Site, ...] = ()
) -> Finding:
    """A finding with a registered code (a Finding keeps only its name)."""
    return Finding(code.code, line, message, path, sites)


def use_place(use: AttrUse) -> tuple[str, tuple[Site, ...]]:
    """How a message names where an attribute use is: its method, or for a use
    from outside the class, its site (SITE, and the site)."""
    if use.path:
        return SITE, (Site(use.path, use.line),)
    return use.method, ()
