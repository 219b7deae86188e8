"""Layout facts of a live class object.

Self-contained on purpose: `external` uses it in this process for the
standard library, and `introspect` sends this module's source to the target
interpreter, where autoslot itself may not be installed.
"""

import enum
import sys
from typing import Any


def dotted_of(cls: type) -> str:
    return f"{cls.__module__}.{cls.__qualname__}"


def solid_base(cls: type) -> type:
    """CPython's solid_base(): the nearest class that added to the instance layout."""
    if cls is object:
        return object
    base = cls.__base__
    solid = solid_base(base) if base is not None else object
    if cls.__itemsize__ or solid.__itemsize__:
        extra = (
            cls.__basicsize__ != solid.__basicsize__
            or cls.__itemsize__ != solid.__itemsize__
        )
    else:
        size = cls.__basicsize__
        pointer = 8 if sys.maxsize > 2**32 else 4
        # a __weakref__ or __dict__ slot alone does not make a new layout
        if (
            cls.__weakrefoffset__
            and not solid.__weakrefoffset__
            and cls.__weakrefoffset__ + pointer == size
        ):
            size -= pointer
        if (
            cls.__dictoffset__ > 0
            and not solid.__dictoffset__
            and cls.__dictoffset__ + pointer == size
        ):
            size -= pointer
        extra = size != solid.__basicsize__
    return cls if extra else solid


def describe(cls: type) -> dict[str, Any]:
    """JSON-ready facts: dict, weakref, item size, slots, solid base, MRO, metaclass."""
    slots: list[str] = []
    for klass in cls.__mro__:
        declared = klass.__dict__.get("__slots__", ())
        slots.extend(
            [declared] if isinstance(declared, str) else [str(s) for s in declared]
        )
    meta = type(cls)
    kind = "plain"
    if isinstance(cls, enum.EnumMeta):
        kind = "enum"
    elif getattr(cls, "_is_protocol", False) and cls.__module__ in (
        "typing",
        "typing_extensions",
    ):
        kind = "protocol"
    return {
        "dotted": dotted_of(cls),
        "kind": kind,
        "has_dict": any("__dict__" in vars(k) for k in cls.__mro__)
        or cls.__dictoffset__ != 0,
        "has_weakref": cls.__weakrefoffset__ != 0,
        "itemsize": cls.__itemsize__,
        "slots": slots,
        "solid_base": dotted_of(solid_base(cls)),
        "mro": [dotted_of(k) for k in cls.__mro__],
        "metaclass": "abc.ABCMeta" if meta.__name__ == "ABCMeta" else dotted_of(meta),
        "attributes": sorted({name for k in cls.__mro__[:-1] for name in vars(k)}),
    }
