"""The file-system rules the README promises: symlinks, hard links,
read-only files, owners, files that change or vanish during a run, and a
tree a killed run left half-written. (As a user without root:
test_permissions.py.)"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from autoslot.fix.journal import Journal
from tests.helpers import SLOTTABLE, autoslot, project

POSIX = os.name == "posix"


def test_hard_links_stay_linked_and_get_the_new_content(tmp_path: Path) -> None:
    root = project(tmp_path / "project", {"models.py": SLOTTABLE})
    elsewhere = tmp_path / "elsewhere.py"
    os.link(root / "models.py", elsewhere)
    inode = (root / "models.py").stat().st_ino
    done = autoslot("fix", "--no-import-check", str(root))
    assert done.code == 0, done.stderr
    assert "__slots__" in elsewhere.read_text()
    assert (root / "models.py").stat().st_ino == inode == elsewhere.stat().st_ino
    assert elsewhere.stat().st_nlink == 2


@pytest.mark.skipif(not POSIX or os.geteuid() != 0, reason="chown needs root")
def test_owner_group_and_mode_are_kept(tmp_path: Path) -> None:
    root = project(tmp_path, {"owned.py": SLOTTABLE, "linked.py": SLOTTABLE})
    for name in ("owned.py", "linked.py"):
        os.chown(root / name, 12345, 23456)
        (root / name).chmod(0o640)
    os.link(root / "linked.py", tmp_path / "linked-too.txt")
    done = autoslot("fix", "--no-import-check", str(root))
    assert done.code == 0, done.stderr
    for name in ("owned.py", "linked.py"):
        status = (root / name).stat()
        assert "__slots__" in (root / name).read_text()
        assert (status.st_uid, status.st_gid) == (12345, 23456)
        assert status.st_mode & 0o777 == 0o640


def test_a_symlink_out_of_the_project_is_never_written_through(
    tmp_path: Path,
) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "real.py").write_text(SLOTTABLE)
    root = project(tmp_path / "project", {"inside.py": SLOTTABLE})
    (root / "link.py").symlink_to(outside / "real.py")
    (root / "alias.py").symlink_to(root / "inside.py")
    for command in (["check"], ["fix", "--no-import-check"]):
        done = autoslot(*command, str(root))
        assert done.code == 123, done.stderr
        assert "link.py: not rewritten: it is a symbolic link to " in done.stderr
        assert "outside the project" in done.stderr
    assert (outside / "real.py").read_text() == SLOTTABLE
    assert (root / "link.py").is_symlink()
    # a link within the project is written through, and stays a link
    assert (root / "alias.py").is_symlink()
    assert "__slots__" in (root / "inside.py").read_text()


def test_a_read_only_file_is_reported_and_left_even_by_root(tmp_path: Path) -> None:
    root = project(tmp_path, {"frozen.py": SLOTTABLE, "free.py": SLOTTABLE})
    (root / "frozen.py").chmod(0o444)
    for command in (["check"], ["check", "--diff"], ["fix", "--no-import-check"]):
        done = autoslot(*command, "--output-format", "json", str(root))
        assert done.code == 123, done.stderr
        report = json.loads(done.stdout)
        frozen = next(f for f in report["files"] if f["file"].endswith("frozen.py"))
        assert frozen["status"] == "failed"
        assert "it is read-only" in frozen["error"]
        # its class is not counted, nor reported as slotted
        assert [c["file"] for c in report["classes"]] == [str(root / "free.py")]
        assert report["summary"]["classes_changed"] == 1
    assert (root / "frozen.py").read_text() == SLOTTABLE
    assert (root / "frozen.py").stat().st_mode & 0o777 == 0o444
    assert "__slots__" in (root / "free.py").read_text()


def test_a_subclass_of_a_class_in_an_unwritable_file_is_left_alone(
    tmp_path: Path,
) -> None:
    root = project(
        tmp_path,
        {
            "base.py": "class Base:\n    def __init__(self):\n        self.a = 1\n",
            "child.py": "from base import Base\n\n\nclass Child(Base):\n"
            "    def __init__(self):\n        super().__init__()\n        self.b = 2\n",
        },
    )
    (root / "base.py").chmod(0o444)
    done = autoslot("check", "-v", str(root))
    assert done.code == 123, done.stderr
    assert "Child left alone" in done.stderr, done.stderr
    assert "0 classes would be slotted" in done.stderr


def test_a_file_deleted_before_writing_is_reported_and_the_rest_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from autoslot.fix import session

    root = project(tmp_path, {"gone.py": SLOTTABLE, "stays.py": SLOTTABLE})
    analysed = session.run

    def run_then_delete(*args, **kwargs):  # type: ignore[no-untyped-def]
        result = analysed(*args, **kwargs)
        (root / "gone.py").unlink()
        return result

    monkeypatch.setattr(session, "run", run_then_delete)
    done = autoslot("fix", "--no-import-check", "--no-cache", str(root))
    assert done.code == 123, done.stderr
    assert "gone.py: not rewritten: it no longer exists" in done.stderr
    assert not (root / "gone.py").exists()
    assert "__slots__" in (root / "stays.py").read_text()


def test_a_half_written_tree_is_not_checked(tmp_path: Path) -> None:
    root = project(tmp_path, {"a.py": SLOTTABLE, "b.py": SLOTTABLE})
    originals = {p: p.read_bytes() for p in (root / "a.py", root / "b.py")}
    Journal.begin(root, originals).write(root / "a.py", b"x = 1\n")  # then kill -9
    # `fix --diff` writes nothing, so it runs without the lock's refusal
    for args in (["check"], ["check", "--diff"], ["report"], ["fix", "--diff"]):
        done = autoslot(*args, str(root))
        assert done.code == 3, done.stderr
        assert "autoslot restore" in done.stderr
        assert "half-written" in done.stderr
    for command in ("check", "fix"):
        piped = autoslot(command, "-", "--stdin-filename", str(root / "b.py"), stdin="")
        assert piped.code == 3, piped.stderr
    assert autoslot("restore", str(root)).code == 0
    assert autoslot("check", str(root)).code == 1
