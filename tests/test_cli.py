"""The command line as users see it: exit codes, stdout/stderr, diffs, bad input."""

from __future__ import annotations

import os
import re
import stat
import subprocess
import sys
from pathlib import Path

import pytest

CLASS = "class Camera:\n    def __init__(self):\n        self.iso = 100\n"
SLOTTED = 'class Camera:\n    __slots__ = ("iso", "__weakref__")\n\n    def __init__(self):\n        self.iso = 100\n'


def autoslot(
    *args: str, cwd: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "autoslot", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, **(env or {})},
    )


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "p"\nversion = "0"\n')
    (tmp_path / "camera.py").write_text(CLASS)
    return tmp_path


def test_check_exits_one_and_writes_nothing(project: Path) -> None:
    done = autoslot("check", "camera.py", cwd=project)
    assert done.returncode == 1
    assert (project / "camera.py").read_text() == CLASS
    assert done.stdout == ""
    assert "1 class would be slotted in 1 file" in done.stderr


def test_check_diff_goes_to_stdout_as_a_clean_patch(project: Path) -> None:
    done = autoslot("check", "--diff", "camera.py", cwd=project)
    assert done.returncode == 1
    assert done.stdout.startswith("--- camera.py\n+++ camera.py\n@@ ")
    assert '+    __slots__ = ("iso", "__weakref__")\n' in done.stdout
    assert "would be slotted" not in done.stdout  # the summary stays on stderr
    applied = subprocess.run(
        ["patch", "-p0"],
        input=done.stdout,
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
    )
    assert applied.returncode == 0, applied.stderr
    assert (project / "camera.py").read_text() == SLOTTED


def test_fix_writes_and_then_check_passes(project: Path) -> None:
    (project / "camera.py").chmod(0o640)
    fixed = autoslot("fix", ".", cwd=project)
    assert fixed.returncode == 0, fixed.stderr
    assert (project / "camera.py").read_text() == SLOTTED
    assert stat.S_IMODE((project / "camera.py").stat().st_mode) == 0o640
    again = autoslot("check", ".", cwd=project)
    assert again.returncode == 0
    assert "0 classes would be slotted" in again.stderr


def test_unparsable_file_is_reported_left_alone_and_others_processed(
    project: Path,
) -> None:
    broken = b"class Broken:\n    def f(self)\n        pass\n"
    (project / "broken.py").write_bytes(broken)
    done = autoslot("fix", ".", cwd=project)
    assert done.returncode == 123
    assert "broken.py:2:" in done.stderr
    assert (project / "broken.py").read_bytes() == broken
    assert (project / "camera.py").read_text() == SLOTTED


def test_verbose_lists_classes_left_alone_with_codes(project: Path) -> None:
    (project / "errors.py").write_text(
        "class Failure(Exception):\n    def __init__(self):\n        self.why = 1\n"
    )
    quiet = autoslot("check", ".", cwd=project)
    assert "AS102" not in quiet.stderr
    assert "1 left alone (-v for reasons)" in quiet.stderr
    verbose = autoslot("check", "-v", ".", cwd=project)
    assert (
        "errors.py:1: AS102 Failure left alone: instances of base builtins.Exception keep a __dict__"
        in verbose.stderr
    )


def test_explain_prints_every_code(project: Path) -> None:
    from autoslot.decide.registry import CODES
    from tests.helpers import autoslot as in_process

    # in process: a fresh interpreter per code would only time start-up
    for code in CODES:
        done = in_process("explain", code.code.lower())
        assert done.code == 0
        assert done.stdout.startswith(f"{code.code}: {code.title}")
        assert "Example:" in done.stdout
    real = autoslot("explain", "as101", cwd=project)
    assert real.returncode == 0
    assert real.stdout.startswith("AS101: ")
    unknown = autoslot("explain", "AS999", cwd=project)
    assert unknown.returncode == 2


def test_usage_errors_exit_two(project: Path) -> None:
    assert autoslot("check", "missing.py", cwd=project).returncode == 2
    assert autoslot("check", "--weakref", "sometimes", cwd=project).returncode == 2
    assert autoslot("check", "--target-version", "2.7", cwd=project).returncode == 2
    assert autoslot("frobnicate", cwd=project).returncode == 2


def test_version_and_module_entry_point(project: Path) -> None:
    from autoslot import __version__

    done = autoslot("--version", cwd=project)
    assert done.returncode == 0
    assert done.stdout.strip() == f"autoslot {__version__}"


def test_colour_follows_the_conventions(project: Path) -> None:
    plain = autoslot("check", "--diff", ".", cwd=project)
    assert "\x1b[" not in plain.stdout + plain.stderr
    forced = autoslot("check", "--diff", ".", cwd=project, env={"FORCE_COLOR": "1"})
    assert "\x1b[" in forced.stdout
    never = autoslot(
        "check",
        "--diff",
        "--color",
        "never",
        ".",
        cwd=project,
        env={"FORCE_COLOR": "1"},
    )
    assert "\x1b[" not in never.stdout
    no_color = autoslot(
        "check",
        "--diff",
        "--color",
        "auto",
        ".",
        cwd=project,
        env={"NO_COLOR": "1", "FORCE_COLOR": ""},
    )
    assert "\x1b[" not in no_color.stdout


def test_the_text_report_reads_the_same_with_and_without_colour(
    project: Path,
) -> None:
    (project / "errors.py").write_text(
        "class Failure(Exception):\n    def __init__(self):\n        self.code = 1\n"
    )
    plain = autoslot("check", "-v", ".", cwd=project, env={"FORCE_COLOR": ""})
    coloured = autoslot("check", "-v", ".", cwd=project, env={"FORCE_COLOR": "1"})
    assert "AS102 Failure left alone" in plain.stderr
    assert "\x1b[" not in plain.stderr
    assert "\x1b[" in coloured.stderr
    stripped = re.sub(r"\x1b\[[0-9;]*m", "", coloured.stderr)
    assert stripped == plain.stderr
    assert plain.stderr.endswith("1 file unchanged.\n")


def test_explicitly_named_file_is_processed_whatever_its_suffix(project: Path) -> None:
    script = project / "tool"
    script.write_text("#!/usr/bin/env python3\n" + CLASS)
    directory_run = autoslot("check", ".", cwd=project)
    assert "1 class would be slotted" in directory_run.stderr  # only camera.py
    named = autoslot("check", "tool", cwd=project)
    assert named.returncode == 1
    assert "1 class would be slotted in 1 file" in named.stderr
