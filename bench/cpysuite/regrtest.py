"""Run CPython's regression suite (regrtest) and read the outcome of each test file.

regrtest closes with a summary: one indented list of test files per outcome
("4 tests failed:", "2 tests skipped:", ...). Passing files are only counted
there, not named, so the files the run selected come from `--list-tests`
with the same selection; a selected file in no list has passed. The summary
lists are what regrtest's own exit code rests on, so this reading stays
valid when a worker crashes or times out (both land in "failed").
"""

from __future__ import annotations

import os
import re
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

# header of a summary list -> the outcome its test files get
HEADERS: tuple[tuple[str, str], ...] = (
    ("failed again", "failed"),
    ("failed", "failed"),
    ("altered the execution environment", "env_changed"),
    ("skipped (resource denied)", "resource_denied"),
    ("skipped", "skipped"),
    ("run no tests", "run_no_tests"),
    ("omitted", "omitted"),
)
HEADER = re.compile(
    r"^(?:All )?\d+ (?:re-run )?tests? (?P<title>.+?)(?: \(env changed\))?:$"
)
TOTAL = re.compile(r"^Total tests: run=(?P<run>[\d,]+)(?P<rest>.*)$")


@dataclass
class SuiteRun:
    outcomes: dict[str, str] = field(default_factory=dict)  # test file -> outcome
    exit_code: int = 0
    seconds: float = 0.0
    cases: dict[str, int] = field(default_factory=dict)  # "run", "failures", ...

    def with_outcome(self, outcome: str) -> set[str]:
        return {t for t, o in self.outcomes.items() if o == outcome}

    def counts(self) -> dict[str, int]:
        counted: dict[str, int] = {}
        for outcome in self.outcomes.values():
            counted[outcome] = counted.get(outcome, 0) + 1
        return dict(sorted(counted.items()))


def environment(tmp: Path) -> dict[str, str]:
    # nothing from this bench's own interpreter may leak into the copy's
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV", "PYTHONSTARTUP")
        and not k.startswith("PYTHONX")
    }
    tmp.mkdir(parents=True, exist_ok=True)
    env["TMPDIR"] = str(tmp)
    return env


def selected(python: Path, arguments: list[str], cwd: Path) -> list[str]:
    """The test files regrtest would run with these options and names (-x too)."""
    done = subprocess.run(
        [
            str(python),
            "-X",
            "frozen_modules=off",
            "-m",
            "test",
            "--list-tests",
            *arguments,
        ],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=environment(cwd / "tmp"),
        check=True,
    )
    return [line.strip() for line in done.stdout.splitlines() if line.strip()]


def parse_summary(text: str) -> tuple[dict[str, str], dict[str, int]]:
    """{test file: outcome} from the closing lists, and the test-case totals."""
    outcomes: dict[str, str] = {}
    cases: dict[str, int] = {}
    current: str | None = None
    for line in text.splitlines():
        if current is not None and line.startswith("    "):
            for name in line.split():
                outcomes[name] = current
            continue
        current = None
        header = HEADER.match(line)
        if header:
            title = header.group("title")
            current = next((o for t, o in HEADERS if title == t), None)
            continue
        total = TOTAL.match(line)
        if total:
            cases["run"] = int(total.group("run").replace(",", ""))
            for key, value in re.findall(r"(\w+)=([\d,]+)", total.group("rest")):
                cases[key] = int(value.replace(",", ""))
    return outcomes, cases


def run_suite(
    python: Path,
    selection: list[str],
    options: list[str],
    log: Path,
) -> SuiteRun:
    """regrtest on `python` for `selection`, its whole output kept in `log`."""
    cwd = log.parent
    names = selected(python, [*options, *selection], cwd)
    command = [
        *(str(python), "-X", "frozen_modules=off", "-m", "test"),
        *options,
        *selection,
    ]
    started = time.perf_counter()
    with log.open("w") as handle:
        handle.write(" ".join(command) + "\n")
        handle.flush()
        done = subprocess.run(
            command,
            stdout=handle,
            stderr=subprocess.STDOUT,
            cwd=cwd,
            env=environment(cwd / "tmp"),
            check=False,
        )
    seconds = time.perf_counter() - started
    listed, cases = parse_summary(log.read_text(errors="replace"))
    if "== Tests result" not in log.read_text(errors="replace"):
        raise SystemExit(f"regrtest printed no result; see {log}")
    outcomes = {name: listed.get(name, "passed") for name in names}
    # a file the summary lists but --list-tests did not (a renamed selection)
    outcomes.update({k: v for k, v in listed.items() if k not in outcomes})
    return SuiteRun(outcomes, done.returncode, round(seconds, 1), cases)
