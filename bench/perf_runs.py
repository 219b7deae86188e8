"""What every perf.py row is made of: fresh processes of this interpreter,
timed, and the row that puts a median beside its same-run baseline."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

ACCEPTED_EXITS = (0, 1, 123)  # the stdlib has a few files that do not parse


@dataclass(frozen=True)
class Sample:
    seconds: float
    stdout: bytes


@dataclass(frozen=True)
class Row:
    measure: str
    value: float
    unit: str
    baseline: str
    baseline_value: float | None
    ratio: float | None
    target: str
    passed: bool | None


def child_environment() -> dict[str, str]:
    """The environment of every measured process: this one's, with bytecode
    caching on (as for an installed package, whose modules are compiled once;
    some CI machines set PYTHONDONTWRITEBYTECODE, which would compile every
    autoslot module in every run)."""
    environment = dict(os.environ)
    environment.pop("PYTHONDONTWRITEBYTECODE", None)
    return environment


def autoslot_command() -> list[str]:
    """autoslot as users start it: its console script. (`python -m` from the
    corpus directory would import the corpus's copy of the stdlib.)"""
    script = Path(sys.executable).with_name("autoslot")
    return [str(script)] if script.is_file() else [sys.executable, "-m", "autoslot"]


def run_once(command: Sequence[str], cwd: Path) -> Sample:
    """Wall time and standard output of one fresh process."""
    start = time.perf_counter()
    process = subprocess.Popen(
        command,
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        env=child_environment(),
    )
    stdout, _ = process.communicate()
    seconds = time.perf_counter() - start
    if process.returncode not in ACCEPTED_EXITS:
        raise SystemExit(f"{' '.join(command)} exited {process.returncode}")
    return Sample(seconds, stdout)


def peak_rss_kb(command: Sequence[str], cwd: Path) -> int:
    """Peak RSS of the command's main process (kilobytes on Linux)."""
    with tempfile.TemporaryFile() as sink:
        process = subprocess.Popen(
            command,
            cwd=cwd,
            stdout=sink,
            stderr=subprocess.DEVNULL,
            env=child_environment(),
        )
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
    return int(usage.ru_maxrss)


def median_of(
    runs: int,
    command: Sequence[str],
    cwd: Path,
    before_each: Callable[[int], None] | None = None,
) -> tuple[float, list[Sample]]:
    samples = []
    for i in range(runs):
        if before_each is not None:
            before_each(i)
        samples.append(run_once(command, cwd))
    return statistics.median(s.seconds for s in samples), samples


def ratio_row(
    measure: str,
    value: float,
    baseline: str,
    baseline_value: float,
    limit: float,
) -> Row:
    ratio = value / baseline_value
    return Row(
        measure,
        value,
        "s",
        baseline,
        baseline_value,
        ratio,
        f"<= {limit}x",
        ratio <= limit,
    )


def editing(path: Path, code: bool = False) -> Callable[[int], None]:
    """A `before_each` that gives run i its own edit of `path`, so no cached
    result of an earlier run answers it: a comment (which changes no summary:
    the last run's project facts answer it), or with `code` a function of its
    own (the summary changes, and the value flow runs again)."""
    original = path.read_bytes()

    def edit(i: int) -> None:
        if code:
            added = f"\n\ndef _bench_edit_{i}(value):\n    return value + {i}\n"
        else:
            added = f"\n# bench edit {i}\n"
        path.write_bytes(original + added.encode())

    return edit
