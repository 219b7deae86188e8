"""The journal that makes every writing run undoable.

Before the first file is replaced, the original bytes of every file the run
may write are copied to `.autoslot_cache/journal/` and a manifest listing
them is written and fsynced; the manifest's existence is the commitment
point. A run that ends well deletes the journal; one that is interrupted or
crashes restores from it; after a hard kill `autoslot restore` replays it.

Files are always replaced atomically, and each write gives the file a
modification time a whole second past its previous one: Python's bytecode
cache trusts (mtime seconds, size), and two trial versions of one file
written within a second can have the same size, so without that a test run
could execute the bytecode of another trial. A restored file gets its
original mtime back, which is safe for the same reason (every trial was
later).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import stat
import time
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from pathlib import Path

from autoslot.cachedir import NAME as CACHE_DIRECTORY
from autoslot.cachedir import ensure_cache_dir
from autoslot.fileio import write_atomic

MANIFEST = "manifest.json"
SECOND = 1_000_000_000


class JournalError(Exception):
    """The journal cannot be started (a leftover one, or a file changed under us)."""


@dataclass(frozen=True, slots=True)
class Entry:
    path: str  # absolute, symlinks resolved
    backup: str  # file name in the journal directory
    sha256: str
    mode: int
    atime_ns: int
    mtime_ns: int


def journal_directory(root: Path) -> Path:
    return root / CACHE_DIRECTORY / "journal"


def leftover_journal(root: Path) -> Path | None:
    """The manifest of an interrupted run's journal, if there is one."""
    manifest = journal_directory(root) / MANIFEST
    return manifest if manifest.is_file() else None


def _fsync_directory(directory: Path) -> None:
    with contextlib.suppress(OSError):  # not supported everywhere (Windows)
        descriptor = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


def _write_durably(path: Path, data: bytes) -> None:
    with path.open("wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())


class Journal:
    def __init__(self, directory: Path, entries: list[Entry]) -> None:
        self.directory = directory
        self.entries = entries
        self.paths = {Path(e.path) for e in entries}

    @classmethod
    def begin(cls, root: Path, originals: Mapping[Path, bytes]) -> Journal:
        """Record the files' current content; each must still be `originals[path]`."""
        ensure_cache_dir(root)
        directory = journal_directory(root)
        if leftover_journal(root) is not None:
            raise JournalError(
                f"an interrupted autoslot run left a journal in {directory}; "
                f"run `autoslot restore {root}` first"
            )
        shutil.rmtree(directory, ignore_errors=True)  # no manifest: never used
        directory.mkdir()
        entries: list[Entry] = []
        for number, (given, expected) in enumerate(originals.items()):
            path = given.resolve()
            current = path.read_bytes()
            if current != expected:
                shutil.rmtree(directory, ignore_errors=True)
                raise JournalError(f"{given} changed on disk while autoslot read it")
            status = path.stat()
            backup = f"{number:05d}.orig"
            _write_durably(directory / backup, current)
            entries.append(
                Entry(
                    str(path),
                    backup,
                    hashlib.sha256(current).hexdigest(),
                    stat.S_IMODE(status.st_mode),
                    status.st_atime_ns,
                    status.st_mtime_ns,
                )
            )
        manifest = {"pid": os.getpid(), "files": [asdict(e) for e in entries]}
        pending = directory / (MANIFEST + ".tmp")
        _write_durably(pending, json.dumps(manifest, indent=1).encode())
        pending.replace(directory / MANIFEST)
        _fsync_directory(directory)
        return cls(directory, entries)

    @classmethod
    def load(cls, root: Path) -> Journal | None:
        manifest = leftover_journal(root)
        if manifest is None:
            return None
        data = json.loads(manifest.read_text(encoding="utf-8"))
        return cls(manifest.parent, [Entry(**item) for item in data["files"]])

    def write(self, path: Path, data: bytes) -> None:
        """Replace a journalled file's content."""
        target = path.resolve()
        if target not in self.paths:
            raise JournalError(f"{path} is not in the journal; refusing to write it")
        previous = target.stat().st_mtime_ns
        write_atomic(target, data)
        later = max(time.time_ns(), (previous // SECOND + 1) * SECOND)
        os.utime(target, ns=(later, later))

    def restore(self) -> list[Path]:
        """Put every file back, byte-identical with its original mtime; then
        drop the journal. Returns the files whose content had changed."""
        restored: list[Path] = []
        for entry in self.entries:
            original = (self.directory / entry.backup).read_bytes()
            if hashlib.sha256(original).hexdigest() != entry.sha256:
                raise JournalError(f"the journal's copy of {entry.path} is damaged")
            path = Path(entry.path)
            current = path.read_bytes() if path.is_file() else None
            if current != original:
                if current is None:
                    path.write_bytes(original)
                    path.chmod(entry.mode)
                else:
                    write_atomic(path, original)
                restored.append(path)
            os.utime(path, ns=(entry.atime_ns, entry.mtime_ns))
        self.discard()
        return restored

    def discard(self) -> None:
        """End the journal: the manifest goes first, so a crash midway leaves
        either a complete journal or none that counts."""
        with contextlib.suppress(FileNotFoundError):
            (self.directory / MANIFEST).unlink()
        _fsync_directory(self.directory)
        shutil.rmtree(self.directory, ignore_errors=True)
