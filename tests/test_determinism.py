"""The report does not depend on the interpreter's hash seed (the order sets
of classes are visited in)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

FIXTURE = (
    Path(__file__).parent.parent
    / "fixtures"
    / "outside"
    / "swap_receiver_of_two_classes.py"
)


def test_reasons_are_the_same_under_every_hash_seed(tmp_path: Path) -> None:
    shutil.copy(FIXTURE, tmp_path / "pets.py")
    reports = set()
    command = [
        sys.executable,
        "-m",
        "autoslot",
        "check",
        "--no-cache",
        "--output-format",
    ]
    # one interpreter per seed, all started at once: the cores share them
    runs = [
        subprocess.Popen(
            [*command, "json", "."],
            cwd=tmp_path,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, "PYTHONHASHSEED": str(seed)},
        )
        for seed in range(1, 13)  # with these, two orders occur
    ]
    for run in runs:
        stdout, stderr = run.communicate(timeout=300)
        assert run.returncode == 0, stderr
        reports.add(stdout)
    assert len(reports) == 1
    assert "pets.py:18 assigns pet.__class__" in reports.pop()
