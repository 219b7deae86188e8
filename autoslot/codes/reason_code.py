"""The type of a reason code: what `autoslot explain` prints for it, whether
it makes `check` fail, and the example that triggers it.

Every code the product emits is one of these objects, defined once in the
registry (decide/registry.py gathers them); emitters pass the object, never a
spelling of its name, so a code cannot be emitted without being registered.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class Gate(Enum):
    """Whether a finding with the code makes `check` fail by itself (a class
    left alone or a slot to add fails it anyway)."""

    NEVER = "never"
    ALWAYS = "always"
    STRICT = "strict"  # only with --strict


@dataclass(frozen=True, slots=True)
class Code:
    code: str
    title: str
    explanation: str
    example: str
    what_to_do: str
    gate: Gate = Gate.NEVER
    # what `check` needs besides the example file to report the code
    example_flags: tuple[str, ...] = ()
    # other codes the example reports by necessity (a subclass of a class
    # left alone is AS102), by name: a registry entry cannot refer to a later one
    example_also: tuple[str, ...] = ()
    # why no one-file example run through `check` can report the code ("" if one can)
    no_example_because: str = ""

    def __str__(self) -> str:
        return self.code

    def fails_check(self, strict: bool) -> bool:
        return self.gate is Gate.ALWAYS or (strict and self.gate is Gate.STRICT)
