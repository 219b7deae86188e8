"""Reading and writing the user's files.

Only regular files are read: opening a FIFO would block forever, so a file
is opened without blocking and checked before a byte is read. A file gets
its new content without ever being left half-written where that can be
avoided, and stays the same file: its permission bits, owner, group and
hard links are kept.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from pathlib import Path

# no O_NONBLOCK on Windows, where there are no FIFOs to block on
_READ_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_NOCTTY", 0)
    | getattr(os, "O_BINARY", 0)
)


class NotRegularFile(OSError):
    """The path names a FIFO, a socket or a device, which autoslot never reads."""

    def __init__(self, path: Path | str) -> None:
        super().__init__(errno.EINVAL, "not a regular file", str(path))


def read_regular(path: Path | str) -> bytes:
    """The content of a regular file; NotRegularFile (an OSError) for anything else."""
    descriptor = os.open(path, _READ_FLAGS)
    try:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            raise NotRegularFile(path)
        chunks = []
        while chunk := os.read(descriptor, 1 << 20):
            chunks.append(chunk)
        return b"".join(chunks)
    finally:
        os.close(descriptor)


def is_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


def _groups() -> set[int]:
    if not hasattr(os, "getegid"):  # pragma: no cover - Windows
        return set()
    return {os.getegid(), *os.getgroups()}


def written_in_place(status: os.stat_result) -> bool:
    """Whether a new file renamed over this one would not be the same file:
    another hard link would keep the old content, or the group could not be
    given back (a user can only give a file a group they belong to)."""
    if status.st_nlink > 1:
        return True
    return not is_root() and hasattr(os, "getegid") and status.st_gid not in _groups()


def replace_content(path: Path, data: bytes) -> None:
    """Give the file (a symlink is followed) new content, as the same file.

    Usually that is an atomic replacement, so a crash leaves the old or the
    new content; a file with several hard links is rewritten in place (the
    caller's journal covers a crash midway).
    """
    target = path.resolve()
    status = target.stat()
    if written_in_place(status):
        _write_in_place(target, data)
    else:
        _write_replacing(target, data, status)


def write_atomic(path: Path, data: bytes) -> None:
    """Replace the file's content in one step (a symlink is followed)."""
    target = path.resolve()
    _write_replacing(target, data, target.stat())


def _write_in_place(target: Path, data: bytes) -> None:
    descriptor = os.open(target, os.O_WRONLY | getattr(os, "O_BINARY", 0))
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(descriptor, view) :]
        os.ftruncate(descriptor, len(data))
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _write_replacing(target: Path, data: bytes, status: os.stat_result) -> None:
    """Write a temporary file beside the target and rename it over the target."""
    descriptor, temporary = tempfile.mkstemp(
        dir=target.parent, prefix=f".{target.name}.", suffix=".autoslot"
    )
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        _take_identity(Path(temporary), status)
        Path(temporary).replace(target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            Path(temporary).unlink()
        raise


def _take_identity(temporary: Path, status: os.stat_result) -> None:
    """Owner and group first: changing them clears the set-id bits a chmod sets."""
    if hasattr(os, "chown"):
        now = temporary.stat()
        if is_root() and (now.st_uid, now.st_gid) != (status.st_uid, status.st_gid):
            os.chown(temporary, status.st_uid, status.st_gid)
        elif now.st_gid != status.st_gid and status.st_gid in _groups():
            os.chown(temporary, -1, status.st_gid)
    temporary.chmod(stat.S_IMODE(status.st_mode))
