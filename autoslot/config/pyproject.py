"""`[tool.autoslot]` in pyproject.toml, merged with command-line options.

Keys are kebab-case and each is also a command-line option. An unknown key
or a bad value is a configuration error naming the key (exit code 2).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from autoslot.config.compat import upgraded
from autoslot.config.formatters import FormatterDefaults, formatter_defaults
from autoslot.config.keys import EXTENDING, KEYS, SELECTING, validated
from autoslot.config.project import ConfigError, find_project_root, read_toml
from autoslot.config.selection import ALL, Selection, enabled
from autoslot.config.settings import Settings


@dataclass(frozen=True, slots=True)
class LoadedConfig:
    # validated values by configuration key (kebab-case)
    values: dict[str, Any]
    path: Path | None
    # the oldest version `requires-python` admits, if it says
    requires_python: tuple[int, int] | None
    root: Path | None = None
    # what the project's black and ruff configuration imply (line length, order)
    formatter: FormatterDefaults = field(default_factory=FormatterDefaults)
    # deprecated spellings met in the file, one message each
    notices: tuple[str, ...] = ()


def find_requires_python(start: Path) -> tuple[int, int] | None:
    directory = start if start.is_dir() else start.parent
    for candidate in (directory, *directory.parents):
        pyproject = candidate / "pyproject.toml"
        if pyproject.is_file():
            spec = read_toml(pyproject).get("project", {}).get("requires-python")
            if isinstance(spec, str):
                return oldest_admitted(spec)
            return None
    return None


def oldest_admitted(spec: str) -> tuple[int, int] | None:
    """The oldest 3.x a `requires-python` specifier admits: `>=3.9,<4` -> (3, 9)."""
    lower: tuple[int, int] | None = None
    for clause in spec.split(","):
        match = re.fullmatch(r"\s*(>=|>|==|~=)\s*3\.(\d+)(?:\.[\d*]+)?\s*", clause)
        if match:
            minor = int(match.group(2)) + (1 if match.group(1) == ">" else 0)
            lower = (3, minor) if lower is None else max(lower, (3, minor))
    return lower


def load_config(
    start: Path, config_file: Path | None, isolated: bool, codes: Collection[str]
) -> LoadedConfig:
    """The configuration that applies from `start`, its values checked (a
    selection against `codes`, the registry's names)."""
    requires = find_requires_python(start)
    root = find_project_root(start)
    if isolated:
        return LoadedConfig({}, None, requires, root.path)
    formatter = formatter_defaults(start, root.path)
    path = config_file or root.config
    if path is None:
        return LoadedConfig({}, None, requires, root.path, formatter)
    data = read_toml(path)
    table = (
        data.get("tool", {}).get("autoslot", {})
        if path.name == "pyproject.toml"
        else data
    )
    if not isinstance(table, Mapping):
        raise ConfigError(f"{path}: [tool.autoslot] must be a table")
    if "disable" in table:  # deprecated; errors name the key as written
        _validated_as(path, "ignore", table["disable"], "disable", codes)
    table, notices = upgraded(table, lambda key: f"`{key}`")
    values: dict[str, Any] = {}
    for key, value in table.items():
        if key not in KEYS:
            known = ", ".join(sorted(KEYS))
            raise ConfigError(
                f"{path}: unknown key {key!r} in [tool.autoslot] (known keys: {known})"
            )
        try:
            values[key] = validated(key, value, codes)
        except ConfigError as error:
            raise ConfigError(f"{path}: {error}") from None
    project_requires = requires
    if path.name == "pyproject.toml":
        spec = data.get("project", {}).get("requires-python")
        if isinstance(spec, str):
            project_requires = oldest_admitted(spec)
    return LoadedConfig(
        values,
        path,
        project_requires,
        root.path,
        formatter,
        tuple(f"{path}: {notice}" for notice in notices),
    )


def _validated_as(
    path: Path, key: str, value: object, shown_as: str, codes: Collection[str]
) -> None:
    try:
        validated(key, value, codes, shown_as)
    except ConfigError as error:
        raise ConfigError(f"{path}: {error}") from None


def configured(
    loaded: LoadedConfig, options: Mapping[str, object], codes: Collection[str]
) -> tuple[Settings, list[str]]:
    """Defaults, then requires-python and the formatters' configuration, then
    the config file, then the command line; and a notice per deprecated option.

    `options` maps configuration keys (kebab-case) to raw command-line values;
    None means the option was not given. They are checked by the same
    validators as the file, so an error names the option. `codes` are the
    registry's names (decide/registry.py, a later layer: the caller's).
    """
    settings = Settings()
    if loaded.requires_python is not None:
        settings = replace(
            settings,
            target_version=max(loaded.requires_python, settings.target_version),
        )
    formatter = loaded.formatter
    if formatter.line_length is not None:
        settings = replace(settings, line_length=formatter.line_length)
    if formatter.sorts_slots:
        settings = replace(settings, slots_order="sorted")
    if formatter.quote:
        settings = replace(settings, quote=formatter.quote)
    if options.get("disable") is not None:  # deprecated; errors name it
        validated("ignore", options["disable"], codes, "--disable")
    given, notices = upgraded(options, lambda key: f"--{key}")
    values = {k: v for k, v in loaded.values.items() if k not in SELECTING}
    typed: dict[str, Any] = {}
    for key, raw in given.items():
        value = validated(key, raw, codes, f"--{key}")
        if key in SELECTING:
            typed[key] = value
            continue
        if key in EXTENDING and key in values:
            value = (*values[key], *value)  # type: ignore[misc]
        values[key] = value
    settings = replace(settings, **{KEYS[k][0]: v for k, v in values.items()})
    return _with_selection(settings, loaded.values, typed, codes), notices


def _with_selection(
    settings: Settings,
    in_file: Mapping[str, Any],
    on_line: Mapping[str, Any],
    codes: Collection[str],
) -> Settings:
    """The codes not reported, from the file's selection and then the command line's."""
    layers = [
        Selection(
            layer.get("select"), layer.get("extend-select", ()), layer.get("ignore", ())
        )
        for layer in (in_file, on_line)
    ]
    on = enabled(codes, layers, default=codes)
    if "select" in on_line:
        shown = layers[1]
    else:
        shown = Selection(
            layers[0].select,
            (*layers[0].extend_select, *layers[1].extend_select),
            (*layers[0].ignore, *layers[1].ignore),
        )
    return replace(
        settings,
        select=shown.select if shown.select is not None else (ALL,),
        extend_select=shown.extend_select,
        ignore=shown.ignore,
        disable=frozenset(codes) - on,
    )
