"""The progress bar: on a terminal's stderr for long runs; never in pipes or CI."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest

from autoslot.report.progress import PROGRESS_THRESHOLD
from tests.helpers import SLOTTABLE, project

BAR_TEXT = b"Reading files"


def many_files(root: Path, count: int) -> Path:
    return project(root, {f"pkg/mod_{i:03}.py": SLOTTABLE for i in range(count)})


def run_with_terminal_stderr(
    root: Path, env: dict[str, str], *args: str
) -> tuple[int, bytes]:
    """Run `autoslot check` with stderr on a pseudo-terminal; what it drew there."""
    leader, follower = pty.openpty()
    try:
        done = subprocess.Popen(
            [sys.executable, "-m", "autoslot", "check", *args, "."],
            cwd=root,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=follower,
        )
        os.close(follower)
        drawn = b""
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # the child closed the terminal
                break
            if not chunk:
                break
            drawn += chunk
        return done.wait(timeout=120), drawn
    finally:
        os.close(leader)


def clean_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("CI", "NO_COLOR")}
    return {**env, "TERM": "xterm", "COLUMNS": "100", **extra}


@pytest.fixture(scope="module")
def big_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return many_files(tmp_path_factory.mktemp("big"), PROGRESS_THRESHOLD + 10)


def test_a_long_run_on_a_terminal_shows_a_bar(big_project: Path) -> None:
    code, drawn = run_with_terminal_stderr(big_project, clean_env())
    assert code == 1
    assert BAR_TEXT in drawn
    assert b"would be slotted" in drawn


def test_no_bar_when_ci_is_set(big_project: Path) -> None:
    code, drawn = run_with_terminal_stderr(big_project, clean_env(CI="true"))
    assert code == 1
    assert b"would be slotted" in drawn
    assert BAR_TEXT not in drawn


def test_no_bar_when_quiet(big_project: Path) -> None:
    code, drawn = run_with_terminal_stderr(big_project, clean_env(), "-q")
    assert code == 1
    assert BAR_TEXT not in drawn


def test_no_bar_in_a_pipe(big_project: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "autoslot", "check", "."],
        cwd=big_project,
        env=clean_env(),
        capture_output=True,
        check=False,
    )
    assert done.returncode == 1
    assert BAR_TEXT not in done.stderr
    assert done.stderr.endswith(b"0 files unchanged.\n")


def test_no_bar_for_a_short_run_on_a_terminal(tmp_path: Path) -> None:
    small = many_files(tmp_path, 3)
    code, drawn = run_with_terminal_stderr(small, clean_env())
    assert code == 1
    assert BAR_TEXT not in drawn
