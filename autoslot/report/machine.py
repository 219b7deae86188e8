"""Machine-readable reports: a JSON document, or GitHub Actions annotations.

The JSON document (schema: docs/report.schema.json) holds one object per class
decision, one per finding outside classes, one per file, and a summary.
"""

from __future__ import annotations

import json
from typing import Any

from autoslot.decide.model import Action
from autoslot.decide.registry import title
from autoslot.report.diff import unified_diff
from autoslot.report.outcomes import unsettled_document, verify_document
from autoslot.report.sites import error_text, finding_file, message_text, reason_text
from autoslot.report.text import Mode, summary_line
from autoslot.results import FileStatus, RunResult
from autoslot.util.paths import display_path

SCHEMA_VERSION = 1


def json_report(
    result: RunResult,
    mode: Mode,
    with_diff: bool,
    disabled: frozenset[str] = frozenset(),
) -> str:
    """The JSON document; findings with a disabled code are left out."""
    classes: list[dict[str, Any]] = []
    for file in result.files:
        shown = display_path(file.path)
        for cls in file.classes:
            decision = cls.decision
            classes.append(
                {
                    "file": shown,
                    "line": cls.line,
                    "class": cls.qualname,
                    "name": cls.display,
                    "action": decision.action.value,
                    "slots": list(decision.slots),
                    "added": list(decision.added),
                    "removed": list(decision.removed),
                    "mixin": decision.mixin,
                    "code": decision.code or None,
                    "message": reason_text(decision) or None,
                    "findings": [
                        {
                            "code": f.code,
                            "file": finding_file(f, file.path),
                            "line": f.line or cls.line,
                            "message": message_text(f),
                        }
                        for f in decision.findings
                        if f.code not in disabled
                    ],
                }
            )
    files = []
    for file in result.files:
        shown = display_path(file.path)
        entry: dict[str, Any] = {"file": shown, "status": file.status.value}
        if file.error is not None:
            entry["error"] = error_text(file)
        if with_diff and file.status is FileStatus.CHANGED:
            entry["diff"] = unified_diff(shown, file.before, file.after)
        files.append(entry)
    stores = [
        {
            "file": display_path(s.path),
            "line": s.finding.line,
            "code": s.finding.code,
            "message": message_text(s.finding),
        }
        for s in result.stores
        if s.finding.code not in disabled
    ]
    counts: dict[str, int] = {}
    for item in classes:
        if item["action"] == Action.SKIP.value:
            counts[item["code"]] = counts.get(item["code"], 0) + 1
    summary = {
        "mode": mode,
        "classes_changed": sum(1 for c in classes if Action(c["action"]).changes),
        "classes_left_alone": sum(counts.values()),
        "left_alone_by_code": dict(sorted(counts.items())),
        "files_changed": len(result.changed),
        "files_failed": len(result.failed),
        "files_unchanged": sum(
            1
            for f in result.files
            if f.status in (FileStatus.UNCHANGED, FileStatus.SKIPPED)
        ),
        "text": summary_line(result, mode),
    }
    document = {
        "version": SCHEMA_VERSION,
        "classes": classes,
        "stores": stores,
        "files": files,
        "summary": summary,
        "verify": verify_document(result.verify),
        "unsettled": unsettled_document(result),
    }
    return json.dumps(document, indent=2) + "\n"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github_report(
    result: RunResult, mode: Mode, disabled: frozenset[str] = frozenset()
) -> str:
    """GitHub Actions workflow commands: an annotation per class and finding.

    A class that would change is an error under `check` (CI should fail) and a
    notice under `fix`; a class left alone is a warning titled with its code.
    Codes in `disabled` get no annotation.
    """
    lines: list[str] = []
    for file in result.failed:
        lines.append(
            f"::error file={_escape_property(display_path(file.path))},title=autoslot::{_escape_data(error_text(file))}"
        )
    change_level = "error" if mode == "check" else "notice"
    for file in result.files:
        where = f"file={_escape_property(display_path(file.path))}"
        for cls in file.classes:
            decision = cls.decision
            if decision.action.changes:
                verb = "slotted" if mode == "fix" else "needs __slots__"
                names = ", ".join(decision.added) or "()"
                message = f"{cls.qualname} {verb}: {names}"
                lines.append(
                    f"::{change_level} {where},line={cls.line},title=autoslot::{_escape_data(message)}"
                )
            if decision.action is Action.SKIP and decision.code not in disabled:
                message = f"{cls.qualname} left alone ({title(decision.code)}): {reason_text(decision)}"
                lines.append(
                    f"::warning {where},line={cls.line},title={decision.code}::{_escape_data(message)}"
                )
            for finding in decision.findings:
                if finding.code in disabled:
                    continue
                message = f"{cls.qualname}: {message_text(finding)}"
                shown = f"file={_escape_property(finding_file(finding, file.path))}"
                lines.append(
                    f"::warning {shown},line={finding.line or cls.line},title={finding.code}::{_escape_data(message)}"
                )
    for store in result.stores:
        if store.finding.code in disabled:
            continue
        lines.append(
            f"::warning file={_escape_property(display_path(store.path))},line={store.finding.line},"
            f"title={store.finding.code}::{_escape_data(message_text(store.finding))}"
        )
    return "\n".join(lines) + ("\n" if lines else "")
