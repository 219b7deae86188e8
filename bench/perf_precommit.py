"""perf.py's rows for issue 18: a pre-commit run on a chess-sized project, one
edited file that needs a rewrite, and a file of 3,000 classes.

The project is python-chess 1.9.0 (the realworld corpus's sdist, downloaded
once into its cache) after `autoslot fix chess`, as a project that uses the
hook is. Each hook run edits one file first (a comment of its own, so no
cached result answers it; or a function of its own, so that the file's
summary changes too and the value flow runs again) and runs the hook's
command on it. The 3,000-class
row is bench/many_classes.py's measure, put beside the others.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from many_classes import measure_size
from perf_runs import Row, autoslot_command, editing, median_of, run_once

REALWORLD = Path(__file__).resolve().parent / "realworld"
if str(REALWORLD) not in sys.path:
    sys.path.insert(0, str(REALWORLD))

from corpus import CORPUS  # noqa: E402
from sdist import fetch, unpack  # noqa: E402

HOOK = ("check", "--diff", "--force-exclude")  # .pre-commit-hooks.yaml
# a module nothing else in the package imports much: its edit changes no verdict
EDITED = "chess/polyglot.py"
# 14 classes: its pristine text put back in the slotted tree needs every edit
REWRITTEN = "chess/pgn.py"
LIMIT = 0.3  # seconds above interpreter start (issue 18)
MANY_CLASSES = 3000
MANY_CLASSES_TARGET = 2.0


def slotted_chess(work: Path, say: Callable[[str], None]) -> tuple[Path, Path] | None:
    """(the slotted tree, the pristine one), or None when the sdist is not there."""
    (chess,) = (p for p in CORPUS if p.name == "chess")
    try:
        archive = fetch(chess)
    except (SystemExit, OSError) as error:
        say(f"SKIPPED the chess rows: cannot download {chess.requirement} ({error})")
        return None
    pristine = unpack(archive, work / "chess-pristine")
    tree = unpack(archive, work / "chess-slotted")
    say("chess: autoslot fix chess (once)")
    subprocess.run(
        [*autoslot_command(), "fix", "-q", "chess"],
        cwd=tree,
        check=True,
    )
    return tree, pristine


def _hook_row(measure: str, value: float, start: float) -> Row:
    limit = LIMIT + start
    return Row(
        measure,
        value,
        "s",
        f"{LIMIT} s + interpreter start",
        limit,
        value / limit,
        "<= 1.0x",
        value <= limit,
    )


def chess_rows(
    work: Path, runs: int, start: float, say: Callable[[str], None]
) -> tuple[list[Row], list[str]]:
    """The chess rows, and a note for each row that could not run."""
    trees = slotted_chess(work, say)
    if trees is None:
        return [], ["chess rows skipped: the chess 1.9.0 sdist could not be downloaded"]
    tree, pristine = trees
    autoslot = autoslot_command()
    edited = tree / EDITED
    run_once([*autoslot, *HOOK, EDITED], tree)  # the caches a hook run keeps
    say("chess: nothing changed since the last run, hook command")
    unchanged, _ = median_of(runs, [*autoslot, *HOOK, EDITED], tree)
    say(f"chess: {EDITED} edited, hook command")
    one, _ = median_of(runs, [*autoslot, *HOOK, EDITED], tree, editing(edited))
    say(f"chess: {EDITED} edited in its code, hook command")
    coded, _ = median_of(
        runs, [*autoslot, *HOOK, EDITED], tree, editing(edited, code=True)
    )
    edited.write_bytes((pristine / EDITED).read_bytes())
    shutil.copyfile(pristine / REWRITTEN, tree / REWRITTEN)
    say(f"chess: {REWRITTEN} edited and needing its rewrite, hook command")
    rewritten, samples = median_of(
        runs, [*autoslot, *HOOK, REWRITTEN], tree, editing(tree / REWRITTEN)
    )
    assert samples[0].stdout.count(b"\n+    __slots__") > 0, "pgn.py was not rewritten"
    rows = [
        _hook_row("chess: nothing changed, hook", unchanged, start),
        _hook_row(f"chess: {EDITED} edited (a comment), hook", one, start),
        _hook_row(f"chess: {EDITED} edited (a function added), hook", coded, start),
        Row(
            f"chess: {REWRITTEN} edited, rewritten, hook",
            rewritten,
            "s",
            f"{EDITED} edited (no rewrite)",
            one,
            rewritten / one,
            "-",
            None,
        ),
    ]
    return rows, []


def many_classes_row(work: Path, runs: int, say: Callable[[str], None]) -> Row:
    """`fix --no-cache` of a 3,000-class file against a bare libcst parse and
    codegen of it, in CPU time (what many_classes.py judges)."""
    say(f"{MANY_CLASSES:,}-class file: fix --no-cache and a bare libcst parse")
    scratch = work / "many-classes"
    scratch.mkdir()
    # many_classes.py starts the console script itself
    autoslot = str(Path(sys.executable).with_name("autoslot"))
    row = measure_size(scratch, MANY_CLASSES, runs, autoslot, 1800.0)
    fixed = row.get("fix_cpu_seconds")
    bare = float(row["libcst_cpu_seconds"])  # type: ignore[arg-type]
    value = float(fixed) if isinstance(fixed, float) else float("nan")
    return Row(
        f"{MANY_CLASSES:,}-class file, fix --no-cache (CPU)",
        value,
        "s",
        "libcst parse + codegen (CPU)",
        bare,
        value / bare,
        f"<= {MANY_CLASSES_TARGET}x",
        value / bare <= MANY_CLASSES_TARGET,
    )
