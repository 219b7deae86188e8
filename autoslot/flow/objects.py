"""The abstract objects of the analysis, interned as small integers.

Two kinds of value flow through the program, in two passes (see solve.py):

* data: instances and class objects of the project, instances of outside
  classes, caught exceptions, and the unknown object (id 0: whatever code
  autoslot cannot see may hand back, which may be anything that escaped);
* static values: functions, modules and outside names, which the program
  refers to by name; they are followed through assignments, imports and
  decorators, and become the unknown object when they are passed on as
  data (a callback, a function stored in an attribute).

An instance of a project class stands for every instance of exactly that
class.
"""

from __future__ import annotations

from collections.abc import Hashable
from enum import IntEnum
from typing import Any


class Kind(IntEnum):
    UNKNOWN = 0
    INSTANCE = 1  # payload: class number
    CLASS = 2  # payload: class number
    EXTERNAL_INSTANCE = 3  # an instance of an outside class; payload: dotted name
    EXCEPTION = 4  # a caught exception: never a slotted instance
    SUPER = 5  # super() in a method of the class; payload: class number
    # a function passed on as data (an argument, a stored attribute, a
    # method read as a value); payload: (function number, how it binds)
    FUNCTION = 6


class StaticKind(IntEnum):
    FUNCTION = 0  # payload: (function number, how it binds: see BINDS)
    MODULE = 1  # payload: module name
    EXTERNAL = 2  # an outside name; payload: dotted name
    ACCESSOR = 3  # `prop.setter`: payload function number of the property
    SAME = 4  # a decorator that gives back what it is applied to
    CLASS = 5  # a project class, for the functions its attributes name


# How a function is called (the second item of a FUNCTION's payload): a def
# (which binds its first parameter when found on a class through an
# instance), a staticmethod, a classmethod, a property accessor, a method
# already bound to its receiver, a function taken out of a container.
PLAIN, STATIC_METHOD, CLASS_METHOD, PROPERTY = "plain", "static", "class", "property"
BOUND, ELEMENT = "bound", "element"
# how each binds when read from a class attribute through an instance, and
# through the class itself ("" when the read gives no function: a property's
# getter runs instead)
THROUGH_INSTANCE = {
    PLAIN: BOUND,
    STATIC_METHOD: ELEMENT,
    CLASS_METHOD: BOUND,
    PROPERTY: "",
    BOUND: BOUND,
    ELEMENT: ELEMENT,
}
THROUGH_CLASS = {
    PLAIN: ELEMENT,
    STATIC_METHOD: ELEMENT,
    CLASS_METHOD: BOUND,
    PROPERTY: "",
    BOUND: BOUND,
    ELEMENT: ELEMENT,
}


def skipped(binds: str) -> int:
    """How many parameters a call of such a function fills without an argument."""
    return 1 if binds in (BOUND, CLASS_METHOD) else 0


UNKNOWN_OBJECT = 0


class Objects:
    """An object table: kind and payload of each object id."""

    __slots__ = ("_ids", "kinds", "payloads")

    def __init__(self, unknown: IntEnum | None = None) -> None:
        self.kinds: list[IntEnum] = []
        self.payloads: list[Any] = []
        self._ids: dict[tuple[IntEnum, Hashable], int] = {}
        if unknown is not None:
            self.get(unknown, None)

    def get(self, kind: IntEnum, payload: Hashable) -> int:
        key = (kind, payload)
        found = self._ids.get(key)
        if found is None:
            found = self._ids[key] = len(self.kinds)
            self.kinds.append(kind)
            self.payloads.append(payload)
        return found

    def find(self, kind: IntEnum, payload: Hashable) -> int | None:
        """The id of an object already made, without making it."""
        return self._ids.get((kind, payload))

    def __len__(self) -> int:
        return len(self.kinds)
