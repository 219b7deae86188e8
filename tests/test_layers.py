"""The package tree is the pipeline: no module imports from a later layer.

LAYERS is the one statement of the order (README.md's Development map shows
it). A module may import its own layer and the layers before it, never a
later one; so no module outside cli/ imports cli/. Every import counts:
lazy ones inside functions (they still tie the modules together, only
later), and those under `if TYPE_CHECKING:` (naming a later layer's type is
depending on it; none is needed today, so none is allowed).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "autoslot"

# earliest first; an entry is a package or a module directly under autoslot/
LAYERS: tuple[tuple[str, ...], ...] = (
    ("autoslot", "autoslot.util", "autoslot.codes", "autoslot.exit_codes"),
    ("autoslot.cache",),
    ("autoslot.config",),
    ("autoslot.discover",),
    ("autoslot.summary",),
    ("autoslot.index",),
    ("autoslot.flow",),
    ("autoslot.decide",),
    ("autoslot.rewrite",),
    ("autoslot.pipeline", "autoslot.results"),
    ("autoslot.report",),
    ("autoslot.fix",),
    ("autoslot.cli", "autoslot.__main__"),
)
RANK = {unit: rank for rank, units in enumerate(LAYERS) for unit in units}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def layer_of(name: str) -> int:
    """The layer of a module: its longest listed prefix (`autoslot` last)."""
    parts = name.split(".")
    for end in range(len(parts), 0, -1):
        unit = ".".join(parts[:end])
        if unit in RANK:
            return RANK[unit]
    raise AssertionError(f"{name} is in no layer: add its package to LAYERS")


def imported(path: Path) -> list[tuple[int, str]]:
    """(line, module) of every import of autoslot, at any depth."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = module_name(path)
    if path.name != "__init__.py":
        package = package.rpartition(".")[0]
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                module = ".".join([*base, *([node.module] if node.module else [])])
            else:
                module = node.module or ""
            # `from autoslot.x import y` may import the module autoslot.x.y
            found += [(node.lineno, f"{module}.{alias.name}") for alias in node.names]
    return [(line, name) for line, name in found if name.split(".")[0] == "autoslot"]


MODULES = sorted(PACKAGE.rglob("*.py"))


def test_every_module_has_a_layer() -> None:
    for path in MODULES:
        layer_of(module_name(path))


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_import_from_a_later_layer(path: Path) -> None:
    own = layer_of(module_name(path))
    later = [
        f"line {line}: {name} ({LAYERS[layer_of(name)][0]})"
        for line, name in imported(path)
        if layer_of(name) > own
    ]
    assert not later, (
        f"{module_name(path)} ({LAYERS[own][0]}) imports from a later layer: "
        + "; ".join(later)
    )


def test_every_package_says_what_it_owns_and_may_import() -> None:
    for init in sorted(PACKAGE.rglob("__init__.py")):
        doc = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8"))) or ""
        if init.parent != PACKAGE:
            assert "may import" in doc.lower(), init
    # a directory of modules without __init__.py would be a namespace package
    # with no docstring
    for directory in {path.parent for path in MODULES}:
        assert (directory / "__init__.py").is_file(), directory


def test_the_readme_map_gives_the_same_order() -> None:
    readme = (PACKAGE.parent / "README.md").read_text(encoding="utf-8")
    order = " < ".join(
        "/".join(unit.removeprefix("autoslot.") for unit in units if unit != "autoslot")
        for units in LAYERS
    )
    assert f"Layers, earliest first: {order}." in " ".join(readme.split())
