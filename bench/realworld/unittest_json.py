"""Discover and run unittest suites; write {test id: outcome} as JSON.

    python unittest_json.py OUT.json START_DIR...

Run in the project's environment with the project root as the working
directory (the top-level directory for discovery). Stdlib only.
"""

from __future__ import annotations

import json
import sys
import unittest
from typing import Any


class Recorder(unittest.TextTestResult):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.outcomes: dict[str, str] = {}

    def _record(self, test: unittest.TestCase, outcome: str) -> None:
        # a failed subTest and its test share an id; keep the worst outcome
        if self.outcomes.get(test.id()) not in ("failed", "error"):
            self.outcomes[test.id()] = outcome

    def addSuccess(self, test: unittest.TestCase) -> None:
        super().addSuccess(test)
        self._record(test, "passed")

    def addFailure(self, test: unittest.TestCase, err: Any) -> None:
        super().addFailure(test, err)
        self._record(test, "failed")

    def addError(self, test: unittest.TestCase, err: Any) -> None:
        super().addError(test, err)
        self._record(test, "error")

    def addSkip(self, test: unittest.TestCase, reason: str) -> None:
        super().addSkip(test, reason)
        self._record(test, "skipped")

    def addExpectedFailure(self, test: unittest.TestCase, err: Any) -> None:
        super().addExpectedFailure(test, err)
        self._record(test, "passed")

    def addUnexpectedSuccess(self, test: unittest.TestCase) -> None:
        super().addUnexpectedSuccess(test)
        self._record(test, "failed")

    def addSubTest(self, test: Any, subtest: Any, err: Any) -> None:
        super().addSubTest(test, subtest, err)
        if err is not None:
            self._record(test, "failed")


def main() -> int:
    out, starts = sys.argv[1], sys.argv[2:]
    suite = unittest.TestSuite(
        unittest.defaultTestLoader.discover(start, top_level_dir=".")
        for start in starts
    )
    runner = unittest.TextTestRunner(resultclass=Recorder, verbosity=0)
    result = runner.run(suite)
    assert isinstance(result, Recorder)
    with open(out, "w") as handle:  # noqa: PTH123
        json.dump(result.outcomes, handle, indent=1)
    return 0 if result.wasSuccessful() else 1


if __name__ == "__main__":
    raise SystemExit(main())
