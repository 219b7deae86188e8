"""The project facts of the last run, reused when no summary changed
(pipeline/facts_cache.py): a warm run after an edit gives the cold result."""

from __future__ import annotations

import ast
import json
import tempfile
from pathlib import Path
from typing import Any

import pytest

from autoslot.pipeline import analysis, patched
from autoslot.pipeline.facts_cache import FILE_NAME, SETTINGS_READ
from tests.fixture_harness import _write, load_cases
from tests.helpers import autoslot

CACHE = Path(".autoslot_cache")


def report(root: Path, *args: str) -> list[dict[str, Any]]:
    ran = autoslot("check", "--output-format", "json", *args, str(root))
    classes: list[dict[str, Any]] = json.loads(ran.stdout)["classes"]
    return classes


@pytest.fixture(autouse=True)
def full_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    """A stored result patched for a comment edit (pipeline/patched.py)
    would answer these runs before the facts are asked for."""
    monkeypatch.setattr(patched, "patch", lambda *args: None)


def slots_of(classes: list[dict[str, Any]], name: str) -> list[str] | None:
    (found,) = (c for c in classes if c["name"] == name)
    return found["slots"] if found["action"] == "slot" else None


def test_a_comment_edit_reuses_the_facts(shapes: Path, flows: list[int]) -> None:
    cold = report(shapes)
    assert flows == [1] and (shapes / CACHE / FILE_NAME).is_file()
    for edit in range(3):  # each edit against the record the last one left
        use = shapes / "pkg" / "use.py"
        use.write_text(use.read_text() + f"# edit {edit}\n")
        assert report(shapes) == cold
    assert flows == [1]
    assert report(shapes, "--no-cache") == cold


def test_an_edit_elsewhere_that_changes_a_verdict_is_seen(
    shapes: Path, flows: list[int]
) -> None:
    before = report(shapes)
    assert slots_of(before, "pkg.shapes.Point") == ["x", "y", "__weakref__"]
    use = shapes / "pkg" / "use.py"
    use.write_text(
        use.read_text() + "\n\ndef tagged():\n    p = origin()\n"
        "    p.label = 'o'\n    return p\n"
    )
    after = report(shapes)
    assert flows == [1, 1]
    assert slots_of(after, "pkg.shapes.Point") == ["x", "y", "label", "__weakref__"]
    assert after == report(shapes, "--no-cache")


def test_other_settings_are_other_facts(shapes: Path, flows: list[int]) -> None:
    report(shapes)
    report(shapes, "--strict")
    assert flows == [1, 1]


CASES = [case for case in load_cases() if not case.targets]


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_every_fixture_warm_after_an_edit_is_cold(case: Any, flows: list[int]) -> None:
    with tempfile.TemporaryDirectory(prefix="autoslot-warm-") as scratch:
        root = Path(scratch)
        _write(root, case.before)
        if "pyproject.toml" not in case.before:
            (root / "pyproject.toml").write_text('[project]\nname = "case"\n')
        cold = report(root, *case.flags)
        for name in sorted(case.before):
            if name.endswith(".py"):
                with (root / name).open("ab") as handle:
                    handle.write(b"\n# an edit that changes no summary\n")
        assert report(root, *case.flags) == cold
        assert len(flows) == 1, "the edit changed no summary: the facts are reused"


def test_a_hook_run_on_one_file_reuses_the_facts_of_the_whole_project(
    shapes: Path, flows: list[int]
) -> None:
    report(shapes)
    use = shapes / "pkg" / "use.py"
    use.write_text(use.read_text() + "# edited\n")
    named = autoslot("check", "--diff", "--force-exclude", str(use))
    assert named.code == 0, named.stderr
    assert flows == [1]


SOURCES = Path(analysis.__file__).resolve().parent.parent
FACTS_STAGE = [
    SOURCES / "decide" / "outside.py",
    *sorted((SOURCES / "flow").glob("*.py")),
]


def test_the_facts_stage_reads_only_the_settings_in_the_key() -> None:
    read = {
        node.attr
        for path in FACTS_STAGE
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Attribute)
        and isinstance(node.value, ast.Attribute | ast.Name)
        and (
            node.value.attr if isinstance(node.value, ast.Attribute) else node.value.id
        )
        == "settings"
    }
    assert read <= set(SETTINGS_READ)
