"""Run a project's memory workload against the pristine and the rewritten tree.

Each measurement is a fresh process of the project's virtualenv (workloads.py),
so neither tree's modules or allocator state leak into the other's figures.
Wall time is measured without tracemalloc (tracing slows allocation by a
large, uneven factor) and peak memory with it; each is the median of 3 runs.
"""

from __future__ import annotations

import json
import statistics
from pathlib import Path
from typing import Any

from corpus import Project
from tools import environment, run

WORKLOADS = Path(__file__).resolve().parent / "workloads.py"
REPEATS = 3


def _once(project: Project, python: Path, root: Path, mode: str) -> dict[str, Any]:
    done = run(
        [str(python), str(WORKLOADS), project.workload, mode],
        cwd=root,
        env=environment(root, project),
        check=True,
    )
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    origin = Path(result["origin"]).resolve()
    if not origin.is_relative_to(root.resolve()):
        raise SystemExit(f"{project.name}: the workload imported {origin}, not {root}")
    return result


def _tree(project: Project, python: Path, root: Path) -> dict[str, Any]:
    timed = [_once(project, python, root, "time") for _ in range(REPEATS)]
    traced = [_once(project, python, root, "memory") for _ in range(REPEATS)]
    return {
        "seconds": round(statistics.median(r["seconds"] for r in timed), 4),
        "peak_bytes": int(statistics.median(r["peak"] for r in traced)),
        "work": timed[0]["work"],
    }


def measure_memory(
    project: Project, python: Path, pristine: Path, fixed: Path
) -> dict[str, Any]:
    """Both trees' workload in the project's virtualenv `python` (the tests' one)."""
    before = _tree(project, python, pristine)
    after = _tree(project, python, fixed)
    return {
        "workload": project.workload,
        "work": before["work"],
        "before": before,
        "after": after,
        "peak_ratio": round(after["peak_bytes"] / before["peak_bytes"], 3),
        "time_ratio": round(after["seconds"] / before["seconds"], 3),
    }


def print_memory(memory: dict[str, Any]) -> None:
    b, a = memory["before"], memory["after"]
    print(f"   memory workload '{memory['workload']}': {memory['work']}")
    print(
        f"     peak traced: {b['peak_bytes'] / 2**20:8.2f} MiB -> "
        f"{a['peak_bytes'] / 2**20:8.2f} MiB  (x{memory['peak_ratio']:.3f})"
    )
    print(
        f"     wall time:   {b['seconds']:8.3f} s   -> {a['seconds']:8.3f} s    "
        f"(x{memory['time_ratio']:.3f})"
    )
