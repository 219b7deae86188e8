"""Run a project's test suite and read the outcome of every test.

pytest (with its junit XML) for most projects; the stdlib unittest runner,
through unittest_json.py, for a project whose suite only works that way
(Markdown's test_legacy.py turns every warning into an error at import, which
makes pytest's own collection warnings fail the run).
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

from corpus import Project
from tools import environment, run

UNITTEST_JSON = Path(__file__).resolve().parent / "unittest_json.py"


@dataclass
class TestRun:
    # test id -> passed | failed | error | skipped
    outcomes: dict[str, str] = field(default_factory=dict)
    exit_code: int = 0

    def counts(self) -> dict[str, int]:
        values = list(self.outcomes.values())
        return {
            "passed": values.count("passed"),
            # a test that errors (setup, collection) has not passed either
            "failed": values.count("failed") + values.count("error"),
            "skipped": values.count("skipped"),
            "exit_code": self.exit_code,
        }

    def failing(self) -> set[str]:
        return {t for t, o in self.outcomes.items() if o in ("failed", "error")}

    def lost_since(self, before: TestRun) -> set[str]:
        """Tests that passed in `before` and fail or never ran here.

        A test module that no longer imports takes its tests out of the
        collection: they fail nowhere, so they are counted by their absence.
        """
        passed = {t for t, o in before.outcomes.items() if o == "passed"}
        here = {comparable(t): t for t in self.outcomes}
        gone = {t for t in passed if comparable(t) not in here}
        failing_before = {comparable(t) for t in before.failing()}
        return gone | {t for t in self.failing() if comparable(t) not in failing_before}


# Parametrised test ids that embed the tree's path (requests) or the time the
# suite ran (marshmallow's datetimes): the same test under another name
_TREE = re.compile(r"/\S*?/(?:pristine|fixed)/[^/\]\s]+")
_CLOCK = re.compile(r"\d{1,4}[-:./]\d{1,2}[-:./]\d{1,4}")


def comparable(test: str) -> str:
    return _CLOCK.sub("<n>", _TREE.sub("<tree>", test))


def _outcome(case: ET.Element) -> str:
    for tag in ("failure", "error", "skipped"):
        if case.find(tag) is not None:
            return "failed" if tag == "failure" else tag
    return "passed"


def _pytest(python: Path, root: Path, project: Project, report: Path) -> TestRun:
    done = run(
        [
            *(str(python), "-m", "pytest", "-q", "-p", "no:cacheprovider"),
            *(f"--junitxml={report}", "-o", "junit_family=xunit2"),
            *project.test_arguments(),
        ],
        cwd=root,
        env=environment(root, project),
    )
    result = TestRun(exit_code=done.returncode)
    if not report.is_file():
        raise SystemExit(
            f"{project.name}: pytest wrote no report\n{done.stdout[-3000:]}"
        )
    for case in ET.parse(report).iter("testcase"):
        test = f"{case.get('classname', '')}::{case.get('name', '')}"
        # an id can repeat (a setup error and a call failure); keep the worst
        if result.outcomes.get(test) not in ("failed", "error"):
            result.outcomes[test] = _outcome(case)
    return result


def _unittest(python: Path, root: Path, project: Project, report: Path) -> TestRun:
    done = run(
        [str(python), str(UNITTEST_JSON), str(report), *project.tests],
        cwd=root,
        env=environment(root, project),
    )
    if not report.is_file():
        raise SystemExit(
            f"{project.name}: unittest wrote no report\n{done.stderr[-3000:]}"
        )
    return TestRun(json.loads(report.read_text()), done.returncode)


def run_tests(python: Path, root: Path, project: Project, report: Path) -> TestRun:
    """The suite on the tree at `root`, importing the package from that tree."""
    report.unlink(missing_ok=True)
    runner = _unittest if project.runner == "unittest" else _pytest
    return runner(python, root, project, report)
