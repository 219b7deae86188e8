"""The options `fix`, `check` and `report` share, declared once.

Every configuration key users set in `[tool.autoslot]` is also an option of
the same name. Typer reads options from a command's signature, so
`shared_options` appends these parameters to the command's own and hands
their values to the command as one `SharedOptions` value; the three commands
then cannot drift apart.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, get_type_hints

import typer

CONFIG_PANEL = "Configuration (also [tool.autoslot] keys)"
OUTPUT_PANEL = "Output"

Patterns = list[str] | None
Declared = tuple[Any, Any]  # (Annotated type, default)


def _option(
    kind: Any,
    flags: str | tuple[str, ...],
    help_text: str,
    metavar: str | None = None,
    default: Any = None,
    panel: str = CONFIG_PANEL,
    hidden: bool = False,
) -> Declared:
    names = (flags,) if isinstance(flags, str) else flags
    option = typer.Option(
        *names,
        help=help_text,
        show_default=default not in (None, False),
        metavar=metavar,
        rich_help_panel=panel,
        hidden=hidden,
    )
    return Annotated[kind, option], default


# parameter name -> declaration; the config key is the name in kebab-case
CONFIG_OPTIONS: dict[str, Declared] = {
    "line_length": _option(
        int | None,
        "--line-length",
        "Line length for written __slots__ [default: from [tool.black] or ruff's "
        "line-length, else 88].",
        "N",
    ),
    "target_version": _option(
        str | None,
        "--target-version",
        "Oldest Python the code must run on, e.g. 3.11 "
        "[default: from requires-python, else 3.10].",
        "VERSION",
    ),
    "weakref": _option(
        str | None,
        "--weakref",
        "Weak-reference support on slotted classes: prefer, always, auto or never "
        "[default: prefer].",
        "POLICY",
    ),
    "slots_order": _option(
        str | None,
        "--slots-order",
        "Order of the names written into __slots__: source (as first stored) or "
        "sorted (ruff's RUF023 order) [default: sorted when the project's ruff "
        "configuration selects RUF023, else source].",
        "ORDER",
    ),
    "exclude_classes": _option(
        Patterns,
        "--exclude-classes",
        "Leave classes alone by dotted name; wildcards allowed "
        "(pkg.mod.Class, pkg.legacy.*). Repeatable or comma-separated.",
        "PATTERN",
    ),
    "confirmed_attrs": _option(
        Patterns,
        "--confirmed-attrs",
        "Attribute names spelled as meant, never reported as typos (AS203, AS206): "
        "a name (exp_time) or a dotted pattern (pkg.mod.Camera.exp_time). "
        "Repeatable or comma-separated.",
        "NAME",
    ),
    "select": _option(
        Patterns,
        "--select",
        "Report only these codes: codes, prefixes (AS2 for every AS2xx) or ALL "
        "[default: ALL]. Repeatable or comma-separated.",
        "CODE",
    ),
    "extend_select": _option(
        Patterns,
        "--extend-select",
        "Report these codes too, on top of --select.",
        "CODE",
    ),
    "ignore": _option(
        Patterns,
        "--ignore",
        "Do not report these codes (AS203, or AS2 for every AS2xx). Repeatable or "
        "comma-separated.",
        "CODE",
    ),
    "disable": _option(
        Patterns,
        "--disable",
        "Deprecated spelling of --ignore.",
        "CODE",
        hidden=True,
    ),
    "include": _option(
        Patterns,
        "--include",
        "Files a directory walk picks up, gitignore-style [default: *.py].",
        "PATTERN",
    ),
    "exclude": _option(
        Patterns,
        "--exclude",
        "Paths not to rewrite, gitignore-style, relative to the project root "
        "(replaces the configured list).",
        "PATTERN",
    ),
    "extend_exclude": _option(
        Patterns,
        "--extend-exclude",
        "More paths not to rewrite (adds to the configured list).",
        "PATTERN",
    ),
    "force_exclude": _option(
        bool | None,
        "--force-exclude/--no-force-exclude",
        "Apply the exclusions to files named on the command line too "
        "(what pre-commit needs).",
    ),
    "respect_gitignore": _option(
        bool | None,
        "--respect-gitignore/--no-respect-gitignore",
        "Skip files .gitignore ignores [default: respect].",
    ),
    "analyse": _option(
        Patterns,
        "--analyse",
        "Extra paths (relative to the project root) to read for the index, "
        "never rewritten.",
        "PATH",
    ),
    "strict": _option(
        bool | None,
        "--strict/--no-strict",
        "Count every project class as a possible receiver of a store on an object "
        "autoslot cannot place (AS114), as if outside code made one of each; `check` "
        "also fails on unused slots (AS204) and each such store (AS114).",
    ),
    "introspect": _option(
        bool | None,
        "--introspect/--no-introspect",
        "Import third-party base classes (only those) in the target environment "
        "to learn their layout.",
    ),
    "python": _option(
        str | None,
        "--python",
        "Interpreter of the project, for --introspect and the import check "
        "[default: the project's .venv or venv, else $VIRTUAL_ENV, else this one].",
        "PATH",
    ),
    "jobs": _option(
        int | None,
        "--jobs",
        "Worker processes that read the files [default: the number of cores].",
        "N",
    ),
    "cache": _option(
        bool | None,
        "--cache/--no-cache",
        "Keep per-file summaries in .autoslot_cache/ between runs [default: cache].",
    ),
    "config": _option(
        Path | None,
        "--config",
        "Read settings from this TOML file instead of pyproject.toml.",
        "FILE",
    ),
    "isolated": _option(
        bool, "--isolated", "Ignore configuration files.", default=False
    ),
    "show_settings": _option(
        bool,
        "--show-settings",
        "Print the settings this run would use, then exit.",
        default=False,
    ),
}

OUTPUT_OPTIONS: dict[str, Declared] = {
    "verbose": _option(
        bool,
        ("--verbose", "-v"),
        "List every class left alone, with its code and reason.",
        default=False,
        panel=OUTPUT_PANEL,
    ),
    "quiet": _option(
        bool, ("--quiet", "-q"), "Print only errors.", default=False, panel=OUTPUT_PANEL
    ),
    "color": _option(
        str,
        "--color",
        "Colour output: auto, always or never.",
        "WHEN",
        "auto",
        OUTPUT_PANEL,
    ),
    "output_format": _option(
        str,
        "--output-format",
        "Report format: text, json or github.",
        "FORMAT",
        "text",
        OUTPUT_PANEL,
    ),
    "stdin_filename": _option(
        Path | None,
        "--stdin-filename",
        "With the path `-`: where the module read from stdin lives in the project.",
        "PATH",
        panel=OUTPUT_PANEL,
    ),
}

# options that are not configuration keys
NOT_KEYS = frozenset({"config", "isolated", "show_settings"})
# old spellings, still accepted for one release (config/compat.py)
DEPRECATED = frozenset({"disable"})


@dataclass(frozen=True, slots=True)
class SharedOptions:
    values: dict[str, Any]

    def config_values(self) -> dict[str, object]:
        """Configuration keys (kebab-case) -> raw values; comma lists split."""
        found: dict[str, object] = {}
        for name in CONFIG_OPTIONS:
            if name in NOT_KEYS:
                continue
            value = self.values[name]
            if isinstance(value, list):
                value = [part.strip() for v in value for part in v.split(",")]
                value = [v for v in value if v]
            found[name.replace("_", "-")] = value
        return found

    def __getitem__(self, name: str) -> Any:
        return self.values[name]


def shared_options(command: Callable[..., None]) -> Callable[..., None]:
    """Give `command(shared, **own)` the shared options as extra parameters."""
    own = inspect.signature(command, eval_str=True)
    hints = get_type_hints(command, include_extras=True)
    shared = {**CONFIG_OPTIONS, **OUTPUT_OPTIONS}
    parameters = [p for p in own.parameters.values() if p.name != "shared"]
    parameters += [
        inspect.Parameter(
            name, inspect.Parameter.KEYWORD_ONLY, default=default, annotation=annotation
        )
        for name, (annotation, default) in shared.items()
    ]

    @functools.wraps(command)
    def wrapper(**values: Any) -> None:
        options = SharedOptions({name: values.pop(name) for name in shared})
        command(options, **values)

    wrapper.__signature__ = own.replace(parameters=parameters)  # type: ignore[attr-defined]
    wrapper.__annotations__ = {
        **{k: v for k, v in hints.items() if k != "shared"},
        **{name: annotation for name, (annotation, _) in shared.items()},
    }
    return wrapper
