"""Paths -> the sorted Python files to process, and the project they belong to."""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pathspec

# Directories no one wants analysed: VCS data, virtualenvs, build output, caches.
SKIPPED_DIRECTORIES = frozenset(
    {
        ".git",
        ".hg",
        ".svn",
        ".bzr",
        ".venv",
        "venv",
        ".env",
        "env",
        ".tox",
        ".nox",
        "__pypackages__",
        "__pycache__",
        "build",
        "dist",
        "node_modules",
        "site-packages",
        ".mypy_cache",
        ".pytest_cache",
        ".ruff_cache",
        ".autoslot_cache",
        ".eggs",
        ".ipynb_checkpoints",
    }
)
PROJECT_MARKERS = ("pyproject.toml", ".git")


@dataclass(frozen=True, slots=True)
class Discovery:
    """The files to rewrite, and every Python file of the projects they belong to."""

    targets: tuple[Path, ...]
    project_files: tuple[Path, ...]
    roots: tuple[Path, ...]


def find_project_root(start: Path) -> Path | None:
    directory = start if start.is_dir() else start.parent
    for candidate in (directory, *directory.parents):
        if any((candidate / marker).exists() for marker in PROJECT_MARKERS):
            return candidate
    return None


def _is_virtualenv(directory: Path) -> bool:
    return (directory / "pyvenv.cfg").is_file()


def _gitignore_spec(root: Path) -> pathspec.PathSpec[Any] | None:
    ignore_file = root / ".gitignore"
    if not ignore_file.is_file():
        return None
    lines = ignore_file.read_text(encoding="utf-8", errors="replace").splitlines()
    return pathspec.PathSpec.from_lines("gitwildmatch", lines)


class Walker:
    def __init__(
        self,
        root: Path,
        exclude: pathspec.PathSpec[Any] | None,
        respect_gitignore: bool,
    ) -> None:
        self.root = root
        self.exclude = exclude
        self.respect_gitignore = respect_gitignore
        self.gitignores: dict[Path, pathspec.PathSpec[Any] | None] = {}

    def excluded(self, path: Path, is_dir: bool) -> bool:
        if is_dir and (path.name in SKIPPED_DIRECTORIES or _is_virtualenv(path)):
            return True
        relative = self._relative(path, self.root)
        if (
            relative is not None
            and self.exclude is not None
            and self.exclude.match_file(relative + ("/" if is_dir else ""))
        ):
            return True
        if self.respect_gitignore:
            for directory in (path.parent, *path.parent.parents):
                spec = self._gitignore(directory)
                if spec is not None:
                    below = self._relative(path, directory)
                    if below is not None and spec.match_file(
                        below + ("/" if is_dir else "")
                    ):
                        return True
                if directory == self.root:
                    break
        return False

    @staticmethod
    def _relative(path: Path, base: Path) -> str | None:
        try:
            return path.relative_to(base).as_posix()
        except ValueError:
            return None

    def _gitignore(self, directory: Path) -> pathspec.PathSpec[Any] | None:
        if directory not in self.gitignores:
            self.gitignores[directory] = _gitignore_spec(directory)
        return self.gitignores[directory]

    def walk(self, top: Path) -> Iterable[Path]:
        for directory, subdirectories, files in os.walk(top):
            here = Path(directory)
            subdirectories[:] = sorted(
                d for d in subdirectories if not self.excluded(here / d, is_dir=True)
            )
            for name in sorted(files):
                if name.endswith(".py"):
                    path = here / name
                    if not self.excluded(path, is_dir=False):
                        yield path


def discover(
    paths: Sequence[Path],
    exclude: Sequence[str] = (),
    force_exclude: bool = False,
    respect_gitignore: bool = True,
) -> Discovery:
    exclude_spec = (
        pathspec.PathSpec.from_lines("gitwildmatch", exclude) if exclude else None
    )
    targets: set[Path] = set()
    project: set[Path] = set()
    roots: list[Path] = []
    for given in paths:
        absolute = given.absolute()
        root = find_project_root(absolute) or (
            absolute if absolute.is_dir() else absolute.parent
        )
        if root not in roots:
            roots.append(root)
        walker = Walker(root, exclude_spec, respect_gitignore)
        if absolute.is_dir():
            targets.update(walker.walk(absolute))
        elif not force_exclude or not walker.excluded(absolute, is_dir=False):
            targets.add(absolute)  # named explicitly: processed whatever its suffix
    for root in roots:
        project.update(Walker(root, exclude_spec, respect_gitignore).walk(root))
    project.update(targets)
    return Discovery(tuple(sorted(targets)), tuple(sorted(project)), tuple(roots))
