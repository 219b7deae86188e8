"""Stamps: a warm run takes a file's digest from its stat data instead of
reading it, and still sees every change."""

from __future__ import annotations

import json
import os
import pickle
from pathlib import Path

import pytest

from autoslot.cache import stamps
from autoslot.cache.directory import digest
from tests.helpers import SLOTTABLE, autoslot, project

CACHE = Path(".autoslot_cache")
EDITED = SLOTTABLE.replace("self.y = y", "self.z = y")  # same size


def slots_of_point(root: Path) -> list[str]:
    ran = autoslot("check", "--output-format", "json", str(root))
    point = next(
        c for c in json.loads(ran.stdout)["classes"] if c["name"] == "shapes.Point"
    )
    return list(point["slots"])


@pytest.fixture
def settled(monkeypatch: pytest.MonkeyPatch) -> None:
    """Files written by the test count as settled at once (no 3 s wait)."""
    monkeypatch.setattr(stamps, "RACY_MARGIN_NS", -(10**12))


def stored_stamps(root: Path) -> dict[str, object]:
    _, entries = pickle.loads((root / CACHE / stamps.FILE_NAME).read_bytes())
    assert isinstance(entries, dict)
    return entries


def test_a_warm_run_knows_settled_files_by_their_stamps(
    tmp_path: Path, settled: None
) -> None:
    root = project(tmp_path, {"shapes.py": SLOTTABLE, "other.py": "X = 1\n"})
    assert slots_of_point(root) == ["x", "y", "__weakref__"]
    assert {Path(p).name for p in stored_stamps(root)} == {"shapes.py", "other.py"}
    assert slots_of_point(root) == ["x", "y", "__weakref__"]


def test_an_edit_that_keeps_size_and_mtime_is_still_seen(
    tmp_path: Path, settled: None
) -> None:
    # what `cp -p` or `rsync -t` of another version does: same size, same
    # mtime; only ctime tells
    root = project(tmp_path, {"shapes.py": SLOTTABLE})
    shapes = root / "shapes.py"
    assert slots_of_point(root) == ["x", "y", "__weakref__"]
    before = shapes.stat()
    shapes.write_text(EDITED)
    os.utime(shapes, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert shapes.stat().st_size == before.st_size
    assert slots_of_point(root) == ["x", "z", "__weakref__"]


def test_a_file_changed_just_before_its_stat_is_read_again(tmp_path: Path) -> None:
    # with the real margin, a file written a moment ago is never vouched for
    root = project(tmp_path, {"shapes.py": SLOTTABLE})
    assert slots_of_point(root) == ["x", "y", "__weakref__"]
    assert not (root / CACHE / stamps.FILE_NAME).exists()


def test_corrupt_stamps_are_ignored(tmp_path: Path, settled: None) -> None:
    root = project(tmp_path, {"shapes.py": SLOTTABLE})
    slots_of_point(root)
    (root / CACHE / stamps.FILE_NAME).write_bytes(b"\x80\x05junk")
    (root / "shapes.py").write_text(EDITED)
    assert slots_of_point(root) == ["x", "z", "__weakref__"]


def test_stamps_follow_an_edit(tmp_path: Path, settled: None) -> None:
    root = project(tmp_path, {"shapes.py": SLOTTABLE})
    slots_of_point(root)
    shapes = root / "shapes.py"
    shapes.write_text(EDITED)
    assert slots_of_point(root) == ["x", "z", "__weakref__"]
    assert stored_stamps(root) == {
        str(shapes): (stamps.stamp_of(shapes.stat()), digest(shapes.read_bytes()))
    }
