"""The rewrite's safety check (rewrite/check.py) catches a rewrite that
changes what a class means, statement texts compared first, meanings where
the texts differ. The rewriter's output is altered to see it do so."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from autoslot.rewrite import apply
from autoslot.rewrite.apply import RewriteFailure, Rewritten, rewrite_source
from autoslot.rewrite.chunks import Chunk
from autoslot.rewrite.edits import ClassEdit

SOURCE = b'''\
import os


class A:
    """Doc."""

    x = 1

    @staticmethod
    def f():
        return os.sep

    class B:
        y = 2


z = 3
'''


def _altered(
    monkeypatch: pytest.MonkeyPatch, change: Callable[[str], str]
) -> Rewritten | RewriteFailure:
    real = apply.class_lines

    def altered(chunk: Chunk, rendered: str) -> list[str] | None:
        return real(chunk, change(rendered))

    monkeypatch.setattr(apply, "class_lines", altered)
    return rewrite_source(SOURCE, [ClassEdit("A", 0, "insert", names=("x",))], 88, '"')


@pytest.mark.parametrize(
    "change",
    [
        lambda text: text,
        lambda text: text.replace("x = 1", "x = (1)"),
        lambda text: text.replace("y = 2", "y = 2  # two"),
        lambda text: text.replace("        y = 2", "        pass\n        y = 2"),
    ],
    ids=["as rendered", "same tree", "comment", "placeholder"],
)
def test_a_rewrite_that_keeps_the_meaning_passes(
    monkeypatch: pytest.MonkeyPatch, change: Callable[[str], str]
) -> None:
    assert isinstance(_altered(monkeypatch, change), Rewritten)


@pytest.mark.parametrize(
    "change",
    [
        lambda text: text.replace("x = 1", "x = 2"),
        lambda text: text.replace("os.sep", "os.pathsep"),
        lambda text: text.replace("y = 2", "y = 3"),
        lambda text: text.replace("@staticmethod", "@classmethod"),
        lambda text: text.replace("class A:", "class A(object):"),
        lambda text: text.replace('"""Doc."""\n', '"""Doc."""\n    w = 0\n'),
        lambda text: text.replace('    """Doc."""\n', ""),
    ],
    ids=["value", "method", "nested", "decorator", "bases", "added", "docstring"],
)
def test_a_rewrite_that_changes_the_meaning_fails(
    monkeypatch: pytest.MonkeyPatch, change: Callable[[str], str]
) -> None:
    failure = _altered(monkeypatch, change)
    assert isinstance(failure, RewriteFailure)
    assert "changed the meaning of class A" in failure.message
