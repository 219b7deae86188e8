"""Likely typos are never enshrined: `check` fails naming them, `fix` leaves
them out, and `autoslot typos` lists only them, in a stable form."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest

from tests.helpers import autoslot, project

CAMERA = """\
    class Camera:
        def __init__(self):
            self.exposure_time = 0.01
            self.gain = 1

        def describe(self):
            return self.exposure_time, self.gain
    """
APP = """\
    from cam.camera import Camera

    cam = Camera()
    cam.exp_time = 0.5
    """
PEN = """\
    class Pen:
        def __init__(self):
            self.color = "red"

        def describe(self):
            return self.colour
    """


@pytest.fixture
def cam(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return project(
        tmp_path,
        {"cam/__init__.py": "", "cam/camera.py": CAMERA, "cam/app.py": APP},
    )


def test_the_issue_example_fails_check_and_fix_slots_once_the_typo_is_fixed(
    cam: Path,
) -> None:
    checked = autoslot("check", ".")
    assert checked.code == 1
    assert (
        "cam/app.py:4: AS203 Camera: 'exp_time' is written but never read anywhere: "
        "a misspelling of 'exposure_time' (abbreviated)?"
    ) in checked.stderr.splitlines()
    fixed = autoslot("fix", "--no-import-check", ".")
    assert fixed.code == 0
    assert "exp_time" not in (cam / "cam/camera.py").read_text()
    assert "__slots__" not in (cam / "cam/camera.py").read_text()
    verbose = autoslot("check", "-v", ".").stderr
    assert "cam/camera.py:1: AS127 Camera left alone: 'exp_time' (cam/app.py:4)" in (
        verbose
    )
    (cam / "cam/app.py").write_text(
        textwrap.dedent(APP).replace("exp_time", "exposure_time")
    )
    assert autoslot("fix", "--no-import-check", ".").code == 0
    assert '__slots__ = ("exposure_time", "gain", "__weakref__")' in (
        (cam / "cam/camera.py").read_text()
    )
    assert autoslot("check", ".").code == 0


def test_typos_lists_only_the_typos_sorted_and_exits_1(cam: Path) -> None:
    project(cam, {"cam/pen.py": PEN})
    ran = autoslot("typos", ".")
    assert ran.code == 1
    assert ran.stdout.splitlines() == [
        "cam/app.py:4: AS203 cam.camera.Camera: 'exp_time' is written but never "
        "read anywhere: a misspelling of 'exposure_time' (abbreviated)?",
        "cam/pen.py:6: AS206 cam.pen.Pen: 'colour' is read (in describe) but "
        "nothing stores it: a misspelling of 'color' (one letter added)?",
    ]
    assert ran.stderr.startswith("2 likely typos in 2 files")
    assert autoslot("typos", ".").stdout == ran.stdout
    document = json.loads(autoslot("typos", "--output-format", "json", ".").stdout)
    assert [(t["file"], t["line"], t["code"]) for t in document["typos"]] == [
        ("cam/app.py", 4, "AS203"),
        ("cam/pen.py", 6, "AS206"),
    ]
    only_writes = autoslot("typos", "--ignore", "AS206", ".")
    assert only_writes.stdout.splitlines() == ran.stdout.splitlines()[:1]


def test_typos_exits_0_when_every_name_is_confirmed(cam: Path) -> None:
    assert autoslot("typos", "--confirmed-attrs", "exp_time", ".").code == 0
    (cam / "cam/app.py").write_text(
        textwrap.dedent(APP).replace("= 0.5", "= 0.5  # autoslot: attr exp_time")
    )
    ran = autoslot("typos", ".")
    assert (ran.code, ran.stdout, ran.stderr) == (0, "", "No likely typos.\n")
    assert autoslot("check", ".").code == 1  # Camera is still to be slotted


def test_a_read_typo_fails_check_without_stopping_the_slots(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    project(tmp_path, {"pen.py": PEN})
    assert autoslot("fix", "--no-import-check", ".").code == 0
    assert '__slots__ = ("color", "__weakref__")' in (tmp_path / "pen.py").read_text()
    checked = autoslot("check", ".")
    assert checked.code == 1
    # line 8 now: the class has its __slots__
    assert "pen.py:8: AS206 Pen: 'colour' is read (in describe)" in checked.stderr
    assert autoslot("check", "--ignore", "AS206", ".").code == 0
