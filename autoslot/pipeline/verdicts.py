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
import hashlib
import pickle
import sys
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

from autoslot import __version__
from autoslot.cache.directory import (
    code_digest,
    read_cache_file,
    unpickle,
    write_cache_file,
)
from autoslot.config.settings import Settings
from autoslot.results import FileStatus, RunResult

FILE_NAME = "verdicts.pickle"
# a check --diff's result (with the rewritten text), kept beside a plain
# check's: the pre-commit hook runs one and people type the other
REWRITTEN_FILE_NAME = "verdicts-rewritten.pickle"
FORMAT = 4
# settings that change how a run goes, never what it finds
NOT_IN_KEY = frozenset({"jobs", "cache"})


def _stable(value: object) -> str:
    if isinstance(value, (set, frozenset)):
        return repr(sorted(map(_stable, value)))
    if isinstance(value, (tuple, list)):
        return repr([_stable(item) for item in value])
    return repr(value)


def run_key(
    digests: Mapping[str, bytes],
    unreadable: Sequence[str],
    targets: Sequence[str],
    settings: Settings,
    unwritable: Mapping[str, str] | None = None,
) -> bytes:
    """Everything a run's result depends on, hashed. (Whether the run
    rewrote the changed files picks the file it is stored in: a result made
    without rewriting has no `after` to show and never answers a diff.)
    Not the working directory: a result holds the project's paths, and only
    the report shows them relative to it (results.py)."""
    options = [
        (f.name, _stable(getattr(settings, f.name)))
        for f in dataclasses.fields(settings)
        if f.name not in NOT_IN_KEY
    ]
    context = (
        FORMAT,
        __version__,
        sys.version,
        options,
        list(targets),
    )
    hashed = hashlib.blake2b(_bytes(repr(context)), digest_size=16)
    hashed.update(code_digest())
    for path in sorted(unreadable):
        hashed.update(b"unreadable\0" + _bytes(path) + b"\0")
    # a chmod changes no digest, but what fix may write
    for path, why in sorted((unwritable or {}).items()):
        hashed.update(b"unwritable\0" + _bytes(path) + b"\0" + _bytes(why) + b"\0")
    for path in sorted(digests):
        hashed.update(_bytes(path) + b"\0" + digests[path])
    return hashed.digest()


def _bytes(text: str) -> bytes:
    """A path as the bytes the file system knows it by: a name that is not
    valid UTF-8 reaches Python as a str with surrogates."""
    return text.encode("utf-8", "surrogateescape")


def file_name(rewritten: bool) -> str:
    return REWRITTEN_FILE_NAME if rewritten else FILE_NAME


def load(
    project_root: Path,
    key: bytes,
    source_of: Callable[[str], bytes | None],
    rewritten: bool,
) -> RunResult | None:
    """The stored result for `key`. `source_of` gives the content of a file
    as this run knows it (None when it no longer can): the contents `save`
    left out."""
    # the key comes first, so that a run whose inputs changed learns it
    # without unpickling the stored result (70 ms on the stdlib)
    data = read_cache_file(project_root, file_name(rewritten), prefix=key)
    if data is None:
        return None
    try:
        result = unpickle(data)
    except Exception:  # truncated, from another version: not an answer
        return None
    if not isinstance(result, RunResult):
        return None
    files = []
    for stored in result.files:
        if stored.status is not FileStatus.CHANGED or not stored.after:
            files.append(stored)  # nothing was left out
            continue
        before = source_of(stored.path)
        if before is None:
            return None
        files.append(dataclasses.replace(stored, before=before))
    result.files = files
    return result


def save(project_root: Path, key: bytes, result: RunResult, rewritten: bool) -> None:
    # An unchanged file's content is not part of any report, and a changed
    # file's `before` is the file as read (the key holds its digest): only
    # the rewritten contents need storing, half of what a load would read.
    slim = dataclasses.replace(
        result,
        files=[
            dataclasses.replace(
                f, before=b"", after=f.after if f.status is FileStatus.CHANGED else b""
            )
            for f in result.files
        ],
    )
    with contextlib.suppress(pickle.PicklingError):
        data = pickle.dumps(slim, protocol=pickle.HIGHEST_PROTOCOL)
        write_cache_file(project_root, file_name(rewritten), key + data)
