"""How paths are shown to the user, and which files are documentation."""

from __future__ import annotations

import functools
import os
from pathlib import Path


def display_path(path: Path | str) -> str:
    """Relative to the working directory when below it, else as given."""
    # os.getcwd, not Path.cwd: this runs once per finding (55,000 times on
    # the stdlib), and building a Path each time cost more than the lookup
    return _relative_if_below(os.fspath(path), os.getcwd())  # noqa: PTH109


# A run shows the same few thousand paths tens of thousands of times (every
# finding names its file), and relpath costs 20 us a call.
@functools.lru_cache(maxsize=1 << 16)
def _relative_if_below(text: str, cwd: str) -> str:
    try:
        relative = os.path.relpath(text, cwd)
    except ValueError:
        return text
    return text if relative.startswith("..") else relative


# Documentation whose `>>> ` examples doctest runners execute (`pytest
# --doctest-glob`, Sphinx's doctest builder, `python -m doctest FILE`): read
# as code for the index, never rewritten, never a module an import can name.
DOC_SUFFIXES = (".rst", ".md")


def is_documentation(path: Path | str) -> bool:
    return os.fspath(path).endswith(DOC_SUFFIXES)
