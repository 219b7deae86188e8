"""The last run's project facts, reused when no summary they came from changed.

The project facts (the value flow and what the decide stage reads off it) are
most of a warm run after an edit: 0.25 s of chess's 0.5, 90 s on the stdlib.
They are a function of the index alone, and the index of the summaries and
the roots (which files are to be rewritten only marks its classes, and
nothing before the decide stage reads the mark: a hook run that names one
file has the facts of a run over the whole project). An edit that leaves
its file's summary as it was (a comment, a blank line, a string reflowed on
its own lines) changes none of them, and the facts of the last run are the
answer.

`facts.pickle` holds a key (everything but the summaries: formats, versions,
autoslot's code, the settings the stage reads, the roots and which files
have summaries),
then the content digest of each file the facts were made from
and the facts. A file whose digest differs is compared, summary to summary,
with what the summary cache held for the recorded digest; any difference,
or a summary the cache no longer holds, means a cold flow. Caching is an
optimisation only: anything unusable is ignored.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import pickle
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

from autoslot import __version__
from autoslot.cache.directory import (
    code_digest,
    read_cache_file,
    unpickle,
    write_cache_file,
)
from autoslot.config.settings import Settings
from autoslot.decide.context import ProjectFacts
from autoslot.summary.model import ModuleSummary, ParseFailure

FILE_NAME = "facts.pickle"
FORMAT = 1
# the only settings the facts stage reads (tests/test_facts_cache.py keeps
# this true): a hook's --force-exclude, a --diff or another line length
# give the same facts
SETTINGS_READ = ("strict",)

OldSummaries = Mapping[str, tuple[bytes, ModuleSummary | ParseFailure]]


def facts_key(
    roots: Sequence[Path], summarised: Sequence[str], settings: Settings
) -> bytes:
    context = (
        FORMAT,
        __version__,
        sys.version,
        [(name, repr(getattr(settings, name))) for name in SETTINGS_READ],
        [str(root) for root in roots],
        sorted(summarised),
    )
    hashed = hashlib.blake2b(repr(context).encode("utf-8", "surrogateescape"))
    hashed.update(code_digest())
    return hashed.digest()[:16]


def load(
    project_root: Path,
    key: bytes,
    digests: Mapping[str, bytes],
    summaries: Mapping[str, ModuleSummary],
    old_summaries: OldSummaries,
) -> ProjectFacts | None:
    """The stored facts, when every summary is the one they were made from
    (stored again for the new contents when a file's differ: the summary
    cache keeps only the latest summary of each file)."""
    data = read_cache_file(project_root, FILE_NAME, prefix=key)
    if data is None:
        return None
    try:
        contents, facts = unpickle(data)
    except Exception:  # truncated, from another version: not an answer
        return None
    if not isinstance(facts, ProjectFacts) or not isinstance(contents, dict):
        return None
    edited = False
    for path, summary in summaries.items():
        then = contents.get(path)
        if then is None:
            return None
        if digests.get(path) == then:
            continue
        old = old_summaries.get(path)
        if old is None or old[0] != then or old[1] != summary:
            return None
        edited = True
    if edited:
        save(project_root, key, digests, summaries, facts)
    return facts


def save(
    project_root: Path,
    key: bytes,
    digests: Mapping[str, bytes],
    summaries: Mapping[str, ModuleSummary],
    facts: ProjectFacts,
) -> None:
    contents = {path: digests[path] for path in summaries if path in digests}
    # the attribute names are built from the index when first asked for
    slim = dataclasses.replace(facts, names=None)
    with contextlib.suppress(pickle.PicklingError, RecursionError):
        data = pickle.dumps((contents, slim), protocol=pickle.HIGHEST_PROTOCOL)
        write_cache_file(project_root, FILE_NAME, key + data)
