"""Which classes of an autoslot JSON report are test code.

autoslot analyses tests but should never slot them, so the benches count the
slotted classes outside test code separately. A class is test code when its
file is a test file (`test_*.py`, `*_test.py`, `conftest.py`, or anything
under a `tests`/`test`/`testing` directory) or when it subclasses
`unittest.TestCase`. The JSON report names each class's file and line but not
its bases, so the TestCase rule reads the class statement from the source.
Stdlib only.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Mapping
from functools import cache
from pathlib import Path, PurePath
from typing import Any

TEST_DIRECTORIES = frozenset({"tests", "test", "testing"})
# the stdlib's TestCase family; a class deriving from any of these, or from
# a class of the same module that does, is a test class
TESTCASE_NAMES = frozenset(
    {"TestCase", "IsolatedAsyncioTestCase", "FunctionTestCase", "AsyncTestCase"}
)
CHANGED = frozenset({"slot", "extend", "dataclass", "attrs"})


def is_test_path(path: PurePath) -> bool:
    name = path.name
    if name == "conftest.py" or name.endswith("_test.py"):
        return True
    if name.startswith("test_") and name.endswith(".py"):
        return True
    return any(part in TEST_DIRECTORIES for part in path.parts[:-1])


def _base_name(node: ast.expr) -> str:
    # `unittest.TestCase` and `TestCase` both end in the name that matters
    if isinstance(node, ast.Attribute):
        return node.attr
    if isinstance(node, ast.Name):
        return node.id
    return ""


@cache
def _testcases(path: Path) -> tuple[frozenset[int], frozenset[str], frozenset[int]]:
    """Lines and names of the classes in `path` deriving from a TestCase, and
    the lines of every class statement."""
    try:
        tree = ast.parse(path.read_bytes())
    except (OSError, SyntaxError, ValueError):
        return frozenset(), frozenset(), frozenset()
    classes = [n for n in ast.walk(tree) if isinstance(n, ast.ClassDef)]
    known = set(TESTCASE_NAMES)
    found: dict[int, str] = {}
    # a fixed point: a base defined further down the module still counts
    changed = True
    while changed:
        changed = False
        for node in classes:
            if node.lineno in found:
                continue
            if any(_base_name(base) in known for base in node.bases):
                found[node.lineno] = node.name
                known.add(node.name)
                changed = True
    every = frozenset(n.lineno for n in classes)
    return frozenset(found), frozenset(found.values()), every


def is_test_class(entry: Mapping[str, Any], root: Path) -> bool:
    file = PurePath(entry["file"])
    path = Path(file if file.is_absolute() else root / file)
    relative = path.relative_to(root) if path.is_relative_to(root) else file
    if is_test_path(relative):
        return True
    lines, names, every = _testcases(path)
    line = int(entry.get("line") or 0)
    if line in every:
        return line in lines
    # the report's line is not a class statement's (a decorator's, say):
    # fall back on the name
    return str(entry.get("class", "")) in names


def slotted_counts(classes: Iterable[Mapping[str, Any]], root: Path) -> dict[str, int]:
    """Slotted classes in all, and those of them outside test code."""
    slotted = [c for c in classes if c["action"] in CHANGED]
    outside = [c for c in slotted if not is_test_class(c, root)]
    return {"slotted": len(slotted), "slotted_outside_tests": len(outside)}
