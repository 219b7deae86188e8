"""Bytes per instance of a two-attribute class: with a __dict__, with slots,
and with slots plus __weakref__ (the price of autoslot's default weakref
policy). Run it with each interpreter you care about; README quotes it.

    python bench/weakref_bytes.py
"""

from __future__ import annotations

import sys
import tracemalloc

COUNT = 200_000


class WithDict:
    def __init__(self) -> None:
        self.a = 1
        self.b = 2


class Slotted:
    __slots__ = ("a", "b")

    def __init__(self) -> None:
        self.a = 1
        self.b = 2


class SlottedWeakref:
    __slots__ = ("__weakref__", "a", "b")

    def __init__(self) -> None:
        self.a = 1
        self.b = 2


def bytes_per_instance(cls: type) -> float:
    """Traced bytes each live instance costs, its __dict__ included."""
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    kept = [cls() for _ in range(COUNT)]
    after = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    return (after - before - sys.getsizeof(kept)) / COUNT


def main() -> None:
    figures = {
        cls.__name__: bytes_per_instance(cls)
        for cls in (WithDict, Slotted, SlottedWeakref)
    }
    version = ".".join(map(str, sys.version_info[:3]))
    print(
        version, "  ".join(f"{name} {value:.0f} B" for name, value in figures.items())
    )


if __name__ == "__main__":
    main()
