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


# a module is test code in a package or directory of one of these names
TEST_DIRECTORIES = frozenset({"test", "tests", "testing"})


def is_test_module(module: str, path: str) -> bool:
    """`test_*.py`, `*_test.py`, `conftest.py`, a module of a `tests`
    package or directory, or a documentation file's examples."""
    if is_documentation(path):
        return True  # a doctest session, as a test file is
    parts = module.split(".") if module else path.replace("\\", "/").split("/")[-1:]
    last = parts[-1].removesuffix(".py")
    if last.startswith("test_") or last.endswith("_test") or last == "conftest":
        return True
    return any(part in TEST_DIRECTORIES for part in parts[:-1]) or (
        module != "" and last in TEST_DIRECTORIES
    )
