"""The last run's whole result, reused when nothing it depends on has changed.

A warm `check` with the summary cache still rebuilds the index and decides
every class again (one file can change another's verdict), which costs as
much as parsing the project. When no file, setting, autoslot source or Python
version changed since a run, its result is the answer: reading and hashing
the files is all that is left to do. Anything unusable is ignored.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import hashlib
import pickle
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

from autoslot import __version__
from autoslot.cachedir import NAME, cache_dir
from autoslot.fileio import write_atomic
from autoslot.results import FileStatus, RunResult
from autoslot.settings import Settings

FILE_NAME = "verdicts.pickle"
FORMAT = 1
# settings that change how a run goes, never what it finds
NOT_IN_KEY = frozenset({"jobs", "cache"})


@functools.cache
def package_digest() -> bytes:
    """A digest of every source file of autoslot: a changed rule is a new key."""
    package = Path(__file__).resolve().parent
    hashed = hashlib.blake2b(digest_size=16)
    for source in sorted(package.rglob("*.py")):
        hashed.update(str(source.relative_to(package)).encode())
        hashed.update(source.read_bytes())
    return hashed.digest()


def _stable(value: object) -> str:
    if isinstance(value, (set, frozenset)):
        return repr(sorted(map(_stable, value)))
    if isinstance(value, (tuple, list)):
        return repr([_stable(item) for item in value])
    return repr(value)


def run_key(
    sources: Mapping[str, bytes],
    unreadable: Sequence[str],
    targets: Sequence[str],
    settings: Settings,
) -> bytes:
    """Everything a run's result depends on, hashed."""
    options = [
        (f.name, _stable(getattr(settings, f.name)))
        for f in dataclasses.fields(settings)
        if f.name not in NOT_IN_KEY
    ]
    context = (
        FORMAT,
        __version__,
        sys.version,
        str(Path.cwd()),
        options,
        list(targets),
    )
    hashed = hashlib.blake2b(repr(context).encode(), digest_size=16)
    hashed.update(package_digest())
    for path in sorted(unreadable):
        hashed.update(b"unreadable\0" + path.encode() + b"\0")
    for path in sorted(sources):
        hashed.update(path.encode() + b"\0")
        hashed.update(hashlib.blake2b(sources[path], digest_size=16).digest())
    return hashed.digest()


def load(project_root: Path, key: bytes) -> RunResult | None:
    try:
        data = (project_root / NAME / FILE_NAME).read_bytes()
        stored_key, result = pickle.loads(data)
    except Exception:  # missing, truncated, from another version: not an answer
        return None
    if stored_key != key or not isinstance(result, RunResult):
        return None
    return result


def save(project_root: Path, key: bytes, result: RunResult) -> None:
    directory = cache_dir(project_root)
    if directory is None:
        return
    # an unchanged file's content is not part of any report: half the size
    slim = dataclasses.replace(
        result,
        files=[
            f
            if f.status is FileStatus.CHANGED
            else dataclasses.replace(f, before=b"", after=b"")
            for f in result.files
        ],
    )
    with contextlib.suppress(OSError, pickle.PicklingError):
        data = pickle.dumps((key, slim), protocol=pickle.HIGHEST_PROTOCOL)
        target = directory / FILE_NAME
        if not target.exists():
            target.touch()
        write_atomic(target, data)
