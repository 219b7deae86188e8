"""Which codes are on, from `select` / `extend-select` / `ignore`, the ruff way.

A selector is a code (`AS203`), a prefix of codes (`AS2`: every AS2xx) or
`ALL`. Selections come in layers (the configuration file, then the command
line); a layer with `select` starts afresh, one without it adjusts the layer
before. Within a layer the more specific selector decides: `select = ["AS2"]`
with `ignore = ["AS203"]` turns off only AS203, and `ignore = ["AS2"]` with
`extend-select = ["AS203"]` keeps AS203 on. At equal specificity, `ignore`
wins. The same rules tell whether a project's ruff configuration selects a
ruff rule (config/formatters.py).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

ALL = "ALL"


@dataclass(frozen=True, slots=True)
class Selection:
    """One layer: `select` None means the layer does not start afresh."""

    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()


def specificity(selector: str) -> int:
    return 0 if selector == ALL else len(selector)


def matches(selector: str, code: str) -> bool:
    return selector == ALL or code.startswith(selector)


def enabled(
    codes: Iterable[str], layers: Sequence[Selection], default: Iterable[str]
) -> frozenset[str]:
    """The codes of `codes` that are on after every layer, from `default` on."""
    universe = tuple(codes)
    on = set(default)
    for layer in layers:
        chosen = [*(layer.select or ()), *layer.extend_select]
        if layer.select is not None:
            on = set()
        levels = sorted({specificity(s) for s in (*chosen, *layer.ignore)})
        for level in levels:
            for selector in chosen:
                if specificity(selector) == level:
                    on.update(c for c in universe if matches(selector, c))
            for selector in layer.ignore:
                if specificity(selector) == level:
                    on.difference_update(c for c in universe if matches(selector, c))
    return frozenset(on)


def unknown_selectors(selectors: Iterable[str], codes: Iterable[str]) -> list[str]:
    """The selectors that match none of `codes`."""
    known = tuple(codes)
    return [s for s in selectors if not s or not any(matches(s, c) for c in known)]
