"""A progress bar on stderr for long runs, and only where someone watches it.

Shown when stderr is a terminal, `CI` is not set, the run is not quiet, and
a stage has more than PROGRESS_THRESHOLD files; pipes, CI logs and editors
never see it. The runner knows nothing of rich: it calls this as its
progress hook.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from types import TracebackType
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:  # imported only once a bar is drawn: most runs draw none
    from rich.progress import Progress, TaskID

PROGRESS_THRESHOLD = 50
STAGES = {"reading": "Reading files", "rewriting": "Rewriting"}


def wants_progress(stream: TextIO, environ: Mapping[str, str], quiet: bool) -> bool:
    return not quiet and not environ.get("CI") and stream.isatty()


class ProgressBar:
    """A progress hook that draws a bar once a stage turns out to be long."""

    def __init__(self, stream: TextIO, enabled: bool) -> None:
        self.stream = stream
        self.enabled = enabled
        self.progress: Progress | None = None
        self.tasks: dict[str, TaskID] = {}

    def __call__(self, stage: str, done: int, total: int) -> None:
        if not self.enabled or total <= PROGRESS_THRESHOLD:
            return
        if self.progress is None:
            from rich.console import Console
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                Progress,
                TextColumn,
            )

            self.progress = Progress(
                TextColumn("{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                console=Console(file=self.stream, stderr=True),
                transient=True,
            )
            self.progress.start()
        if stage not in self.tasks:
            self.tasks[stage] = self.progress.add_task(
                STAGES.get(stage, stage), total=total
            )
        self.progress.update(self.tasks[stage], completed=done)

    def __enter__(self) -> ProgressBar:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if self.progress is not None:
            self.progress.stop()


def progress_bar(stream: TextIO, quiet: bool) -> ProgressBar:
    return ProgressBar(stream, wants_progress(stream, os.environ, quiet))
