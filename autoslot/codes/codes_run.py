"""Classes left alone by the run's stages after deciding: the import check
and the test command of `fix` (verify/), and an edit the rewriter refuses
(a target of only some files is a decide rule's, decide/on_disk.py)."""

from __future__ import annotations

from autoslot.codes.reason_code import Code

IMPORT_FAILED = Code(
    "AS120",
    "the rewritten module failed to import",
    "After the rewrite, importing the module in a fresh interpreter raised an "
    "error that the unchanged module did not; the class edit was reverted and "
    "a `# autoslot: skip` pragma records why.",
    "class A(SomeBase):\n    __slots__ = ('x',)  # TypeError at import",
    "Read the error in the report; the class keeps its original form.",
    no_example_because="only `fix` reports it: it imports the rewritten module",
)


TESTS_FAILED = Code(
    "AS122",
    "the test command failed with this class slotted",
    "`--verify` ran the test command with all edits, found it failing, and "
    "bisected the failure to this class; its edit was reverted and a "
    "`# autoslot: skip` pragma records why.",
    "autoslot fix --verify 'pytest -x -q' src/",
    "Read the failure in the report; fix the code or keep the pragma.",
    no_example_because="it needs `fix --verify` with a test command that fails",
)


EDIT_REFUSED = Code(
    "AS128",
    "the rewriter cannot make the edit",
    "The class's edit was planned, but the rewriter refuses it rather than "
    "lose the user's comments or guess where it goes (the decorator to extend "
    "is not where the summary saw it, the class body is on its header line). "
    "The class is left alone, and its subclasses are decided again.",
    "autoslot fix src/   # a class edit the rewriter refuses",
    "Lay the class out on several lines, or add the slots by hand.",
    no_example_because="the summary predicts every refusal it can, and the plan "
    "avoids them; only an edit it did not foresee reaches the rewriter's refusal",
)
