"""Progress of the import check and of `--verify` on stderr, with rich: a
line per trial (CI logs keep them) and a spinner while one runs on a terminal."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from rich.console import Console
from rich.markup import escape


class Progress:
    def __init__(self, console: Console, quiet: bool) -> None:
        self.console = console
        self.quiet = quiet

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
