"""Progress of the import check and of `--verify` on stderr, with rich: a
line per trial (CI logs keep them) and a spinner while one runs on a terminal.

rich is imported only once something is printed: a `fix` with nothing to
write (the pre-commit hook's usual run) prints nothing here."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import TYPE_CHECKING

from autoslot.config.settings import ColorChoice

if TYPE_CHECKING:
    from rich.console import Console


def escape(text: str) -> str:
    """`text` with rich markup escaped."""
    from rich.markup import escape as escape_markup

    return escape_markup(text)


class Progress:
    def __init__(self, color: ColorChoice, quiet: bool) -> None:
        self.color = color
        self.quiet = quiet
        self._console: Console | None = None

    @property
    def console(self) -> Console:
        """The console on stderr, made on first use."""
        if self._console is None:
            from autoslot.report.console import make_console

            self._console = make_console(self.color)
        return self._console

    def say(self, text: str) -> None:
        if not self.quiet:
            self.console.print(text)

    def trial(
        self, label: str, number: int, applied: int, total: int, in_question: int
    ) -> None:
        self.say(
            f"[bold]{escape(label)} {number}[/]: {applied} of {total} class edits "
            f"applied, {in_question} {'class' if in_question == 1 else 'classes'} "
            "still in question"
        )

    @contextlib.contextmanager
    def running(self, text: str) -> Iterator[None]:
        if self.quiet or not self.console.is_terminal:
            yield
            return
        with self.console.status(escape(text)):
            yield
