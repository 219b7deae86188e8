"""How a run ended beyond its classes: what verification took back, and the
loops that stopped at their cap; as lines of the text report and as the
`verify` and `unsettled` keys of the JSON document. Both are rendered from
the same values (results.py), so neither says what the other does not."""

from __future__ import annotations

from typing import Any

from autoslot.results import Reverted, RunResult, VerifyOutcome
from autoslot.util.fixpoint import unsettled_note
from autoslot.util.paths import display_path

WHAT_FAILED = {
    True: "the module failed to import",
    False: "the test command failed",
}


def outcome_notes(result: RunResult) -> list[str]:
    """The lines the text report adds after its summary."""
    notes = [unsettled_note(u) for u in dict.fromkeys(result.unsettled)]
    if result.verify is not None:
        notes.extend(_verify_notes(result.verify))
    return notes


def _classes(count: int) -> str:
    return f"{count} {'class' if count == 1 else 'classes'}"


def _failure_lines(reverted: Reverted) -> list[str]:
    return [f"{display_path(p)}: {m}" if p else m for p, m in reverted.failures]


def _verify_notes(outcome: VerifyOutcome) -> list[str]:
    notes: list[str] = []
    for reverted in outcome.reverted:
        failure = "".join(f"\n    {line}" for line in _failure_lines(reverted))
        notes.append(
            f"reverted {reverted.name} ({reverted.code}): "
            f"{WHAT_FAILED[reverted.by_import_check]} with it slotted:{failure}"
        )
    if outcome.not_import_checked:
        broken = ", ".join(display_path(p) for p in outcome.not_import_checked)
        notes.append(
            f"import check: not checked, since they failed to import before the rewrite: {broken}"
        )
    # the baseline and one run of the rewrite say nothing worth a line; more had to bisect
    if outcome.import_runs > 2:
        notes.append(
            f"import check: ran {outcome.import_runs} times; "
            f"{_classes(outcome.reverted_by(import_check=True))} reverted."
        )
    if outcome.command and not outcome.command_runs:
        notes.append("verify: nothing to change; the test command did not run.")
    elif outcome.command:
        notes.append(
            f"verify: the test command ran {outcome.command_runs} times; "
            f"{_classes(outcome.reverted_by(import_check=False))} reverted; the final tree passes."
        )
    return notes


def verify_document(outcome: VerifyOutcome | None) -> dict[str, Any] | None:
    """The JSON report's `verify` (docs/report.schema.json)."""
    if outcome is None:
        return None
    imports = (
        {
            "runs": outcome.import_runs,
            "reverted": outcome.reverted_by(import_check=True),
            "not_checked": [display_path(p) for p in outcome.not_import_checked],
        }
        if outcome.import_runs
        else None
    )
    command = (
        {
            "command": outcome.command,
            "runs": outcome.command_runs,
            "reverted": outcome.reverted_by(import_check=False),
        }
        if outcome.command
        else None
    )
    return {
        # a tree that fails a check is never left written, and has no report
        "passed": True,
        "import_check": imports,
        "command": command,
        "reverted": [
            {
                "name": r.name,
                "file": display_path(r.path),
                "code": r.code,
                "failures": [
                    {"file": display_path(p) if p else None, "message": m}
                    for p, m in r.failures
                ],
            }
            for r in outcome.reverted
        ],
    }


def unsettled_document(result: RunResult) -> list[dict[str, Any]]:
    """The JSON report's `unsettled`: one entry per loop stopped at its cap."""
    return [
        {"loop": u.loop, "rounds": u.rounds, "message": unsettled_note(u)}
        for u in dict.fromkeys(result.unsettled)
    ]
