"""Paths -> the sorted Python files to process, and the project they belong to.

Two sets come out. The targets are the files to rewrite: what the paths name,
minus `exclude`, `extend-exclude` and `.gitignore`, picking files by `include`.
The project files are what the index reads: every Python file under each
project root that is not in a skipped directory or ignored by git. Excluded
files are still read, because a store they make on a class of a target file
must still be seen (slotting that class would break them).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pathspec

from autoslot.project import find_project_root, repository_top
from autoslot.settings import Settings

# Directories never read, whatever the configuration: VCS data, virtualenvs,
# build output, caches. Virtualenvs are also recognised by their pyvenv.cfg and
# conda environments by conda-meta/, whatever they are called.
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

Spec = pathspec.PathSpec[Any]


@dataclass(frozen=True, slots=True)
class Discovery:
    """The files to rewrite, and every Python file of the projects they belong to."""

    targets: tuple[Path, ...]
    project_files: tuple[Path, ...]
    roots: tuple[Path, ...]


def is_environment(directory: Path) -> bool:
    return (directory / "pyvenv.cfg").is_file() or (directory / "conda-meta").is_dir()


def _spec(patterns: Iterable[str]) -> Spec | None:
    lines = list(patterns)
    return pathspec.GitIgnoreSpec.from_lines(lines) if lines else None


class Gitignores:
    """The .gitignore files from a path up to the repository's top, deepest first.

    The deepest file with a pattern matching the path decides, so a nested
    `!name` re-includes what a parent directory's file ignores, as in git.
    """

    def __init__(self, top: Path) -> None:
        self.top = top
        self.specs: dict[Path, Spec | None] = {}

    def _spec_in(self, directory: Path) -> Spec | None:
        if directory not in self.specs:
            ignore_file = directory / ".gitignore"
            lines = (
                ignore_file.read_text(encoding="utf-8", errors="replace").splitlines()
                if ignore_file.is_file()
                else []
            )
            self.specs[directory] = _spec(lines)
        return self.specs[directory]

    def ignored(self, path: Path, is_dir: bool) -> bool:
        if self.top not in path.parents:
            return False  # outside the repository (an `analyse` path): no rules apply
        for directory in (path.parent, *path.parent.parents):
            spec = self._spec_in(directory)
            if spec is not None:
                below = path.relative_to(directory).as_posix() + ("/" if is_dir else "")
                verdict = spec.check_file(below).include
                if verdict is not None:
                    return verdict
            if directory == self.top:
                break
        return False


class Walker:
    """Walks one project root, for targets (`for_targets`) or for the index."""

    def __init__(self, root: Path, settings: Settings, for_targets: bool) -> None:
        self.root = root
        self.for_targets = for_targets
        self.exclude = (
            _spec((*settings.exclude, *settings.extend_exclude))
            if for_targets
            else None
        )
        self.include = _spec(settings.include)
        top = repository_top(root) or root
        self.gitignores = Gitignores(top) if settings.respect_gitignore else None

    def _relative(self, path: Path, is_dir: bool) -> str | None:
        try:
            relative = path.relative_to(self.root).as_posix()
        except ValueError:
            return None
        return relative + ("/" if is_dir else "")

    def excluded(self, path: Path, is_dir: bool) -> bool:
        if is_dir and (path.name in SKIPPED_DIRECTORIES or is_environment(path)):
            return True
        relative = self._relative(path, is_dir)
        if (
            self.exclude is not None
            and relative is not None
            and self.exclude.match_file(relative)
        ):
            return True
        return self.gitignores is not None and self.gitignores.ignored(path, is_dir)

    def excluded_with_parents(self, path: Path) -> bool:
        """For a file named explicitly under --force-exclude: its directories count too."""
        if self.excluded(path, is_dir=False):
            return True
        for parent in path.parents:
            if parent == self.root or self.root not in parent.parents:
                break
            if self.excluded(parent, is_dir=True):
                return True
        return False

    def wanted(self, path: Path) -> bool:
        relative = self._relative(path, is_dir=False)
        included = (
            self.include is not None
            and relative is not None
            and self.include.match_file(relative)
        )
        if self.for_targets and self.include is not None:
            return included
        # the index reads every Python file, and whatever `include` adds
        return path.suffix == ".py" or included

    def walk(self, top: Path) -> Iterable[Path]:
        for directory, subdirectories, files in os.walk(top):
            here = Path(directory)
            subdirectories[:] = sorted(
                d for d in subdirectories if not self.excluded(here / d, is_dir=True)
            )
            for name in sorted(files):
                path = here / name
                if self.wanted(path) and not self.excluded(path, is_dir=False):
                    yield path


def discover(paths: Sequence[Path], settings: Settings) -> Discovery:
    targets: set[Path] = set()
    project: set[Path] = set()
    roots: list[Path] = []
    for given in paths:
        absolute = given.absolute()
        root = find_project_root(absolute).path
        if root not in roots:
            roots.append(root)
        walker = Walker(root, settings, for_targets=True)
        if absolute.is_dir():
            targets.update(walker.walk(absolute))
        elif not settings.force_exclude or not walker.excluded_with_parents(absolute):
            targets.add(absolute)  # named explicitly: processed whatever its suffix
    for root in roots:
        indexer = Walker(root, settings, for_targets=False)
        project.update(indexer.walk(root))
        for extra in settings.extra_analysis_paths:
            location = Path(os.path.normpath(root / extra))
            if location.is_dir():
                project.update(indexer.walk(location))
            elif location.is_file():
                project.add(location)
    project.update(targets)
    return Discovery(tuple(sorted(targets)), tuple(sorted(project)), tuple(roots))
