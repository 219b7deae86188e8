"""What classes outside the project provide: `__dict__`, `__weakref__`, layout.

Standard-library classes are inspected in this process (importing the
standard library is safe; the user's code is never imported to decide).
A few kinds need more than layout facts (enums, named tuples, typed dicts,
protocols) and framework base classes are recognised by name. Anything else
from outside the project is unknown unless `--introspect` asked for a look
in a subprocess (see `introspect`).
"""

from __future__ import annotations

import builtins
import importlib
import importlib.util
import sys
from dataclasses import dataclass
from functools import cache
from typing import Any, Literal

from autoslot.index.classfacts import describe

ExternalKind = Literal[
    "plain",
    "enum",
    "namedtuple",  # a class made by collections.namedtuple / NamedTuple("P", ...)
    "typing_namedtuple",  # class P(typing.NamedTuple): a body autoslot never edits
    "typeddict",
    "protocol",
    "framework",
]

# Standard-library modules whose import has side effects beyond defining things.
NEVER_IMPORT = frozenset(
    {"antigravity", "this", "__main__", "idlelib", "turtledemo", "tkinter", "turtle"}
)

# Frameworks whose models manage their own attributes; recognised by name, never imported.
FRAMEWORK_BASES = {
    "pydantic.BaseModel": "a pydantic model",
    "pydantic.main.BaseModel": "a pydantic model",
    "pydantic.v1.BaseModel": "a pydantic model",
    "django.db.models.Model": "a Django model",
    "django.db.models.base.Model": "a Django model",
    "sqlalchemy.orm.DeclarativeBase": "a SQLAlchemy model",
    "sqlalchemy.orm.DeclarativeBaseNoMeta": "a SQLAlchemy model",
    "sqlalchemy.orm.decl_api.DeclarativeBase": "a SQLAlchemy model",
    "msgspec.Struct": "a msgspec struct",
    "marshmallow.Schema": "a marshmallow schema",
}
SPECIAL_NAMES: dict[str, ExternalKind] = {
    "typing.NamedTuple": "typing_namedtuple",
    "typing_extensions.NamedTuple": "typing_namedtuple",
    "typing.TypedDict": "typeddict",
    "typing_extensions.TypedDict": "typeddict",
    "mypy_extensions.TypedDict": "typeddict",
    "typing.Protocol": "protocol",
    "typing_extensions.Protocol": "protocol",
}
NAMEDTUPLE_FACTORIES = frozenset(
    {"collections.namedtuple", "typing.NamedTuple", "typing_extensions.NamedTuple"}
)
# Metaclasses that leave slots alone.
PLAIN_METACLASSES = frozenset({"builtins.type", "abc.ABCMeta"})


@dataclass(frozen=True, slots=True)
class ExternalClass:
    """Facts about a class defined outside the project."""

    dotted: str
    known: bool
    kind: ExternalKind = "plain"
    has_dict: bool = False
    has_weakref: bool = False
    # non-zero for variable-size types (int, bytes, tuple): nonempty slots fail
    itemsize: int = 0
    slots: tuple[str, ...] = ()
    # the class whose instance layout this one shares, for layout conflicts
    solid_base: str = "builtins.object"
    mro: tuple[str, ...] = ()
    metaclass: str = "builtins.type"
    # attribute names the class defines (a slot of the same name would shadow them)
    attributes: frozenset[str] = frozenset()
    why_unknown: str = ""

    @property
    def slot_friendly(self) -> bool:
        """Instances carry no `__dict__`, so a subclass's slots save memory."""
        return self.known and not self.has_dict and self.metaclass in PLAIN_METACLASSES


# Outside classes whose subclasses must keep their __dict__ although the base
# has none (by any name in the MRO), with what slots would break
NEEDS_DICT = {
    "_thread._local": "threading.local keeps one __dict__ per thread; a slot "
    "would be shared by every thread",
    "_threading_local.local": "threading.local keeps one __dict__ per thread; a "
    "slot would be shared by every thread",
    "array.array": "array.array pickles its subclasses' attributes through "
    "__dict__ only",
    "builtins.property": "property subclasses store __doc__ on the instance",
}


def needs_dict(facts: ExternalClass) -> str:
    """Why the class's subclasses need a __dict__, or ""."""
    for name in (facts.dotted, *facts.mro):
        if name in NEEDS_DICT:
            return NEEDS_DICT[name]
    return ""


def unknown(dotted: str, why: str) -> ExternalClass:
    return ExternalClass(dotted, known=False, why_unknown=why)


def from_facts(facts: dict[str, Any]) -> ExternalClass:
    """An ExternalClass from the JSON-ready facts of `classfacts.describe`."""
    return ExternalClass(
        dotted=facts["dotted"],
        known=True,
        kind=facts.get("kind", "plain"),
        has_dict=facts["has_dict"],
        has_weakref=facts["has_weakref"],
        itemsize=facts["itemsize"],
        slots=tuple(facts["slots"]),
        solid_base=facts["solid_base"],
        mro=tuple(facts["mro"]),
        metaclass=facts["metaclass"],
        attributes=frozenset(facts["attributes"]),
    )


def describe_class(cls: type) -> ExternalClass:
    """Read the layout facts of a live class object."""
    return from_facts(describe(cls))


@cache
def external_class(dotted: str) -> ExternalClass:
    """Facts for a dotted name outside the project (`collections.abc.Mapping`)."""
    if dotted in FRAMEWORK_BASES:
        return ExternalClass(
            dotted,
            known=True,
            kind="framework",
            has_dict=True,
            why_unknown=FRAMEWORK_BASES[dotted],
        )
    if dotted in SPECIAL_NAMES:
        return ExternalClass(dotted, known=True, kind=SPECIAL_NAMES[dotted])
    top = dotted.split(".", maxsplit=1)[0]
    if top != "builtins" and top not in sys.stdlib_module_names:
        return unknown(
            dotted, "a class from outside the project that autoslot cannot inspect"
        )
    if top in NEVER_IMPORT:
        return unknown(dotted, f"autoslot does not import {top}")
    found = _import_dotted(dotted)
    if not isinstance(found, type) and top in ("typing", "typing_extensions"):
        # typing.MutableMapping, typing.List: aliases whose class is their origin
        found = getattr(found, "__origin__", found)
    if not isinstance(found, type):
        return unknown(dotted, "not a class")
    facts = describe_class(found)
    canonical = facts.dotted
    if canonical in SPECIAL_NAMES:
        return ExternalClass(dotted, known=True, kind=SPECIAL_NAMES[canonical])
    return facts


@cache
def is_stdlib_module(dotted: str) -> bool:
    """Whether a dotted name is a standard-library module (`urllib.request`):
    what it denotes is that module, never an instance."""
    top = dotted.split(".", maxsplit=1)[0]
    if top not in sys.stdlib_module_names or top in NEVER_IMPORT:
        return False
    try:
        return importlib.util.find_spec(dotted) is not None
    except Exception:  # finding a submodule imports its parents, which may fail
        return False


def _import_dotted(dotted: str) -> object:
    parts = dotted.split(".")
    for split in range(len(parts) - 1, 0, -1):
        module_name = ".".join(parts[:split])
        try:
            module = (
                builtins
                if module_name == "builtins"
                else importlib.import_module(module_name)
            )
        except Exception:
            continue
        found: object = module
        try:
            for attribute in parts[split:]:
                found = getattr(found, attribute)
        except AttributeError:
            return None
        return found
    return None


@cache
def stdlib_module_exports(module: str, name: str) -> bool:
    """Whether `from module import *` of a standard-library module binds `name`."""
    top = module.split(".", maxsplit=1)[0]
    if top not in sys.stdlib_module_names or top in NEVER_IMPORT:
        return False
    try:
        imported = importlib.import_module(module)
    except Exception:
        return False
    exported = getattr(imported, "__all__", None)
    if exported is not None:
        return name in exported
    return not name.startswith("_") and hasattr(imported, name)
