"""`autoslot report`: per class, its slots and the bytes they save per instance.

Covers the classes of the target files that `fix` would slot or that already
have slots, measured on the running interpreter (see memory.py for what is
measured), then the classes left alone with their codes, then totals. The
JSON variant is described by docs/memory-report.schema.json.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from autoslot.config.settings import ColorChoice, Settings
from autoslot.decide.model import Action
from autoslot.exit_codes import ExitCode
from autoslot.pipeline.analysis import analyse, decide_and_rewrite
from autoslot.report.console import make_console
from autoslot.report.memory_rows import (
    ClassRow,
    class_rows,
    interpreter,
    projection,
    totals_of,
)
from autoslot.report.projection import Counts, parse_counts
from autoslot.report.sites import error_text, reason_text
from autoslot.report.text import NO_FILES

SCHEMA_VERSION = 1


def json_document(rows: Sequence[ClassRow], counts: Counts) -> str:
    slotted: list[dict[str, Any]] = []
    left_alone: list[dict[str, Any]] = []
    for row in rows:
        where = {"file": row.file, "line": row.line, "class": row.qualname}
        where["name"] = row.name
        if row.decision.action is Action.SKIP:
            left_alone.append(
                {
                    **where,
                    "code": row.decision.code,
                    "message": reason_text(row.decision),
                }
            )
            continue
        m = row.measurement
        slotted.append(
            {
                **where,
                "action": row.decision.action.value,
                "slots": list(row.decision.slots),
                "bytes": None
                if m is None
                else {
                    "slotted": m.slotted,
                    "plain": m.plain,
                    "plain_with_dict": m.plain_with_dict,
                    "saved": m.saved,
                    "saved_with_dict": m.saved_with_dict,
                },
                "not_measured": row.unmeasured or None,
            }
        )
    document = {
        "version": SCHEMA_VERSION,
        "python": interpreter(),
        "classes": slotted,
        "left_alone": left_alone,
        "totals": totals_of(rows, counts),
    }
    return json.dumps(document, indent=2) + "\n"


FIGURES = ("plain", "plain+dict", "slotted", "saved", "saved+dict")
CAPTION = (
    "Bytes allocated per instance, every attribute set. plain: the same class "
    "without __slots__; +dict: once instance.__dict__ has been read (vars, copy, "
    "pickle), which creates the dict."
)


def _where(row: ClassRow) -> str:
    return f"{escape(row.qualname)}\n[dim]{escape(row.file)}:{row.line}[/]"


def print_tables(rows: Sequence[ClassRow], console: Console, counts: Counts) -> None:
    python = interpreter()
    title = f"Slotted classes on {python['implementation']} {python['version']}"
    table = Table(title=title, caption=CAPTION)
    table.add_column("class", overflow="fold")
    table.add_column("slots", overflow="fold")
    for header in FIGURES:
        table.add_column(header, justify="right")
    for row in rows:
        if row.decision.action is Action.SKIP:
            continue
        m = row.measurement
        slots = escape(", ".join(row.decision.slots) or "()")
        if m is None:
            figures = [f"[dim]{escape(row.unmeasured)}[/]", "", "", "", ""]
        else:
            figures = [
                str(m.plain),
                str(m.plain_with_dict),
                str(m.slotted),
                f"[green]{m.saved}[/]",
                f"[green]{m.saved_with_dict}[/]",
            ]
        table.add_row(_where(row), slots, *figures)
    console.print(table)
    skipped = [r for r in rows if r.decision.action is Action.SKIP]
    if skipped:
        alone = Table(title="Classes left alone")
        for header in ("class", "code", "reason"):
            alone.add_column(header, overflow="fold")
        for row in skipped:
            alone.add_row(
                _where(row), row.decision.code, escape(reason_text(row.decision))
            )
        console.print(alone)
    totals = totals_of(rows, counts)
    console.print(
        f"{totals['classes_slotted']} classes slotted, "
        f"{totals['classes_left_alone']} left alone. One instance of each measured "
        f"class: {totals['bytes_saved']} bytes saved "
        f"({totals['bytes_saved_with_dict']} once their __dict__ would have been read)."
    )
    # the last line: what slots buy at the given scale
    console.print(projection(rows, counts).line(), highlight=False)


def memory_report(
    paths: Sequence[Path],
    settings: Settings,
    output_format: str,
    color: ColorChoice,
    quiet: bool = False,
    counts: Counts | None = None,
) -> int:
    counts = counts or parse_counts(())
    analysis = analyse(paths, settings)
    result, decisions = decide_and_rewrite(analysis, settings)
    errors = make_console(color, sys.stderr)
    for failed in result.failed:
        errors.print(f"[bold red]error:[/] {escape(error_text(failed))}")
    if not result.files and output_format != "json":
        if not quiet:
            errors.print(f"[yellow]warning:[/] {NO_FILES}")
        return ExitCode.OK
    rows = class_rows(analysis.index, decisions)
    for name in counts.unknown(rows):
        errors.print(
            f"[yellow]warning:[/] --instances: no measured class {escape(name)}"
        )
    if output_format == "json":
        sys.stdout.write(json_document(rows, counts))
    else:
        print_tables(rows, make_console(color, sys.stdout), counts)
    return ExitCode.ERROR if result.failed else ExitCode.OK
