"""Which methods give back their own receiver: the syntax the value flow trusts,
and the look-alikes it must not."""

from __future__ import annotations

import textwrap

import pytest

from autoslot.summary.model import ModuleSummary
from autoslot.summary.module import summarise
from autoslot.summary.receiver_results import IDENTITY, SAME_CLASS

CASES = [
    ("def m(self):\n    self.x = 1\n    return self", IDENTITY),
    ("def m(self, flag):\n    if flag:\n        return self\n    return", IDENTITY),
    (
        "def m(self):\n    cpy = copy.copy(self)\n    cpy.y = 2\n    return cpy",
        SAME_CLASS,
    ),
    ("def m(self):\n    return copy.deepcopy(self)", SAME_CLASS),
    ("def m(self):\n    return type(self)(1)", SAME_CLASS),
    ("def m(self):\n    return self.__class__()", SAME_CLASS),
    ("def m(self):\n    ret: T = cast(T, self)\n    return ret", IDENTITY),
    # must not
    ("def m(self, other):\n    return other", ""),
    ("def m(self):\n    pass", ""),
    ("def m(self, other):\n    self = other\n    return self", ""),
    ("def m(self, x):\n    if x:\n        return self\n    return x", ""),
    ("def m(self):\n    a = self\n    a = Other()\n    return a", ""),
    ("def m(self, a=None):\n    a = self\n    return a", ""),
    ("def m(self):\n    yield self\n    return self", ""),
    (
        "def m(self):\n    a = self\n    def g():\n        nonlocal a\n"
        "        a = 1\n    g()\n    return a",
        "",
    ),
    ("def m(self):\n    import fakecopy as copy\n    return copy.copy(self)", ""),
    ("def m(self):\n    return copy.copy(self.child)", ""),
    ("def m(self):\n    return type(other)()", ""),
    ("def m(self):\n    return self.copy()", ""),
]


@pytest.mark.parametrize(("source", "expected"), CASES)
def test_receiver_result(source: str, expected: str) -> None:
    """As the summary of a module records it for the method, after its walk."""
    module = "class C:\n" + textwrap.indent(textwrap.dedent(source), "    ") + "\n"
    summary = summarise(module.encode(), "m.py")
    assert isinstance(summary, ModuleSummary)
    (method,) = (f for f in summary.flow.functions if f.qualname == "C.m")
    assert method.receiver_result == expected
