"""--output-format json (checked against docs/report.schema.json) and github."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from tests.helpers import SLOTTABLE, autoslot, project

SCHEMA_PATH = Path(__file__).resolve().parent.parent / "docs" / "report.schema.json"

COUNTER = """\
class Counter:
    count = 0

    def bump(self):
        self.count += 1
"""
PAIR = """\
class Pair:
    __slots__ = ("left",)

    def __init__(self):
        self.left = 1
        self.right = 2
"""
READING = """\
from dataclasses import dataclass


@dataclass
class Reading:
    value: float
"""
FILES = {
    "pkg/__init__.py": "",
    "pkg/point.py": SLOTTABLE,
    "pkg/counter.py": COUNTER,
    "pkg/pair.py": PAIR,
    "pkg/reading.py": READING,
    "pkg/done.py": 'class Done:\n    __slots__ = ("x",)\n\n    def __init__(self):\n        self.x = 1\n',
    "pkg/skipped.py": "# autoslot: skip-file\n" + SLOTTABLE,
    "pkg/broken.py": "class Broken(:\n",
}


@pytest.fixture
def mixed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project with every kind of outcome: slotted, extended, dataclass,
    kept, left alone, a skipped file and a file that does not parse."""
    monkeypatch.chdir(tmp_path)
    return project(tmp_path, FILES, 'target-version = "3.11"\n')


@pytest.fixture(scope="module")
def validator() -> Draft202012Validator:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def report(*args: str) -> tuple[int, dict[str, Any], str]:
    ran = autoslot(*args, "--output-format", "json", ".")
    return ran.code, json.loads(ran.stdout), ran.stderr


@pytest.mark.parametrize(
    "args", [("check",), ("check", "--diff"), ("fix",), ("fix", "--diff")]
)
def test_json_validates_against_the_schema(
    mixed: Path, validator: Draft202012Validator, args: tuple[str, ...]
) -> None:
    code, document, stderr = report(*args)
    assert code == 123  # broken.py
    errors = sorted(validator.iter_errors(document), key=str)
    assert not errors, "\n".join(e.message for e in errors)
    # the text report stays off stderr; errors remain there
    assert "error: pkg/broken.py:1:" in stderr
    assert "classes would be slotted" not in stderr


def test_json_has_one_object_per_class_decision(mixed: Path) -> None:
    _, document, _ = report("check", "--diff")
    by_class = {(c["file"], c["class"]): c for c in document["classes"]}
    assert sorted(by_class) == [
        ("pkg/counter.py", "Counter"),
        ("pkg/done.py", "Done"),
        ("pkg/pair.py", "Pair"),
        ("pkg/point.py", "Point"),
        ("pkg/reading.py", "Reading"),
        ("pkg/skipped.py", "Point"),
    ]
    point = by_class["pkg/point.py", "Point"]
    assert {k: point[k] for k in ("line", "action", "slots", "code", "message")} == {
        "line": 1,
        "action": "slot",
        "slots": ["x", "y", "__weakref__"],
        "code": None,
        "message": None,
    }
    skipped = by_class["pkg/skipped.py", "Point"]
    assert (skipped["action"], skipped["code"]) == ("skip", "AS100")
    counter = by_class["pkg/counter.py", "Counter"]
    assert (counter["action"], counter["code"]) == ("skip", "AS101")
    assert "'count'" in counter["message"]
    assert by_class["pkg/pair.py", "Pair"]["action"] == "extend"
    assert by_class["pkg/pair.py", "Pair"]["findings"][0]["code"] == "AS201"
    assert by_class["pkg/reading.py", "Reading"]["action"] == "dataclass"
    assert by_class["pkg/done.py", "Done"]["action"] == "keep"
    files = {f["file"]: f for f in document["files"]}
    assert files["pkg/broken.py"]["status"] == "failed"
    assert files["pkg/skipped.py"]["status"] == "skipped"
    assert files["pkg/point.py"]["diff"].startswith("--- pkg/point.py\n")
    summary = document["summary"]
    assert summary["mode"] == "check"
    assert summary["classes_changed"] == 3
    assert summary["left_alone_by_code"] == {"AS100": 1, "AS101": 1}
    assert summary["files_failed"] == 1


def test_the_schema_rejects_a_field_it_does_not_describe(
    mixed: Path, validator: Draft202012Validator
) -> None:
    _, document, _ = report("check")
    document["classes"][0]["surprise"] = 1
    assert not validator.is_valid(document)


def test_github_annotations(mixed: Path) -> None:
    ran = autoslot("check", "--output-format", "github", ".")
    lines = ran.stdout.splitlines()
    assert (
        "::error file=pkg/point.py,line=1,title=autoslot::Point needs __slots__: x, y, __weakref__"
        in lines
    )
    assert any(
        line.startswith(
            "::warning file=pkg/counter.py,line=1,title=AS101::Counter left alone"
        )
        for line in lines
    )
    assert any(
        line.startswith("::warning file=pkg/pair.py,line=6,title=AS201::Pair:")
        for line in lines
    )
    assert any(
        line.startswith("::error file=pkg/broken.py,title=autoslot::pkg/broken.py:1:")
        for line in lines
    )
    assert all(line.startswith("::") for line in lines)
    fixed = autoslot("fix", "--output-format", "github", ".")
    assert (
        "::notice file=pkg/point.py,line=1,title=autoslot::Point slotted: x, y, __weakref__"
        in (fixed.stdout.splitlines())
    )


def test_disabled_codes_leave_every_format(mixed: Path) -> None:
    args = ("--disable", "AS101,AS201", ".")
    github = autoslot("check", "--output-format", "github", *args).stdout
    assert "AS101" not in github
    assert "AS201" not in github
    document = json.loads(autoslot("check", "--output-format", "json", *args).stdout)
    pair = next(c for c in document["classes"] if c["class"] == "Pair")
    assert pair["findings"] == []


def test_unknown_output_format_is_a_usage_error(mixed: Path) -> None:
    ran = autoslot("check", "--output-format", "xml", ".")
    assert ran.code == 2
    assert "must be one of text, json, github" in ran.stderr
