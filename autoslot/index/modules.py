"""Module names from file paths.

A file can be importable under more than one name: through its chain of
packages (directories with `__init__.py`), and relative to each source root
(the project root, its `src/` directory) when namespace packages are involved.
Every plausible name is registered; a name claimed by two files is ambiguous
and resolves to nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from autoslot.util.paths import is_documentation


def package_chain_name(path: Path) -> str:
    """`pkg.sub.mod` for pkg/sub/mod.py when pkg and sub have `__init__.py`."""
    parts = [] if path.stem == "__init__" else [path.stem]
    directory = path.parent
    while (directory / "__init__.py").is_file():
        parts.append(directory.name)
        if directory.parent == directory:
            break
        directory = directory.parent
    return ".".join(reversed(parts))


def source_roots(project_root: Path) -> list[Path]:
    roots = [project_root]
    for conventional in ("src", "lib"):
        candidate = project_root / conventional
        if candidate.is_dir() and not (candidate / "__init__.py").is_file():
            roots.append(candidate)
    return roots


def root_relative_name(path: Path, root: Path) -> str | None:
    try:
        relative = path.relative_to(root)
    except ValueError:
        return None
    parts = list(relative.with_suffix("").parts)
    if parts and parts[-1] == "__init__":
        parts.pop()
    if not parts or not all(p.isidentifier() for p in parts):
        return None
    return ".".join(parts)


def module_names(path: Path, roots: Sequence[Path]) -> list[str]:
    names: list[str] = []
    if is_documentation(path):
        return names  # its examples run, but no import statement names it
    chain = package_chain_name(path)
    if chain and all(p.isidentifier() for p in chain.split(".")):
        names.append(chain)
    for root in roots:
        name = root_relative_name(path, root)
        if name is not None and name not in names:
            names.append(name)
    return names


def assign_module_names(
    paths: Iterable[Path], roots: Sequence[Path]
) -> tuple[dict[str, Path], dict[Path, str]]:
    """Map each module name to its file, and each file to its primary name.

    A file no import can name (`my-script.py`, or `check.py` at the top of two
    roots) still gets a private key, so the names it defines resolve inside it:
    `p = Probe(); p.extra = 1` must count for its own `Probe`. The key holds a
    `#`, which no import statement can spell.
    """
    claims: dict[str, list[Path]] = {}
    candidates: dict[Path, list[str]] = {}
    for path in paths:
        names = module_names(path, roots)
        candidates[path] = names
        for name in names:
            claims.setdefault(name, []).append(path)
    by_name = {name: files[0] for name, files in claims.items() if len(files) == 1}
    primary: dict[Path, str] = {}
    for path, names in candidates.items():
        unique = [name for name in names if name in by_name]
        if unique:
            primary[path] = unique[0]
            continue
        private = f"{names[0] if names else path.stem}#{len(by_name)}"
        by_name[private] = path
        primary[path] = private
    return by_name, primary


def absolute_import(
    module: str, is_package: bool, level: int, target: str
) -> str | None:
    """The absolute module a relative import names, or None if it leaves the tree."""
    if level == 0:
        return target
    parts = module.split(".") if module else []
    if not is_package:
        parts = parts[:-1]
    if level - 1 > len(parts):
        return None
    base = parts[: len(parts) - (level - 1)]
    if target:
        base.append(target)
    return ".".join(base)
