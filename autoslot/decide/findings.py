"""Findings reported but never fixed: possible typos (AS203) and declared
slots nothing stores (AS204)."""

from __future__ import annotations

import re
from dataclasses import replace

from autoslot.decide.context import Context
from autoslot.decide.model import Action, Decision, Finding
from autoslot.index.project import ClassId, ClassNode
from autoslot.summary.names import mangle

RESERVED = frozenset({"__weakref__", "__dict__"})


def _words(name: str) -> list[str]:
    return [
        w for w in re.split(r"_+|(?<=[a-z0-9])(?=[A-Z])", name.strip("_").lower()) if w
    ]


def _one_slip(a: str, b: str) -> bool:
    """One character inserted, dropped, replaced, or two neighbours swapped."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        differ = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
        if len(differ) == 1:
            return True
        first, *rest = differ
        return (
            rest == [first + 1]
            and a[first] == b[first + 1]
            and a[first + 1] == b[first]
        )
    shorter, longer = (a, b) if len(a) < len(b) else (b, a)
    return any(longer[:i] + longer[i + 1 :] == shorter for i in range(len(longer)))


def _plural(a: str, b: str) -> bool:
    return a + "s" == b or b + "s" == a


def _abbreviates(a: str, b: str) -> bool:
    return (
        a != b and len(a) >= 2 and len(b) >= 2 and (b.startswith(a) or a.startswith(b))
    )


def near_miss(written: str, other: str) -> bool:
    """Whether `written` looks like a slip for `other`.

    Word by word (`exp_time` for `exposure_time`, `usr_id` for `user_id`):
    exactly one word differs, by abbreviation or by one slipped character.
    Whole names (`recieve` for `receive`, `colour` for `color`): one slipped
    character in a name of five or more. Plurals are not slips.
    """
    if written.strip("_") == other.strip("_"):
        return False
    a, b = _words(written), _words(other)
    if len(a) == len(b) and len(a) > 1:
        differing = [(x, y) for x, y in zip(a, b, strict=True) if x != y]
        if len(differing) != 1:
            return False
        x, y = differing[0]
        return not _plural(x, y) and (
            _abbreviates(x, y) or (min(len(x), len(y)) >= 4 and _one_slip(x, y))
        )
    if min(len(written), len(other)) < 5 or _plural(written, other):
        return False
    return _one_slip(written, other)


class FindingsPass:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        summaries = ctx.index.summaries.values()
        self.reads: set[str] = {name for s in summaries for name in s.attribute_reads}
        self.stored: set[str] = set()
        for summary in summaries:
            self.stored.update(s.attr for s in summary.flow.stores)
            for cls in summary.classes:
                self.stored.update(u.name for u in cls.stores)
                self.stored.update(b.name for b in cls.body if b.kind == "annotation")

    def run(self) -> None:
        for class_id, decision in list(self.ctx.decisions.items()):
            node = self.ctx.node(class_id)
            if not node.target or decision.action is Action.SKIP:
                continue
            found = [*self._typos(node), *self._unused(node)]
            if found:
                self.ctx.decisions[class_id] = replace(
                    decision, findings=(*decision.findings, *found)
                )

    def _typos(self, node: ClassNode) -> list[Finding]:
        uses = self.ctx.required_names(node)
        names = {u.name for u in uses} | set(self.ctx.inherited_slots(node)) - RESERVED
        found: list[Finding] = []
        for use in uses:
            if use.name in self.reads or use.name in RESERVED:
                continue
            for other in sorted(names):
                if near_miss(use.name, other):
                    found.append(
                        Finding(
                            "AS203",
                            use.line,
                            f"{use.name!r} is written ({use.method}) but never read anywhere; "
                            f"a misspelling of {other!r}?",
                        )
                    )
                    break
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
                Finding(
                    "AS204",
                    existing.line,
                    f"slot {written!r} is declared but nothing stores it",
                )
            )
        return found

    def _stored_by_subclass(self, class_id: ClassId, name: str) -> bool:
        stack = list(self.ctx.index.subclasses.get(class_id, ()))
        seen: set[ClassId] = set()
        while stack:
            current = stack.pop()
            if current in seen:
                continue
            seen.add(current)
            if any(
                u.name == name for u in self.ctx.required_names(self.ctx.node(current))
            ):
                return True
            stack.extend(self.ctx.index.subclasses.get(current, ()))
        return False


def add_findings(ctx: Context) -> dict[ClassId, Decision]:
    FindingsPass(ctx).run()
    return ctx.decisions
