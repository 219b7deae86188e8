"""Running a child process (the user's test command, the import probe) with a
time limit, and never leaving it running behind us.

The child gets its own process group so that a timeout, Ctrl-C or SIGTERM
kills the whole tree it started (pytest workers, a shell pipeline), not just
the shell; its output goes to a temporary file so a chatty suite cannot fill
a pipe or memory.
"""

from __future__ import annotations

import contextlib
import os
import re
import signal
import subprocess
import tempfile
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO

# enough for any failure report; a runaway suite's output is cut from the middle
OUTPUT_LIMIT = 2_000_000
POSIX = os.name == "posix"


@dataclass(frozen=True, slots=True)
class Finished:
    returncode: int
    output: str
    seconds: float
    timed_out: bool = False

    @property
    def passed(self) -> bool:
        return self.returncode == 0 and not self.timed_out


def run_process(
    command: str | Sequence[str],
    cwd: Path,
    timeout: float | None,
    env: Mapping[str, str] | None = None,
) -> Finished:
    """Run `command` (a string goes through the shell), stdout and stderr merged."""
    with tempfile.TemporaryFile() as sink:
        started = time.monotonic()
        process = subprocess.Popen(
            command,
            shell=isinstance(command, str),
            cwd=cwd,
            env=None if env is None else dict(env),
            stdin=subprocess.DEVNULL,
            stdout=sink,
            stderr=subprocess.STDOUT,
            start_new_session=POSIX,
        )
        timed_out = False
        try:
            returncode = process.wait(timeout)
        except subprocess.TimeoutExpired:
            timed_out = True
            _kill(process)
            returncode = process.wait()
        except BaseException:
            _kill(process)
            process.wait()
            raise
        seconds = time.monotonic() - started
        return Finished(returncode, _read(sink), seconds, timed_out)


def _kill(process: subprocess.Popen[bytes]) -> None:
    """Kill the child and everything it started."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        if POSIX:
            os.killpg(process.pid, signal.SIGKILL)
        else:  # pragma: no cover - no process groups to kill
            process.kill()


def _read(sink: IO[bytes]) -> str:
    sink.seek(0, os.SEEK_END)
    size = sink.tell()
    sink.seek(0)
    if size <= OUTPUT_LIMIT:
        data = sink.read()
    else:
        head = sink.read(OUTPUT_LIMIT // 2)
        sink.seek(size - OUTPUT_LIMIT // 2)
        data = head + b"\n[... output cut ...]\n" + sink.read()
    return data.decode("utf-8", "replace")


# pytest's short summary (`FAILED path::test - Error: ...`, cut to the width)
PYTEST_SUMMARY = re.compile(r"^(?:FAILED|ERROR) \S")
# pytest's `E   ValueError: ...` lines, and the last line of a plain traceback
PYTEST_ERROR = re.compile(
    r"^E\s+[\w.]*(?:Error|Exception|Exit|Failure|Interrupt|Warning)\b"
)
EXCEPTION = re.compile(
    r"^[\w.]*(?:Error|Exception|Exit|Failure|Interrupt|Warning)\b(?::|$)"
)
ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


def failure_lines(output: str, limit: int = 5) -> list[str]:
    """The lines that say what failed: the first error (pytest's `E` line,
    else the last exception line of a traceback), then pytest's summary of
    the failing tests; without either, the end of the output."""
    lines = [ANSI.sub("", line).rstrip() for line in output.splitlines()]
    lines = [line for line in lines if line.strip()]
    errors = [line for line in lines if PYTEST_ERROR.match(line)][:1]
    if not errors:
        errors = [line for line in lines if EXCEPTION.match(line)][-1:]
    summary = [line for line in lines if PYTEST_SUMMARY.match(line)]
    found = errors + summary
    return found[:limit] if found else lines[-limit:]


def one_line_reason(line: str, limit: int = 80) -> str:
    """A failure line cut down to one line of at most `limit` characters with
    no `#` (which would end a `# autoslot: skip -- ...` reason)."""
    text = re.sub(r"^E\s+", "", line)
    text = " ".join(text.replace("#", "").split())
    if len(text) > limit:
        text = text[: limit - 3].rstrip() + "..."
    return text
