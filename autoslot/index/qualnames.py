"""The class statements of each module, by qualname.

A qualname can repeat (a class defined in both branches of an `if`); the
list keeps every statement in source order. Built once per module instead
of scanning its classes for every base and every call.
"""

from __future__ import annotations

from collections.abc import Sequence

from autoslot.summary.model import ClassSummary, ModuleSummary


class ClassesByQualname:
    __slots__ = ("_tables",)

    def __init__(self) -> None:
        self._tables: dict[str, dict[str, list[ClassSummary]]] = {}

    def named(self, summary: ModuleSummary, qualname: str) -> Sequence[ClassSummary]:
        table = self._tables.get(summary.path)
        if table is None:
            table = {}
            for cls in summary.classes:
                table.setdefault(cls.qualname, []).append(cls)
            self._tables[summary.path] = table
        return table.get(qualname, ())
