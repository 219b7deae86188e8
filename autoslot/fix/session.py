"""`autoslot fix`: analyse, then write under the tree lock and the journal,
and check the rewrite by running it.

    lock -> analyse -> import check and test command on the untouched tree
    -> journal -> all edits -> import check (bisect AS120 culprits)
    -> test command (bisect AS122 culprits) -> final tree with pragmas -> done

Anything that stops the run after the journal starts (Ctrl-C, SIGTERM, a
timeout, a crash) restores every file byte-identical.
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from autoslot.codes.codes_run import IMPORT_FAILED, TESTS_FAILED
from autoslot.codes.reason_code import Code
from autoslot.config.environment import InterpreterNotFound, target_python
from autoslot.config.project import find_project_root
from autoslot.config.settings import Settings
from autoslot.decide.model import Decision, skip
from autoslot.exit_codes import ExitCode
from autoslot.fix.interrupts import exit_status, terminations_interrupt
from autoslot.fix.journal import JournalError, leftover_journal, pending_journal_message
from autoslot.fix.lock import LockHeld, tree_lock
from autoslot.fix.restore import Restored
from autoslot.fix.verify.bisect import find_culprits
from autoslot.fix.verify.checks import (
    CommandCheck,
    CommandTimedOut,
    ImportCheck,
    Outcome,
)
from autoslot.fix.verify.command import one_line_reason
from autoslot.fix.verify.imports import module_spec
from autoslot.fix.verify.progress import Progress, escape
from autoslot.fix.verify.space import EditRef, EditSpace, with_reverted
from autoslot.fix.write import Tree, journalled
from autoslot.pipeline.project_files import ProgressHook
from autoslot.pipeline.runner import run
from autoslot.pipeline.writability import still_writable
from autoslot.results import Reverted, RunResult, VerifyOutcome


@dataclass(frozen=True, slots=True)
class FixOutcome:
    result: RunResult | None  # None: nothing to report
    exit_code: int | None = None  # None: the report decides


def project_roots(paths: Sequence[Path]) -> list[Path]:
    roots: list[Path] = []
    for given in paths:
        root = find_project_root(given.absolute()).path
        if root not in roots:
            roots.append(root)
    return roots


def fix(
    paths: Sequence[Path],
    settings: Settings,
    progress: Progress,
    run_progress: ProgressHook | None = None,
) -> FixOutcome:
    roots = project_roots(paths)
    rollback: list[Restored] = []
    try:
        with terminations_interrupt(), contextlib.ExitStack() as locks:
            for root in roots:
                locks.enter_context(tree_lock(root))
            for root in roots:
                if leftover_journal(root) is not None:
                    return _refuse(progress, pending_journal_message(root))
            if run_progress is None:
                result = run(paths, settings)
            else:
                result = run(paths, settings, progress=run_progress)
            result = still_writable(result, roots)
            return _write_checked(result, settings, roots[0], progress, rollback)
    except LockHeld as held:
        return _refuse(progress, str(held))
    except OSError as error:  # the lock file cannot be made (a read-only root)
        where = f": {error.filename}" if error.filename else ""
        return _refuse(progress, f"cannot lock the tree{where}: {error.strerror}")
    except KeyboardInterrupt as interrupt:
        done = _restored(progress, rollback) if rollback else ""
        if not done or done.startswith("every file"):
            done = "every file is as it was before the run"
        progress.console.print(f"[bold red]interrupted:[/] {done}")
        return FixOutcome(None, exit_status(interrupt))


def _refuse(
    progress: Progress,
    message: str,
    details: Sequence[str] = (),
    outcome: str = "nothing was written",
) -> FixOutcome:
    progress.console.print(f"[bold red]error:[/] {escape(message)}; {outcome}")
    for line in details:
        progress.console.print(f"    {escape(line)}")
    return FixOutcome(None, ExitCode.REFUSED)


def _write_checked(
    result: RunResult,
    settings: Settings,
    root: Path,
    progress: Progress,
    rollback: list[Restored],
) -> FixOutcome:
    space = EditSpace(result, settings.line_length)
    if not space.items:
        if settings.import_check or settings.verify:
            result.verify = VerifyOutcome(command=settings.verify or "")
        return FixOutcome(result)
    imports: ImportCheck | None = None
    if settings.import_check:
        try:
            python = target_python(settings.python, root)
        except InterpreterNotFound as error:
            progress.console.print(f"[bold red]error:[/] {escape(str(error))}")
            return FixOutcome(None, ExitCode.USAGE)
        modules = [module_spec(space.location(i).resolve()) for i in space.files]
        imports = ImportCheck(python, modules, root, settings.import_timeout)
        with progress.running("import check on the untouched tree"):
            imports.baseline()
    command: CommandCheck | None = None
    if settings.verify:
        command = CommandCheck(settings.verify, root, settings.verify_timeout)
        progress.say(
            f"[bold]verify run 1[/]: the untouched tree: {escape(settings.verify)}"
        )
        try:
            with progress.running(f"running {settings.verify}"):
                first = command.trial()
        except CommandTimedOut as timeout:
            return _refuse(progress, str(timeout))
        if not first.passed:
            return _refuse(
                progress,
                "the test command fails on the untouched tree, so it cannot "
                "verify the rewrite",
                [m for _, m in first.failures],
            )
    reverted: dict[EditRef, Reversal] = {}
    try:
        with journalled(root, space.originals(), rollback) as tree:
            kept = space.items
            if imports is not None:
                kept = _bisect(
                    space, tree, kept, imports, IMPORT_FAILED, progress, reverted
                )
            if command is not None:
                kept = _bisect(
                    space, tree, kept, command, TESTS_FAILED, progress, reverted
                )
            final = with_reverted(
                space,
                kept,
                {ref: r.decision for ref, r in reverted.items()},
                {ref: r.pragma for ref, r in reverted.items()},
            )
            tree.show({space.location(i): final.files[i].after for i in space.files})
    except CommandTimedOut as timeout:
        return _refuse(progress, str(timeout), outcome=_restored(progress, rollback))
    except JournalError as error:
        outcome = _restored(progress, rollback) if rollback else "nothing was written"
        return _refuse(progress, str(error), outcome=outcome)
    except KeyboardInterrupt:
        raise
    except BaseException:
        progress.console.print(_restored(progress, rollback))
        raise
    final.verify = _outcome(space, imports, command, reverted)
    return FixOutcome(final)


def _restored(progress: Progress, rollback: list[Restored]) -> str:
    """What the rollback did, in words; what it could not do is printed."""
    problems = [p for r in rollback for p in r.problems]
    if not problems:
        return "every file was restored to its original content"
    for line in problems:
        progress.console.print(f"[bold red]not restored:[/] {escape(line)}")
    kept = next((r.kept for r in rollback if r.kept is not None), None)
    where = f"; the journal's copies are kept in {kept}" if kept else ""
    return f"some files could not be restored{where}"


@dataclass(frozen=True, slots=True)
class Reversal:
    """A class whose edit was reverted, and why."""

    decision: Decision
    pragma: str  # the reason in its `# autoslot: skip -- ...` pragma
    failures: tuple[tuple[str, str], ...]  # the failure, for the report


def _bisect(
    space: EditSpace,
    tree: Tree,
    items: tuple[EditRef, ...],
    check: ImportCheck | CommandCheck,
    code: Code,
    progress: Progress,
    reverted: dict[EditRef, Reversal],
) -> tuple[EditRef, ...]:
    """Drop the edits that make `check` fail; record them in `reverted`."""
    label = "import check" if code is IMPORT_FAILED else "verify run"
    outcomes: dict[tuple[EditRef, ...], Outcome] = {}

    def test(subset: tuple[EditRef, ...]) -> bool:
        tree.show(space.render(subset))
        with progress.running(f"{label} {check.runs + 1}"):
            outcomes[subset] = check.trial()
        return outcomes[subset].passed

    def on_trial(number: int, subset: tuple[EditRef, ...], open_: int) -> None:
        # an import check that passes at once is not worth a line
        if code is not IMPORT_FAILED or number > 1:
            progress.trial(label, check.runs + 1, len(subset), len(items), open_)

    found = find_culprits(items, test, on_trial)
    for culprit in found.culprits:
        ref = culprit.item
        outcome = outcomes[culprit.evidence]
        message = outcome.message_for(str(space.location(ref.file).resolve()))
        if code is IMPORT_FAILED:
            why = f"the rewritten module failed to import: {one_line_reason(message, 200)}"
            failures = outcome.failures
        else:
            why = f"the test command failed with this class slotted: {one_line_reason(message, 200)}"
            failures = tuple(("", m) for _, m in outcome.failures)
        pragma = f"{code}: {one_line_reason(message, 72)}"
        reverted[ref] = Reversal(skip(code, why), pragma, failures)
        progress.say(f"culprit: [bold]{escape(ref.name)}[/] ([cyan]{code}[/])")
    return found.kept


def _outcome(
    space: EditSpace,
    imports: ImportCheck | None,
    command: CommandCheck | None,
    reverted: dict[EditRef, Reversal],
) -> VerifyOutcome:
    return VerifyOutcome(
        tuple(
            Reverted(
                space.result.files[ref.file].path,
                ref.name,
                reversal.decision.code,
                reversal.failures,
                reversal.decision.left_alone_for(IMPORT_FAILED),
            )
            for ref, reversal in reverted.items()
        ),
        imports.runs if imports is not None else 0,
        tuple(sorted(imports.broken_before)) if imports is not None else (),
        command.command if command is not None else "",
        command.runs if command is not None else 0,
    )
