"""The hooks of .pre-commit-hooks.yaml, run the way pre-commit runs them: the
`entry` with only the staged files after it, from the top of the repository.

This is what tests/test_precommit.py proves with pre-commit itself (which
builds the hooks' environment from a package index, so it runs in CI, with
--precommit); here the same scenario runs on this interpreter in every run
of the suite.
"""

from __future__ import annotations

import shlex
import subprocess
from pathlib import Path

import pytest
import yaml

from tests.helpers import autoslot

REPO = Path(__file__).resolve().parent.parent
HOOKS = {
    hook["id"]: hook
    for hook in yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text())
}

MODELS = """\
class Named:
    def __init__(self):
        self.name = "n"


class Sized:
    def __init__(self):
        self.size = 1
"""
# committed before and never passed to the hook: the index must still read it
BOTH = """\
from pkg.models import Named, Sized


class Both(Named, Sized):
    pass
"""
NAMED_SLOTTED = 'class Named:\n    __slots__ = ("name", "__weakref__")\n'
UNSLOTTED = "class Point:\n    def __init__(self):\n        self.x = 0\n"


def git(cwd: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", *args], cwd=cwd, capture_output=True, text=True, check=True
    )
    return done.stdout.strip()


def run_hook(hook_id: str, files: list[str]):  # type: ignore[no-untyped-def]
    """The hook's entry with the files appended, as pre-commit calls it."""
    command, *options = shlex.split(HOOKS[hook_id]["entry"])
    assert command == "autoslot"
    return autoslot(*options, *files)


@pytest.fixture
def user_repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A user's project: Both is committed; the change staged touches models.py."""
    for variable in ("GIT_AUTHOR", "GIT_COMMITTER"):
        monkeypatch.setenv(f"{variable}_NAME", "autoslot tests")
        monkeypatch.setenv(f"{variable}_EMAIL", "tests@autoslot.invalid")
    root = tmp_path / "project"
    (root / "pkg").mkdir(parents=True)
    (root / "pkg/__init__.py").write_text("")
    (root / "pkg/both.py").write_text(BOTH)
    (root / "pkg/models.py").write_text(
        "class Named:\n    pass\n\n\nclass Sized:\n    pass\n"
    )
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "start")
    (root / "pkg/models.py").write_text(MODELS)
    git(root, "add", "pkg/models.py")
    monkeypatch.chdir(root)
    return root


def staged(root: Path) -> list[str]:
    return git(root, "diff", "--cached", "--name-only").splitlines()


def test_the_hooks_pre_commit_installs_are_the_ones_the_readme_names() -> None:
    assert set(HOOKS) == {"autoslot", "autoslot-check"}
    for hook in HOOKS.values():
        assert hook["require_serial"] is True
        assert hook["types"] == ["python"]
        assert "--force-exclude" in hook["entry"]


def test_the_fix_hook_on_the_staged_file_sees_the_whole_project(
    user_repo: Path,
) -> None:
    first = run_hook("autoslot", staged(user_repo))
    assert first.code == 0, first.stderr
    models = (user_repo / "pkg/models.py").read_text()
    assert models.startswith(NAMED_SLOTTED), models
    # only models.py was given, yet Both in both.py was seen: Sized stays unslotted
    assert "class Sized:\n    def __init__" in models
    assert "1 class slotted in 1 file, 1 left alone" in first.stderr
    assert (user_repo / "pkg/both.py").read_text() == BOTH
    # pre-commit's second attempt, once the change is staged, passes unchanged
    git(user_repo, "add", "-u")
    second = run_hook("autoslot", staged(user_repo))
    assert second.code == 0, second.stderr
    assert (user_repo / "pkg/models.py").read_text() == models


def test_the_check_hook_fails_with_the_diff_and_writes_nothing(
    user_repo: Path,
) -> None:
    (user_repo / "pkg/point.py").write_text(UNSLOTTED)
    git(user_repo, "add", "pkg/point.py")
    checked = run_hook("autoslot-check", ["pkg/point.py"])
    assert checked.code == 1, checked.stderr
    assert '+    __slots__ = ("x", "__weakref__")' in checked.stdout
    assert (user_repo / "pkg/point.py").read_text() == UNSLOTTED


def test_the_hooks_leave_excluded_files_alone_when_pre_commit_names_them(
    user_repo: Path,
) -> None:
    (user_repo / "pyproject.toml").write_text(
        '[tool.autoslot]\nexclude = ["pkg/models.py"]\n'
    )
    assert run_hook("autoslot-check", ["pkg/models.py"]).code == 0
    assert run_hook("autoslot", ["pkg/models.py"]).code == 0
    assert (user_repo / "pkg/models.py").read_text() == MODELS
