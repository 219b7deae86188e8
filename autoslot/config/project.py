"""Where a project starts: the root that configuration, discovery and the index share.

The root is the nearest directory whose pyproject.toml has a `[tool.autoslot]`
table, else the nearest directory holding `.git`; the search never climbs out
of a repository, so a configuration above the repository's top never applies.
Outside any repository and without configuration, the nearest pyproject.toml
(any) marks the root, else the directory of the path itself.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on 3.10 only
    import tomli as tomllib


class ConfigError(Exception):
    """A configuration problem; the message names the file and the key."""


@dataclass(frozen=True, slots=True)
class ProjectRoot:
    path: Path
    # the pyproject.toml holding [tool.autoslot], if the root was found by it
    config: Path | None


def read_toml(path: Path) -> dict[str, Any]:
    from autoslot.util.fileio import read_regular

    try:
        text = read_regular(path).decode("utf-8")
        data: dict[str, Any] = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: invalid TOML: {error}") from None
    except UnicodeDecodeError as error:
        # TOML is UTF-8; say where, as the TOML parser does for its errors
        line = error.object[: error.start].count(b"\n") + 1
        raise ConfigError(
            f"{path}: invalid TOML: not valid UTF-8 (line {line}: {error.reason})"
        ) from None
    except OSError as error:
        raise ConfigError(f"{path}: cannot read: {error.strerror}") from None
    return data


def has_autoslot_table(pyproject: Path) -> bool:
    if not pyproject.is_file():
        return False
    tool = read_toml(pyproject).get("tool", {})
    return isinstance(tool, dict) and "autoslot" in tool


def _directory(start: Path) -> Path:
    start = start.absolute()
    return start if start.is_dir() else start.parent


def find_project_root(start: Path) -> ProjectRoot:
    directory = _directory(start)
    nearest_pyproject: Path | None = None
    for candidate in (directory, *directory.parents):
        pyproject = candidate / "pyproject.toml"
        if has_autoslot_table(pyproject):
            return ProjectRoot(candidate, pyproject)
        if (candidate / ".git").exists():
            return ProjectRoot(candidate, None)
        if nearest_pyproject is None and pyproject.is_file():
            nearest_pyproject = candidate
    return ProjectRoot(nearest_pyproject or directory, None)


def repository_top(root: Path) -> Path | None:
    """The directory holding `.git` at or above `root`, if any (for .gitignore files)."""
    for candidate in (root, *root.parents):
        if (candidate / ".git").exists():
            return candidate
    return None
