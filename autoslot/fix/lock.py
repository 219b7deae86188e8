"""One writing autoslot run per tree at a time.

The lock is `.autoslot_cache/lock` under the project root. On POSIX it is an
`flock` on that file: the kernel drops it when the holder dies, however it
dies, so a hard-killed run never leaves a stale lock behind. Elsewhere the
file is created exclusively and holds the pid; a lock whose pid is gone is
stale and taken over. Either way the file names the holder's pid so the
refusal can say who holds it.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Iterator
from pathlib import Path

from autoslot.cache.directory import ensure_cache_dir

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]


class LockHeld(Exception):
    def __init__(self, path: Path, pid: int | None) -> None:
        self.path = path
        self.pid = pid
        holder = f"pid {pid}" if pid else "another process"
        super().__init__(
            f"another autoslot run ({holder}) is writing this tree (lock: {path})"
        )


def _holder(path: Path) -> int | None:
    try:
        pid = json.loads(path.read_text(encoding="utf-8")).get("pid")
    except (OSError, ValueError, AttributeError):
        return None
    return pid if isinstance(pid, int) else None


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


@contextlib.contextmanager
def tree_lock(root: Path) -> Iterator[Path]:
    """Hold the tree's lock, or raise LockHeld naming the holder."""
    path = ensure_cache_dir(root) / "lock"
    if fcntl is not None:
        with _flocked(path):
            yield path
        return
    with _exclusive(path):  # pragma: no cover - Windows
        yield path


@contextlib.contextmanager
def _flocked(path: Path) -> Iterator[None]:
    descriptor = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise LockHeld(path, _holder(path)) from None
        os.ftruncate(descriptor, 0)
        os.write(descriptor, json.dumps({"pid": os.getpid()}).encode())
        try:
            yield
        finally:
            # the file stays: unlinking a lock file races with the next taker
            os.ftruncate(descriptor, 0)
            fcntl.flock(descriptor, fcntl.LOCK_UN)
    finally:
        os.close(descriptor)


@contextlib.contextmanager
def _exclusive(path: Path) -> Iterator[None]:  # pragma: no cover - Windows
    for _ in range(3):
        try:
            descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        except FileExistsError:
            pid = _holder(path)
            if pid is not None and _alive(pid):
                raise LockHeld(path, pid) from None
            with contextlib.suppress(FileNotFoundError):
                path.unlink()
            continue
        with os.fdopen(descriptor, "w") as handle:
            handle.write(json.dumps({"pid": os.getpid()}))
        try:
            yield
        finally:
            with contextlib.suppress(FileNotFoundError):
                path.unlink()
        return
    raise LockHeld(path, _holder(path))
