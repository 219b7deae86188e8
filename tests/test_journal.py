"""The journal and the tree lock, on real files."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from autoslot.fix.journal import (
    Journal,
    JournalError,
    journal_directory,
    leftover_journal,
)
from autoslot.fix.lock import LockHeld, tree_lock
from autoslot.fix.restore import replay, restore_tree
from autoslot.fix.write import journalled


def _files(root: Path) -> dict[Path, bytes]:
    found = {
        root / "a.py": b"class A:\n    pass\n",
        root / "pkg" / "b.py": b"# -*- coding: latin-1 -*-\r\nx = '\xe9'\r\n",
    }
    for path, data in found.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    (root / "a.py").chmod(0o640)
    os.utime(root / "a.py", ns=(1_000_000_000_123, 1_500_000_000_456))
    return found


def _state(paths: list[Path]) -> list[tuple[bytes, int, int]]:
    return [(p.read_bytes(), p.stat().st_mtime_ns, p.stat().st_mode) for p in paths]


def test_restore_puts_back_bytes_mode_and_mtime(tmp_path: Path) -> None:
    originals = _files(tmp_path)
    before = _state(list(originals))
    journal = Journal.begin(tmp_path, originals)
    assert leftover_journal(tmp_path) is not None
    for path in originals:
        journal.write(path, b"rewritten\n")
        journal.write(path, b"rewritten again\n")
    assert (tmp_path / "a.py").read_bytes() == b"rewritten again\n"
    assert replay(journal, [tmp_path.resolve()]).files == list(originals)
    assert _state(list(originals)) == before
    assert leftover_journal(tmp_path) is None
    assert not (tmp_path / ".autoslot_cache" / "journal").exists()


def test_each_write_moves_the_mtime_a_whole_second(tmp_path: Path) -> None:
    # two versions of one size written within a second must not share the
    # (mtime seconds, size) key Python's bytecode cache trusts
    originals = _files(tmp_path)
    path = tmp_path / "a.py"
    journal = Journal.begin(tmp_path, originals)
    seconds = []
    for text in (b"version 1\n", b"version 2\n", b"version 3\n"):
        journal.write(path, text)
        seconds.append(path.stat().st_mtime_ns // 1_000_000_000)
    assert len(set(seconds)) == 3
    assert path.stat().st_mode & 0o777 == 0o640
    journal.discard()


def test_journal_refuses_unknown_files_and_changed_originals(tmp_path: Path) -> None:
    originals = _files(tmp_path)
    stranger = tmp_path / "c.py"
    stranger.write_bytes(b"c = 1\n")
    journal = Journal.begin(tmp_path, originals)
    with pytest.raises(JournalError, match="not in the journal"):
        journal.write(stranger, b"c = 2\n")
    journal.discard()
    changed = dict(originals)
    changed[tmp_path / "a.py"] = b"what autoslot read earlier\n"
    with pytest.raises(JournalError, match="changed on disk"):
        Journal.begin(tmp_path, changed)
    assert leftover_journal(tmp_path) is None


def test_a_leftover_journal_blocks_a_new_one_until_restored(tmp_path: Path) -> None:
    originals = _files(tmp_path)
    before = _state(list(originals))
    Journal.begin(tmp_path, originals).write(tmp_path / "a.py", b"half\n")
    with pytest.raises(JournalError, match="autoslot restore"):
        Journal.begin(tmp_path, originals)
    restored = restore_tree(tmp_path)
    assert restored.found
    assert restored.files == [tmp_path / "a.py"]
    assert _state(list(originals)) == before
    assert not restore_tree(tmp_path).found


def test_damaged_backup_is_not_restored(tmp_path: Path) -> None:
    originals = _files(tmp_path)
    journal = Journal.begin(tmp_path, originals)
    journal.write(tmp_path / "a.py", b"new\n")
    (journal.directory / journal.entries[0].backup).write_bytes(b"garbage")
    restored = restore_tree(tmp_path)
    assert any("damaged" in problem for problem in restored.problems)
    assert (tmp_path / "a.py").read_bytes() == b"new\n"


def test_journalled_block_restores_on_an_exception(tmp_path: Path) -> None:
    originals = _files(tmp_path)
    before = _state(list(originals))
    with pytest.raises(RuntimeError), journalled(tmp_path, originals) as tree:
        tree.show(dict.fromkeys(originals, b"changed\n"))
        raise RuntimeError("crash mid-run")
    assert _state(list(originals)) == before
    with journalled(tmp_path, originals) as tree:
        tree.show(dict.fromkeys(originals, b"kept\n"))
    assert all(p.read_bytes() == b"kept\n" for p in originals)
    assert leftover_journal(tmp_path) is None


def test_lock_held_by_a_live_process_is_refused(tmp_path: Path) -> None:
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            textwrap.dedent(f"""
                import sys, time
                from pathlib import Path
                from autoslot.fix.lock import tree_lock
                with tree_lock(Path({str(tmp_path)!r})):
                    print("held", flush=True)
                    time.sleep(60)
            """),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "held"
        with pytest.raises(LockHeld) as refused, tree_lock(tmp_path):
            pass
        assert refused.value.pid == holder.pid
        assert f"pid {holder.pid}" in str(refused.value)
    finally:
        holder.kill()
        holder.wait()
    # a dead holder's lock is no obstacle
    with tree_lock(tmp_path) as path:
        assert path == tmp_path / ".autoslot_cache" / "lock"


def _killed_run(root: Path) -> tuple[dict[Path, bytes], Journal]:
    """A journal over two files, both rewritten, left as a kill -9 leaves it."""
    (root / "pyproject.toml").write_text("[tool.autoslot]\n")
    originals = _files(root)
    journal = Journal.begin(root, originals)
    for path in originals:
        journal.write(path, b"half-written\n")
    return originals, journal


def _restore_cli(root: Path) -> tuple[int, str]:
    from tests.helpers import autoslot

    done = autoslot("restore", str(root))
    assert "Traceback" not in done.stderr
    return done.code, done.stderr


def test_a_truncated_manifest_is_reported_and_set_aside(tmp_path: Path) -> None:
    _killed_run(tmp_path)
    manifest = journal_directory(tmp_path) / "manifest.json"
    manifest.write_bytes(manifest.read_bytes()[:40])
    code, stderr = _restore_cli(tmp_path)
    assert code == 123
    assert "the journal is damaged" in stderr
    assert "journal-damaged-1" in stderr
    assert (tmp_path / ".autoslot_cache" / "journal-damaged-1" / "00000.orig").exists()
    assert leftover_journal(tmp_path) is None  # fix and check can run again
    assert _restore_cli(tmp_path)[0] == 0


def test_each_sound_entry_is_restored_whatever_the_others(tmp_path: Path) -> None:
    originals, journal = _killed_run(tmp_path)
    first, second = list(originals)
    (journal.directory / journal.entries[0].backup).write_bytes(b"changed copy\n")
    manifest = journal.directory / "manifest.json"
    data = json.loads(manifest.read_text())
    data["files"].append({"path": str(tmp_path / "ghost.py")})  # no other field
    manifest.write_text(json.dumps(data))
    code, stderr = _restore_cli(tmp_path)
    assert code == 123
    assert f"{first}: the journal's copy is damaged; left as it is" in stderr
    assert "1 entries of the journal's manifest are damaged" in stderr
    assert second.read_bytes() == originals[second]
    assert first.read_bytes() == b"half-written\n"
    assert leftover_journal(tmp_path) is None


def test_a_missing_copy_of_a_file_already_restored_is_no_problem(
    tmp_path: Path,
) -> None:
    originals, journal = _killed_run(tmp_path)
    first = next(iter(originals))
    first.write_bytes(originals[first])  # put back by hand
    (journal.directory / journal.entries[0].backup).unlink()
    code, stderr = _restore_cli(tmp_path)
    assert code == 0, stderr
    assert all(path.read_bytes() == data for path, data in originals.items())
    assert leftover_journal(tmp_path) is None
    assert not (tmp_path / ".autoslot_cache" / "journal-damaged-1").exists()


def test_a_journal_cannot_start_on_a_file_that_vanished(tmp_path: Path) -> None:
    originals = _files(tmp_path)
    next(iter(originals)).unlink()
    with pytest.raises(JournalError, match="cannot read"):
        Journal.begin(tmp_path, originals)
    assert leftover_journal(tmp_path) is None


def test_a_journal_entry_outside_the_project_is_not_touched(tmp_path: Path) -> None:
    root = tmp_path / "project"
    root.mkdir()
    _, journal = _killed_run(root)
    stranger = tmp_path / "stranger.py"
    stranger.write_bytes(b"mine\n")
    manifest = journal.directory / "manifest.json"
    data = json.loads(manifest.read_text())
    data["files"][0]["path"] = str(stranger)  # a tampered or foreign journal
    manifest.write_text(json.dumps(data))
    code, stderr = _restore_cli(root)
    assert code == 123
    assert f"{stranger}: outside the project; not touched" in stderr
    assert stranger.read_bytes() == b"mine\n"
