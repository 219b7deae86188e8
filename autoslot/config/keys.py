"""The keys of `[tool.autoslot]` (each also a command-line option): the
Settings field each sets and the validator that checks and converts its
value; an error names the key, or the option it was given as.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import fields
from typing import cast

from autoslot.config.project import ConfigError
from autoslot.config.selection import unknown_selectors
from autoslot.config.settings import Settings, parse_target_version


def _strings(key: str, value: object) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(value)
    raise ConfigError(f"{key} must be a string or a list of strings, not {value!r}")


def _boolean(key: str, value: object) -> bool:
    if isinstance(value, bool):
        return value
    raise ConfigError(f"{key} must be true or false, not {value!r}")


def _positive(key: str, value: object) -> int:
    if isinstance(value, int) and not isinstance(value, bool) and value > 0:
        return value
    raise ConfigError(f"{key} must be a positive integer, not {value!r}")


# a time limit is set with setitimer, which overflows a little above 2**31 s
MAX_SECONDS = 1_000_000


def _seconds(key: str, value: object) -> float:
    # `inf` and `nan` parse as floats; a limit that is not a number is none
    if (
        isinstance(value, (int, float))
        and not isinstance(value, bool)
        and 0 < value <= MAX_SECONDS
    ):
        return float(value)
    raise ConfigError(
        f"{key} must be a positive number of seconds up to {MAX_SECONDS:,}, "
        f"not {value!r}"
    )


def _target(key: str, value: object) -> tuple[int, int]:
    try:
        return parse_target_version(str(value))
    except ValueError as error:
        raise ConfigError(f"{key}: {error}") from None


def _one_of(*allowed: str) -> Callable[[str, object], str]:
    """A validator of a value that must be one of `allowed`."""

    def validate(key: str, value: object) -> str:
        if value in allowed:
            return str(value)
        raise ConfigError(f"{key} must be one of {', '.join(allowed)}, not {value!r}")

    return validate


def _selectors(key: str, value: object) -> tuple[str, ...]:
    """Codes, prefixes of codes (`AS2`) or `ALL` (validated() checks them
    against the registry's names)."""
    return tuple(s.strip().upper() for s in _strings(key, value))


def _string(key: str, value: object) -> str:
    if isinstance(value, str):
        return value
    raise ConfigError(f"{key} must be a string, not {value!r}")


# kebab-case key -> (Settings field, validator)
KEYS: dict[str, tuple[str, Callable[[str, object], object]]] = {
    "line-length": ("line_length", _positive),
    "target-version": ("target_version", _target),
    "weakref": ("weakref", _one_of("prefer", "always", "auto", "never")),
    "slots-order": ("slots_order", _one_of("source", "sorted")),
    "exclude-classes": ("exclude_classes", _strings),
    "confirmed-attrs": ("confirmed_attrs", _strings),
    "select": ("select", _selectors),
    "extend-select": ("extend_select", _selectors),
    "ignore": ("ignore", _selectors),
    "include": ("include", _strings),
    "exclude": ("exclude", _strings),
    "extend-exclude": ("extend_exclude", _strings),
    "force-exclude": ("force_exclude", _boolean),
    "respect-gitignore": ("respect_gitignore", _boolean),
    "strict": ("strict", _boolean),
    "introspect": ("introspect", _boolean),
    "python": ("python", _string),
    "jobs": ("jobs", _positive),
    "cache": ("cache", _boolean),
    "analyse": ("extra_analysis_paths", _strings),
    "import-check": ("import_check", _boolean),
    "import-timeout": ("import_timeout", _seconds),
    "verify": ("verify", _string),
    "verify-timeout": ("verify_timeout", _seconds),
}
assert {f for f, _ in KEYS.values()} <= {f.name for f in fields(Settings)}


# A command-line value for these keys adds to the configured one instead of
# replacing it (that is what the key is for).
EXTENDING = frozenset({"extend-exclude"})
# code selection is layered, file then command line, the ruff way (config/selection.py)
SELECTING = ("select", "extend-select", "ignore")


def validated(
    key: str, value: object, codes: Collection[str], shown_as: str | None = None
) -> object:
    """A configuration value checked and converted; errors name `shown_as` (an
    option). `codes` are the registry's names, which a selection may use."""
    _, validate = KEYS[key]
    shown = shown_as or key
    value = validate(shown, value)
    if key in SELECTING:
        unknown = unknown_selectors(cast("tuple[str, ...]", value), codes)
        if unknown:
            raise ConfigError(f"{shown}: unknown code {', '.join(unknown)}")
    return value
