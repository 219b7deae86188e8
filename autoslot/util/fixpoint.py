"""Loops that repeat until nothing changes, and what a loop stopped short leaves.

Opening the value flow's entry points (flow/solve.py), deciding the classes
(decide/engine.py), foreseeing the rewriter's refusals (pipeline/editable.py)
and re-deciding on the refusals a rewrite finds (pipeline/analysis.py) each repeat
until their answer stops changing, under a cap of rounds a correct analysis
never reaches. Reaching it is a bug. A run then goes on with the last round's
answer (an unsettled flow's taken as unknown: flow/facts.py) and says so in
its report: the loop's `Unsettled` is on the run result, a warning in the
text report and an entry of `unsettled` in the JSON one. Under the test suite (tests/conftest.py sets
STRICT_VARIABLE) the loop raises FixpointNotReached instead, so the test that
reaches a cap fails where it happens.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

# set (to anything but "") by tests/conftest.py, for subprocesses too
STRICT_VARIABLE = "AUTOSLOT_STRICT_FIXPOINTS"


class FixpointNotReached(RuntimeError):
    """A loop reached its cap of rounds with its answer still changing."""


@dataclass(frozen=True, slots=True)
class Unsettled:
    """A loop that stopped at its cap: what it computes, and the cap."""

    loop: str
    rounds: int


def cap_reached(loop: str, rounds: int) -> Unsettled:
    """The problem a run reports for a loop stopped at its cap; raises
    FixpointNotReached instead when fixpoints are strict."""
    unsettled = Unsettled(loop, rounds)
    if os.environ.get(STRICT_VARIABLE):
        raise FixpointNotReached(unsettled_note(unsettled))
    return unsettled


def unsettled_note(unsettled: Unsettled) -> str:
    rounds = f"{unsettled.rounds} round{'' if unsettled.rounds == 1 else 's'}"
    return (
        f"warning: internal error: {unsettled.loop} did not settle in {rounds}; "
        "the result may be incomplete (please report this)"
    )
