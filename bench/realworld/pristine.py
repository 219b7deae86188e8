"""The pristine tree's test results, cached: they change only with the project.

The key is everything the pristine run depends on: the pinned requirement,
the interpreter's exact version, the test dependencies and the test
selection. A rerun of the harness (another autoslot build, say) then only
rewrites and tests the copy.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from corpus import Project
from testrun import TestRun, run_tests
from tools import CACHE, Interpreter, run


def python_version(python: Path) -> str:
    done = run([str(python), "-c", "import sys; print(sys.version)"], check=True)
    return done.stdout.strip()


def cache_key(python: Path, project: Project) -> str:
    facts = [
        project.requirement,
        python_version(python),
        project.runner,
        *project.deps,
        "|",
        *project.test_arguments(),
    ]
    return hashlib.sha256("\0".join(facts).encode()).hexdigest()[:16]


def pristine_tests(
    interpreter: Interpreter, python: Path, root: Path, project: Project, report: Path
) -> tuple[TestRun, bool]:
    """The suite's result on the pristine tree at `root`, and whether it was cached.

    `python` is the project's virtualenv of `interpreter`; the file name says
    the Python version (the key holds its exact version already).
    """
    distribution = project.requirement.split("==")[0].lower()
    name = f"{distribution}-{cache_key(python, project)}-{interpreter.key}.json"
    cached = CACHE / "pristine" / name
    if cached.is_file():
        data = json.loads(cached.read_text())
        return TestRun(data["outcomes"], data["exit_code"]), True
    result = run_tests(python, root, project, report)
    cached.parent.mkdir(parents=True, exist_ok=True)
    payload = {"outcomes": result.outcomes, "exit_code": result.exit_code}
    cached.write_text(json.dumps(payload, indent=1) + "\n")
    return result, False
