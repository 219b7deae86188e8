"""The fixture suite: every case in fixtures/, on the running interpreter and
(with --all-pythons) on every other installed CPython >= 3.10.

On the running interpreter each case runs in-process. For the others, a
virtualenv per interpreter runs the same harness once over all cases and the
results are reported here case by case, so test ids stay the case paths.
"""

from __future__ import annotations

import json
import subprocess
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from tests.fixture_harness import load_cases, run_case
from tests.interpreters import other_interpreters, venv_python

CASES = load_cases()
HARNESS = Path(__file__).resolve().parent / "fixture_harness.py"


@cache
def _others() -> dict[str, str]:
    return other_interpreters()


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """The other interpreters are looked for only when their tests are wanted."""
    if "version" in metafunc.fixturenames:
        wanted = metafunc.config.getoption("--all-pythons")
        metafunc.parametrize("version", list(_others()) if wanted else [])


def test_there_are_cases() -> None:
    assert len(CASES) >= 40


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_fixture(case) -> None:  # type: ignore[no-untyped-def]
    outcome = run_case(case)
    if outcome.not_applicable:
        pytest.skip(outcome.not_applicable)
    assert not outcome.failures, "\n\n".join(outcome.failures)


@cache
def _results_on(version: str) -> dict[str, dict[str, Any]]:
    python = venv_python(version, _others()[version])
    done = subprocess.run(  # noqa: PLW1510 - the return code is inspected
        [python, str(HARNESS)],
        cwd=HARNESS.parent.parent,
        capture_output=True,
        text=True,
        timeout=3600,
    )
    if done.returncode != 0:
        raise RuntimeError(
            f"the fixture harness crashed on Python {version}:\n{done.stderr[-4000:]}"
        )
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


@pytest.mark.other_pythons
@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_fixture_on_other_python(case, version: str) -> None:  # type: ignore[no-untyped-def]
    result = _results_on(version)[case.id]
    if result["not_applicable"]:
        pytest.skip(f"{result['not_applicable']}; this is {version}")
    assert not result["failures"], "\n\n".join(result["failures"])
