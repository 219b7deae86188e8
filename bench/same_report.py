"""Whether two builds of autoslot give the same JSON report on a tree.

    python bench/same_report.py --before OLD/bin/python --after NEW/bin/python \
        [--tree /tmp/stdlib] [--keep DIR]

Each interpreter is one install of autoslot (a virtualenv of one commit).
The tree is copied once to a scratch directory, so neither run can touch
the original and both read the same paths; each build then runs
`autoslot check --no-cache --jobs 1 --output-format json .` in the copy
with PYTHONHASHSEED=0. The documents are compared byte for byte after
one normalisation: the directory each build's package is installed in is
replaced by `<autoslot>`, because a traceback in a message names the
module it came from and that path must differ between two installs.
Prints the first differing lines and exits 1 if the documents differ, 0
if they are the same; the exit code of `check` itself must be the same too.
"""

from __future__ import annotations

import argparse
import difflib
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

STDLIB = Path("/tmp/stdlib")
SHOWN = 40  # diff lines printed at most


@dataclass(frozen=True, slots=True)
class Run:
    python: str
    status: int
    document: str
    seconds: float


def package_directory(python: str) -> str:
    """Where `python` imports autoslot from (the directory of the package)."""
    done = subprocess.run(
        [
            python,
            "-c",
            "import autoslot, os; print(os.path.dirname(autoslot.__file__))",
        ],
        cwd=tempfile.gettempdir(),  # not a checkout: `-c` imports from the cwd
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.strip()


def run_check(python: str, tree: Path) -> Run:
    env = {**os.environ, "PYTHONHASHSEED": "0", "NO_COLOR": "1"}
    env.pop("FORCE_COLOR", None)
    started = time.perf_counter()
    done = subprocess.run(
        [
            python,
            "-m",
            "autoslot",
            "check",
            "--no-cache",
            "--jobs",
            "1",
            "--output-format",
            "json",
            ".",
        ],
        cwd=tree,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    seconds = time.perf_counter() - started
    if done.returncode not in (0, 1):
        sys.stderr.write(done.stderr[-4000:])
    document = done.stdout.replace(package_directory(python), "<autoslot>")
    return Run(python, done.returncode, document, seconds)


def first_differences(before: str, after: str) -> list[str]:
    diff = difflib.unified_diff(
        before.splitlines(), after.splitlines(), "before", "after", lineterm="", n=2
    )
    return list(diff)[:SHOWN]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--before", required=True, help="interpreter of the old build")
    parser.add_argument("--after", required=True, help="interpreter of the new build")
    parser.add_argument("--tree", type=Path, default=STDLIB, help="tree to check")
    parser.add_argument("--keep", type=Path, help="write both documents here")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="same-report-") as scratch:
        tree = Path(scratch) / args.tree.name
        shutil.copytree(args.tree, tree, symlinks=True)
        # absolute, not resolved: a virtualenv's python is a link out of it
        pythons = [str(Path(p).absolute()) for p in (args.before, args.after)]
        runs = [run_check(python, tree) for python in pythons]
    before, after = runs
    for label, run in (("before", before), ("after", after)):
        print(
            f"{label}: {run.python}: exit {run.status}, "
            f"{len(run.document):,} bytes, {run.seconds:.0f} s"
        )
    if args.keep is not None:
        args.keep.mkdir(parents=True, exist_ok=True)
        (args.keep / "before.json").write_text(before.document, encoding="utf-8")
        (args.keep / "after.json").write_text(after.document, encoding="utf-8")
    same = before.document == after.document and before.status == after.status
    if same:
        print("the same report, byte for byte")
        return 0
    if before.status != after.status:
        print(f"exit codes differ: {before.status} != {after.status}")
    print("\n".join(first_differences(before.document, after.document)))
    return 1


if __name__ == "__main__":
    raise SystemExit(main())
