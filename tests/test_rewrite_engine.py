"""The rewriter's cost grows with the file, not with the square of its
classes: one libcst parse per file, located classes that carry only what
places them, and no second rewrite of a file already rewritten. Counted,
never timed (bench/many_classes.py times it)."""

from __future__ import annotations

import ast
import io
from pathlib import Path

import libcst
import pytest

from autoslot.rewrite.apply import Rewritten, rewrite_source
from autoslot.rewrite.edits import ClassEdit
from autoslot.rewrite.literals import flat_slots_statement, slots_statement_code
from autoslot.rewrite.locate import outermost_edited
from tests.helpers import autoslot, project

CLASSES = 60


def _module(count: int = CLASSES) -> bytes:
    return "".join(
        f"class C{i}:\n    def __init__(self):\n        self.x{i} = {i}\n"
        "\n    def get(self):\n        return 1\n\n\n"
        for i in range(count)
    ).encode()


def _edits(count: int = CLASSES) -> list[ClassEdit]:
    return [ClassEdit(f"C{i}", 0, "insert", names=(f"x{i}",)) for i in range(count)]


def test_a_file_is_parsed_once_by_libcst(monkeypatch: pytest.MonkeyPatch) -> None:
    parses: list[int] = []
    real = libcst.parse_module

    def counted(source, *args, **kwargs):  # type: ignore[no-untyped-def]
        parses.append(1)
        return real(source, *args, **kwargs)

    monkeypatch.setattr(libcst, "parse_module", counted)
    rewritten = rewrite_source(_module(), _edits(), 88, '"')
    assert isinstance(rewritten, Rewritten)
    assert len(rewritten.applied) == CLASSES
    assert len(parses) == 1


def test_located_classes_carry_no_counts_of_the_classes_before_them() -> None:
    source = _module()
    lines = io.StringIO(source.decode(), newline="").readlines()
    keys = {(f"C{i}", 0) for i in range(CLASSES)}
    located = list(outermost_edited(ast.parse(source), keys, lines))
    assert len(located) == CLASSES
    # each needs the counts of its own name and its nested classes' only
    assert sum(len(c.occurrence_base) for c in located) == 0


def test_repeated_names_are_still_told_apart() -> None:
    source = b"class A:\n    pass\n\n\nclass A:\n    def f(self):\n        self.x = 1\n"
    lines = io.StringIO(source.decode(), newline="").readlines()
    (located,) = outermost_edited(ast.parse(source), {("A", 1)}, lines)
    assert located.occurrence_base == {"A": 1}
    rewritten = rewrite_source(source, [ClassEdit("A", 1, "insert", ("x",))], 88, '"')
    assert isinstance(rewritten, Rewritten)
    assert rewritten.source.count(b"__slots__") == 1
    assert rewritten.source.index(b"__slots__") > rewritten.source.rindex(b"class A:")


def test_fix_rewrites_each_file_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from autoslot.fix.verify import space
    from autoslot.rewrite import batch

    calls: list[int] = []

    def counting(real):  # type: ignore[no-untyped-def]
        def rewrite(*args, **kwargs):  # type: ignore[no-untyped-def]
            calls.append(1)
            return real(*args, **kwargs)

        return rewrite

    monkeypatch.setattr(batch, "rewrite_source", counting(batch.rewrite_source))
    monkeypatch.setattr(space, "rewrite_source", counting(space.rewrite_source))
    root = project(tmp_path, {"many.py": _module().decode()})
    done = autoslot("fix", "--no-import-check", "--no-cache", str(root))
    assert done.code == 0, done.stderr
    assert len(calls) == 1


@pytest.mark.parametrize("names", [(), ("a",), ("a", "b"), ("a", "b", "__weakref__")])
@pytest.mark.parametrize("quote", ['"', "'"])
def test_a_one_line_slots_statement_is_built_as_the_parser_makes_it(
    names: tuple[str, ...], quote: str
) -> None:
    code = slots_statement_code(names, quote, "    ", "    ", 88)
    assert "\n" not in code
    parsed = libcst.parse_statement(code + "\n")
    assert flat_slots_statement(names, quote).deep_equals(parsed)
