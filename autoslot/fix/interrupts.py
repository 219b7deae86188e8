"""Signals while files are being written: SIGTERM and SIGHUP interrupt like
Ctrl-C does (so CI cancelling a job restores the tree), and nothing
interrupts a restore that has started."""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Iterator
from types import FrameType
from typing import Any

TERMINATING = tuple(
    getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name)
)


class Terminated(KeyboardInterrupt):
    """SIGTERM or SIGHUP arrived; handled like Ctrl-C."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def exit_status(interrupt: KeyboardInterrupt) -> int:
    """The shell's convention: 128 + the signal number."""
    if isinstance(interrupt, Terminated):
        return 128 + interrupt.signum
    return 128 + signal.SIGINT


def _raise_terminated(signum: int, frame: FrameType | None) -> None:
    raise Terminated(signum)


def _on_main_thread() -> bool:
    return threading.current_thread() is threading.main_thread()


@contextlib.contextmanager
def _handlers(handler: Any, signals: tuple[int, ...]) -> Iterator[None]:
    if not _on_main_thread():  # signal handlers can only be set there
        yield
        return
    previous = {number: signal.signal(number, handler) for number in signals}
    try:
        yield
    finally:
        for number, old in previous.items():
            signal.signal(number, old)


def terminations_interrupt() -> contextlib.AbstractContextManager[None]:
    return _handlers(_raise_terminated, TERMINATING)


def uninterruptible() -> contextlib.AbstractContextManager[None]:
    return _handlers(signal.SIG_IGN, (signal.SIGINT, *TERMINATING))
