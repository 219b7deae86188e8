"""The project's `.autoslot_cache/` directory, marked the way tools expect:
a CACHEDIR.TAG for backup tools and a self-ignoring `.gitignore` for git."""

from __future__ import annotations

from pathlib import Path

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
