"""The journal that makes every writing run undoable.

Before the first file is replaced, the original bytes of every file the run
may write are copied to `.autoslot_cache/journal/` and a manifest listing
them is written and fsynced; the manifest's existence is the commitment
point. A run that ends well deletes the journal; one that is interrupted or
crashes restores from it; after a hard kill `autoslot restore` replays it
(fix/restore.py).

Each write gives the file a modification time a whole second past its
previous one: Python's bytecode cache trusts (mtime seconds, size), and two
trial versions of one file written within a second can have the same size,
so without that a test run could execute the bytecode of another trial. A
restored file gets its original mtime back, which is safe for the same
reason (every trial was later).
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
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Any

from autoslot.cache.directory import NAME as CACHE_DIRECTORY
from autoslot.cache.directory import ensure_cache_dir
from autoslot.util.fileio import read_regular, replace_content

MANIFEST = "manifest.json"
SECOND = 1_000_000_000


class JournalError(Exception):
    """The journal cannot be started (a leftover one, or a file changed under us)."""


class JournalDamaged(JournalError):
    """The manifest of a leftover journal cannot be read."""


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


def pending_journal_message(root: Path) -> str:
    return (
        f"an interrupted autoslot run left a journal in {journal_directory(root)}; "
        f"run `autoslot restore {root}` first"
    )


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


def _reason(error: OSError) -> str:
    return error.strerror or str(error)


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class Journal:
    def __init__(self, directory: Path, entries: list[Entry], damaged: int = 0) -> None:
        self.directory = directory
        self.entries = entries
        self.paths = {Path(e.path) for e in entries}
        # manifest entries that could not be read
        self.damaged = damaged

    @classmethod
    def begin(cls, root: Path, originals: Mapping[Path, bytes]) -> Journal:
        """Record the files' current content; each must still be `originals[path]`."""
        directory = journal_directory(root)
        if leftover_journal(root) is not None:
            raise JournalError(pending_journal_message(root))
        try:
            ensure_cache_dir(root)
            shutil.rmtree(directory, ignore_errors=True)  # no manifest: never used
            directory.mkdir()
        except OSError as error:
            raise JournalError(
                f"cannot create the journal in {directory}: {_reason(error)}"
            ) from None
        try:
            entries = [
                _record(directory, number, given, expected)
                for number, (given, expected) in enumerate(originals.items())
            ]
            manifest = {"pid": os.getpid(), "files": [asdict(e) for e in entries]}
            pending = directory / (MANIFEST + ".tmp")
            _write_durably(pending, json.dumps(manifest, indent=1).encode())
            pending.replace(directory / MANIFEST)
        except BaseException:
            shutil.rmtree(directory, ignore_errors=True)
            raise
        _fsync_directory(directory)
        return cls(directory, entries)

    @classmethod
    def load(cls, root: Path) -> Journal | None:
        """The leftover journal; JournalDamaged when its manifest is unreadable.
        Entries that cannot be read are left out (`damaged` counts them)."""
        manifest = leftover_journal(root)
        if manifest is None:
            return None
        try:
            data = json.loads(read_regular(manifest).decode("utf-8"))
            items = data["files"]
            if not isinstance(items, list):
                raise TypeError("`files` is not a list")
        except (OSError, ValueError, KeyError, TypeError) as error:
            raise JournalDamaged(f"its manifest cannot be read ({error})") from None
        entries = [e for e in map(_entry, items) if e is not None]
        return cls(manifest.parent, entries, len(items) - len(entries))

    def write(self, path: Path, data: bytes) -> None:
        """Replace a journalled file's content."""
        target = path.resolve()
        if target not in self.paths:
            raise JournalError(f"{path} is not in the journal; refusing to write it")
        previous = target.stat().st_mtime_ns
        replace_content(target, data)
        later = max(time.time_ns(), (previous // SECOND + 1) * SECOND)
        os.utime(target, ns=(later, later))

    def discard(self) -> None:
        """End the journal: the manifest goes first, so a crash midway leaves
        either a complete journal or none that counts."""
        with contextlib.suppress(FileNotFoundError):
            (self.directory / MANIFEST).unlink()
        _fsync_directory(self.directory)
        shutil.rmtree(self.directory, ignore_errors=True)

    def set_aside(self) -> Path:
        """Move the journal out of the way, copies and manifest included, so
        that no run takes it for a pending one; returns where it went."""
        return set_aside(self.directory)


def set_aside(directory: Path) -> Path:
    for number in range(1, 1000):
        kept = directory.with_name(f"journal-damaged-{number}")
        if not kept.exists():
            directory.rename(kept)
            _fsync_directory(directory.parent)
            return kept
    raise JournalError(f"too many damaged journals beside {directory}")


def _record(directory: Path, number: int, given: Path, expected: bytes) -> Entry:
    path = given.resolve()
    try:
        current = read_regular(path)
        status = path.stat()
    except OSError as error:
        raise JournalError(f"cannot read {given}: {_reason(error)}") from None
    if current != expected:
        raise JournalError(f"{given} changed on disk while autoslot read it")
    backup = f"{number:05d}.orig"
    _write_durably(directory / backup, current)
    return Entry(
        str(path),
        backup,
        sha256(current),
        stat.S_IMODE(status.st_mode),
        status.st_atime_ns,
        status.st_mtime_ns,
    )


def _entry(item: Any) -> Entry | None:
    """A manifest entry, or None when a field is missing or of the wrong kind."""
    if not isinstance(item, dict):
        return None
    values: dict[str, Any] = {}
    for field in fields(Entry):
        value = item.get(field.name)
        wanted = str if field.type == "str" else int
        if type(value) is not wanted:
            return None
        values[field.name] = value
    entry = Entry(**values)
    # a backup is a file of the journal directory, nothing else
    if Path(entry.backup).name != entry.backup or entry.backup in ("", ".", ".."):
        return None
    return entry
