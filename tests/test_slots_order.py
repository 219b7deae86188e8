"""slots-order = "sorted": new names go to their sorted places in a sorted
`__slots__`, after the others in an unsorted one (the user's order stays)."""

from __future__ import annotations

from pathlib import Path

import pytest

from autoslot.config.slots_order import insertion_points, is_sorted, ordered
from tests.helpers import autoslot, project


def test_insertion_points_keep_a_sorted_list_sorted() -> None:
    assert insertion_points(["b", "d"], ["e", "a", "c"], "sorted") == [
        (0, "a"),
        (1, "c"),
        (2, "e"),
    ]
    assert insertion_points(["d", "b"], ["a"], "sorted") == [(2, "a")]
    assert insertion_points(["b", "d"], ["a"], "source") == [(2, "a")]
    assert ordered(["x10", "x2", "X", "_x"], "sorted") == ("X", "_x", "x2", "x10")
    assert is_sorted(["x01", "x1", "x2"])


CLASSES = """\
class Sorted:
    __slots__ = ("b", "d")

    def __init__(self):
        self.a = self.b = self.c = self.d = 0


class Unsorted:
    __slots__ = (
        "d",  # first
        "b",
    )

    def __init__(self):
        self.a = self.b = self.d = 0
"""


@pytest.mark.parametrize(
    ("order", "first", "second"),
    [
        ("sorted", '("a", "b", "c", "d")', '"d",  # first\n        "b",\n        "a",'),
        ("source", '("b", "d", "a", "c")', '"d",  # first\n        "b",\n        "a",'),
    ],
)
def test_extending_an_existing_literal(
    tmp_path: Path, order: str, first: str, second: str
) -> None:
    project(tmp_path, {"mod.py": CLASSES}, f'slots-order = "{order}"\n')
    ran = autoslot("fix", "--no-import-check", str(tmp_path))
    assert ran.code == 0, ran.stderr
    text = (tmp_path / "mod.py").read_text()
    assert f"__slots__ = {first}\n" in text
    assert second in text
