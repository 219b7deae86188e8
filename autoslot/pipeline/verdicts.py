"""The last run's whole result, reused when nothing it depends on has changed.

A warm `check` with the summary cache still rebuilds the index and decides
every class again (one file can change another's verdict), which costs as
much as parsing the project. When no file, setting, autoslot source or Python
version changed since a run, its result is the answer: reading and hashing
the files is all that is left to do. Anything unusable is ignored.

The stored result keeps what it was made from (the context of the run, each
file's digest): a run whose files differ only by edits that changed no
summary patches it (patched.py).
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import pickle
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
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
FORMAT = 5
KEY_SIZE = 16  # bytes of content_key, stored before the result
# settings that change how a run goes, never what it finds
NOT_IN_KEY = frozenset({"jobs", "cache"})


def _stable(value: object) -> str:
    if isinstance(value, (set, frozenset)):
        return repr(sorted(map(_stable, value)))
    if isinstance(value, (tuple, list)):
        return repr([_stable(item) for item in value])
    return repr(value)


def context_key(
    unreadable: Sequence[str],
    targets: Sequence[str],
    settings: Settings,
    unwritable: Mapping[str, str] | None = None,
) -> bytes:
    """Everything a run's result depends on but the files' contents, hashed.
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
    return hashed.digest()


def content_key(context: bytes, digests: Mapping[str, bytes]) -> bytes:
    """The key of a run's result: its context and every file's content.
    (Whether the run rewrote the changed files picks the file it is stored
    in: a result made without rewriting has no `after` to show and never
    answers a diff.)"""
    hashed = hashlib.blake2b(context, digest_size=16)
    for path in sorted(digests):
        hashed.update(_bytes(path) + b"\0" + digests[path])
    return hashed.digest()


@dataclass(frozen=True, slots=True)
class Stored:
    """A run's result (without the files' old contents) and what it came from."""

    context: bytes
    digests: dict[str, bytes]
    result: RunResult


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
    stored = _stored(data)
    return None if stored is None else with_sources(stored.result, source_of)


def load_stored(project_root: Path, rewritten: bool) -> Stored | None:
    """Whatever result is stored, for any inputs (patched.py checks them)."""
    data = read_cache_file(project_root, file_name(rewritten))
    return None if data is None or len(data) < KEY_SIZE else _stored(data[KEY_SIZE:])


def _stored(data: bytes) -> Stored | None:
    try:
        stored = unpickle(data)
    except Exception:  # truncated, from another version: not an answer
        return None
    if not isinstance(stored, Stored) or not isinstance(stored.result, RunResult):
        return None
    return stored


def with_sources(
    result: RunResult, source_of: Callable[[str], bytes | None]
) -> RunResult | None:
    """The result with each changed file's old content, which `save` left out."""
    files = []
    for stored in result.files:
        if stored.status is not FileStatus.CHANGED or not stored.after:
            files.append(stored)  # nothing was left out
            continue
        before = source_of(stored.path)
        if before is None:
            return None
        files.append(dataclasses.replace(stored, before=before))
    return dataclasses.replace(result, files=files)


def save(
    project_root: Path,
    key: bytes,
    result: RunResult,
    rewritten: bool,
    made_from: tuple[bytes, dict[str, bytes]],
) -> None:
    """Store `result` under `key`; `made_from` is (context, digests), as
    Stored holds them."""
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
    context, digests = made_from
    with contextlib.suppress(pickle.PicklingError):
        data = pickle.dumps(
            Stored(context, dict(digests), slim),
            protocol=pickle.HIGHEST_PROTOCOL,
        )
        write_cache_file(project_root, file_name(rewritten), key + data)
