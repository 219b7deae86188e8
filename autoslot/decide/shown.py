"""Paths as the messages of one analysis show them."""

from __future__ import annotations

from autoslot.paths import display_path


class ShownPaths:
    """`display_path` of each file, computed once: every use in a file names
    it, and the working directory does not change during one analysis."""

    __slots__ = ("_shown",)

    def __init__(self) -> None:
        self._shown: dict[str, str] = {}

    def __call__(self, path: str) -> str:
        shown = self._shown.get(path)
        if shown is None:
            shown = self._shown[path] = display_path(path)
        return shown
