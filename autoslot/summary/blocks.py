"""Compound statements (loops, `if`, `with`, `try`, `match`): which versions
of each name and which reads of the instance hold in and after each block."""

from __future__ import annotations

import ast
from typing import TYPE_CHECKING

from autoslot.summary.frames import (
    Frame,
)
from autoslot.summary.narrowing import exits, narrowed

if TYPE_CHECKING:
    from autoslot.summary.walk import Walker


def compound_statement(w: Walker, node: ast.stmt, frame: Frame) -> None:
    kind = type(node)
    scope = frame.scope
    loop = kind in (ast.For, ast.AsyncFor, ast.While)
    before = dict(scope.versions) if scope.versions is not None else None
    written_from = len(scope.written)
    if kind is ast.While:
        # the test runs before every round: read through the variables
        scope.forget(list(scope.versions or ()))
    inner = w.header(node, frame)
    state = frame.function
    # what a block reads does not hold after it, nor in the other blocks (a
    # `with` body always runs, so its reads do hold after it)
    saved = state.snapshot() if state is not None else None
    if kind is ast.If:
        if_statement(w, node, frame, before)  # type: ignore[arg-type]
    else:
        branches = kind not in (ast.With, ast.AsyncWith)
        for name in ("body", "orelse", "finalbody"):
            block = getattr(node, name, None)
            if not block:
                continue
            if (
                name != "body"
                and scope.versions is not None
                and (loop or kind is not ast.Match)
            ):
                # after a loop's rounds or a try's body that may have stopped
                # anywhere: every version written in it may reach here
                scope.forget(scope.written[written_from:])
            w.statements(block, inner if name == "body" else frame)
            if branches and saved is not None and state is not None:
                state.restore(saved)
        for handler in getattr(node, "handlers", ()):
            scope.forget(scope.written[written_from:])
            w.statements(handler.body, frame)
            if saved is not None and state is not None:
                state.restore(saved)
        for case in getattr(node, "cases", ()):
            if before is not None:
                scope.versions = dict(before)
            w.statements(case.body, frame)
            if saved is not None and state is not None:
                state.restore(saved)
        if before is not None and kind not in (ast.With, ast.AsyncWith):
            scope.versions = before
            scope.forget(scope.written[written_from:])
    if saved is not None and state is not None and kind is not ast.If:
        if kind in (ast.With, ast.AsyncWith):
            return
        state.restore(saved)


def if_statement(
    w: Walker, node: ast.If, frame: Frame, before: dict[str, int] | None
) -> None:
    """Both branches from the same versions; after the `if`, each name's
    versions from the branches that do not always leave, merged."""
    scope = frame.scope
    state = frame.function
    saved = state.snapshot() if state is not None else None
    when_true, when_false = narrowed(node.test)
    # the body runs only after every operand of an `and` test did
    all_true = state.when_all_true if state is not None else None
    outcomes: list[dict[str, int]] = []
    for block, tests in ((node.body, when_true), (node.orelse, when_false)):
        if before is not None:
            scope.versions = dict(before)
        if block is node.body and all_true is not None and all_true[0] is node.test:
            state.restore(all_true[1])  # type: ignore[union-attr]
        made = w.narrow(tests, frame)
        w.statements(block, frame)
        if saved is not None and state is not None:
            state.restore(saved)
        del made  # a narrowed version merges like any other (it holds less)
        if before is not None and not exits(block):
            outcomes.append(dict(scope.versions or {}))
    if before is None:
        return
    if not outcomes:
        scope.versions = dict(before)
        return
    if len(outcomes) == 1:
        scope.versions = outcomes[0]
        return
    merged: dict[str, int] = {}
    # in the branches' order, not a set's: variable numbers must not follow
    # the hash seed (a summary is compared with the cached one, facts_cache.py)
    for name in dict.fromkeys([*outcomes[0], *outcomes[1]]):
        seen = {o.get(name, before.get(name)) for o in outcomes} - {None}
        if len(seen) == 1:
            merged[name] = seen.pop()  # type: ignore[assignment]
        elif seen:
            phi = w.builder.var()
            for version in sorted(seen):  # type: ignore[type-var]
                w.builder.copy(phi, version)  # type: ignore[arg-type]
            merged[name] = phi
    scope.versions = merged
