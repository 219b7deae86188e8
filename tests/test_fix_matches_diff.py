"""`fix` writes exactly what `check --diff` showed: on every fixture case and
(with --stdlib) on a copy of the standard library, the files `fix` writes are
byte-identical to the tree the patch `check --diff` printed turns the input into.

Both commands run as a user runs them, in the project's directory. `fix`
runs once after a `check --diff` on the same tree (so it may reuse the
stored result) with its default import check, and once on a fresh copy with
no cache and no import check. A class the import check reverts is the one
expected difference: the JSON report's `verify` names it, and such a case
must say so.
"""

from __future__ import annotations

import json
import shutil
import sys
import sysconfig
from pathlib import Path

import pytest
from typer.testing import CliRunner

from autoslot.cli.app import app
from tests.diff_patch import apply_patch
from tests.fixture_harness import FIXTURES, Case, load_cases
from tests.helpers import autoslot

CASES = load_cases()
MODES = {
    # after `check --diff` on the same tree, the verdict cache warm
    "import-check": ("--python", sys.executable),
    "no-import-check": ("--no-import-check", "--no-cache"),
}
# the fixture cases whose import check reverts a class (fixtures/verify/)
REVERTING = {"verify/init_subclass_rejects_slots/"}


def _tree(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file()
        and not {".autoslot_cache", "__pycache__"} & set(p.relative_to(root).parts)
    }


def _write_case(root: Path, case: Case) -> None:
    for name, data in case.before.items():
        target = root / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    if "pyproject.toml" not in case.before:
        (root / "pyproject.toml").write_text(
            '[project]\nname = "case"\nversion = "0"\n'
        )


def fix_against_diff(
    root: Path, given: list[str], flags: tuple[str, ...], mode: str
) -> tuple[list[str], list[str]]:
    """Run `check --diff` and `fix` on copies of the tree at `root`; fail
    where they disagree. The files the patch changed, and the classes the
    import check reverted."""
    patched = root.parent / f"{root.name}-patched"
    shutil.copytree(root, patched)
    cache = () if mode == "import-check" else ("--no-cache",)
    checked = CliRunner().invoke(app, ["check", "--diff", *cache, *given, *flags])
    assert checked.exit_code in (0, 1, 123), checked.stderr
    # the bytes a shell redirect would store (`.stdout` reads \r\n as \n)
    changed = apply_patch(
        patched, checked.stdout_bytes.decode("utf-8", "surrogateescape")
    )
    fixed = autoslot("fix", "--output-format", "json", *MODES[mode], *given, *flags)
    assert fixed.code in (0, 123), fixed.stderr
    verify = json.loads(fixed.stdout)["verify"]
    reverted = [r["name"] for r in verify["reverted"]] if verify else []
    if not reverted:
        written, shown = _tree(root), _tree(patched)
        differing = sorted(
            n for n in written.keys() | shown.keys() if written.get(n) != shown.get(n)
        )
        assert not differing, (
            f"fix wrote other bytes than check --diff showed: {differing}"
        )
    return changed, reverted


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_fix_writes_what_check_diff_shows(
    case: Case, mode: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "project"
    _write_case(root, case)
    monkeypatch.chdir(root)
    _, reverted = fix_against_diff(root, list(case.targets) or ["."], case.flags, mode)
    assert bool(reverted) == (mode == "import-check" and case.id in REVERTING)


def test_the_reverting_cases_are_fixtures() -> None:
    assert {c.id for c in CASES} >= REVERTING
    assert all((FIXTURES / c).is_dir() for c in REVERTING)


@pytest.mark.stdlib
@pytest.mark.parametrize("mode", MODES)
def test_fix_writes_what_check_diff_shows_on_the_stdlib(
    mode: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The standard library's top-level modules (the packages are left out
    to keep the run within minutes), copied."""
    stdlib = Path(sysconfig.get_paths()["stdlib"])
    root = tmp_path / "stdlib"
    root.mkdir()
    for module in sorted(stdlib.glob("*.py")):
        shutil.copyfile(module, root / module.name)
    (root / "pyproject.toml").write_text('[project]\nname = "stdlib"\nversion = "0"\n')
    monkeypatch.chdir(root)
    changed, reverted = fix_against_diff(root, ["."], (), mode)
    # a comparison of something: the patch slots classes in many modules
    assert len(changed) > 50
    # the copy imports in place of the real modules, and no class of it fails
    assert reverted == []
