"""The flow stage's cost on a corpus, for one or more builds of autoslot, in one run.

    python bench/flow_stage.py [--corpus PATH] [--runs N] PYTHON [PYTHON ...]

Each PYTHON is an interpreter with a build of autoslot installed (a venv's
bin/python); the first is the baseline. The corpus (default: this
interpreter's standard library) is copied once; each run is a fresh
subprocess that summarises and indexes the copy (cached after the first
run), then links and solves the value flow, and prints the CPU seconds of
each step and its peak memory. Builds alternate run by run, so load on a
shared machine falls on both; the table gives medians and ratios to the
baseline. Never a timed test in the suite.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import sysconfig
import tempfile
from pathlib import Path

PROBE = """\
import dataclasses, json, resource, sys, time
from pathlib import Path
from autoslot.pipeline.analysis import analyse
from autoslot.flow.solve import Solver
from autoslot.config.settings import Settings
analysis = analyse([Path(sys.argv[1])], dataclasses.replace(Settings(), jobs=1))
start = time.process_time()
solver = Solver(analysis.index)
linked = time.process_time()
solver.run()
solved = time.process_time()
print(json.dumps({
    "link": linked - start,
    "solve": solved - linked,
    "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
}))
"""


def measure(python: str, corpus: Path) -> dict[str, float]:
    done = subprocess.run(
        [python, "-c", PROBE, str(corpus)],
        # `-c` puts the working directory first on sys.path: run outside any
        # checkout, or every build would import the checkout's autoslot
        cwd=corpus.parent,
        capture_output=True,
        text=True,
        check=True,
    )
    figures: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    figures["flow"] = figures["link"] + figures["solve"]
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pythons", nargs="+", help="interpreters, baseline first")
    parser.add_argument("--corpus", type=Path, default=None)
    parser.add_argument("--runs", type=int, default=2)
    options = parser.parse_args()
    source = options.corpus or Path(sysconfig.get_paths()["stdlib"])
    with tempfile.TemporaryDirectory() as scratch:
        corpus = Path(scratch) / "corpus"
        shutil.copytree(
            source,
            corpus,
            ignore=shutil.ignore_patterns("site-packages", "__pycache__"),
        )
        results: dict[str, list[dict[str, float]]] = {p: [] for p in options.pythons}
        for run in range(options.runs):
            for python in options.pythons:
                figures = measure(python, corpus)
                results[python].append(figures)
                print(
                    f"run {run + 1} {python}: "
                    + ", ".join(f"{k} {v:.1f}" for k, v in figures.items()),
                    flush=True,
                )
    baseline = statistics.median(r["flow"] for r in results[options.pythons[0]])
    print(f"\n{'build':<50} {'flow CPU s (median)':>20} {'ratio':>7} {'peak MB':>9}")
    for python, runs in results.items():
        flow = statistics.median(r["flow"] for r in runs)
        peak = statistics.median(r["peak_mb"] for r in runs)
        ratio = flow / baseline if baseline else float("nan")
        print(f"{python:<50} {flow:>20.1f} {ratio:>7.2f} {peak:>9.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
