"""`autoslot report`: slots and bytes saved per instance, measured on this interpreter."""

from __future__ import annotations

import json
import struct
import sys
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from autoslot.report.memory import Layout, build_classes, measure
from tests.helpers import SLOTTABLE, autoslot, project

SCHEMA_PATH = (
    Path(__file__).resolve().parent.parent / "docs" / "memory-report.schema.json"
)
POINTER = struct.calcsize("P")

FILES = {
    "pkg/__init__.py": "",
    "pkg/point.py": SLOTTABLE,
    "pkg/wide.py": """\
        class Wide:
            def __init__(self):
                self.a = self.b = self.c = self.d = self.e = 0
        """,
    "pkg/shapes.py": """\
        class Shape:
            def __init__(self):
                self.name = ""


        class Circle(Shape):
            def __init__(self):
                super().__init__()
                self.radius = 1.0
        """,
    "pkg/tag.py": """\
        class Tag(str):
            def describe(self):
                self.described = True
        """,
    "pkg/counter.py": """\
        class Counter:
            count = 0

            def bump(self):
                self.count += 1
        """,
}


@pytest.fixture
def shapes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("COLUMNS", "160")
    return project(tmp_path, FILES)


def json_report(*args: str) -> dict[str, Any]:
    ran = autoslot("report", "--output-format", "json", *args, ".")
    assert ran.code == 0, ran.stderr
    document: dict[str, Any] = json.loads(ran.stdout)
    return document


def by_class(document: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {c["class"]: c for c in document["classes"]}


def test_json_validates_against_its_schema(shapes: Path) -> None:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    document = json_report()
    errors = list(Draft202012Validator(schema).iter_errors(document))
    assert not errors, "\n".join(e.message for e in errors)
    assert document["python"]["version"] == ".".join(map(str, sys.version_info[:3]))


def test_slotted_size_is_the_size_of_an_equivalent_slotted_instance(
    shapes: Path,
) -> None:
    point = by_class(json_report())["Point"]
    assert point["slots"] == ["x", "y", "__weakref__"]
    equivalent = type("P", (), {"__slots__": ("x", "y", "__weakref__")})
    assert point["bytes"]["slotted"] == sys.getsizeof(equivalent())
    assert (
        point["bytes"]["saved"] == point["bytes"]["plain"] - point["bytes"]["slotted"]
    )
    assert point["bytes"]["saved"] > 0
    assert point["bytes"]["plain_with_dict"] >= point["bytes"]["plain"]


def test_sizes_follow_the_attributes_not_a_constant_table(shapes: Path) -> None:
    classes = by_class(json_report())
    point, wide = classes["Point"]["bytes"], classes["Wide"]["bytes"]
    # three more attributes: three more pointers in the slotted layout
    assert wide["slotted"] - point["slotted"] == 3 * POINTER
    assert wide["plain"] >= point["plain"]


def test_a_subclass_is_measured_with_its_inherited_slots(shapes: Path) -> None:
    classes = by_class(json_report())
    assert classes["Circle"]["slots"] == ["radius"]
    # name + radius + __weakref__ (from Shape): the same layout as Point
    assert classes["Circle"]["bytes"]["slotted"] == classes["Point"]["bytes"]["slotted"]


def test_a_standard_library_base_is_part_of_the_layout(shapes: Path) -> None:
    tag = by_class(json_report())["Tag"]
    assert tag["bytes"] is not None, tag["not_measured"]
    assert tag["bytes"]["saved"] > 0
    # the str part counts: more than the same slots on a plain object
    same_slots = measure(Layout(("described",)), samples=100)
    assert tag["bytes"]["slotted"] > same_slots.slotted


def test_left_alone_and_totals(shapes: Path) -> None:
    document = json_report()
    assert [(c["class"], c["code"]) for c in document["left_alone"]] == [
        ("Counter", "AS101")
    ]
    totals = document["totals"]
    assert totals["classes_slotted"] == totals["classes_measured"] == 5
    assert totals["left_alone_by_code"] == {"AS101": 1}
    assert totals["bytes_saved"] == sum(
        c["bytes"]["saved"] for c in document["classes"]
    )


def test_the_table(shapes: Path) -> None:
    ran = autoslot("report", ".")
    assert ran.code == 0
    point = by_class(json_report())["Point"]["bytes"]
    row = next(line for line in ran.stdout.splitlines() if "│ Point" in line)
    cells = [cell.strip() for cell in row.split("│")[1:-1]]
    assert cells == [
        "Point",
        "x, y, __weakref__",
        str(point["plain"]),
        str(point["plain_with_dict"]),
        str(point["slotted"]),
        str(point["saved"]),
        str(point["saved_with_dict"]),
    ]
    assert "Classes left alone" in ran.stdout
    assert "AS101" in ran.stdout
    assert "5 classes slotted, 1 left alone." in ran.stdout


def test_report_writes_nothing(shapes: Path) -> None:
    autoslot("report", ".")
    assert (shapes / "pkg/point.py").read_text() == SLOTTABLE


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (("--output-format", "github", "."), 2),
        (("-", "--stdin-filename", "m.py"), 2),
    ],
)
def test_report_usage_errors(shapes: Path, args: tuple[str, ...], code: int) -> None:
    assert autoslot("report", *args).code == code


def test_a_file_that_does_not_parse_is_an_error(shapes: Path) -> None:
    (shapes / "pkg/broken.py").write_text("class Broken(:\n")
    ran = autoslot("report", ".")
    assert ran.code == 123
    assert "error: pkg/broken.py:1:" in ran.stderr


def test_measure_agrees_with_getsizeof_for_slotted_instances() -> None:
    for count in (0, 1, 7):
        layout = Layout(tuple(f"a{i}" for i in range(count)))
        _, slotted = build_classes(layout)
        assert measure(layout, samples=200).slotted == sys.getsizeof(slotted())


def test_the_report_ends_with_the_saving_projected_for_the_instances(
    shapes: Path,
) -> None:
    document = json_report("--instances", "1000")
    saved = document["totals"]["bytes_saved"] * 1000
    assert document["totals"]["projected"] == {
        "instances": 5000,
        "classes": 5,
        "bytes_saved": saved,
        "bytes_saved_with_dict": document["totals"]["bytes_saved_with_dict"] * 1000,
    }
    ran = autoslot("report", "--instances", "1_000", ".")
    last = ran.stdout.rstrip("\n").splitlines()[-1]
    assert last.startswith("Projected for 1,000 instances of each of 5 classes: ")
    assert f"{saved / 1000:.1f} kB saved" in last


def test_instances_per_class_count_only_the_classes_named(shapes: Path) -> None:
    point = by_class(json_report())["Point"]["bytes"]["saved"]
    projected = json_report("--instances", "pkg.point.Point=40759")["totals"]
    assert projected["projected"]["instances"] == 40759
    assert projected["projected"]["bytes_saved"] == 40759 * point
    both = json_report("--instances", "Point=10", "--instances", "2")["totals"]
    assert both["projected"]["instances"] == 10 + 4 * 2
    unknown = autoslot("report", "--instances", "Nowhere=3", ".")
    assert "warning: --instances: no measured class Nowhere" in unknown.stderr


@pytest.mark.parametrize("value", ["many", "Point=", "=3", "-1"])
def test_instances_must_be_counts(shapes: Path, value: str) -> None:
    ran = autoslot("report", "--instances", value, ".")
    assert ran.code == 2
    assert "--instances" in ran.stderr
