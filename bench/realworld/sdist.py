"""A corpus project's pinned sdist: downloaded once into the cache, unpacked
fresh wherever a run wants it (run.py, and perf.py's chess rows)."""

from __future__ import annotations

import shutil
import sys
import tarfile
from pathlib import Path

from corpus import Project
from tools import CACHE, run


def fetch(project: Project) -> Path:
    """The sdist of the pinned version, downloaded once into the cache."""
    sdists = CACHE / "sdists"
    sdists.mkdir(parents=True, exist_ok=True)
    name, version = project.requirement.split("==")
    for candidate in sdists.glob("*.tar.gz"):
        stem = candidate.name.removesuffix(".tar.gz").lower()
        if stem == f"{name}-{version}".lower():
            return candidate
    run(
        [
            *(sys.executable, "-m", "pip", "download", "--quiet", "--no-deps"),
            *("--no-binary", ":all:", project.requirement, "--dest", str(sdists)),
        ],
        check=True,
    )
    return fetch(project)


def unpack(archive: Path, dest: Path) -> Path:
    """A fresh tree of the sdist at `dest` (whatever an earlier run left is removed)."""
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    with tarfile.open(archive) as tar:
        tar.extractall(dest, filter="data")
    (top,) = dest.iterdir()
    return top
