"""The structural half of the rewrite's safety check (rewrite/equivalence.py)."""

from __future__ import annotations

import ast

import pytest

from autoslot.rewrite.equivalence import same_meaning


def first_class(source: str) -> ast.AST:
    return ast.parse(source).body[0]


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("class A:\n    pass\n", "class A:\n    __slots__ = ('x',)\n"),
        ("class A:\n    ...\n", "class A:\n    __slots__: tuple = ()\n"),
        (
            "@dataclass\nclass A:\n    x: int\n",
            "@dataclass(slots=True, weakref_slot=True)\nclass A:\n    x: int\n",
        ),
        (
            "@dataclass(order=True)\nclass A:\n    x: int\n",
            "@dataclass(order=True, slots=True)\nclass A:\n    x: int\n",
        ),
        (
            "class A:\n    class B:\n        pass\n",
            "class A:\n    class B:\n        __slots__ = ()\n",
        ),
        ("class A:\n  x = 1\n", "class A:\n    x = (1)  # same tree\n"),
    ],
)
def test_slots_edits_do_not_count(old: str, new: str) -> None:
    assert same_meaning(first_class(old), first_class(new))


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("class A:\n    x = 1\n", "class A:\n    x = 2\n"),
        ("class A:\n    x = 1\n", "class A:\n    x = 1.0\n"),
        ("class A:\n    x = 0.0\n", "class A:\n    x = -0.0\n"),
        ("class A:\n    x = 1\n", "class A:\n    x = True\n"),
        (
            "class A:\n    def f(self): return self.a\n",
            "class A:\n    def f(self): return self.b\n",
        ),
        (
            "@dataclass(order=True)\nclass A:\n    x: int\n",
            "@dataclass\nclass A:\n    x: int\n",
        ),
        ("class A(B):\n    pass\n", "class A(C):\n    pass\n"),
        ("class A:\n    x = 1\n    y = 2\n", "class A:\n    x = 1\n"),
    ],
)
def test_other_changes_count(old: str, new: str) -> None:
    assert not same_meaning(first_class(old), first_class(new))


def test_trees_are_left_as_they_were() -> None:
    old = first_class("@dataclass(slots=True)\nclass A:\n    __slots__ = ()\n")
    before = ast.dump(old)
    same_meaning(old, first_class("@dataclass\nclass A:\n    pass\n"))
    assert ast.dump(old) == before
