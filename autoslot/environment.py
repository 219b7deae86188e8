"""The interpreter of the project's environment (the "target" Python)."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

VIRTUALENV_NAMES = (".venv", "venv", ".env", "env")


def _interpreter_in(environment: Path) -> Path | None:
    for relative in ("bin/python", "Scripts/python.exe"):
        candidate = environment / relative
        if candidate.is_file():
            return candidate
    return None


def target_python(explicit: str | None, project_root: Path | None) -> str:
    """`--python` if given; else the project's virtualenv; else the running interpreter."""
    if explicit:
        if os.sep in explicit or (os.altsep and os.altsep in explicit):
            return str(Path(explicit).absolute())
        return shutil.which(explicit) or explicit
    if project_root is not None:
        for name in VIRTUALENV_NAMES:
            environment = project_root / name
            if (environment / "pyvenv.cfg").is_file():
                found = _interpreter_in(environment)
                if found is not None:
                    return str(found)
    active = os.environ.get("VIRTUAL_ENV")
    if active:
        found = _interpreter_in(Path(active))
        if found is not None:
            return str(found)
    return sys.executable
