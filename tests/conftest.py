"""Make `tests.*` helpers importable however pytest is started, and keep the
slow, environment-building tests for CI.

A plain `pytest` runs every test on the running interpreter. Two options add
what needs other environments (CI's `.ci/run` passes both):

* `--all-pythons`: the fixture suite, and the tests that take a
  `python_version`, on every other installed CPython >= 3.10, each in a
  virtualenv built once in `.venvs/` (tests marked `other_pythons`);
* `--precommit`: the tests that run pre-commit itself, which builds hook
  environments from a package index (tests marked `precommit`).

`--stdlib` runs the minutes-long check that `fix` writes what `check --diff`
shows on a copy of the standard library (tests marked `stdlib`).

A fixpoint loop that reaches its cap of rounds raises FixpointNotReached
under the tests (autoslot/util/fixpoint.py), in the test process and in the
autoslot processes tests start, instead of becoming a note in the report.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from autoslot.decide.context import ProjectFacts  # noqa: E402
from autoslot.pipeline import analysis  # noqa: E402
from autoslot.util.fixpoint import STRICT_VARIABLE  # noqa: E402 - needs ROOT on the path
from tests.helpers import SLOTTABLE, project  # noqa: E402
from tests.interpreters import version_params  # noqa: E402 - needs ROOT on the path

os.environ[STRICT_VARIABLE] = "1"

# marker -> the option that runs the tests it marks
OPT_IN = {
    "other_pythons": "--all-pythons",
    "precommit": "--precommit",
    "stdlib": "--stdlib",
}


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("autoslot")
    group.addoption(
        "--all-pythons",
        action="store_true",
        help="also run the fixture suite on every other installed CPython >= 3.10",
    )
    group.addoption(
        "--precommit",
        action="store_true",
        help="also run the tests that build pre-commit hook environments",
    )
    group.addoption(
        "--stdlib",
        action="store_true",
        help="also check that fix writes what check --diff shows on a stdlib copy",
    )


@pytest.hookimpl(tryfirst=True)
def pytest_configure(config: pytest.Config) -> None:
    """With pytest-xdist, the opt-in tests of a module stay on one worker: the
    cases of one interpreter share its virtualenv and one run of the harness,
    which two workers would build and run twice (and race on)."""
    opted_in = any(config.getoption(option) for option in OPT_IN.values())
    if opted_in and getattr(config.option, "dist", "no") == "load":
        config.option.dist = "loadscope"


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """`python_version`: this interpreter's, and with --all-pythons each
    other installed one (tests/interpreters.py)."""
    if "python_version" in metafunc.fixturenames:
        wanted = metafunc.config.getoption("--all-pythons")
        metafunc.parametrize("python_version", version_params(wanted))


def pytest_collection_modifyitems(
    config: pytest.Config, items: list[pytest.Item]
) -> None:
    """Deselect what the options did not ask for (reported as deselected)."""
    left_out = {m for m, option in OPT_IN.items() if not config.getoption(option)}
    if not left_out:
        return
    kept = [i for i in items if not left_out & set(i.keywords)]
    if len(kept) != len(items):
        config.hook.pytest_deselected(items=[i for i in items if i not in kept])
        items[:] = kept


# the caches that spare a warm run its analysis (test_facts_cache.py,
# test_patched.py)
@pytest.fixture
def flows(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many times the project facts are computed rather than reused."""
    computed: list[int] = []
    real = analysis.gather_project_facts

    def counted(*args: Any) -> ProjectFacts:
        computed.append(1)
        return real(*args)

    monkeypatch.setattr(analysis, "gather_project_facts", counted)
    return computed


@pytest.fixture
def shapes(tmp_path: Path) -> Path:
    return project(
        tmp_path,
        {
            "pkg/__init__.py": "",
            "pkg/shapes.py": SLOTTABLE,
            "pkg/use.py": "from pkg.shapes import Point\n\n\ndef origin():\n"
            "    return Point(0, 0)\n",
        },
    )
