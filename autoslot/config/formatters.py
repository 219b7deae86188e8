"""What the project's black and ruff configuration says about autoslot's output.

Two things are taken from there when `[tool.autoslot]` does not set them: the
line length (`[tool.black]`, else ruff's `line-length`), so that a written
`__slots__` is split where the formatter would split it, and the slot order:
sorted when the project's ruff configuration selects RUF023
(unsorted-dunder-slots), so that `ruff check` stays clean. A project without
any ruff configuration is not taken to use ruff. And the quote of the names
written, when ruff's `format.quote-style` is `single` or `double`: that is
the quote `ruff format` would turn them into (otherwise each file's own
majority decides, double on a tie, as black writes).

The nearest configuration from the first path up to the project root counts:
for ruff, `.ruff.toml`, `ruff.toml` or a pyproject.toml with `[tool.ruff]`
(in that order in one directory, following `extend`), as ruff looks them up;
for black, a pyproject.toml with `[tool.black]`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from autoslot.config.project import ConfigError, read_toml
from autoslot.config.selection import Selection, enabled

SORTED_SLOTS_RULE = "RUF023"
RUFF_FILES = (".ruff.toml", "ruff.toml", "pyproject.toml")
_EXTEND_LIMIT = 8


@dataclass(frozen=True, slots=True)
class FormatterDefaults:
    line_length: int | None = None
    # where the line length was read, e.g. "/p/pyproject.toml [tool.black]"
    line_length_from: str = ""
    # the project's ruff configuration selects RUF023
    sorts_slots: bool = False
    sorts_slots_from: str = ""
    # the quote `ruff format` writes strings with ("" when it keeps the file's)
    quote: str = ""
    quote_from: str = ""


def _between(start: Path, root: Path) -> list[Path]:
    """`start`'s directory and its parents, up to and including `root`."""
    directory = start if start.is_dir() else start.parent
    chain = [directory, *directory.parents]
    if root in chain:
        return chain[: chain.index(root) + 1]
    return [directory]


def _ruff_table(path: Path) -> Mapping[str, Any] | None:
    """The ruff settings a file holds, or None when it holds none."""
    try:
        data = read_toml(path)
    except ConfigError:
        return None  # ruff's own configuration is ruff's business
    if path.name != "pyproject.toml":
        return data
    table = data.get("tool", {}).get("ruff")
    return table if isinstance(table, Mapping) else None


def _strings(value: object) -> tuple[str, ...]:
    if isinstance(value, list):
        return tuple(v for v in value if isinstance(v, str))
    return ()


@dataclass
class _Ruff:
    """What one ruff configuration (with the ones it extends) says."""

    # the rule selections, base configurations first
    layers: list[Selection] = field(default_factory=list)
    line_length: int | None = None
    quote: str = ""


_QUOTES = {"single": "'", "double": '"'}


def _ruff_settings(path: Path, table: Mapping[str, Any], depth: int = 0) -> _Ruff:
    found = _Ruff()
    extend = table.get("extend")
    if isinstance(extend, str) and depth < _EXTEND_LIMIT:
        base_path = (path.parent / Path(extend).expanduser()).resolve()
        base = _ruff_table(base_path) if base_path.is_file() else None
        if base is not None:
            found = _ruff_settings(base_path, base, depth + 1)
    own_length = table.get("line-length")
    if isinstance(own_length, int) and not isinstance(own_length, bool):
        found.line_length = own_length
    formatting = table.get("format")
    if isinstance(formatting, Mapping) and "quote-style" in formatting:
        found.quote = _QUOTES.get(str(formatting["quote-style"]), "")
    for scope in (table, table.get("lint")):
        if not isinstance(scope, Mapping):
            continue
        select = scope.get("select")
        found.layers.append(
            Selection(
                select=_strings(select) if isinstance(select, list) else None,
                extend_select=_strings(scope.get("extend-select")),
                ignore=_strings(scope.get("ignore"))
                + _strings(scope.get("extend-ignore")),
            )
        )
    return found


def _nearest_ruff(directories: list[Path]) -> tuple[Path, Mapping[str, Any]] | None:
    for directory in directories:
        for name in RUFF_FILES:
            candidate = directory / name
            if candidate.is_file():
                table = _ruff_table(candidate)
                if table is not None:
                    return candidate, table
    return None


def _nearest_black(directories: list[Path]) -> tuple[Path, int] | None:
    for directory in directories:
        candidate = directory / "pyproject.toml"
        if not candidate.is_file():
            continue
        try:
            black = read_toml(candidate).get("tool", {}).get("black")
        except ConfigError:
            continue
        if isinstance(black, Mapping):
            length = black.get("line-length", black.get("line_length"))
            if isinstance(length, int) and not isinstance(length, bool):
                return candidate, length
    return None


def formatter_defaults(start: Path, root: Path) -> FormatterDefaults:
    directories = _between(start.absolute(), root.absolute())
    line_length: int | None = None
    line_length_from = ""
    black = _nearest_black(directories)
    if black is not None:
        line_length, line_length_from = black[1], f"{black[0]} [tool.black]"
    ruff = _nearest_ruff(directories)
    sorts_slots = False
    sorts_from = quote = quote_from = ""
    if ruff is not None:
        path, table = ruff
        found = _ruff_settings(path, table)
        where = f"{path} [tool.ruff]" if path.name == "pyproject.toml" else str(path)
        if line_length is None and found.line_length is not None:
            line_length, line_length_from = found.line_length, where
        # ruff's default rule set includes RUF023 since ruff 0.16 (before, it
        # was E4, E7, E9 and F): a configuration without `select` keeps it on
        on = enabled((SORTED_SLOTS_RULE,), found.layers, default=(SORTED_SLOTS_RULE,))
        sorts_slots = SORTED_SLOTS_RULE in on
        sorts_from = where if sorts_slots else ""
        quote, quote_from = found.quote, where if found.quote else ""
    return FormatterDefaults(
        line_length, line_length_from, sorts_slots, sorts_from, quote, quote_from
    )
