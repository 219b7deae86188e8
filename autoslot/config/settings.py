"""The settings one run works with, whatever they came from (CLI or pyproject)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from autoslot.config.slots_order import SlotsOrder

WeakrefPolicy = Literal["prefer", "always", "auto", "never"]
ColorChoice = Literal["auto", "always", "never"]

OLDEST_TARGET = (3, 10)


@dataclass(frozen=True, slots=True)
class Settings:
    line_length: int = 88
    # the oldest Python the rewritten code must run on
    target_version: tuple[int, int] = OLDEST_TARGET
    # "prefer": "__weakref__" wherever the target Python can add it; a
    # dataclass below 3.11 (no weakref_slot) only goes without it when no weak
    # reference in the project may reach its instances
    weakref: WeakrefPolicy = "prefer"
    # the order of the names autoslot writes: as first stored, or RUF023's sort
    slots_order: SlotsOrder = "source"
    # the quote of the names autoslot writes ("": each file's own majority);
    # set from ruff's format.quote-style, never a key of its own
    quote: str = ""
    # fnmatch patterns over dotted class names (`pkg.mod.Class`, `pkg.legacy.*`)
    exclude_classes: tuple[str, ...] = ()
    # attribute names that are spelled as meant, never typos: bare names, or
    # `pkg.mod.Class.name` patterns
    confirmed_attrs: tuple[str, ...] = ()
    # code selectors, the ruff way (config/selection.py)
    select: tuple[str, ...] = ("ALL",)
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    # codes not reported: what select / extend-select / ignore leave out
    disable: frozenset[str] = frozenset()
    strict: bool = False
    introspect: bool = False
    # interpreter of the target environment (introspection, import check)
    python: str | None = None
    # gitignore-style patterns, relative to the project root: the files a
    # directory walk picks up, and the ones it leaves out (see discover/walk.py)
    include: tuple[str, ...] = ("*.py",)
    exclude: tuple[str, ...] = ()
    extend_exclude: tuple[str, ...] = ()
    force_exclude: bool = False
    respect_gitignore: bool = True
    jobs: int | None = None
    cache: bool = True
    # directories to analyse for stores and patches without rewriting them
    extra_analysis_paths: tuple[str, ...] = field(default=())
    # `fix`: import each changed module in a fresh interpreter, revert what breaks
    import_check: bool = True
    # seconds one module may take to import
    import_timeout: float = 60.0
    # `fix`: a shell command that must pass before and after the rewrite
    verify: str | None = None
    # seconds one run of the verify command may take (None: no limit)
    verify_timeout: float | None = None

    def wants_weakref(self, used_by_project: bool) -> bool:
        if self.weakref in ("always", "prefer"):
            return True
        if self.weakref == "never":
            return False
        return used_by_project


def parse_target_version(text: str) -> tuple[int, int]:
    """`3.11`, `py311` or `311` -> (3, 11)."""
    cleaned = text.strip().lower().removeprefix("py").replace(".", "")
    if not cleaned.isdigit() or len(cleaned) < 2 or cleaned[0] != "3":
        raise ValueError(
            f"not a Python version: {text!r} (expected e.g. 3.11 or py311)"
        )
    return (3, int(cleaned[1:]))
