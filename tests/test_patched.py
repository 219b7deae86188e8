"""The last run's result patched for edits that changed no summary
(pipeline/patched.py): the same answer as a cold run, without the analysis."""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path
from typing import Any

import pytest

from autoslot.pipeline import analysis
from autoslot.summary.model import ModuleSummary
from autoslot.summary.module import summarise
from tests.fixture_harness import _write, load_cases
from tests.helpers import Ran, autoslot


@pytest.fixture
def analyses(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many runs analysed the project rather than patching a result."""
    counted: list[int] = []
    real = analysis.analyse_files

    def counting(*args: Any) -> analysis.Analysis:
        counted.append(1)
        return real(*args)

    monkeypatch.setattr(analysis, "analyse_files", counting)
    return counted


def comment(path: Path, text: str) -> None:
    with path.open("ab") as handle:
        handle.write(f"\n# {text}\n".encode())


def outputs(root: Path, *flags: str) -> list[Ran]:
    """What a user sees of a check and of a check --diff, as they are run."""
    return [
        autoslot("check", "--output-format", "json", *flags, str(root)),
        autoslot("check", "--diff", *flags, str(root)),
    ]


def test_a_comment_edit_patches_the_last_result(
    shapes: Path, analyses: list[int]
) -> None:
    outputs(shapes)
    assert analyses == [1, 1]
    edited = shapes / "pkg" / "shapes.py"
    source = edited.read_text()
    for edit in range(3):  # a patched result is not stored: each patches the first
        edited.write_text(source.replace("class Point:", f"class Point:  # {edit}"))
        warm = outputs(shapes)
        assert len(analyses) == 2 + 2 * edit, "the edit changed no summary"
        assert warm == outputs(shapes, "--no-cache")
        # the rewrite is of the new text
        assert f" class Point:  # {edit}\n+    __slots__" in warm[1].stdout


def test_an_edit_that_changes_a_summary_is_analysed(
    shapes: Path, analyses: list[int]
) -> None:
    outputs(shapes)
    use = shapes / "pkg" / "use.py"
    use.write_text(
        use.read_text() + "\n\ndef tagged():\n    p = origin()\n    p.label = 1\n"
    )
    warm = outputs(shapes)
    assert analyses == [1, 1, 1, 1]
    assert '"label"' in warm[1].stdout
    assert warm == outputs(shapes, "--no-cache")


def test_an_edit_that_breaks_the_file_is_analysed(
    shapes: Path, analyses: list[int]
) -> None:
    outputs(shapes)
    edited = shapes / "pkg" / "shapes.py"
    edited.write_text(edited.read_text() + "\ndef broken(:\n")
    warm = outputs(shapes)
    assert analyses == [1, 1, 1, 1]
    assert "shapes.py:6" in warm[0].stdout + warm[0].stderr
    assert warm == outputs(shapes, "--no-cache")


def test_a_patched_run_leaves_the_facts_for_a_full_run(
    shapes: Path, flows: list[int], analyses: list[int]
) -> None:
    autoslot("check", str(shapes))
    edited = shapes / "pkg" / "shapes.py"
    comment(edited, "edited")
    autoslot("check", str(shapes))
    assert analyses == [1]
    # another kind of run has no result to patch: it analyses, and the
    # summary the patch compared with still stands for the facts
    autoslot("check", "--diff", str(shapes))
    assert analyses == [1, 1]
    assert flows == [1]


def test_other_targets_are_not_patched(shapes: Path, analyses: list[int]) -> None:
    autoslot("check", str(shapes))
    edited = shapes / "pkg" / "shapes.py"
    comment(edited, "edited")
    named = autoslot("check", "--diff", "--force-exclude", str(edited))
    assert analyses == [1, 1]
    assert "+    __slots__" in named.stdout


CASES = [case for case in load_cases() if not case.targets]


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_every_fixture_patched_after_a_comment_edit_is_cold(
    case: Any, analyses: list[int]
) -> None:
    with tempfile.TemporaryDirectory(prefix="autoslot-patched-") as scratch:
        root = Path(scratch)
        _write(root, case.before)
        if "pyproject.toml" not in case.before:
            (root / "pyproject.toml").write_text('[project]\nname = "case"\n')
        outputs(root, *case.flags)
        before = len(analyses)
        for name in sorted(case.before):
            if name.endswith(".py"):
                comment(root / name, "an edit that changes no summary")
        warm = outputs(root, *case.flags)
        parses = all(
            isinstance(summarise((root / name).read_bytes(), name), ModuleSummary)
            for name in case.before
            if name.endswith(".py")
        )
        # a file that does not parse is analysed again: its error is its text's
        assert (len(analyses) == before) == parses
        cold = outputs(root, "--no-cache", *case.flags)
        assert [(r.code, r.stdout) for r in warm] == [(r.code, r.stdout) for r in cold]
        json.loads(warm[0].stdout)


def test_fix_after_a_comment_edit_writes_what_a_cold_fix_writes(
    shapes: Path, tmp_path_factory: pytest.TempPathFactory, analyses: list[int]
) -> None:
    autoslot("fix", "--diff", str(shapes))  # a dry run: the base a fix patches
    edited = shapes / "pkg" / "shapes.py"
    edited.write_text(edited.read_text().replace("class Point:", "class Point:  # p"))
    cold = tmp_path_factory.mktemp("cold") / "project"  # outside the project
    shutil.copytree(shapes, cold, ignore=shutil.ignore_patterns(".autoslot_cache"))
    assert autoslot("fix", str(shapes)).code == 0
    assert analyses == [1], "the fix patched the dry run's result"
    assert autoslot("fix", "--no-cache", str(cold)).code == 0
    fixed = edited.read_text()
    assert fixed == (cold / "pkg" / "shapes.py").read_text()
    assert "class Point:  # p\n    __slots__" in fixed
