"""`autoslot fix - --stdin-filename pkg/mod.py` and `check -`: editors' way in."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import SLOTTABLE, autoslot, project

MODELS = """\
class Model:
    __slots__ = ("ident",)

    def __init__(self):
        self.ident = 0
"""
# resolves only when the module is placed inside the package
CHILD = """\
from .models import Model


class Child(Model):
    def __init__(self):
        super().__init__()
        self.label = ""
"""
CHILD_FIXED = CHILD.replace(
    "class Child(Model):\n",
    'class Child(Model):\n    __slots__ = ("label", "__weakref__")\n\n',
)


@pytest.fixture
def package(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return project(
        tmp_path,
        {
            "pkg/__init__.py": "",
            "pkg/models.py": MODELS,
            # what the editor's buffer replaces: an older, unparsable version
            "pkg/child.py": "class Child(:\n",
        },
    )


def test_fix_prints_the_fixed_module_and_writes_nothing(package: Path) -> None:
    on_disk = (package / "pkg/child.py").read_bytes()
    ran = autoslot("fix", "-", "--stdin-filename", "pkg/child.py", stdin=CHILD)
    assert ran.code == 0, ran.stderr
    assert ran.stdout == CHILD_FIXED
    assert "1 class slotted in 1 file" in ran.stderr
    assert (package / "pkg/child.py").read_bytes() == on_disk


def test_check_exits_1_when_the_module_would_change(package: Path) -> None:
    ran = autoslot("check", "-", "--stdin-filename", "pkg/child.py", stdin=CHILD)
    assert (ran.code, ran.stdout) == (1, "")
    done = autoslot("check", "-", "--stdin-filename", "pkg/child.py", stdin=CHILD_FIXED)
    assert (done.code, done.stdout) == (0, "")


def test_the_filename_places_the_module_in_the_project(package: Path) -> None:
    # outside the package `.models` resolves to nothing: the base is unknown
    elsewhere = autoslot(
        "check", "-v", "-", "--stdin-filename", "other/child.py", stdin=CHILD
    )
    assert elsewhere.code == 0
    assert "AS102 Child left alone" in elsewhere.stderr
    # a new file that does not exist on disk yet is placed just the same
    new = autoslot("fix", "-", "--stdin-filename", "pkg/new_child.py", stdin=CHILD)
    assert new.stdout == CHILD_FIXED
    assert not (package / "pkg/new_child.py").exists()


def test_diff_instead_of_the_module(package: Path) -> None:
    ran = autoslot(
        "fix", "--diff", "-", "--stdin-filename", "pkg/child.py", stdin=CHILD
    )
    assert ran.code == 0
    assert ran.stdout.startswith("--- pkg/child.py\n+++ pkg/child.py\n")
    assert '+    __slots__ = ("label", "__weakref__")\n' in ran.stdout


def test_json_goes_to_stderr_when_stdout_carries_the_module(package: Path) -> None:
    args = ("-", "--stdin-filename", "pkg/child.py", "--output-format", "json")
    fixed = autoslot("fix", *args, stdin=CHILD)
    assert fixed.stdout == CHILD_FIXED
    assert json.loads(fixed.stderr)["classes"][0]["slots"] == ["label", "__weakref__"]
    checked = autoslot("check", *args, stdin=CHILD)
    assert json.loads(checked.stdout)["summary"]["classes_changed"] == 1


def test_unparsable_input_comes_back_unchanged_with_exit_123(package: Path) -> None:
    broken = "class Child(:\n"
    ran = autoslot("fix", "-", "--stdin-filename", "pkg/child.py", stdin=broken)
    assert (ran.code, ran.stdout) == (123, broken)
    assert "error: pkg/child.py:1:" in ran.stderr


def test_force_exclude_passes_an_excluded_module_through(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    project(tmp_path, {}, 'exclude = ["legacy/"]\n')
    args = ("-", "--stdin-filename", "legacy/mod.py")
    assert autoslot("fix", *args, stdin=SLOTTABLE).stdout != SLOTTABLE
    forced = autoslot("fix", "--force-exclude", *args, stdin=SLOTTABLE)
    assert (forced.code, forced.stdout) == (0, SLOTTABLE)
    assert autoslot("check", "--force-exclude", *args, stdin=SLOTTABLE).code == 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("fix", "-"), "reading from stdin needs --stdin-filename"),
        (("check", "-", ".", "--stdin-filename", "m.py"), "cannot be combined"),
    ],
)
def test_stdin_usage_errors(package: Path, args: tuple[str, ...], message: str) -> None:
    ran = autoslot(*args, stdin=SLOTTABLE)
    assert ran.code == 2
    assert message in ran.stderr


def test_through_a_real_pipe_bytes_are_kept(package: Path) -> None:
    source = CHILD.replace("\n", "\r\n").encode()
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "autoslot",
            "fix",
            "-",
            "--stdin-filename",
            "pkg/child.py",
        ],
        input=source,
        capture_output=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == CHILD_FIXED.replace("\n", "\r\n").encode()
