"""Likely typos in attribute names, per class (AS203 written, AS206 read).

A typo is a name that nothing else in the project uses and that is a near
miss (spelling.py) of a name the class does use:

* written, never read: `cam.exp_time = 0.5` beside `exposure_time`. Slots
  would enshrine it (the whole point of slotting is that this store raises),
  so a class whose new slots would include one is left alone (AS127, or an
  existing `__slots__` is not completed: typo_guard.py) until the user
  fixes or confirms it.
* read, never stored: `self.colour` when only `self.color` is stored. That
  read raises today; slots change nothing about it, so it is only reported.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from autoslot.codes.reason_code import Code, Gate
from autoslot.decide.context import ATTRIBUTE_HOOKS, IMPLICIT_CLASS_NAMES, Context
from autoslot.decide.model import (
    Finding,
    finding,
    use_place,
)
from autoslot.decide.project_names import ProjectNames, project_names, unmangled
from autoslot.decide.safety import COMPUTED_SETATTR, INSTANCE_DICT, blocker_code
from autoslot.decide.spelling import LEADING_UNDERSCORE, misspelling
from autoslot.index.project import ClassNode
from autoslot.summary.model import AttrUse
from autoslot.summary.names import mangle

WRITTEN_TYPO = Code(
    "AS203",
    "likely typo: an attribute written but never read",
    "An attribute is stored but nothing anywhere in the project reads it, and "
    "its name is a near miss of another attribute of the class: an "
    "abbreviation (`exp_time` beside `exposure_time`), one letter replaced, "
    "dropped, added or two swapped (`exposure_tmie`), the same name with other "
    "case or underscores (`exposureTime`). Slots exist to make that store "
    "raise, so autoslot never writes such a name into `__slots__`: a class "
    "that would get it is left alone (AS127) and an existing `__slots__` is not "
    "completed. `check` fails on it.",
    "class Camera:\n    def __init__(self):\n        self.exposure_time = 1\n"
    "    def describe(self):\n        return self.exposure_time\n"
    "cam = Camera()\ncam.exp_time = 0.5",
    "Correct the name (then `autoslot fix` slots the class). If it is spelled as "
    "meant, confirm it with `# autoslot: attr exp_time` on the line of the store "
    "or on the class line, or list it in `confirmed-attrs`.",
    gate=Gate.ALWAYS,
    example_also=("AS127",),  # the class the store would slot is left alone
)

READ_TYPO = Code(
    "AS206",
    "likely typo: an attribute read but never stored",
    "A method reads an attribute of the instance that nothing anywhere in the "
    "project stores or defines, and its name is a near miss of an attribute "
    "the class has (`self.colour` read, only `self.color` stored). That read "
    "raises AttributeError today; slots change nothing about it, so the class "
    "is slotted as usual, and `check` fails on the finding.",
    "class Pen:\n    def __init__(self):\n        self.color = 'red'\n"
    "    def describe(self):\n        return self.colour",
    "Correct the name, or confirm it with `# autoslot: attr colour` (on the "
    "line of the read or the class line) or `confirmed-attrs`.",
    gate=Gate.ALWAYS,
)

# binding kinds that hold data on the instance or for it (a store may mean one)
DATA_KINDS = frozenset(
    {
        "value",
        "annotation",
        "classvar",
        "property",
        "property_setter",
        "cached_property",
    }
)


@dataclass(frozen=True, slots=True)
class Suspect:
    kind: Literal["write", "read"]
    use: AttrUse
    spelled: str  # the suspect name as written
    target: str  # the name it likely misspells, as written
    why: str  # the kind of slip (spelling.py)

    def finding(self, node: ClassNode) -> Finding:
        use = self.use
        elsewhere = bool(use.path) and use.path != node.id.path
        # the finding's own line shows where; the method says which, in the class
        method, sites = use_place(use)
        if not method or elsewhere:
            method, sites = "", ()
        where = f" (in {method})" if method else ""
        if self.kind == "write":
            code, what = WRITTEN_TYPO, f"is written{where} but never read anywhere"
        else:
            code, what = READ_TYPO, f"is read{where} but nothing stores it"
        return finding(
            code,
            use.line,
            f"{self.spelled!r} {what}: a misspelling of {self.target!r} ({self.why})?",
            use.path if elsewhere else "",
            sites,
        )


def names_of(ctx: Context) -> ProjectNames:
    """The project's attribute names, gathered on first use (once per run)."""
    found = ctx.facts.names
    if found is None:
        found = project_names(ctx.index.summaries, ctx.settings.confirmed_attrs)
        ctx.facts.names = found
    return found


@dataclass(frozen=True, slots=True)
class Known:
    """An attribute the class has: its first store among the class's own, and
    where that is in their order (-1 and None for the others)."""

    position: int = -1
    first: AttrUse | None = None


OTHER = Known()


def _data_names(ctx: Context, node: ClassNode) -> dict[str, Known]:
    """Attribute names of the class's instances, own and inherited. A private
    slot of a library base (`_hash` of `pathlib.PurePath`) is not among them:
    it is nobody's name to misspell in the project."""
    names: dict[str, Known] = {}
    for position, use in enumerate(ctx.required_names(node)):
        names.setdefault(use.name, Known(position, use))
    for klass in ctx.index.hierarchy(node):
        summary = klass.summary
        if klass is not node:
            for use in ctx.required_names(klass):
                names.setdefault(use.name, OTHER)
        for binding in summary.body:
            if binding.kind in DATA_KINDS:
                names.setdefault(binding.name, OTHER)
        if summary.slots is not None:
            for declared in summary.slots.names:
                names.setdefault(declared, OTHER)
    library = {
        mangle(s, e.dotted.rsplit(".", 1)[-1])
        for e in ctx.external_ancestors(node)
        for s in e.slots
    }
    for name in ctx.inherited_slots(node):
        if not (name.startswith("_") and name in library):
            names.setdefault(name, OTHER)
    for name in ("__weakref__", "__dict__"):
        names.pop(name, None)
    return names


def _alias(use: AttrUse, other: Known) -> bool:
    """`self.target = self._target = target`: two names for one value, on
    purpose, in one statement."""
    first = other.first
    return first is not None and (first.path, first.line) == (use.path, use.line)


def write_suspects(
    ctx: Context, node: ClassNode, uses: Iterable[AttrUse]
) -> list[Suspect]:
    """The stores among `uses` whose names look like typos."""
    names = names_of(ctx)
    class_name = node.summary.name
    known = _data_names(ctx, node)
    found: list[Suspect] = []
    for use in uses:
        # a store whose receiver the flow could not narrow to this class's
        # hierarchy says little about this class's names
        if use.method == "<class body>" or use.shared or _special(use.name):
            continue
        if names.is_read(use.name, class_name) or names.confirmed(node, use):
            continue
        # a store to a name the class body binds goes through it (a property's
        # setter) or clashes with it (AS101): not a new attribute either way
        bound = ctx.binding_in_hierarchy(node, use.name)
        if bound is not None and bound[1].kind != "annotation":
            continue
        spelled = unmangled(use.name, class_name)
        position = known.get(use.name, OTHER).position
        for other, info in sorted(known.items()):
            if other == use.name or _alias(use, info):
                continue
            target = unmangled(other, class_name)
            why = misspelling(spelled, target)
            if why is None:
                continue
            # both unread: the later store is the odd one out
            if not names.is_read(other, class_name) and 0 <= position < info.position:
                continue
            found.append(Suspect("write", use, spelled, target, why))
            break
    return found


def read_suspects(ctx: Context, node: ClassNode) -> list[Suspect]:
    """Reads on the instance of names nothing anywhere stores or binds."""
    if not node.summary.first_reads or not _attributes_are_known(ctx, node):
        return []
    names = names_of(ctx)
    class_name = node.summary.name
    known = _data_names(ctx, node)
    for klass in ctx.index.hierarchy(node):
        known.update(dict.fromkeys(ctx.index.own_bindings(klass.id), OTHER))
    external: set[str] = set()
    for entry in ctx.external_ancestors(node):
        external.update(entry.attributes)
    found: list[Suspect] = []
    for use in node.summary.first_reads:
        if _special(use.name) or use.name in known or use.name in external:
            continue
        if names.is_stored(use.name, class_name) or names.confirmed(node, use):
            continue
        spelled = unmangled(use.name, class_name)
        for other in sorted(known):
            target = unmangled(other, class_name)
            why = misspelling(spelled, target)
            # `def run(self): return self._run()`: a public method over a
            # private one that a subclass or an extension module provides
            if why is not None and why != LEADING_UNDERSCORE:
                found.append(Suspect("read", use, spelled, target, why))
                break
    return found


def _special(name: str) -> bool:
    return name in IMPLICIT_CLASS_NAMES or (
        name.startswith("__") and name.endswith("__")
    )


def _attributes_are_known(ctx: Context, node: ClassNode) -> bool:
    """Whether every attribute instances can have is in the source: the MRO
    is known, no class answers arbitrary names, none is set by computed name."""
    if node.mro is None:
        return False
    for entry in ctx.external_ancestors(node):
        # a C base lists `__getattribute__` whenever it has a `__dict__`
        # (BaseException): only `__getattr__` says it answers any name
        if not entry.known or "__getattr__" in entry.attributes:
            return False
    # the class answers any attribute name, or sets attributes by computed names
    for klass in ctx.index.hierarchy(node):
        if not ctx.index.own_bindings(klass.id).keys().isdisjoint(ATTRIBUTE_HOOKS):
            return False
        if any(
            blocker_code(b) in (COMPUTED_SETATTR, INSTANCE_DICT)
            for b in klass.summary.blockers
        ):
            return False
        blocked = ctx.facts.blocked.get(klass.id)
        if blocked is not None and blocked.code in (
            COMPUTED_SETATTR.code,
            INSTANCE_DICT.code,
        ):
            return False
    return True
