"""Codes no rule gives any more: each stays registered so that it keeps
its meaning (a configuration or a pragma may still name it) and is never
reused for another reason."""

from __future__ import annotations

from autoslot.codes.reason_code import Code

STORES_IN_NEW = Code(
    "AS115",
    "__new__ stores attributes on the object it creates",
    "Attributes set in `__new__` on the new object are easy to miss when a "
    "subclass overrides `__new__`; autoslot leaves such classes alone.",
    "class Token:\n    def __new__(cls):\n        obj = super().__new__(cls)\n"
    "        obj.id = 1\n        return obj",
    "Move the stores into `__init__`.",
    no_example_because="no longer emitted: the stores of `__new__` are found like any "
    "other, and the class is slotted; the code stays reserved",
)
