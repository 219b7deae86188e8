"""What the statements of a class body are, as the engine needs to know
before it edits: the docstring, a placeholder (`pass`, `...`), the
`__slots__` assignment."""

from __future__ import annotations

from collections.abc import Sequence

import libcst as cst


def is_docstring(statement: cst.BaseStatement) -> bool:
    """Whether the line starts with a string (`"doc"; x = 1` too: that is
    the docstring all the same)."""
    if not isinstance(statement, cst.SimpleStatementLine) or not statement.body:
        return False
    small = statement.body[0]
    return isinstance(small, cst.Expr) and isinstance(
        small.value, (cst.SimpleString, cst.ConcatenatedString)
    )


def only_placeholders(smalls: Sequence[cst.BaseSmallStatement]) -> bool:
    return all(
        isinstance(s, cst.Pass)
        or (isinstance(s, cst.Expr) and isinstance(s.value, cst.Ellipsis))
        for s in smalls
    )


def is_bare_placeholder(statement: cst.BaseStatement) -> bool:
    """A lone `pass` or `...` line with no comment anywhere near it."""
    return (
        isinstance(statement, cst.SimpleStatementLine)
        and only_placeholders(statement.body)
        and not statement.leading_lines
        and statement.trailing_whitespace.comment is None
    )


def slots_assignment(
    statement: cst.BaseStatement,
) -> cst.Assign | cst.AnnAssign | None:
    if not isinstance(statement, cst.SimpleStatementLine):
        return None
    for small in statement.body:
        if isinstance(small, cst.Assign) and len(small.targets) == 1:
            target = small.targets[0].target
            if isinstance(target, cst.Name) and target.value == "__slots__":
                return small
        if (
            isinstance(small, cst.AnnAssign)
            and small.value is not None
            and isinstance(small.target, cst.Name)
            and small.target.value == "__slots__"
        ):
            return small
    return None
