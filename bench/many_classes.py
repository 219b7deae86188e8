"""One file with many classes: `autoslot fix` against a bare libcst parse +
codegen of the same file, measured in the same run.

    python bench/many_classes.py [--classes 500,2000,5000] [--runs 3]
                                 [--target-classes 3000] [--autoslot PATH]
                                 [--timeout SECONDS] [--json OUT]

For each size a module of that many classes is generated in a temporary
project. Each measured command is a fresh subprocess: `autoslot fix
--no-cache --no-import-check` on a copy of the project (so each run starts
cold and rewrites every class), and the baseline, a script that parses the
file with libcst and renders it back. Rows give the medians of the runs
(wall time, and the CPU time each process used, which other processes on a
shared machine do not inflate), the peak resident memory of each, and the
ratios; the time target is judged on CPU time. The target row (3,000 classes)
adds the memory target: autoslot's peak traced allocation over the traced
size of the libcst tree of the file. `--autoslot` measures another build
(a virtualenv of main, say) against the same baseline. Benchmarks are never
timed tests in the suite.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

TIME_TARGET = 2.0
MEMORY_TARGET = 5.0

BARE_LIBCST = """\
import sys
import libcst
with open(sys.argv[1], "rb") as handle:
    source = handle.read()
assert libcst.parse_module(source).bytes == source
"""

TREE_BYTES = """\
import sys, tracemalloc
import libcst
with open(sys.argv[1], "rb") as handle:
    source = handle.read()
tracemalloc.start()
tree = libcst.parse_module(source)
print(tracemalloc.get_traced_memory()[0])
"""

FIX_TRACED = """\
import sys, tracemalloc
from autoslot.cli.app import app
tracemalloc.start()
try:
    app(sys.argv[1:], prog_name="autoslot")
except SystemExit:
    pass
print(tracemalloc.get_traced_memory()[1], file=sys.__stderr__)
"""


def module_text(classes: int) -> str:
    """Classes with a docstring, three instance attributes and a method."""
    return "\n\n".join(
        f'class C{i}:\n    """Class {i}."""\n\n'
        "    def __init__(self, a, b):\n"
        "        self.a = a\n        self.b = b\n"
        f"        self.c{i} = None\n\n"
        "    def total(self):\n        return self.a + self.b\n"
        for i in range(classes)
    )


@dataclass(frozen=True)
class Run:
    seconds: float
    cpu_seconds: float
    max_rss_mb: float
    exit_code: int


def timed(command: list[str], cwd: Path, timeout: float) -> Run | None:
    """One run of `command`; None when it is still running after `timeout`."""
    started = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    deadline = started + timeout
    while True:
        pid, status, usage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            break
        if time.perf_counter() > deadline:
            process.kill()
            process.wait()
            return None
        time.sleep(0.02)
    seconds = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    cpu = usage.ru_utime + usage.ru_stime
    return Run(seconds, cpu, usage.ru_maxrss / 1024, process.returncode)


def fresh_project(work: Path, classes: int, number: int) -> Path:
    project = work / f"project-{classes}-{number}"
    shutil.copytree(work / f"template-{classes}", project)
    return project


def measure_size(
    work: Path, classes: int, runs: int, autoslot: str, timeout: float
) -> dict[str, object]:
    template = work / f"template-{classes}"
    template.mkdir()
    (template / "pyproject.toml").write_text("[tool.autoslot]\n", encoding="utf-8")
    (template / "mod.py").write_text(module_text(classes), encoding="utf-8")
    size = (template / "mod.py").stat().st_size
    bare: list[Run] = []
    fixed: list[Run] = []
    finished = True
    for number in range(runs):
        bare_run = timed(
            [sys.executable, "-c", BARE_LIBCST, str(template / "mod.py")],
            work,
            timeout,
        )
        assert bare_run is not None and bare_run.exit_code == 0
        bare.append(bare_run)
        project = fresh_project(work, classes, number)
        run = timed(
            [autoslot, "fix", "-q", "--no-cache", "--no-import-check", "."],
            project,
            timeout,
        )
        shutil.rmtree(project)
        if run is None:
            finished = False
            break
        assert run.exit_code == 0, f"autoslot fix exited with {run.exit_code}"
        fixed.append(run)
    row: dict[str, object] = {
        "classes": classes,
        "file_bytes": size,
        "libcst_seconds": statistics.median(r.seconds for r in bare),
        "libcst_cpu_seconds": statistics.median(r.cpu_seconds for r in bare),
        "libcst_max_rss_mb": statistics.median(r.max_rss_mb for r in bare),
        "runs": len(fixed),
        "finished": finished,
    }
    if fixed:
        row["fix_seconds"] = statistics.median(r.seconds for r in fixed)
        row["fix_cpu_seconds"] = statistics.median(r.cpu_seconds for r in fixed)
        row["fix_max_rss_mb"] = statistics.median(r.max_rss_mb for r in fixed)
        row["time_ratio"] = row["fix_seconds"] / row["libcst_seconds"]  # type: ignore[operator]
        row["cpu_ratio"] = row["fix_cpu_seconds"] / row["libcst_cpu_seconds"]  # type: ignore[operator]
    return row


def traced_memory(work: Path, classes: int, autoslot: str) -> dict[str, float]:
    """Peak traced bytes of a fix, over the traced size of the file's libcst tree."""
    template = work / f"template-{classes}"
    tree = subprocess.run(
        [sys.executable, "-c", TREE_BYTES, str(template / "mod.py")],
        capture_output=True,
        text=True,
        check=True,
    )
    project = fresh_project(work, classes, 999)
    python = str(Path(autoslot).with_name("python"))
    done = subprocess.run(
        [python, "-c", FIX_TRACED, "fix", "-q", "--no-cache", "--no-import-check", "."],
        cwd=project,
        capture_output=True,
        text=True,
        check=True,
    )
    shutil.rmtree(project)
    tree_bytes = int(tree.stdout.split()[-1])
    peak = int(done.stderr.split()[-1])
    return {
        "tree_mb": tree_bytes / 2**20,
        "fix_peak_traced_mb": peak / 2**20,
        "memory_ratio": peak / tree_bytes,
    }


def _print_row(row: dict[str, object]) -> None:
    classes, size = row["classes"], row["file_bytes"]
    bare = (
        f"{row['libcst_seconds']:.2f} s ({row['libcst_cpu_seconds']:.2f} s CPU), "
        f"{row['libcst_max_rss_mb']:.0f} MB"
    )
    if "fix_seconds" not in row:
        fix = "not finished within the timeout"
        ratio = "-"
    else:
        fix = (
            f"{row['fix_seconds']:.2f} s ({row['fix_cpu_seconds']:.2f} s CPU), "
            f"{row['fix_max_rss_mb']:.0f} MB"
        )
        ratio = f"{row['time_ratio']:.2f}x ({row['cpu_ratio']:.2f}x CPU)"
    print(f"| {classes:,} | {size / 2**20:.1f} MB | {bare} | {fix} | {ratio} |")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--classes", default="500,2000,5000")
    parser.add_argument("--target-classes", type=int, default=3000)
    parser.add_argument("--runs", type=int, default=3)
    default_autoslot = str(Path(sys.executable).with_name("autoslot"))
    parser.add_argument("--autoslot", default=default_autoslot)
    parser.add_argument("--timeout", type=float, default=1800.0)
    parser.add_argument("--json", type=Path)
    options = parser.parse_args()
    sizes = [int(n) for n in options.classes.split(",") if n]
    with tempfile.TemporaryDirectory(prefix="autoslot-many-") as scratch:
        work = Path(scratch)
        print("| classes | file | libcst parse + codegen | autoslot fix | ratio |")
        print("|---|---|---|---|---|")
        rows = []
        for classes in sorted({*sizes, options.target_classes}):
            row = measure_size(
                work, classes, options.runs, options.autoslot, options.timeout
            )
            rows.append(row)
            _print_row(row)
        target = next(r for r in rows if r["classes"] == options.target_classes)
        target.update(traced_memory(work, options.target_classes, options.autoslot))
    print()
    ratio = target.get("cpu_ratio")
    print(
        f"{options.target_classes:,} classes: fix / bare libcst = "
        f"{ratio:.2f}x in CPU time, {target['time_ratio']:.2f}x in wall time "
        f"(target <= {TIME_TARGET:g}x); "
        if isinstance(ratio, float)
        else f"{options.target_classes:,} classes: fix did not finish; ",
        end="",
    )
    print(
        f"peak traced {target['fix_peak_traced_mb']:.0f} MB over a "
        f"{target['tree_mb']:.0f} MB libcst tree = {target['memory_ratio']:.2f}x "
        f"(target <= {MEMORY_TARGET:g}x)"
    )
    if options.json:
        options.json.parent.mkdir(parents=True, exist_ok=True)
        options.json.write_text(json.dumps(rows, indent=1) + "\n", encoding="utf-8")
    met = (
        isinstance(ratio, float)
        and ratio <= TIME_TARGET
        and float(target["memory_ratio"]) <= MEMORY_TARGET  # type: ignore[arg-type]
    )
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
