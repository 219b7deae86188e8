"""Bytes per instance with and without __slots__, measured on this interpreter.

For a class, two throwaway classes are built in this process with the same
base and the same instance attributes: a plain one (instances get a
`__dict__` and a `__weakref__`) and one with `__slots__` listing the
attributes (plus `__weakref__` / `__dict__` when the slotted class keeps
them). Every attribute is set to None. The user's code is never imported;
an external base is one of the standard library's, which autoslot already
inspects in process.

What is measured: the bytes Python allocates per instance, traced with
tracemalloc for each of SAMPLES instances created after a warm-up batch
(which allocates the shared key table and drains the free lists), with the
cyclic collector paused; the most common figure is reported. Three figures:

* `slotted`: an instance of the slotted class.
* `plain`: an instance of the plain class whose `__dict__` nobody asked for.
  On CPython >= 3.11 its attribute values live in a compact array and the
  dict object is created lazily; on 3.10 the dict exists from the first store.
* `plain_with_dict`: the same after reading `instance.__dict__` once (as
  `vars()`, `copy`, pickle and debuggers do), which materialises the dict.

`sys.getsizeof(instance)` alone is not enough: on 3.11+ it reports the same
size for a plain instance whatever its number of attributes, because the
values array is not part of the object it sizes, and for a `str` subclass it
leaves out the slots. For a slotted instance of an `object` subclass the two
agree, which the tests check.
"""

from __future__ import annotations

import gc
import importlib
import tracemalloc
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

SAMPLES = 500
WARM_UP = 200


@dataclass(frozen=True, slots=True)
class Layout:
    """What an instance holds: its attributes, and the special slots it keeps."""

    attributes: tuple[str, ...]
    weakref: bool = True
    dict_slot: bool = False
    bases: tuple[type, ...] = (object,)


@dataclass(frozen=True, slots=True)
class Measurement:
    slotted: int
    plain: int
    plain_with_dict: int

    @property
    def saved(self) -> int:
        return self.plain - self.slotted

    @property
    def saved_with_dict(self) -> int:
        return self.plain_with_dict - self.slotted


def build_classes(layout: Layout, name: str = "Measured") -> tuple[type, type]:
    """The plain and the slotted equivalent of a class with this layout."""
    plain = type(name, layout.bases, {"__module__": __name__})
    inherited = {s for base in layout.bases for s in _slots_of(base)}
    special = [
        s
        for s, wanted in (
            ("__weakref__", layout.weakref),
            ("__dict__", layout.dict_slot),
        )
        if wanted and not _has(layout.bases, s)
    ]
    own = tuple(a for a in layout.attributes if a not in inherited) + tuple(special)
    slotted = type(name, layout.bases, {"__module__": __name__, "__slots__": own})
    return plain, slotted


def _slots_of(cls: type) -> set[str]:
    names: set[str] = set()
    for klass in cls.__mro__:
        declared = vars(klass).get("__slots__", ())
        names.update((declared,) if isinstance(declared, str) else declared)
    return names


def _has(bases: tuple[type, ...], special: str) -> bool:
    return any(special in vars(k) for base in bases for k in base.__mro__)


def _maker(
    cls: type, attributes: tuple[str, ...], materialise: bool
) -> Callable[[], object]:
    def make() -> object:
        # __init__ is never run: only the layout matters
        instance: object = cls.__new__(cls)  # type: ignore[call-overload]
        for attribute in attributes:
            object.__setattr__(instance, attribute, None)
        if materialise:
            instance.__dict__  # noqa: B018 - reading it creates the dict
        return instance

    return make


def allocated_per_instance(make: Callable[[], object], samples: int = SAMPLES) -> int:
    """The bytes one call of `make` allocates and keeps, as most calls do.

    Each instance is measured on its own and the most common figure wins: an
    occasional extra allocation (a free list refilled, a cache growing) or a
    reused free-list block would otherwise skew an average by a byte or two.
    """
    warm = [make() for _ in range(WARM_UP)]
    kept: list[object] = [None] * samples
    sizes: Counter[int] = Counter()
    was_tracing = tracemalloc.is_tracing()
    was_collecting = gc.isenabled()
    gc.disable()
    if not was_tracing:
        tracemalloc.start()
    try:
        for index in range(samples):
            before = tracemalloc.get_traced_memory()[0]
            kept[index] = make()
            sizes[tracemalloc.get_traced_memory()[0] - before] += 1
    finally:
        if not was_tracing:
            tracemalloc.stop()
        if was_collecting:
            gc.enable()
    del warm, kept
    return sizes.most_common(1)[0][0]


def measure(layout: Layout, samples: int = SAMPLES) -> Measurement:
    plain, slotted = build_classes(layout)
    attributes = layout.attributes
    return Measurement(
        slotted=allocated_per_instance(_maker(slotted, attributes, False), samples),
        plain=allocated_per_instance(_maker(plain, attributes, False), samples),
        plain_with_dict=allocated_per_instance(
            _maker(plain, attributes, True), samples
        ),
    )


def external_base(dotted: str) -> type | None:
    """A standard-library class by dotted name (`collections.OrderedDict`), if importable."""
    module_name, _, qualname = dotted.rpartition(".")
    while module_name:
        try:
            found: object = importlib.import_module(module_name)
        except ImportError:
            module_name, _, head = module_name.rpartition(".")
            qualname = f"{head}.{qualname}"
            continue
        for part in qualname.split("."):
            found = getattr(found, part, None)
        return found if isinstance(found, type) else None
    return None
