"""The project's `.autoslot_cache/` directory, marked the way tools expect."""

from __future__ import annotations

import contextlib
from pathlib import Path

NAME = ".autoslot_cache"
CACHEDIR_TAG = (
    "Signature: 8a477f597d28d172789f06886806bc55\n"
    "# This file is a cache directory tag created by autoslot.\n"
    "# For information about cache directory tags see https://bford.info/cachedir/\n"
)


def cache_dir(project_root: Path) -> Path | None:
    """Create (if needed) and return the cache directory; None if it cannot be made."""
    directory = project_root / NAME
    try:
        directory.mkdir(exist_ok=True)
        tag = directory / "CACHEDIR.TAG"
        if not tag.is_file():
            tag.write_text(CACHEDIR_TAG)
        ignore = directory / ".gitignore"
        if not ignore.is_file():
            ignore.write_text("# created by autoslot\n*\n")
    except OSError:
        with contextlib.suppress(OSError):
            directory.rmdir()
        return None
    return directory
