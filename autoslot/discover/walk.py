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
import stat
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pathspec

from autoslot.config.project import find_project_root, repository_top
from autoslot.config.settings import Settings
from autoslot.util.fileio import read_regular
from autoslot.util.paths import is_documentation

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
    # directories that could not be listed: their files are not analysed
    unreadable: tuple[Path, ...] = ()


def _is(path: Path, kind: int) -> bool:
    """Whether `path` is there and of that kind; a path that cannot even be
    looked at (a directory without search permission) is not."""
    try:
        return stat.S_IFMT(path.stat().st_mode) == kind
    except OSError:
        return False


def is_environment(directory: Path) -> bool:
    return _is(directory / "pyvenv.cfg", stat.S_IFREG) or _is(
        directory / "conda-meta", stat.S_IFDIR
    )


def _spec(patterns: Iterable[str]) -> Spec | None:
    lines = list(patterns)
    return pathspec.GitIgnoreSpec.from_lines(lines) if lines else None


class Gitignores:
    """The .gitignore files from a path up to the repository's top, deepest first.

    The deepest file with a pattern matching the path decides, so a nested
    `!name` re-includes what a parent directory's file ignores, as in git.
    Paths are handled as strings: a walk asks about every file, and pathlib
    arithmetic made discovery cost more than hashing every file it finds.
    """

    def __init__(self, top: Path) -> None:
        self.top = str(top)
        self.specs: dict[str, Spec | None] = {}
        self.chains: dict[str, tuple[tuple[str, Spec], ...]] = {}

    def _spec_in(self, directory: str) -> Spec | None:
        if directory not in self.specs:
            ignore_file = Path(directory, ".gitignore")
            try:
                raw = read_regular(ignore_file)
            except OSError:  # none there (or unreadable, as git treats it)
                raw = b""
            text = raw.decode("utf-8", errors="replace")
            lines = text.splitlines()
            self.specs[directory] = _spec(lines)
        return self.specs[directory]

    def rules_for(self, directory: str) -> tuple[tuple[str, Spec], ...]:
        """(where `directory` is, relative to a .gitignore's own directory, that
        file's patterns), deepest first; none outside the repository."""
        if directory not in self.chains:
            self.chains[directory] = tuple(self._chain(directory))
        return self.chains[directory]

    def _chain(self, directory: str) -> Iterable[tuple[str, Spec]]:
        if relative_dir(directory, self.top) is None:
            return  # outside the repository (an `analyse` path): no rules apply
        below = ""
        current = directory
        while True:
            spec = self._spec_in(current)
            if spec is not None:
                yield below, spec
            if current == self.top:
                return
            parent, name = os.path.split(current)
            if parent == current:
                return
            below = f"{name}/{below}"
            current = parent

    def ignored(self, directory: str, name: str, is_dir: bool) -> bool:
        suffix = "/" if is_dir else ""
        for below, spec in self.rules_for(directory):
            verdict = spec.check_file(f"{below}{name}{suffix}").include
            if verdict is not None:
                return verdict
        return False


def relative_dir(directory: str, base: str) -> str | None:
    """`directory` relative to `base` as a posix prefix ("" or "a/b/"), or None
    when it is not inside `base` (compared by text, as pathlib's relative_to)."""
    if directory == base:
        return ""
    prefix = base if base.endswith(os.sep) else base + os.sep
    if not directory.startswith(prefix):
        return None
    return directory[len(prefix) :].replace(os.sep, "/") + "/"


class Walker:
    """Walks one project root, for targets (`for_targets`) or for the index."""

    def __init__(self, root: Path, settings: Settings, for_targets: bool) -> None:
        self.root = root
        self.root_text = str(root)
        self.for_targets = for_targets
        self.exclude = (
            _spec((*settings.exclude, *settings.extend_exclude))
            if for_targets
            else None
        )
        self.include = _spec(settings.include)
        top = repository_top(root) or root
        self.gitignores = Gitignores(top) if settings.respect_gitignore else None
        self.unreadable: list[Path] = []

    def excluded(self, path: Path, is_dir: bool) -> bool:
        directory = str(path.parent)
        return self._excluded(
            directory, relative_dir(directory, self.root_text), path.name, is_dir
        )

    def _excluded(
        self, directory: str, relative: str | None, name: str, is_dir: bool
    ) -> bool:
        """`relative`: `directory` relative to the root (`relative_dir`)."""
        if is_dir and (
            name in SKIPPED_DIRECTORIES or is_environment(Path(directory, name))
        ):
            return True
        if (
            self.exclude is not None
            and relative is not None
            and self.exclude.match_file(f"{relative}{name}{'/' if is_dir else ''}")
        ):
            return True
        return self.gitignores is not None and self.gitignores.ignored(
            directory, name, is_dir
        )

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

    def _wanted(self, relative: str | None, name: str) -> bool:
        included = (
            self.include is not None
            and relative is not None
            and self.include.match_file(relative + name)
        )
        if self.for_targets and self.include is not None:
            return included
        # the index reads every Python file, the documentation's examples
        # (never rewritten: not targets) and whatever `include` adds;
        # pathlib's suffix rule: ".py" itself is a hidden file without one
        return (
            (name.endswith(".py") and name != ".py")
            or included
            or (not self.for_targets and is_documentation(name))
        )

    def walk(self, top: Path) -> Iterable[Path]:
        """The wanted regular files below `top` (symlinks to files included;
        symlinked directories are not entered, FIFOs and sockets never named)."""
        pending = [str(top)]
        while pending:
            directory = pending.pop()
            try:
                subdirectories, files = _entries(directory)
            except OSError:
                self.unreadable.append(Path(directory))
                continue
            relative = relative_dir(directory, self.root_text)
            for name in files:
                if self._wanted(relative, name) and not self._excluded(
                    directory, relative, name, is_dir=False
                ):
                    yield Path(directory, name)
            # strings, not Paths: see Gitignores
            pending.extend(
                os.path.join(directory, d)  # noqa: PTH118
                for d in reversed(subdirectories)
                if not self._excluded(directory, relative, d, is_dir=True)
            )


def _entries(directory: str) -> tuple[list[str], list[str]]:
    """(subdirectories to enter, regular files), each sorted by name."""
    subdirectories: list[str] = []
    files: list[str] = []
    with os.scandir(directory) as listing:
        for entry in listing:
            try:
                if entry.is_dir(follow_symlinks=False):
                    subdirectories.append(entry.name)
                elif entry.is_file():
                    files.append(entry.name)
            except OSError:  # vanished, or a symlink that cannot be followed
                continue
    return sorted(subdirectories), sorted(files)


def discover(paths: Sequence[Path], settings: Settings) -> Discovery:
    targets: set[Path] = set()
    project: set[Path] = set()
    roots: list[Path] = []
    unreadable: set[Path] = set()
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
        unreadable.update(walker.unreadable)
    for root in roots:
        indexer = Walker(root, settings, for_targets=False)
        project.update(indexer.walk(root))
        for extra in settings.extra_analysis_paths:
            location = Path(os.path.normpath(root / extra))
            if location.is_dir():
                project.update(indexer.walk(location))
            elif location.is_file():
                project.add(location)
        unreadable.update(indexer.unreadable)
    project.update(targets)
    return Discovery(
        tuple(sorted(targets)),
        tuple(sorted(project)),
        tuple(roots),
        tuple(sorted(unreadable)),
    )
