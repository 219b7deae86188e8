"""Benchmark autoslot against the targets of issues 6 and 18.

    python bench/perf.py [--corpus PATH] [--runs N] [--json OUT]
                         [--only stdlib,chess,many-classes]

The stdlib rows run on a copy of this interpreter's stdlib; the chess rows
(pre-commit on python-chess 1.9.0) and the 3,000-class row are in
perf_precommit.py. The chess rows are skipped, with a note, when the sdist
cannot be downloaded.

Every measured command runs as a fresh subprocess of this interpreter; each row
prints the median of the runs, the baseline measured in the same run, their
ratio and the target. "cold" runs pass --no-cache. The corpus is always
copied to a temporary directory first (one file of it is edited).
Benchmarks are never timed tests in the suite.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import sysconfig
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict
from pathlib import Path

from perf_precommit import chess_rows, many_classes_row
from perf_runs import (
    Row,
    autoslot_command,
    editing,
    median_of,
    peak_rss_kb,
    ratio_row,
    run_once,
)

DEFAULT_JSON = Path(__file__).parent / "results" / "perf.json"
GROUPS = ("stdlib", "chess", "many-classes")

FLOOR = """\
import ast, sys, warnings
from pathlib import Path
warnings.simplefilter("ignore")
for path in sorted(Path(sys.argv[1]).rglob("*.py")):
    if ".autoslot_cache" in path.parts:
        continue
    try:
        ast.parse(path.read_bytes())
    except (SyntaxError, ValueError):
        pass
"""

LIBCST_PARSE = """\
import sys
import libcst
for name in sys.argv[1:]:
    with open(name, "rb") as handle:
        libcst.parse_module(handle.read())
"""

NAIVE_CODEMOD = """\
import sys
from pathlib import Path
import libcst

class Nothing(libcst.CSTTransformer):
    pass

for path in sorted(Path(sys.argv[1]).rglob("*.py")):
    if ".autoslot_cache" in path.parts:
        continue
    try:
        libcst.parse_module(path.read_bytes()).visit(Nothing())
    except Exception:
        pass
"""


def stdlib_copy(destination: Path) -> Path:
    source = Path(sysconfig.get_paths()["stdlib"])
    corpus = destination / "corpus"
    shutil.copytree(
        source,
        corpus,
        ignore=shutil.ignore_patterns("site-packages", "__pycache__", "*.pyc"),
        symlinks=True,
    )
    return corpus


def changed_files(diff: bytes) -> list[str]:
    """The files a unified diff changes (its `+++ path` lines)."""
    return [
        line[4:].decode().split("\t")[0]
        for line in diff.splitlines()
        if line.startswith(b"+++ ")
    ]


def warm_up_project(parent: Path) -> Path:
    project = parent / "warm-up"
    project.mkdir(exist_ok=True)
    (project / "point.py").write_text(
        "class Point:\n    def __init__(self):\n        self.x = 1\n", encoding="utf-8"
    )
    return project


def measure(
    corpus: Path, runs: int, anchor_runs: int, say: Callable[[str], None]
) -> list[Row]:
    python = sys.executable
    autoslot = autoslot_command()
    target = str(corpus)
    # outside the corpus: a process started in it would import its modules
    # (ast, dataclasses, ...) instead of the interpreter's
    cwd = corpus.parent
    cache = corpus / ".autoslot_cache"
    rows: list[Row] = []

    say("warm-up: compile autoslot's modules once, as an install does")
    run_once(
        [*autoslot, "check", "--no-cache", "--diff", str(warm_up_project(cwd))], cwd
    )
    say("interpreter start (python -c pass)")
    start, _ = median_of(runs, [python, "-c", "pass"], cwd)
    say("autoslot --version")
    version, _ = median_of(runs, [*autoslot, "--version"], cwd)
    say("floor: ast.parse of every file")
    floor, _ = median_of(runs, [python, "-c", FLOOR, target], cwd)

    say("cold check --jobs 1")
    jobs1, _ = median_of(
        runs, [*autoslot, "check", "--no-cache", "--jobs", "1", target], cwd
    )
    rows.append(ratio_row("cold check, --jobs 1", jobs1, "ast.parse floor", floor, 2.0))
    say("cold check --jobs 2")
    jobs2, _ = median_of(
        runs, [*autoslot, "check", "--no-cache", "--jobs", "2", target], cwd
    )
    rows.append(ratio_row("cold check, --jobs 2", jobs2, "ast.parse floor", floor, 1.1))

    say("cold check --diff")
    diff, diff_samples = median_of(
        runs, [*autoslot, "check", "--no-cache", "--diff", target], cwd
    )
    changing = changed_files(diff_samples[0].stdout)
    say(f"libcst parse of the {len(changing)} files that change")
    libcst_parse, _ = median_of(runs, [python, "-c", LIBCST_PARSE, *changing], cwd)
    rows.append(
        ratio_row(
            "cold check --diff",
            diff,
            f"floor + libcst parse of {len(changing)} changed files",
            floor + libcst_parse,
            1.2,
        )
    )

    say("warm check, nothing changed")
    shutil.rmtree(cache, ignore_errors=True)
    run_once([*autoslot, "check", target], cwd)  # fills the cache
    warm, _ = median_of(runs, [*autoslot, "check", target], cwd)
    rows.append(
        ratio_row("warm check, nothing changed", warm, "ast.parse floor", floor, 0.1)
    )

    say("warm check, one file changed")
    edited = corpus / "colorsys.py"  # a small leaf module of the stdlib
    if not edited.is_file():
        edited = min(corpus.rglob("*.py"))
    original = edited.read_bytes()
    touch = editing(edited)
    one, _ = median_of(runs, [*autoslot, "check", target], cwd, touch)
    say("warm check, one file changed and named (as the pre-commit hook runs it)")
    hook = ["check", "--diff", "--force-exclude"]  # .pre-commit-hooks.yaml
    named, _ = median_of(runs, [*autoslot, *hook, str(edited)], cwd, touch)
    say("warm check, one file changed in its code and named (its summary changes)")
    coded, _ = median_of(
        runs, [*autoslot, *hook, str(edited)], cwd, editing(edited, code=True)
    )
    edited.write_bytes(original)
    limit = 0.3 + start
    for measure_name, value in (
        ("one changed file (a comment), warm project", one),
        ("one changed file (a comment), named (pre-commit)", named),
        ("one changed file (a function added), named", coded),
    ):
        rows.append(
            Row(
                measure_name,
                value,
                "s",
                "0.3 s + interpreter start",
                limit,
                value / limit,
                "<= 1.0x",
                value <= limit,
            )
        )

    speedup = jobs1 / jobs2
    rows.append(
        Row(
            "--jobs 2 speed-up over --jobs 1, cold",
            speedup,
            "x",
            "cold --jobs 1 / --jobs 2",
            None,
            None,
            ">= 1.7x",
            speedup >= 1.7,
        )
    )

    say("peak RSS, cold check")
    rss_mb = (
        max(
            peak_rss_kb([*autoslot, "check", "--no-cache", "--jobs", "1", target], cwd)
            for _ in range(max(1, runs // 3))
        )
        / 1024
    )
    rows.append(
        Row(
            "peak RSS, cold check --jobs 1",
            rss_mb,
            "MB",
            "-",
            None,
            None,
            "<= 400 MB",
            rss_mb <= 400,
        )
    )

    rows.append(
        Row(
            "autoslot --version",
            version,
            "s",
            "python -c pass",
            start,
            version / start,
            "<= 0.150 s",
            version <= 0.150,
        )
    )

    say("anchor: naive libcst codemod (parse and visit every file)")
    anchor, _ = median_of(anchor_runs, [python, "-c", NAIVE_CODEMOD, target], cwd)
    rows.append(
        Row(
            "anchor: naive libcst codemod, every file",
            anchor,
            "s",
            "ast.parse floor",
            floor,
            anchor / floor,
            "-",
            None,
        )
    )
    return rows


def show(rows: Sequence[Row]) -> str:
    header = (
        "measure",
        "median",
        "baseline",
        "baseline value",
        "ratio",
        "target",
        "result",
    )
    table = [header]
    for row in rows:
        value = (
            f"{row.value:.3f} {row.unit}" if row.unit != "MB" else f"{row.value:.0f} MB"
        )
        table.append(
            (
                row.measure,
                value,
                row.baseline,
                "-" if row.baseline_value is None else f"{row.baseline_value:.3f} s",
                "-" if row.ratio is None else f"{row.ratio:.2f}x",
                row.target,
                "-" if row.passed is None else ("PASS" if row.passed else "MISS"),
            )
        )
    widths = [max(len(line[i]) for line in table) for i in range(len(header))]
    lines = [
        " | ".join(cell.ljust(w) for cell, w in zip(line, widths, strict=True))
        for line in table
    ]
    lines.insert(1, "-+-".join("-" * w for w in widths))
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--corpus",
        type=Path,
        help="directory to check [default: a copy of this interpreter's stdlib]",
    )
    parser.add_argument(
        "--runs", type=int, default=3, help="runs per measure (median) [default: 3]"
    )
    parser.add_argument(
        "--anchor-runs",
        type=int,
        default=1,
        help="runs of the naive libcst codemod [default: 1]",
    )
    parser.add_argument(
        "--json",
        type=Path,
        default=DEFAULT_JSON,
        help=f"where to write the figures [default: {DEFAULT_JSON}]",
    )
    parser.add_argument(
        "--only",
        default=",".join(GROUPS),
        help=f"row groups to run, comma-separated [default: {','.join(GROUPS)}]",
    )
    options = parser.parse_args(argv)
    groups = {g for g in options.only.split(",") if g}
    if not groups <= set(GROUPS):
        parser.error(f"--only takes {', '.join(GROUPS)}")

    def say(message: str) -> None:
        print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)

    rows: list[Row] = []
    notes: list[str] = []
    files = 0
    with tempfile.TemporaryDirectory(prefix="autoslot-bench-") as temporary:
        work = Path(temporary)
        if "stdlib" in groups:
            if options.corpus is None:
                corpus = stdlib_copy(work)
            else:
                corpus = work / "corpus"
                shutil.copytree(options.corpus, corpus, symlinks=True)
            files = sum(1 for p in corpus.rglob("*.py"))
            say(
                f"corpus: {files} files in {corpus} ({options.runs} runs per measure, {os.cpu_count()} cores)"
            )
            rows += measure(corpus, options.runs, options.anchor_runs, say)
        if "chess" in groups:
            say("interpreter start (python -c pass), for the chess rows")
            start, _ = median_of(options.runs, [sys.executable, "-c", "pass"], work)
            chess, skipped = chess_rows(work, options.runs, start, say)
            rows += chess
            notes += skipped
        if "many-classes" in groups:
            rows.append(many_classes_row(work, options.runs, say))
    print(
        f"autoslot bench: {files} stdlib files, median of {options.runs} runs, Python {sys.version.split()[0]}, {os.cpu_count()} cores"
    )
    print(show(rows))
    for note in notes:
        print(f"note: {note}")
    options.json.parent.mkdir(parents=True, exist_ok=True)
    options.json.write_text(
        json.dumps(
            {
                "files": files,
                "runs": options.runs,
                "python": sys.version,
                "cores": os.cpu_count(),
                "rows": [asdict(row) for row in rows],
                "notes": notes,
            },
            indent=2,
        )
        + "\n",
        encoding="utf-8",
    )
    print(f"figures written to {options.json}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
