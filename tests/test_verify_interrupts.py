"""Never a half-written tree: Ctrl-C, SIGTERM and a hard kill during
`fix --verify`, the tree lock, and `autoslot restore`.

Each test starts a real `python -m autoslot fix --verify CMD` whose command
hangs once the edits are on disk, then interrupts it there.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import time
from pathlib import Path

import pytest

from tests.verify_projects import (
    autoslot,
    contents,
    shapes_project,
    slow_command,
    snapshot,
    start_autoslot,
)

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX signals")


def _wait_for(marker: Path, process: subprocess.Popen[str]) -> int:
    """Wait until the hanging test command runs; return its pid."""
    deadline = time.monotonic() + 120
    while not marker.exists() or not marker.read_text():
        if process.poll() is not None:
            _, err = process.communicate()
            pytest.fail(f"autoslot ended early ({process.returncode}): {err}")
        if time.monotonic() > deadline:
            process.kill()
            pytest.fail("the verify command never started on the rewritten tree")
        time.sleep(0.05)
    return int(marker.read_text())


def _gone(pid: int, within: float = 10) -> bool:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.05)
    return False


def _start(
    tmp_path: Path,
) -> tuple[Path, dict[str, tuple[bytes, int]], subprocess.Popen[str], int]:
    project = shapes_project(tmp_path / "project")
    before = snapshot(project)
    command, marker = slow_command(tmp_path, project)
    process = start_autoslot("fix", "--verify", command, str(project), cwd=tmp_path)
    child = _wait_for(marker, process)
    # the rewrite is on disk while the command runs
    assert b"__slots__" in (project / "shapes" / "models.py").read_bytes()
    return project, before, process, child


@pytest.mark.parametrize(
    "signum", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"]
)
def test_interrupt_during_verify_restores_every_file(
    tmp_path: Path, signum: int
) -> None:
    project, before, process, child = _start(tmp_path)
    process.send_signal(signum)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 128 + signum, err
    assert "interrupted" in err
    # byte-identical, and with the original modification times
    assert snapshot(project) == before
    assert not (project / ".autoslot_cache" / "journal").exists()
    # the hanging command was killed with its process group
    assert _gone(child)


def test_hard_kill_then_restore(tmp_path: Path) -> None:
    project, before, process, child = _start(tmp_path)
    process.kill()
    process.communicate(timeout=60)
    with contextlib.suppress(ProcessLookupError):
        os.kill(child, signal.SIGKILL)
    assert contents(project) != {k: v for k, (v, _) in before.items()}
    manifest = project / ".autoslot_cache" / "journal" / "manifest.json"
    assert manifest.is_file()
    # the kernel dropped the dead run's lock, but its journal must be replayed first
    refused = autoslot("fix", str(project), cwd=tmp_path)
    assert refused.returncode == 3
    assert "autoslot restore" in refused.stderr
    restored = autoslot("restore", str(project), cwd=tmp_path)
    assert restored.returncode == 0, restored.stderr
    assert (
        "restored shapes/models.py" in restored.stderr or "models.py" in restored.stderr
    )
    assert snapshot(project) == before
    assert not manifest.exists()
    # nothing left to restore, and fix works again
    again = autoslot("restore", str(project), cwd=tmp_path)
    assert again.returncode == 0
    assert "no interrupted run" in again.stderr
    assert (
        autoslot("fix", "--no-import-check", str(project), cwd=tmp_path).returncode == 0
    )


def test_second_run_refuses_while_the_first_writes(tmp_path: Path) -> None:
    project, before, process, _ = _start(tmp_path)
    try:
        during = contents(project)
        second = autoslot("fix", str(project), cwd=tmp_path)
        assert second.returncode == 3
        assert f"another autoslot run (pid {process.pid})" in second.stderr
        assert str(project / ".autoslot_cache" / "lock") in second.stderr
        assert "nothing was written" in second.stderr
        assert contents(project) == during
        busy = autoslot("restore", str(project), cwd=tmp_path)
        assert busy.returncode == 3
        assert contents(project) == during
    finally:
        process.send_signal(signal.SIGINT)
        process.communicate(timeout=60)
    assert snapshot(project) == before
