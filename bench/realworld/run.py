"""Proof on real projects: their own test suites, before and after `autoslot fix`.

    python bench/realworld/run.py [--only NAME] [--json OUT] [--no-memory]
        [--autoslot PATH] [--python PATH_OR_VERSION]

For each project of the pinned corpus (corpus.py): download the sdist of that
exact version, unpack it, build a cached virtualenv with the test
dependencies (never the project itself: the tests import the source tree),
run the tests on the pristine tree (cached: pristine.py), copy it, run
`autoslot fix` on the copy's fix paths (the package unless corpus.py says
otherwise), prove the tests import the copy, rerun the tests, and compare.
Then the memory workloads (workloads.py) run against both trees. The
project's virtualenv, its tests and the workloads run on `--python` (default:
the interpreter running this script); every cache that depends on it is keyed
by its major.minor. Stdlib and pip only.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
for directory in (HERE, HERE.parent):  # run as a script: siblings, bench/
    if str(directory) not in sys.path:
        sys.path.insert(0, str(directory))

from corpus import CORPUS, Project  # noqa: E402
from memory import measure_memory, print_memory  # noqa: E402
from pristine import pristine_tests  # noqa: E402
from sdist import fetch, unpack  # noqa: E402
from testcode import CHANGED, slotted_counts  # noqa: E402
from testrun import run_tests  # noqa: E402
from tools import (  # noqa: E402
    CACHE,
    Interpreter,
    environment,
    find_interpreter,
    project_python,
    run,
)

AUTOSLOT = HERE.parent.parent / ".venv" / "bin" / "autoslot"


def import_origin(python: Path, root: Path, project: Project) -> str:
    """Where the tests' interpreter, set up as for the tests, imports the package from."""
    code = f"import {project.package}; print({project.package}.__file__)"
    done = run(
        [str(python), "-c", code], cwd=root, env=environment(root, project), check=True
    )
    return done.stdout.strip().splitlines()[-1]


def autoslot_json(
    autoslot: Path, args: list[str], cwd: Path
) -> tuple[dict[str, Any], float, int]:
    started = time.perf_counter()
    done = run([str(autoslot), *args, "--output-format", "json"], cwd=cwd)
    seconds = time.perf_counter() - started
    try:
        report: dict[str, Any] = json.loads(done.stdout)
    except json.JSONDecodeError:
        sys.stderr.write(done.stderr)
        raise
    return report, seconds, done.returncode


def relative(path: Path, root: Path) -> str:
    if path.is_absolute() and path.is_relative_to(root):
        return path.relative_to(root).as_posix()
    return path.as_posix()


def codes(report: dict[str, Any]) -> dict[str, int]:
    counted = Counter(c["code"] for c in report["classes"] if c["action"] == "skip")
    return dict(sorted(counted.items()))


def prove_project(
    project: Project, autoslot: Path, interpreter: Interpreter
) -> dict[str, Any]:
    started = time.perf_counter()
    archive = fetch(project)
    python = project_python(project, interpreter)
    # one work tree per Python version: a run on another leaves this one be
    base = CACHE / "work" / f"{project.name}-{interpreter.key}"
    pristine = unpack(archive, base / "pristine")
    fixed = base / "fixed" / pristine.name
    if fixed.parent.exists():
        shutil.rmtree(fixed.parent)
    shutil.copytree(pristine, fixed)
    if not (fixed / "pyproject.toml").is_file():
        # Outside a repository autoslot's project root is the nearest
        # pyproject.toml; without one (chess) it would be the package
        # directory and the analysis would miss the tests beside it.
        (fixed / "pyproject.toml").write_text("[tool.autoslot]\n")

    baseline, cached = pristine_tests(
        interpreter, python, pristine, project, base / "baseline.xml"
    )
    targets = [str(fixed / path) for path in project.fix_targets()]
    check, _, _ = autoslot_json(autoslot, ["check", *targets], cwd=fixed)
    fix, seconds, status = autoslot_json(
        autoslot, ["fix", *targets, "--python", str(python)], cwd=fixed
    )
    origin = import_origin(python, fixed, project)
    if not Path(origin).resolve().is_relative_to(fixed.resolve()):
        raise SystemExit(f"{project.name}: the tests import {origin}, not the copy")
    after = run_tests(python, fixed, project, base / "after.xml")
    new = after.lost_since(baseline)
    flaky: set[str] = set()
    if new:
        # Timing tests (mistune's "near linear" checks) can fail once under
        # load: a failure counts only if a second run of the suite repeats it.
        again = run_tests(python, fixed, project, base / "after-again.xml")
        flaky = new - again.lost_since(baseline)
        new -= flaky
    counted = slotted_counts(fix["classes"], fixed)
    # by file and qualname, so runs on two Pythons can be compared class by class
    slotted = [
        f"{relative(Path(c['file']), fixed)}::{c['class']}"
        for c in fix["classes"]
        if c["action"] in CHANGED
    ]
    return {
        "project": project.requirement,
        "python": interpreter.version,
        "fix_paths": list(project.fix_targets()),
        "deselected": [{"test": d.test, "why": d.why} for d in project.deselected],
        "import_origin_after": origin,
        "autoslot_exit": status,
        "autoslot_seconds": round(seconds, 2),
        "classes_slotted": counted["slotted"],
        "classes_slotted_outside_tests": counted["slotted_outside_tests"],
        "classes_already_slotted": sum(c["action"] == "keep" for c in fix["classes"]),
        "slotted_classes": sorted(slotted),
        "left_alone_check": codes(check),
        "left_alone_fix": codes(fix),
        "files_changed": fix["summary"]["files_changed"],
        "autoslot_summary": fix["summary"]["text"],
        "baseline": baseline.counts(),
        "after": after.counts(),
        "new_failures": sorted(new),
        "flaky_failures": sorted(flaky),
        "fixed_failures": sorted(baseline.failing() - after.failing()),
        "baseline_cached": cached,
        "seconds": round(time.perf_counter() - started, 1),
        "_trees": (python, pristine, fixed),
    }


def print_project(name: str, result: dict[str, Any]) -> None:
    left = ", ".join(f"{k} {v}" for k, v in result["left_alone_check"].items())
    b, a = result["baseline"], result["after"]
    print(
        f"== {name} ({result['project']}, fix {' '.join(result['fix_paths'])}, "
        f"Python {result['python']})"
    )
    print(
        f"   autoslot fix: {result['autoslot_seconds']:.2f}s, exit {result['autoslot_exit']}"
    )
    print(
        f"   classes slotted: {result['classes_slotted']} "
        f"({result['classes_slotted_outside_tests']} outside test code; "
        f"already slotted: {result['classes_already_slotted']}, "
        f"files changed: {result['files_changed']})"
    )
    print(f"   left alone (check, pristine): {left or 'none'}")
    if result["left_alone_fix"] != result["left_alone_check"]:
        after = ", ".join(f"{k} {v}" for k, v in result["left_alone_fix"].items())
        print(f"   left alone (after fix's import check): {after}")
    print(f"   autoslot: {result['autoslot_summary']}")
    print(f"   tests imported from: {result['import_origin_after']}")
    for label, counts in (("baseline", b), ("after   ", a)):
        print(
            f"   tests {label}: {counts['passed']} passed, {counts['failed']} failed, "
            f"{counts['skipped']} skipped"
        )
    new = result["new_failures"]
    print(f"   new failures: {len(new)}")
    for test in new:
        print(f"     - {test}")
    for test in result["flaky_failures"]:
        print(f"   failed once, passed on a second run (not counted): {test}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", action="append", help="a project name (repeatable)")
    parser.add_argument("--json", type=Path, help="write the results to this file")
    parser.add_argument("--no-memory", action="store_true", help="skip the workloads")
    parser.add_argument(
        "--autoslot",
        type=Path,
        default=AUTOSLOT,
        help="the autoslot executable to judge (default: this checkout's .venv)",
    )
    parser.add_argument(
        "--python",
        metavar="PATH_OR_VERSION",
        help="the interpreter of the projects' virtualenvs, tests and workloads:"
        " a path, or a version such as 3.13 found with pyenv or on PATH"
        " (default: the one running this script)",
    )
    options = parser.parse_args(argv)
    names = {p.name for p in CORPUS}
    unknown = set(options.only or ()) - names
    if unknown:
        parser.error(f"unknown project(s): {', '.join(sorted(unknown))}")
    interpreter = find_interpreter(options.python)
    results: dict[str, Any] = {}
    started = time.perf_counter()
    for project in CORPUS:
        if options.only and project.name not in options.only:
            continue
        result = prove_project(project, options.autoslot.resolve(), interpreter)
        python, pristine, fixed = result.pop("_trees")
        print_project(project.name, result)
        if project.workload and not options.no_memory:
            result["memory"] = measure_memory(project, python, pristine, fixed)
            print_memory(result["memory"])
        results[project.name] = result
        sys.stdout.flush()
    total_new = sum(len(r["new_failures"]) for r in results.values())
    print(f"== total new failures: {total_new}")
    if options.json:
        meta = {
            "autoslot": str(options.autoslot),
            "autoslot_version": run(
                [str(options.autoslot), "--version"]
            ).stdout.strip(),
            # the projects' interpreter, and the one that ran this harness
            "python": interpreter.version,
            "python_executable": str(interpreter.executable),
            "harness_python": sys.version.split()[0],
            "seconds": round(time.perf_counter() - started, 1),
            "total_new_failures": total_new,
        }
        document = {"meta": meta, "projects": results}
        options.json.parent.mkdir(parents=True, exist_ok=True)
        options.json.write_text(json.dumps(document, indent=2) + "\n")
    return 1 if total_new else 0


if __name__ == "__main__":
    raise SystemExit(main())
