"""Content digests known without reading the files, from their stat data.

A warm run that changed nothing spent a fifth of its time reading and
hashing every file (70 ms for the stdlib's 31 MB). A file whose mtime,
ctime, size and inode are what they were when it was hashed still has that
content, with one exception git calls "racily clean": a change made within
the timestamp granularity of the moment it was stat'ed can leave the stamp
as it was. So an entry only counts when the file's last change came at
least RACY_MARGIN_NS before the stat. (ctime also catches tools that copy
timestamps, such as `cp -p` or `rsync -t`: setting mtime sets ctime to now.)
"""

from __future__ import annotations

import os
from pathlib import Path

from autoslot.cache.directory import load_entries, save_entries

FILE_NAME = "stamps.pickle"
FORMAT = 1
# the coarsest common file-system clock (FAT: 2 s), with room to spare
RACY_MARGIN_NS = 3_000_000_000

# (st_mtime_ns, st_ctime_ns, st_size, st_ino)
Stamp = tuple[int, int, int, int]
# path -> (stamp, digest of the content it had)
Stamps = dict[str, tuple[Stamp, bytes]]


def stamp_of(status: os.stat_result) -> Stamp:
    return (status.st_mtime_ns, status.st_ctime_ns, status.st_size, status.st_ino)


def is_settled(stamp: Stamp, stat_time_ns: int) -> bool:
    """Whether a later change of the file must show in its stamp."""
    return max(stamp[0], stamp[1]) < stat_time_ns - RACY_MARGIN_NS


def load(project_root: Path) -> Stamps:
    return load_entries(project_root, FILE_NAME, FORMAT) or {}


def save(project_root: Path, entries: Stamps) -> None:
    save_entries(project_root, FILE_NAME, FORMAT, entries)
