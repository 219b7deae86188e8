"""AS124: test classes are analysed but never slotted.

Slotting a test class saves nothing (a handful of instances per run), and
test runners set attributes on test instances and classes (pytest's
fixtures, `unittest`'s `_outcome`). A class is test code when its module
is a test module (`test_*.py`, `*_test.py`, `conftest.py`, anything in a
`test`, `tests` or `testing` package or directory) or it derives from
`unittest.TestCase`.
"""

from __future__ import annotations

from autoslot.codes.reason_code import Code
from autoslot.decide.context import Context
from autoslot.decide.flavour import Flavour
from autoslot.decide.model import Decision, skip
from autoslot.decide.rule import Phase, Rule
from autoslot.index.external import ExternalClass
from autoslot.index.project import ClassNode
from autoslot.util.paths import is_test_module

TEST_CODE = Code(
    "AS124",
    "test code is never slotted",
    "The class is defined in a test file (`test_*.py`, `*_test.py`, "
    "`conftest.py`, a `tests`/`test` directory) or derives from "
    "`unittest.TestCase`. Its code is analysed like any other, but slotting it "
    "saves nothing and test runners set attributes on such classes.",
    "import unittest\n\nclass TestParser(unittest.TestCase):\n    def setUp(self):\n"
    "        self.parser = Parser()",
    "Nothing.",
)

TEST_CASES = frozenset({"unittest.TestCase", "unittest.case.TestCase"})


def test_code(ctx: Context, node: ClassNode, how: Flavour) -> Decision | None:
    if is_test_module(node.module, node.id.path):
        return skip(TEST_CODE, "it is defined in a test module")
    for entry in ctx.ancestors(node):
        dotted = (
            entry.dotted
            if isinstance(entry, ExternalClass)
            else f"{ctx.node(entry).module}.{entry.qualname}"
        )
        if dotted in TEST_CASES:
            return skip(TEST_CODE, "it derives from unittest.TestCase")
    return None


RULES: tuple[Rule, ...] = (Rule(Phase.HEADER, test_code, (TEST_CODE,)),)
