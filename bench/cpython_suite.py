"""CPython's regression suite against a stdlib that `autoslot fix` rewrote.

    python bench/cpython_suite.py [--prefix DIR] [--fix-args ARGS] [--json OUT]
        [--regrtest-args ARGS] [-j N] [--timeout S] [TEST ...]

Copies the installation at --prefix (default: this interpreter's base prefix)
twice into the work directory, runs `autoslot fix` on the stdlib of one copy,
runs `python -X frozen_modules=off -m test` on both, and compares the outcome
of every test file. Test files that fail on the rewritten copy but not on the
pristine one run a second time; only those that fail again count, the rest
are reported as flaky. The pristine result is cached per interpreter, path
and selection, so a second run only copies, rewrites and tests one side.
Exit 1 when any test file newly fails. Stdlib only.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shlex
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:  # run as a script: the sibling modules
    sys.path.insert(0, str(HERE))

from cpysuite.install import Interpreter, copy_installation, describe  # noqa: E402
from cpysuite.regrtest import SuiteRun, run_suite, selected  # noqa: E402
from testcode import slotted_counts  # noqa: E402

AUTOSLOT = HERE.parent / ".venv" / "bin" / "autoslot"
# outside any repository: autoslot's project root is then the stdlib directory
WORK = Path(
    os.environ.get("AUTOSLOT_CPYTHON_WORK", Path.home() / ".cache" / "autoslot-cpython")
)
ACCEPTED_AUTOSLOT_EXITS = (0, 123)  # the stdlib has files that do not parse


def regrtest_options(args: argparse.Namespace) -> list[str]:
    return [f"-j{args.jobs}", "--timeout", str(args.timeout), *args.regrtest_args]


def pristine_key(source: Interpreter, selection: list[str], options: list[str]) -> str:
    facts = [source.version, str(source.prefix), *selection, "|", *options]
    return hashlib.sha256("\0".join(facts).encode()).hexdigest()[:16]


def as_json(run: SuiteRun) -> dict[str, Any]:
    return {
        "outcomes": run.outcomes,
        "exit_code": run.exit_code,
        "seconds": run.seconds,
        "cases": run.cases,
    }


def from_json(data: dict[str, Any]) -> SuiteRun:
    return SuiteRun(data["outcomes"], data["exit_code"], data["seconds"], data["cases"])


def pristine_run(
    source: Interpreter, selection: list[str], options: list[str]
) -> tuple[SuiteRun, bool]:
    """The pristine copy's result, from the cache when this selection ran before."""
    key = pristine_key(source, selection, options)
    cached = WORK / "pristine-results" / f"{key}.json"
    if cached.is_file():
        return from_json(json.loads(cached.read_text())), True
    whole = WORK / "pristine-results" / f"{pristine_key(source, [], options)}.json"
    if selection and whole.is_file():
        # a subset of a whole run already made: its files' outcomes are there
        full = from_json(json.loads(whole.read_text()))
        names = selected(source.python, [*options, *selection], WORK)
        if all(name in full.outcomes for name in names):
            outcomes = {name: full.outcomes[name] for name in names}
            return SuiteRun(outcomes, full.exit_code, 0.0, {}), True
    copy = copy_installation(source, WORK / "pristine")
    run = run_suite(copy.python, selection, options, WORK / "pristine-regrtest.log")
    cached.parent.mkdir(parents=True, exist_ok=True)
    cached.write_text(json.dumps(as_json(run), indent=1) + "\n")
    return run, False


def rewrite(
    autoslot: Path, copy: Interpreter, fix_args: list[str]
) -> tuple[dict[str, Any], list[str]]:
    """`autoslot fix` on the copy's stdlib; its figures, and the command run."""
    passthrough = list(fix_args)
    if "--python" not in passthrough and "--no-import-check" not in passthrough:
        # the import check must import the rewritten modules, not this bench's
        passthrough += ["--python", str(copy.python)]
    command = [str(autoslot), "fix", ".", *passthrough, "--output-format", "json"]
    started = time.perf_counter()
    done = subprocess.run(
        command, cwd=copy.stdlib, capture_output=True, text=True, check=False
    )
    seconds = time.perf_counter() - started
    (WORK / "autoslot-report.json").write_text(done.stdout)
    (WORK / "autoslot-stderr.txt").write_text(done.stderr)
    if done.returncode not in ACCEPTED_AUTOSLOT_EXITS:
        sys.stderr.write(done.stderr[-4000:])
        raise SystemExit(f"autoslot exited {done.returncode}")
    report: dict[str, Any] = json.loads(done.stdout)
    figures: dict[str, Any] = {
        "exit": done.returncode,
        "seconds": round(seconds, 1),
        **slotted_counts(report["classes"], copy.stdlib),
        "files_changed": report["summary"].get("files_changed"),
        "summary": report["summary"].get("text"),
    }
    return figures, command


def compare(
    pristine: SuiteRun, after: SuiteRun, again: SuiteRun | None
) -> dict[str, list[str]]:
    new = after.with_outcome("failed") - pristine.with_outcome("failed")
    repeated = new & again.with_outcome("failed") if again else new
    return {
        "new_failures": sorted(repeated),
        "flaky_failures": sorted(new - repeated),
        "fixed_failures": sorted(
            pristine.with_outcome("failed") - after.with_outcome("failed")
        ),
        # not failures by regrtest's rules, but worth a look: a module that no
        # longer imports can turn a test file into a skip
        "newly_skipped": sorted(
            (after.with_outcome("skipped") | after.with_outcome("resource_denied"))
            - pristine.with_outcome("skipped")
            - pristine.with_outcome("resource_denied")
        ),
        "newly_env_changed": sorted(
            after.with_outcome("env_changed") - pristine.with_outcome("env_changed")
        ),
    }


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("tests", nargs="*", help="test files (default: all)")
    parser.add_argument("--prefix", type=Path, default=Path(sys.base_prefix))
    parser.add_argument("--autoslot", type=Path, default=AUTOSLOT)
    parser.add_argument(
        "--fix-args",
        type=shlex.split,
        default=[],
        help='options for `autoslot fix`, e.g. "--extend-exclude test/"',
    )
    parser.add_argument(
        "--regrtest-args",
        type=shlex.split,
        default=[],
        help='more regrtest options, e.g. "-x test_socket" or "-u all"',
    )
    parser.add_argument("-j", "--jobs", type=int, default=2)
    parser.add_argument("--timeout", type=int, default=900, help="seconds per file")
    parser.add_argument("--json", type=Path, help="write the results to this file")
    return parser.parse_args(argv)


def print_result(result: dict[str, Any]) -> None:
    fixed = result["autoslot"]
    print(f"== CPython {result['version']} from {result['prefix']}")
    print(
        f"   autoslot: {fixed['summary']} ({fixed['seconds']}s, exit {fixed['exit']})"
    )
    print(
        f"   classes slotted: {fixed['slotted']}, "
        f"outside test code: {fixed['slotted_outside_tests']}"
    )
    for side in ("pristine", "rewritten"):
        run = result[side]
        print(f"   {side}: {run['counts']} in {run['seconds']}s, cases {run['cases']}")
        print(f"     failed: {' '.join(run['failed']) or 'none'}")
    for label, key in (
        ("new failures (failed twice)", "new_failures"),
        ("flaky (failed once, passed on a second run)", "flaky_failures"),
        ("newly skipped", "newly_skipped"),
        ("newly env-changed", "newly_env_changed"),
    ):
        print(f"   {label}: {len(result[key])}")
        for test in result[key]:
            print(f"     - {test}")


def summary(run: SuiteRun, cached: bool = False) -> dict[str, Any]:
    return {
        "counts": run.counts(),
        "cases": run.cases,
        "seconds": run.seconds,
        "exit_code": run.exit_code,
        "failed": sorted(run.with_outcome("failed")),
        "cached": cached,
    }


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    # Started in the background (`cmd &`), this process inherits SIGINT
    # ignored, and so would every test run: test_generators and test_pdb
    # then fail on both copies. A handler here makes exec reset it for them.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    WORK.mkdir(parents=True, exist_ok=True)
    source = describe(args.prefix.resolve())
    options = regrtest_options(args)
    pristine, cached = pristine_run(source, args.tests, options)
    copy = copy_installation(source, WORK / "rewritten")
    figures, command = rewrite(args.autoslot.resolve(), copy, args.fix_args)
    # the rewrite must not have moved the copy off its own stdlib
    if describe(copy.prefix).stdlib != copy.stdlib:
        raise SystemExit("the rewritten copy no longer runs its own stdlib")
    after = run_suite(copy.python, args.tests, options, WORK / "rewritten-regrtest.log")
    new = sorted(after.with_outcome("failed") - pristine.with_outcome("failed"))
    again = None
    if new:
        log = WORK / "rewritten-again-regrtest.log"
        again = run_suite(copy.python, new, options, log)
    result: dict[str, Any] = {
        "version": source.version,
        "prefix": str(source.prefix),
        "autoslot_command": command,
        "regrtest_options": options,
        "selection": args.tests or "all",
        "autoslot": figures,
        "pristine": summary(pristine, cached),
        "rewritten": summary(after),
        "rerun_seconds": again.seconds if again else 0.0,
        **compare(pristine, after, again),
    }
    print_result(result)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(result, indent=2) + "\n")
    return 1 if result["new_failures"] else 0


if __name__ == "__main__":
    raise SystemExit(main())
