"""Findings reported but never fixed: likely typos (AS203 written, AS206
read; typos.py) and declared slots nothing stores (AS204)."""

from __future__ import annotations

from dataclasses import replace

from autoslot.codes.reason_code import Code, Gate
from autoslot.decide.context import Context
from autoslot.decide.model import Action, Decision, Finding, finding
from autoslot.decide.tests_code import TEST_CODE
from autoslot.decide.typos import WRITTEN_TYPO, read_suspects, write_suspects
from autoslot.index.project import ClassId, ClassNode
from autoslot.summary.names import mangle

UNUSED_SLOT = Code(
    "AS204",
    "a declared slot is never stored",
    "A name in `__slots__` is never assigned anywhere in the project. Reported, "
    "never fixed; `check --strict` fails on it.",
    "class P:\n    __slots__ = ('x', 'unused')\n    def __init__(self):\n"
    "        self.x = 0",
    "Remove the slot if it is really unused.",
    gate=Gate.STRICT,
)

RESERVED = frozenset({"__weakref__", "__dict__"})


class FindingsPass:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        summaries = ctx.index.summaries.values()
        self.stored: set[str] = set()
        for summary in summaries:
            self.stored.update(s.attr for s in summary.flow.stores)
            for cls in summary.classes:
                self.stored.update(u.name for u in cls.stores)
                self.stored.update(b.name for b in cls.body if b.kind == "annotation")

    def run(self) -> None:
        for class_id, decision in list(self.ctx.decisions.items()):
            node = self.ctx.node(class_id)
            # test code is analysed, not reported on: its classes are fixtures
            if not node.target or decision.left_alone_for(TEST_CODE):
                continue
            found = self._typos(node, decision)
            if decision.action is not Action.SKIP:
                found.extend(self._unused(node))
            if found:
                self.ctx.decisions[class_id] = replace(
                    decision, findings=(*decision.findings, *found)
                )

    def _typos(self, node: ClassNode, decision: Decision) -> list[Finding]:
        ctx = self.ctx
        found: list[Finding] = []
        # a class left alone for its typos (typo_guard.py) carries them already
        if not any(f.code == WRITTEN_TYPO.code for f in decision.findings):
            uses = ctx.required_names(node)
            found.extend(s.finding(node) for s in write_suspects(ctx, node, uses))
        found.extend(s.finding(node) for s in read_suspects(ctx, node))
        return found

    def _unused(self, node: ClassNode) -> list[Finding]:
        existing = node.summary.slots
        if existing is None:
            return []
        found: list[Finding] = []
        for written in existing.names:
            name = mangle(written, node.summary.name)
            if name in RESERVED or name in self.stored or written in self.stored:
                continue
            if self._stored_by_subclass(node.id, name):
                continue
            found.append(
                finding(
                    UNUSED_SLOT,
                    existing.line,
                    f"slot {written!r} is declared but nothing stores it",
                )
            )
        return found

    def _stored_by_subclass(self, class_id: ClassId, name: str) -> bool:
        return any(
            u.name == name
            for sub in self.ctx.index.descendants(class_id)
            for u in self.ctx.required_names(self.ctx.node(sub))
        )


def add_findings(ctx: Context) -> dict[ClassId, Decision]:
    FindingsPass(ctx).run()
    return ctx.decisions
