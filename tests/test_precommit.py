"""The pre-commit hooks, proven with pre-commit itself.

The hooks are installed the way users get them: pre-commit clones this
repository (a throwaway git copy of the working tree, so uncommitted changes
are what is tested), builds its own virtualenv and pip-installs autoslot and
its dependencies. A throwaway git repository with a small package is the
user's project. This needs git and access to a package index, like pre-commit
itself; nothing is skipped when they are missing (the test fails instead).
These tests run with --precommit (CI); tests/test_hooks.py runs the same
scenario through the hooks' entries in every run of the suite.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.test_hooks import BOTH, MODELS, NAMED_SLOTTED, UNSLOTTED

pytestmark = pytest.mark.precommit

REPO = Path(__file__).resolve().parent.parent
SHIPPED = ("autoslot", "pyproject.toml", "README.md", ".pre-commit-hooks.yaml")


def git(cwd: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", *args], cwd=cwd, capture_output=True, text=True, check=True
    )
    return done.stdout.strip()


def pre_commit(cwd: Path, home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PRE_COMMIT_HOME": str(home), "PRE_COMMIT_COLOR": "never"}
    env.pop("VIRTUAL_ENV", None)
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=900,
    )


@pytest.fixture(autouse=True)
def git_identity(monkeypatch: pytest.MonkeyPatch) -> None:
    for variable in ("GIT_AUTHOR", "GIT_COMMITTER"):
        monkeypatch.setenv(f"{variable}_NAME", "autoslot tests")
        monkeypatch.setenv(f"{variable}_EMAIL", "tests@autoslot.invalid")
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", os.devnull)


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """This repository's working tree as a git repository pre-commit can clone."""
    copy = tmp_path_factory.mktemp("autoslot-hooks")
    for name in SHIPPED:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(
                source, copy / name, ignore=shutil.ignore_patterns("__pycache__")
            )
        else:
            shutil.copy2(source, copy / name)
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@t.invalid",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@t.invalid",
    }
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "hooks"]):
        subprocess.run(["git", *args], cwd=copy, env=env, check=True)
    return copy


@pytest.fixture
def user_repo(tmp_path: Path) -> Path:
    """A user's project: a package whose Both class is committed already."""
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
    # the change being committed touches models.py only
    (root / "pkg/models.py").write_text(MODELS)
    git(root, "add", "pkg/models.py")
    return root


def test_try_repo_first_attempt_fixes_and_fails_second_passes(
    hook_repo: Path, user_repo: Path, tmp_path: Path
) -> None:
    home = tmp_path / "pre-commit-home"
    first = pre_commit(user_repo, home, "try-repo", str(hook_repo), "autoslot")
    output = first.stdout + first.stderr
    assert first.returncode == 1, output
    assert "files were modified by this hook" in output
    models = (user_repo / "pkg/models.py").read_text()
    assert models.startswith(NAMED_SLOTTED), models
    # only models.py was given, yet Both in both.py was seen: Sized stays unslotted
    assert "class Sized:\n    def __init__" in models
    assert "1 class slotted in 1 file, 1 left alone" in output
    assert (user_repo / "pkg/both.py").read_text() == BOTH

    git(user_repo, "add", "-u")
    second = pre_commit(user_repo, home, "try-repo", str(hook_repo), "autoslot")
    assert second.returncode == 0, second.stdout + second.stderr
    assert "Passed" in second.stdout


def test_installed_hooks_on_git_commit(
    hook_repo: Path, user_repo: Path, tmp_path: Path
) -> None:
    home = tmp_path / "pre-commit-home"
    config = f"""\
        repos:
          - repo: {hook_repo}
            rev: {git(hook_repo, "rev-parse", "HEAD")}
            hooks:
              - id: autoslot
              - id: autoslot-check
        """
    (user_repo / ".pre-commit-config.yaml").write_text(textwrap.dedent(config))
    git(user_repo, "add", ".pre-commit-config.yaml")
    installed = pre_commit(user_repo, home, "install")
    assert installed.returncode == 0, installed.stderr
    env = {**os.environ, "PRE_COMMIT_HOME": str(home), "PRE_COMMIT_COLOR": "never"}

    def commit() -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            ["git", "commit", "-m", "models"],
            cwd=user_repo,
            env=env,
            capture_output=True,
            text=True,
            check=False,
            timeout=900,
        )

    first = commit()
    assert first.returncode != 0, first.stdout + first.stderr
    assert "files were modified by this hook" in first.stdout + first.stderr
    assert (user_repo / "pkg/models.py").read_text().startswith(NAMED_SLOTTED)

    git(user_repo, "add", "-u")
    second = commit()
    assert second.returncode == 0, second.stdout + second.stderr
    assert git(user_repo, "status", "--porcelain") == ""

    # autoslot-check fails with the diff and writes nothing
    (user_repo / "pkg/point.py").write_text(UNSLOTTED)
    git(user_repo, "add", "pkg/point.py")
    checked = pre_commit(user_repo, home, "run", "autoslot-check")
    assert checked.returncode == 1, checked.stdout
    assert '+    __slots__ = ("x", "__weakref__")' in checked.stdout
    assert (user_repo / "pkg/point.py").read_text() == UNSLOTTED
