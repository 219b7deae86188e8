"""Findings in classes that already have slots (AS2xx); the likely typos,
reported whatever the class's decision, are here too."""

from __future__ import annotations

from autoslot.codes.reason_code import Code, Gate

MISSING_SLOT = Code(
    "AS201",
    "a stored attribute is missing from __slots__",
    "The class has `__slots__`, but a method stores a name that is not among "
    "them: that store raises AttributeError today. `fix` adds the name.",
    "class P:\n    __slots__ = ('x',)\n    def __init__(self):\n"
    "        self.x = self.y = 0",
    "Let `autoslot fix` add it.",
)

REPEATED_SLOT = Code(
    "AS202",
    "a slot repeats one of a base",
    "A base already provides this slot; repeating it wastes 8 bytes per instance "
    "and hides the base's descriptor. `fix` removes it.",
    "class A:\n    __slots__ = ('x',)\n    def __init__(self):\n        self.x = 0\n"
    "class B(A):\n    __slots__ = ('x', 'y')\n    def __init__(self):\n"
    "        super().__init__()\n        self.y = 1",
    "Let `autoslot fix` remove it.",
)

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

UNUSED_SLOT = Code(
    "AS204",
    "a declared slot is never stored",
    "A name in `__slots__` is never assigned anywhere in the project. Reported, "
    "never fixed; `check --strict` fails on it.",
    "class P:\n    __slots__ = ('x', 'unused')\n    def __init__(self):\n"
    "        self.x = 0",
    "Remove the slot if it is really unused.",
    gate=Gate.STRICT,
)

COMPUTED_SLOTS = Code(
    "AS205",
    "__slots__ is not a literal",
    "The class computes its `__slots__` (or assigns it more than once), so "
    "autoslot cannot read or extend it.",
    "class P:\n    __slots__ = tuple(FIELDS)",
    "Nothing; autoslot leaves such classes alone.",
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
