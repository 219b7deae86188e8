"""Consoles for stdout (the diff) and stderr (messages), with colour rules
users of black and ruff expect: `--color`, NO_COLOR and FORCE_COLOR."""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, TextIO

from autoslot.config.settings import ColorChoice

if TYPE_CHECKING:  # rich costs ~50 ms to import: only a run that draws pays it
    from rich.console import Console


def wants_color(choice: ColorChoice, stream: TextIO) -> bool:
    if choice == "always":
        return True
    if choice == "never":
        return False
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return stream.isatty()


def make_console(choice: ColorChoice, stream: TextIO | None = None) -> Console:
    from rich.console import Console

    target = stream or sys.stderr
    color = wants_color(choice, target)
    return Console(
        file=target,
        force_terminal=color,
        no_color=not color,
        color_system="auto" if color else None,
        highlight=False,
        soft_wrap=True,
        emoji=False,
    )
