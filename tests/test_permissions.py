"""What a user without root meets: read-only files and directories, files of
other users, unreadable directories, a journal over files whose times cannot
be set. Each test runs autoslot as `nobody` (tests/nonroot.py) on this
CPython and, with --all-pythons, on every other installed one >= 3.10."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.helpers import SLOTTABLE, project
from tests.interpreters import python_for
from tests.nonroot import Ran, as_nobody, give_to_nobody, why_not


@pytest.fixture
def python(python_version: str) -> str:
    found = python_for(python_version)
    reason = why_not(found)
    if reason is not None:
        pytest.skip(reason)
    return found


@pytest.fixture
def tmp_path() -> Iterator[Path]:
    """A scratch directory nobody can reach (pytest's own is root's alone)."""
    scratch = Path(tempfile.mkdtemp(prefix="autoslot-nobody-"))
    scratch.chmod(0o755)
    yield scratch / "project"
    for path in [scratch, *scratch.rglob("*")]:
        if path.is_dir() and not path.is_symlink():
            path.chmod(0o755)
    shutil.rmtree(scratch)


def _nobodys(root: Path, files: dict[str, str]) -> Path:
    project(root, files)
    give_to_nobody(root)
    return root


def _quiet(ran: Ran) -> None:
    assert "Traceback" not in ran.stderr, ran.stderr
    assert "internal error" not in ran.stderr, ran.stderr


def test_a_file_in_a_read_only_directory_is_reported_and_the_rest_written(
    tmp_path: Path, python: str
) -> None:
    root = _nobodys(tmp_path, {"locked/models.py": SLOTTABLE, "free.py": SLOTTABLE})
    (root / "locked").chmod(0o555)
    ran = as_nobody(python, ["fix", "--no-import-check", "."], root)
    (root / "locked").chmod(0o755)
    _quiet(ran)
    assert ran.code == 123, ran.stderr
    assert "locked/models.py: not rewritten: its directory is not writable" in (
        ran.stderr
    )
    assert (root / "locked" / "models.py").read_text(encoding="utf-8") == SLOTTABLE
    assert "__slots__" in (root / "free.py").read_text(encoding="utf-8")


def test_an_unreadable_directory_is_a_warning_not_a_crash(
    tmp_path: Path, python: str
) -> None:
    root = _nobodys(
        tmp_path, {"secret/hidden.py": SLOTTABLE, "other/file.py": SLOTTABLE}
    )
    (root / "secret").chmod(0o000)
    try:
        checked = [
            as_nobody(python, ["check", "--no-cache", *paths], root)
            for paths in (["other/file.py"], ["."])
        ]
        fixed = as_nobody(python, ["fix", "--no-import-check", "other/file.py"], root)
    finally:
        (root / "secret").chmod(0o755)
    for ran in (*checked, fixed):
        _quiet(ran)
        assert "cannot read the directory secret" in ran.stderr, ran.stderr
    assert [ran.code for ran in checked] == [1, 1]
    assert fixed.code == 0, fixed.stderr
    assert "__slots__" in (root / "other" / "file.py").read_text(encoding="utf-8")


def test_read_only_and_foreign_files_are_reported_by_check_and_fix(
    tmp_path: Path, python: str
) -> None:
    root = _nobodys(
        tmp_path, {"frozen.py": SLOTTABLE, "roots.py": SLOTTABLE, "mine.py": SLOTTABLE}
    )
    (root / "frozen.py").chmod(0o444)
    os.chown(root / "roots.py", 0, 0)  # root's, in a directory nobody may write
    for command in (["check"], ["fix", "--no-import-check"]):
        ran = as_nobody(python, [*command, "--no-cache", "."], root)
        _quiet(ran)
        assert ran.code == 123, ran.stderr
        assert "frozen.py: not rewritten: it is read-only" in ran.stderr
        assert "roots.py: not rewritten: you have no permission to write it" in (
            ran.stderr
        )
        # only mine.py's class counts; the failed files' classes do not
        assert "1 class " in ran.stderr, ran.stderr
        assert "2 files failed" in ran.stderr, ran.stderr
    for name in ("frozen.py", "roots.py"):
        assert (root / name).read_text(encoding="utf-8") == SLOTTABLE
    assert (root / "roots.py").stat().st_uid == 0
    assert (root / "frozen.py").stat().st_mode & 0o777 == 0o444
    assert "__slots__" in (root / "mine.py").read_text(encoding="utf-8")


def test_restore_puts_content_back_when_it_cannot_set_the_times(
    tmp_path: Path, python: str
) -> None:
    from autoslot.fix.journal import Journal, leftover_journal

    names = ("shared.py", "untouched.py", "mine.py")
    root = _nobodys(tmp_path, dict.fromkeys(names, SLOTTABLE))
    shared, untouched, mine = (root / name for name in names)
    for path in (shared, untouched):
        os.chown(path, 0, 0)
        path.chmod(0o666)  # nobody may write them, not set their times
    originals = {p: p.read_bytes() for p in (shared, untouched, mine)}
    journal = Journal.begin(root, originals)
    for path in (shared, mine):  # the run was killed before it wrote `untouched`
        journal.write(path, b"half-written\n")
    give_to_nobody(root / ".autoslot_cache")
    ran = as_nobody(python, ["restore", "."], root)
    _quiet(ran)
    assert ran.code == 0, ran.stderr
    assert all(path.read_bytes() == data for path, data in originals.items())
    assert "shared.py: its modification time" in ran.stderr, ran.stderr
    # put back as the same file: still root's
    assert shared.stat().st_uid == 0
    assert leftover_journal(root) is None
    again = as_nobody(python, ["restore", "."], root)
    assert again.code == 0, again.stderr
    assert "no interrupted run" in again.stderr
