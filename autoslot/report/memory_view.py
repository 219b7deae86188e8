"""`autoslot report`: per class, its slots and the bytes they save per instance.

Covers the classes of the target files that `fix` would slot or that already
have slots, measured on the running interpreter (see memory.py for what is
measured), then the classes left alone with their codes, then totals. The
JSON variant is described by docs/memory-report.schema.json.
"""

from __future__ import annotations

import json
import platform
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from autoslot.config.settings import ColorChoice, Settings
from autoslot.decide.model import Action, Decision
from autoslot.exit_codes import ExitCode
from autoslot.index.external import ExternalClass
from autoslot.index.project import ClassId, ProjectIndex
from autoslot.pipeline.analysis import analyse, decide_and_rewrite
from autoslot.report.console import make_console
from autoslot.report.memory import Layout, Measurement, external_base, measure
from autoslot.report.projection import Counts, Projection, parse_counts, project
from autoslot.report.sites import error_text, reason_text
from autoslot.report.text import NO_FILES
from autoslot.util.paths import display_path

SCHEMA_VERSION = 1


@dataclass(frozen=True, slots=True)
class ClassRow:
    file: str
    line: int
    qualname: str
    name: str
    decision: Decision
    measurement: Measurement | None = None
    # why there is no measurement
    unmeasured: str = ""


def layout_of(
    index: ProjectIndex, decisions: dict[ClassId, Decision], class_id: ClassId
) -> Layout | str:
    """The instance layout a slotted class gives, or why it cannot be built."""
    node = index.nodes[class_id]
    if node.mro is None:
        return f"its MRO is unknown ({node.mro_problem})"
    attributes: list[str] = []
    weakref = dict_slot = False
    externals: list[ExternalClass] = []
    for entry in node.mro:
        if isinstance(entry, ExternalClass):
            if entry.has_dict:
                return f"{entry.dotted} keeps a __dict__"
            if entry.dotted != "builtins.object":
                externals.append(entry)
            continue
        decision = decisions[entry]
        if decision.action is Action.SKIP:
            return f"base {index.nodes[entry].display} keeps a __dict__"
        for name in decision.slots:
            weakref = weakref or name == "__weakref__"
            dict_slot = dict_slot or name == "__dict__"
            if name not in ("__weakref__", "__dict__") and name not in attributes:
                attributes.append(name)
    bases: list[type] = []
    chosen: list[ExternalClass] = []
    for entry in externals:
        if any(entry.dotted in c.mro for c in chosen):
            continue  # already in the layout through a more derived base
        found = external_base(entry.dotted)
        if found is None:
            return f"base {entry.dotted} cannot be imported"
        chosen.append(entry)
        bases.append(found)
    return Layout(tuple(attributes), weakref, dict_slot, tuple(bases) or (object,))


def class_rows(
    index: ProjectIndex, decisions: dict[ClassId, Decision]
) -> list[ClassRow]:
    # sizes depend on the number of attributes, not their names
    measured: dict[tuple[Any, ...], Measurement] = {}
    rows: list[ClassRow] = []
    for class_id, decision in decisions.items():
        node = index.nodes[class_id]
        if not node.target:
            continue
        row = ClassRow(
            display_path(class_id.path),
            node.summary.line,
            class_id.qualname,
            node.display,
            decision,
        )
        if decision.action is not Action.SKIP:
            layout = layout_of(index, decisions, class_id)
            if isinstance(layout, str):
                row = _unmeasured(row, layout)
            else:
                shape = (len(layout.attributes), layout.weakref, layout.dict_slot)
                key = (*shape, layout.bases)
                try:
                    if key not in measured:
                        measured[key] = measure(layout)
                    row = _measured(row, measured[key])
                except Exception as error:  # a base that refuses this layout
                    row = _unmeasured(row, f"{type(error).__name__}: {error}")
        rows.append(row)
    return sorted(rows, key=lambda r: (r.file, r.line, r.qualname))


def _measured(row: ClassRow, measurement: Measurement) -> ClassRow:
    return ClassRow(
        row.file, row.line, row.qualname, row.name, row.decision, measurement
    )


def _unmeasured(row: ClassRow, why: str) -> ClassRow:
    return ClassRow(
        row.file, row.line, row.qualname, row.name, row.decision, unmeasured=why
    )


def _interpreter() -> dict[str, str]:
    return {
        "implementation": platform.python_implementation(),
        "version": platform.python_version(),
    }


def projection(rows: Sequence[ClassRow], counts: Counts) -> Projection:
    return project(
        [
            (r, r.measurement.saved, r.measurement.saved_with_dict)
            for r in rows
            if r.measurement is not None
        ],
        counts,
    )


def _totals(rows: Sequence[ClassRow], counts: Counts) -> dict[str, Any]:
    measured = [r.measurement for r in rows if r.measurement is not None]
    projected = projection(rows, counts)
    left_alone = [r for r in rows if r.decision.action is Action.SKIP]
    return {
        "classes_slotted": sum(1 for r in rows if r.decision.action is not Action.SKIP),
        "classes_measured": len(measured),
        "classes_left_alone": len(left_alone),
        "left_alone_by_code": dict(
            sorted(Counter(r.decision.code for r in left_alone).items())
        ),
        # one instance of each measured class
        "bytes_saved": sum(m.saved for m in measured),
        "bytes_saved_with_dict": sum(m.saved_with_dict for m in measured),
        "projected": {
            "instances": projected.instances,
            "classes": projected.classes,
            "bytes_saved": projected.saved,
            "bytes_saved_with_dict": projected.saved_with_dict,
        },
    }


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
        "python": _interpreter(),
        "classes": slotted,
        "left_alone": left_alone,
        "totals": _totals(rows, counts),
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
    python = _interpreter()
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
    totals = _totals(rows, counts)
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
