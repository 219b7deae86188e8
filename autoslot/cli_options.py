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


def _config(name: str, help_text: str, metavar: str | None = None) -> Any:
    return typer.Option(
        f"--{name}",
        help=help_text,
        show_default=False,
        metavar=metavar,
        rich_help_panel=CONFIG_PANEL,
    )


# parameter name -> (annotation, default); the config key is the name in kebab-case
CONFIG_OPTIONS: dict[str, tuple[Any, Any]] = {
    "line_length": (
        Annotated[
            int | None,
            _config("line-length", "Line length for written __slots__ [default: 88]."),
        ],
        None,
    ),
    "target_version": (
        Annotated[
            str | None,
            _config(
                "target-version",
                "Oldest Python the code must run on, e.g. 3.11 "
                "[default: from requires-python, else 3.10].",
                "VERSION",
            ),
        ],
        None,
    ),
    "weakref": (
        Annotated[
            str | None,
            _config(
                "weakref",
                "Weak-reference support on slotted classes: always, auto or never "
                "[default: always].",
                "POLICY",
            ),
        ],
        None,
    ),
    "ignore": (
        Annotated[
            Patterns,
            _config(
                "ignore",
                "Leave classes alone by dotted name; wildcards allowed "
                "(pkg.mod.Class, pkg.legacy.*). Repeatable or comma-separated.",
                "PATTERN",
            ),
        ],
        None,
    ),
    "disable": (
        Annotated[
            Patterns,
            _config(
                "disable",
                "Do not report these codes (AS203,AS204). Repeatable or comma-separated.",
                "CODE",
            ),
        ],
        None,
    ),
    "include": (
        Annotated[
            Patterns,
            _config(
                "include",
                "Files a directory walk picks up, gitignore-style [default: *.py].",
                "PATTERN",
            ),
        ],
        None,
    ),
    "exclude": (
        Annotated[
            Patterns,
            _config(
                "exclude",
                "Paths not to rewrite, gitignore-style, relative to the project root "
                "(replaces the configured list).",
                "PATTERN",
            ),
        ],
        None,
    ),
    "extend_exclude": (
        Annotated[
            Patterns,
            _config(
                "extend-exclude",
                "More paths not to rewrite (adds to the configured list).",
                "PATTERN",
            ),
        ],
        None,
    ),
    "force_exclude": (
        Annotated[
            bool | None,
            typer.Option(
                "--force-exclude/--no-force-exclude",
                help="Apply the exclusions to files named on the command line too "
                "(what pre-commit needs).",
                show_default=False,
                rich_help_panel=CONFIG_PANEL,
            ),
        ],
        None,
    ),
    "respect_gitignore": (
        Annotated[
            bool | None,
            typer.Option(
                "--respect-gitignore/--no-respect-gitignore",
                help="Skip files .gitignore ignores [default: respect].",
                show_default=False,
                rich_help_panel=CONFIG_PANEL,
            ),
        ],
        None,
    ),
    "analyse": (
        Annotated[
            Patterns,
            _config(
                "analyse",
                "Extra paths (relative to the project root) to read for the index, "
                "never rewritten.",
                "PATH",
            ),
        ],
        None,
    ),
    "config": (
        Annotated[
            Path | None,
            typer.Option(
                "--config",
                help="Read settings from this TOML file instead of pyproject.toml.",
                show_default=False,
                rich_help_panel=CONFIG_PANEL,
            ),
        ],
        None,
    ),
    "isolated": (
        Annotated[
            bool,
            typer.Option(
                "--isolated",
                help="Ignore configuration files.",
                rich_help_panel=CONFIG_PANEL,
            ),
        ],
        False,
    ),
    "show_settings": (
        Annotated[
            bool,
            typer.Option(
                "--show-settings",
                help="Print the settings this run would use, then exit.",
                rich_help_panel=CONFIG_PANEL,
            ),
        ],
        False,
    ),
}

OUTPUT_OPTIONS: dict[str, tuple[Any, Any]] = {
    "verbose": (
        Annotated[
            bool,
            typer.Option(
                "--verbose",
                "-v",
                help="List every class left alone, with its code and reason.",
                rich_help_panel=OUTPUT_PANEL,
            ),
        ],
        False,
    ),
    "quiet": (
        Annotated[
            bool,
            typer.Option(
                "--quiet",
                "-q",
                help="Print only errors.",
                rich_help_panel=OUTPUT_PANEL,
            ),
        ],
        False,
    ),
    "color": (
        Annotated[
            str,
            typer.Option(
                "--color",
                help="Colour output: auto, always or never.",
                metavar="WHEN",
                rich_help_panel=OUTPUT_PANEL,
            ),
        ],
        "auto",
    ),
    "output_format": (
        Annotated[
            str,
            typer.Option(
                "--output-format",
                help="Report format: text, json or github.",
                metavar="FORMAT",
                rich_help_panel=OUTPUT_PANEL,
            ),
        ],
        "text",
    ),
    "stdin_filename": (
        Annotated[
            Path | None,
            typer.Option(
                "--stdin-filename",
                help="With the path `-`: where the module read from stdin lives "
                "in the project.",
                show_default=False,
                rich_help_panel=OUTPUT_PANEL,
            ),
        ],
        None,
    ),
}

# options that are not configuration keys
NOT_KEYS = frozenset({"config", "isolated", "show_settings"})


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
