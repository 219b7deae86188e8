"""A plain check (no diff to show, so no rewrite) reports what `fix` does.

Without --diff, `check` never runs the rewriter: it relies on the decide
stage to foresee every edit the rewriter would refuse. On every fixture case
its JSON report must agree with that of `check --diff` (which rewrites) on
each class's action and code and each file's status, and meet the case's
`# expect:` codes (but for verify/ cases, whose codes only `fix` finds).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.fixture_harness import (
    Case,
    Outcome,
    _check_expectations,
    _run_autoslot,
    _write,
    load_cases,
)

CASES = load_cases()


def _verdicts(report: dict[str, Any]) -> tuple[object, ...]:
    classes = sorted(
        (c["file"], c["line"], c["class"], c["action"], c["code"] or "")
        for c in report["classes"]
    )
    files = sorted((f["file"], f["status"]) for f in report["files"])
    return classes, files, report["summary"]["text"]


def _check(case: Case, root: Path, *extra: str) -> tuple[int, dict[str, Any]]:
    given = [str(root / t) for t in case.targets] or [str(root)]
    args = ["check", *given, "--output-format", "json", *extra, *case.flags]
    code, stdout, stderr = _run_autoslot(args)
    assert stdout.strip(), stderr
    return code, json.loads(stdout)


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_plain_check_reports_what_check_diff_does(case: Case, tmp_path: Path) -> None:
    root = tmp_path.resolve() / "project"
    root.mkdir()
    _write(root, case.before)
    if "pyproject.toml" not in case.before:
        (root / "pyproject.toml").write_text(
            '[project]\nname = "case"\nversion = "0"\n'
        )
    # plain first: its result is cached, and must not stand in for the diff's
    plain_code, plain = _check(case, root)
    diff_code, diff = _check(case, root, "--diff")
    assert plain_code == diff_code
    assert _verdicts(plain) == _verdicts(diff)
    for file in diff["files"]:
        if file["status"] == "changed":
            assert file["diff"].startswith("--- ")
    if case.id.startswith("verify/"):
        return  # their codes come from verifying the written files: fix only
    outcome = Outcome(case.id)
    _check_expectations(case, plain, outcome, root)
    assert not outcome.failures, "\n".join(outcome.failures)
