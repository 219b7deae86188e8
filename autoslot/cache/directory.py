"""The project's `.autoslot_cache/` directory, marked the way tools expect
(a CACHEDIR.TAG for backup tools and a self-ignoring `.gitignore` for git),
and what every cache in it shares: content digests, a digest of autoslot's
own code, and files read and written so that a failure only means "no cache".
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import pickle
from pathlib import Path
from typing import Any

from autoslot.util.fileio import write_atomic
from autoslot.util.pool import quiet_collector

NAME = ".autoslot_cache"
CACHEDIR_TAG = (
    "Signature: 8a477f597d28d172789f06886806bc55\n"
    "# This file is a cache directory tag created by autoslot.\n"
    "# For information about cache directory tags see https://bford.info/cachedir/\n"
)


def ensure_cache_dir(project_root: Path) -> Path:
    """Create (if needed) and return the cache directory; OSError if it cannot be."""
    directory = project_root / NAME
    directory.mkdir(exist_ok=True)
    tag = directory / "CACHEDIR.TAG"
    if not tag.is_file():
        tag.write_text(CACHEDIR_TAG, encoding="utf-8")
    ignore = directory / ".gitignore"
    if not ignore.is_file():
        ignore.write_text("# created by autoslot\n*\n", encoding="utf-8")
    return directory


def cache_dir(project_root: Path) -> Path | None:
    """The cache directory, or None when it cannot be made (caching is optional)."""
    try:
        return ensure_cache_dir(project_root)
    except OSError:
        return None


def digest(content: bytes) -> bytes:
    """The key of a file's content in every cache."""
    return hashlib.blake2b(content, digest_size=16).digest()


@functools.cache
def code_digest() -> bytes:
    """A digest of every source file of autoslot.

    The version alone misses a changed rule between releases (an editable
    install, a git checkout): stale entries would be taken for fresh ones.
    Hashing the package costs a few milliseconds.
    """
    package = Path(__file__).resolve().parent.parent
    hashed = hashlib.blake2b(digest_size=16)
    for source in sorted(package.rglob("*.py")):
        hashed.update(str(source.relative_to(package)).encode())
        hashed.update(source.read_bytes())
    return hashed.digest()


def read_cache_file(project_root: Path, name: str, prefix: bytes = b"") -> bytes | None:
    """The file's content after `prefix`; None when missing, unreadable or
    not starting with `prefix` (the rest is then not read)."""
    try:
        with (project_root / NAME / name).open("rb") as handle:
            if handle.read(len(prefix)) != prefix:
                return None
            return handle.read()
    except OSError:
        return None


def write_cache_file(project_root: Path, name: str, data: bytes) -> None:
    """Replace a cache file atomically; a cache that cannot be written is no cache."""
    directory = cache_dir(project_root)
    if directory is None:
        return
    target = directory / name
    with contextlib.suppress(OSError):
        if not target.exists():
            target.touch()
        write_atomic(target, data)


def save_entries(
    project_root: Path, name: str, key: Any, entries: dict[str, Any]
) -> None:
    """Store a table of entries under `key` (what they depend on)."""
    data = pickle.dumps((key, entries), protocol=pickle.HIGHEST_PROTOCOL)
    write_cache_file(project_root, name, data)


def unpickle(data: bytes) -> Any:
    """Unpickle a cache file. Unpickling makes objects and no garbage, yet
    the cyclic collector would scan every object made so far again and again
    (the stdlib's summaries: 3.7 s with it, 1.6 s without)."""
    with quiet_collector():
        return pickle.loads(data)


def load_entries(project_root: Path, name: str, key: Any) -> dict[str, Any] | None:
    """The entries stored under `key`, or None when missing, foreign or damaged."""
    data = read_cache_file(project_root, name)
    if data is None:
        return None
    try:
        stored_key, entries = unpickle(data)
    except Exception:  # any corruption means "no cache"
        return None
    if stored_key != key or not isinstance(entries, dict):
        return None
    return entries
