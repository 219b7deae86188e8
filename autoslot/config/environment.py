"""The interpreter of the project's environment (the "target" Python), used by
the import check, `--verify` and `--introspect`."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from autoslot.config.settings import Settings

VIRTUALENV_NAMES = (".venv", "venv")


class InterpreterNotFound(Exception):
    """`--python` names no runnable interpreter."""


def _interpreter_in(environment: Path) -> Path | None:
    for relative in ("bin/python", "Scripts/python.exe"):
        candidate = environment / relative
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return candidate
    return None


def missing_interpreter(settings: Settings) -> str | None:
    """Why `--python` names no interpreter, if it does not (any command: exit 2)."""
    if not settings.python:
        return None
    try:
        target_python(settings.python, None)
    except InterpreterNotFound as error:
        return str(error)
    return None


def target_python(configured: str | None, project_root: Path | None) -> str:
    """`--python`, else the project's virtualenv, else the active one, else ours."""
    if configured:
        expanded = str(Path(configured).expanduser())
        found = (
            str(Path(expanded).absolute())
            if os.sep in expanded
            else shutil.which(expanded)
        )
        if found is None or not os.access(found, os.X_OK) or Path(found).is_dir():
            raise InterpreterNotFound(f"--python {configured}: no such interpreter")
        return found
    directories = (
        [project_root / name for name in VIRTUALENV_NAMES] if project_root else []
    )
    active = os.environ.get("VIRTUAL_ENV")
    if active:
        directories.append(Path(active))
    for directory in directories:
        found_in = _interpreter_in(directory)
        if found_in is not None:
            return str(found_in)
    return sys.executable
