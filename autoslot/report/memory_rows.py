"""The rows of `autoslot report`: per class, its decision and the bytes
its slots save per instance (memory.py measures), and the totals over them.
memory_view.py renders them as tables or JSON."""

from __future__ import annotations

import platform
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from autoslot.decide.model import Action, Decision
from autoslot.index.external import ExternalClass
from autoslot.index.project import ClassId, ProjectIndex
from autoslot.report.memory import Layout, Measurement, external_base, measure
from autoslot.report.projection import Counts, Projection, project
from autoslot.util.paths import display_path


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


def interpreter() -> dict[str, str]:
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


def totals_of(rows: Sequence[ClassRow], counts: Counts) -> dict[str, Any]:
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
