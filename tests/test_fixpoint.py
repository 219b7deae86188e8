"""A fixpoint loop stopped at its cap is a bug that says so (autoslot/util/fixpoint.py):
under the tests it raises, in a user's run it is a note in the report.

Each project below needs two rounds of one loop; the loop's cap is cut to one
(the value flow's entry rounds: to none).
"""

from __future__ import annotations

import json
from pathlib import Path
from types import ModuleType

import pytest

from autoslot.config.settings import Settings
from autoslot.decide import engine
from autoslot.flow import solve
from autoslot.pipeline import analysis, editable
from autoslot.pipeline.runner import run
from autoslot.util.fixpoint import STRICT_VARIABLE, FixpointNotReached, Unsettled
from tests.helpers import autoslot, project

# a secondary base that becomes a mixin: the engine decides again
MIXIN = b"""\
class Named:
    def set_name(self, name):
        self.name = name


class Base:
    def __init__(self):
        self.x = 1


class Both(Base, Named):
    def __init__(self):
        super().__init__()
        self.set_name("n")
"""
# slots the rewriter would not edit: foreseen, then decided again
NOT_LITERAL = b"""\
class Kept:
    __slots__ = ("a" "b")

    def __init__(self):
        self.ab = 1
        self.c = 2
"""
# a file whose rewrite fails (a byte that is not UTF-8): decided again as on disk
UNDECODABLE = b"""\
x = 1
# caf\xe9
class Point:
    def __init__(self, x):
        self.x = x
"""

CASES: dict[str, tuple[ModuleType, str, bytes, str]] = {
    "decide": (engine, "MAX_ROUNDS", MIXIN, "deciding the classes"),
    "editable": (
        editable,
        "MAX_ROUNDS",
        NOT_LITERAL,
        "foreseeing the rewriter's refusals",
    ),
    "refusal": (
        analysis,
        "MAX_REFUSAL_ROUNDS",
        UNDECODABLE,
        "re-deciding on the rewrites' refusals and failures",
    ),
}


def _project(root: Path, source: bytes) -> Path:
    project(root, {})
    (root / "mod.py").write_bytes(source)
    return root


@pytest.mark.parametrize("loop", CASES)
def test_each_project_settles_within_the_caps(loop: str, tmp_path: Path) -> None:
    _, _, source, _ = CASES[loop]
    # strict: a cap reached would raise
    assert run([_project(tmp_path, source)], Settings(cache=False)).unsettled == []


@pytest.fixture(params=CASES)
def capped(
    request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> tuple[Path, str]:
    """A project whose loop needs two rounds, that loop's cap cut to one, and
    what the loop computes."""
    module, cap, source, what = CASES[request.param]
    monkeypatch.setattr(module, cap, 1)
    return _project(tmp_path, source), what


def test_a_cap_reached_raises_under_the_tests(capped: tuple[Path, str]) -> None:
    root, what = capped
    with pytest.raises(FixpointNotReached, match=f"{what} did not settle in 1 round;"):
        run([root], Settings(cache=False))


def test_a_cap_reached_is_a_note_in_the_report_of_a_run(
    capped: tuple[Path, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    root, what = capped
    monkeypatch.delenv(STRICT_VARIABLE)
    note = f"warning: internal error: {what} did not settle in 1 round;"
    assert run([root], Settings(cache=False)).unsettled == [Unsettled(what, 1)]
    ran = autoslot("check", "--no-cache", str(root))
    assert note in ran.stderr
    assert "Traceback" not in ran.stderr


def test_a_cap_reached_is_in_the_json_report(
    capped: tuple[Path, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    root, what = capped
    monkeypatch.delenv(STRICT_VARIABLE)
    ran = autoslot("check", "--no-cache", "--output-format", "json", str(root))
    (unsettled,) = json.loads(ran.stdout)["unsettled"]
    assert unsettled["loop"] == what
    assert unsettled["rounds"] == 1
    assert unsettled["message"].startswith(
        f"warning: internal error: {what} did not settle in 1 round;"
    )


# Opened with no round left, `later` is never solved: its store on `p` (a
# Point, by the call in `first`) is unseen, and taken as it is the flow would
# let Point be slotted without `extra`.
ENTRY_WAVES = b"""\
class Point:
    def __init__(self):
        self.x = 1


def first(runner):
    runner.later(Point())


def later(p):
    p.extra = 2
"""


@pytest.fixture
def unsettled_flow(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project whose value flow needs an entry round, with no round allowed."""
    monkeypatch.setattr(solve, "MAX_ENTRY_ROUNDS", 0)
    return _project(tmp_path, ENTRY_WAVES)


def test_an_unsettled_flow_raises_under_the_tests(unsettled_flow: Path) -> None:
    with pytest.raises(FixpointNotReached, match=f"{solve.ENTRY_LOOP} did not settle"):
        run([unsettled_flow], Settings(cache=False))


def test_an_unsettled_flow_is_reported_and_places_nothing(
    unsettled_flow: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(STRICT_VARIABLE)
    ran = autoslot(
        "check", "--no-cache", "--output-format", "json", str(unsettled_flow)
    )
    assert ran.code == 0, ran.stderr  # nothing to change, not an internal error (123)
    report = json.loads(ran.stdout)
    assert [u["loop"] for u in report["unsettled"]] == [solve.ENTRY_LOOP]
    (point,) = report["classes"]
    assert (point["action"], point["code"]) == ("skip", "AS114")
    fixed = autoslot("fix", "--no-cache", "--no-import-check", str(unsettled_flow))
    assert fixed.code == 0, fixed.stderr
    assert f"{solve.ENTRY_LOOP} did not settle in 0 rounds" in fixed.stderr
    assert (unsettled_flow / "mod.py").read_bytes() == ENTRY_WAVES
