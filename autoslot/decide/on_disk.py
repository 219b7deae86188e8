"""AS121: a class in a file that is not being rewritten stays as it is on
disk (a partial target, as pre-commit passes only the changed files).

A revision of Phase.RUN: the class is decided like any other, so the
classes of the files being rewritten see what it would be, and only then
held to its file's text."""

from __future__ import annotations

from autoslot.codes.reason_code import Code
from autoslot.decide.context import Context
from autoslot.decide.model import Action, Decision, skip
from autoslot.decide.rule import Phase, Revision
from autoslot.index.project import ClassNode

FILE_NOT_REWRITTEN = Code(
    "AS121",
    "the change would need files that are not being rewritten",
    "Only some files were given (as pre-commit does). Slotting this class needs "
    "another class to change too, in a file that is not being rewritten.",
    "autoslot fix pkg/child.py   # pkg/base.py must change as well",
    "Run autoslot on the whole project once (`pre-commit run --all-files`).",
    no_example_because="it needs a project of which only some files are given",
)


def as_on_disk(ctx: Context, node: ClassNode, decision: Decision) -> Decision:
    """The decision, or what keeps the class as its file has it when the
    file is not among those being rewritten."""
    if node.target or not decision.action.changes:
        return decision
    existing = node.summary.slots
    if decision.action is Action.EXTEND and existing is not None:
        declared = (
            tuple(n for n in decision.slots if n not in decision.added)
            + decision.removed
        )
        return Decision(Action.KEEP, slots=declared)
    return skip(FILE_NOT_REWRITTEN, "its file is not among the files being rewritten")


RULES: tuple[Revision, ...] = (Revision(Phase.RUN, as_on_disk, (FILE_NOT_REWRITTEN,)),)
