"""The command line habits black and ruff users bring: --diff never writes,
`-V`, --statistics, --exit-zero, a warning for an empty target, one line per
class slotted, findings that cannot fail `check` counted, help that is not
cut off, patches `git apply -p0` takes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import SLOTTABLE, autoslot, project

TYPO = """\
class Camera:
    def __init__(self):
        self.exposure_time = 1.0

    def reset(self):
        self.exp_time = 0.0

    def describe(self):
        return f"{self.exposure_time}s"
"""
STORE = """\
def tag(obj):
    obj.tagged = True
    return obj
"""
PAIR = """\
class Pair:
    __slots__ = ("left",)

    def __init__(self):
        self.left = 1
        self.right = 2
        self.middle = 3
"""
FAILURE = """\
class Failure(Exception):
    def __init__(self):
        self.why = 1
"""


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def contents(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*.py"))
    }


def test_fix_diff_prints_the_diff_and_writes_nothing(in_tmp: Path) -> None:
    project(in_tmp, {"pkg/__init__.py": "", "pkg/point.py": SLOTTABLE})
    before = contents(in_tmp)
    stamp = (in_tmp / "pkg/point.py").stat().st_mtime_ns
    ran = autoslot("fix", "--diff", ".")
    assert ran.code == 0, ran.stderr
    assert ran.stdout.startswith("--- pkg/point.py\n+++ pkg/point.py\n")
    assert contents(in_tmp) == before
    assert (in_tmp / "pkg/point.py").stat().st_mtime_ns == stamp
    assert "1 class would be slotted in 1 file" in ran.stderr
    # the same diff as check --diff
    assert autoslot("check", "--diff", ".").stdout == ran.stdout


@pytest.mark.parametrize("in_repository", [True, False])
def test_the_diff_applies_with_git_apply_p0(in_tmp: Path, in_repository: bool) -> None:
    files = {"pkg/__init__.py": "", "pkg/shapes/point.py": SLOTTABLE, "top.py": PAIR}
    project(in_tmp, files)
    if in_repository:
        subprocess.run(["git", "init", "-q"], cwd=in_tmp, check=True)
    patch = autoslot("check", "--diff", ".").stdout
    (in_tmp / "fix.patch").write_text(patch)
    applied = subprocess.run(
        ["git", "apply", "-p0", "fix.patch"],
        cwd=in_tmp,
        capture_output=True,
        text=True,
        check=False,
    )
    assert applied.returncode == 0, applied.stderr
    patched = contents(in_tmp)
    assert autoslot("fix", "--no-import-check", ".").code == 0
    assert contents(in_tmp) == patched


def test_short_version_flag() -> None:
    from autoslot import __version__

    for flag in ("-V", "--version"):
        ran = autoslot(flag)
        assert ran.code == 0
        assert ran.stdout == f"autoslot {__version__}\n"


def test_statistics_count_the_codes_instead_of_listing_them(in_tmp: Path) -> None:
    project(
        in_tmp,
        {"a.py": FAILURE, "b.py": FAILURE.replace("Failure", "Other"), "c.py": PAIR},
    )
    ran = autoslot("check", "--statistics", ".")
    assert ran.code == 1
    lines = ran.stderr.splitlines()
    assert lines[0] == "2  AS102  a class in the MRO keeps a __dict__"
    assert lines[1] == "2  AS201  a stored attribute is missing from __slots__"
    assert "would extend" not in ran.stderr
    assert lines[-1].startswith("1 class would be slotted in 1 file, 2 left alone")
    ignored = autoslot("check", "--statistics", "--ignore", "AS2", ".")
    assert "AS201" not in ignored.stderr


def test_exit_zero_keeps_check_green_but_not_errors(in_tmp: Path) -> None:
    project(in_tmp, {"mod.py": SLOTTABLE})
    assert autoslot("check", ".").code == 1
    assert autoslot("check", "--exit-zero", ".").code == 0
    (in_tmp / "broken.py").write_text("class Broken(:\n")
    assert autoslot("check", "--exit-zero", ".").code == 123


@pytest.mark.parametrize("command", ["check", "fix", "report"])
def test_an_empty_target_warns_and_exits_zero(in_tmp: Path, command: str) -> None:
    project(in_tmp, {"docs/readme.txt": "no python here"})
    ran = autoslot(command, "docs")
    assert ran.code == 0
    assert ran.stderr == "warning: No Python files found under the given paths.\n"
    assert autoslot(command, "-q", "docs").stderr == ""


def test_the_summary_hints_at_v_only_without_it(in_tmp: Path) -> None:
    project(in_tmp, {"errors.py": FAILURE})
    assert "1 left alone (-v for reasons)" in autoslot("check", ".").stderr
    verbose = autoslot("check", "-v", ".").stderr
    assert "AS102 Failure left alone" in verbose
    assert "-v for reasons" not in verbose
    assert "1 left alone, " in verbose


def test_text_mode_names_each_class_it_slots(in_tmp: Path) -> None:
    project(
        in_tmp,
        {
            "pkg/__init__.py": "",
            "pkg/shapes.py": SLOTTABLE + "\n\n" + SLOTTABLE.replace("Point", "Vector"),
            "pkg/pair.py": PAIR,
        },
    )
    ran = autoslot("check", ".")
    lines = ran.stderr.splitlines()
    assert "would extend the slots of pkg.pair.Pair: + right, + middle" in lines
    assert "would slot pkg.shapes.Point: x, y, __weakref__" in lines
    assert "would slot pkg.shapes.Vector: x, y, __weakref__" in lines
    sorted_run = autoslot("check", "--slots-order", "sorted", ".").stderr
    assert "would slot pkg.shapes.Point: __weakref__, x, y" in sorted_run
    assert "would extend the slots of pkg.pair.Pair: + middle, + right" in sorted_run
    fixed = autoslot("fix", "--no-import-check", ".").stderr
    assert "slotted pkg.shapes.Point: x, y, __weakref__" in fixed.splitlines()
    assert autoslot("check", "-q", ".").stderr == ""


def test_findings_that_cannot_fail_check_are_counted_unless_verbose(
    in_tmp: Path,
) -> None:
    project(in_tmp, {"camera.py": TYPO, "tags.py": STORE, "pair.py": PAIR})
    ran = autoslot("check", ".")
    assert "AS201 a stored attribute is missing from __slots__: 2 findings" in (
        ran.stderr
    )
    # a likely typo fails `check` by itself, so it always gets its line
    assert "camera.py:6: AS203 Camera: 'exp_time' is written" in ran.stderr
    assert "AS203 likely typo" not in ran.stderr
    assert (
        "AS114 an attribute is stored on an object autoslot cannot place: 1 finding"
        in (ran.stderr)
    )
    assert "pair.py:6:" not in ran.stderr
    verbose = autoslot("check", "-v", ".")
    assert "pair.py:6: AS201 Pair: 'right' is stored" in verbose.stderr
    assert "tags.py:2: AS114" in verbose.stderr
    assert "-v lists them" not in verbose.stderr
    # with --strict they fail `check`, so each gets its line; the store on an
    # unplaced object may reach any class then, Camera too
    strict = autoslot("check", "--strict", "-v", ".")
    assert "tags.py:2: AS114" in strict.stderr
    assert "camera.py:1: AS114 Camera left alone" in strict.stderr
    (in_tmp / "tags.py").unlink()
    strict = autoslot("check", "--strict", ".")
    assert "camera.py:6: AS203 Camera:" in strict.stderr
    assert "AS201 a stored attribute is missing from __slots__: 2 findings" in (
        strict.stderr
    )


@pytest.mark.parametrize("command", ["", "fix", "check", "report", "explain"])
def test_help_is_not_cut_off(command: str) -> None:
    env = {**os.environ, "COLUMNS": "80", "TERM": "dumb"}
    done = subprocess.run(
        [sys.executable, "-m", "autoslot", *([command] if command else []), "--help"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    for line in done.stdout.splitlines():
        assert len(line) <= 80, line
        if not line.startswith("Usage:"):
            assert not line.rstrip().endswith("..."), line
    if not command:
        for name in ("fix", "check", "report", "explain", "restore"):
            assert f"  {name} " in done.stdout


@pytest.mark.parametrize(
    "args", [("check",), ("check", "--diff"), ("fix", "--no-import-check"), ("report",)]
)
def test_a_missing_interpreter_is_a_usage_error_for_every_command(
    in_tmp: Path, args: tuple[str, ...]
) -> None:
    project(in_tmp, {"mod.py": SLOTTABLE})
    ran = autoslot(*args, "--python", "/nonexistent/python", ".")
    assert ran.code == 2
    assert "--python /nonexistent/python: no such interpreter" in ran.stderr
    assert (in_tmp / "mod.py").read_text() == SLOTTABLE
