"""The CPython interpreters (>= 3.10) on this machine, and a virtualenv with
autoslot installed for each, so the fixture suite can run on every one."""

from __future__ import annotations

import fcntl
import hashlib
import os
import shutil
import subprocess
import sys
from functools import cache
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parent.parent
VENVS = REPO / ".venvs"
MINIMUM = (3, 10)


def _version(python: str) -> tuple[int, int] | None:
    try:
        done = subprocess.run(  # noqa: PLW1510 - the return code is inspected
            [
                python,
                "-c",
                "import sys, platform; print(platform.python_implementation(), *sys.version_info[:2])",
            ],
            capture_output=True,
            text=True,
            timeout=30,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    parts = done.stdout.split()
    if done.returncode != 0 or len(parts) != 3 or parts[0] != "CPython":
        return None
    return int(parts[1]), int(parts[2])


def _candidates() -> list[str]:
    found: list[str] = []
    pyenv_root = Path(os.environ.get("PYENV_ROOT", Path.home() / ".pyenv"))
    for directory in sorted((pyenv_root / "versions").glob("3.*")):
        binary = directory / "bin" / "python3"
        if binary.is_file() and not directory.name.endswith("t"):
            found.append(str(binary))
    for minor in range(10, 20):
        which = shutil.which(f"python3.{minor}")
        if which:
            found.append(which)
    return found


def other_interpreters() -> dict[str, str]:
    """`3.12` -> a python3.12 binary, for every installed CPython >= 3.10 but this one.

    AUTOSLOT_TEST_PYTHONS=current restricts the suite to the running interpreter.
    """
    return dict(_found(os.environ.get("AUTOSLOT_TEST_PYTHONS", "")))


@cache  # starting every candidate takes seconds; ask once per process
def _found(wanted: str) -> tuple[tuple[str, str], ...]:
    if wanted.strip() == "current":
        return ()
    running = sys.version_info[:2]
    found: dict[str, str] = {}
    for binary in _candidates():
        version = _version(binary)
        if version is None or version < MINIMUM or version == running:
            continue
        found.setdefault(f"{version[0]}.{version[1]}", binary)
    return tuple(sorted(found.items()))


def _fingerprint() -> str:
    return hashlib.sha256((REPO / "pyproject.toml").read_bytes()).hexdigest()[:16]


def venv_python(version: str, base: str) -> str:
    """A virtualenv of `base` with autoslot installed (editable), made once and reused."""
    VENVS.mkdir(exist_ok=True)
    # pytest-xdist workers running different test modules may want the same
    # virtualenv at once: one builds it, the others wait and reuse it
    with (VENVS / f"py{version}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        return _venv_python(version, base)


def _venv_python(version: str, base: str) -> str:
    venv = VENVS / f"py{version}"
    python = venv / "bin" / "python"
    stamp = venv / ".autoslot-fingerprint"
    if python.is_file() and stamp.is_file() and stamp.read_text() == _fingerprint():
        return str(python)
    shutil.rmtree(venv, ignore_errors=True)
    subprocess.run(
        [base, "-m", "venv", str(venv)], check=True, capture_output=True, timeout=300
    )
    install = subprocess.run(  # noqa: PLW1510 - the return code is inspected
        [
            str(python),
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
            "-e",
            f"{REPO}[test]",
        ],
        capture_output=True,
        text=True,
        timeout=1200,
    )
    if install.returncode != 0:
        raise RuntimeError(
            f"installing autoslot into a {version} virtualenv failed:\n{install.stderr[-3000:]}"
        )
    stamp.write_text(_fingerprint())
    return str(python)


CURRENT = "{}.{}".format(*sys.version_info[:2])


def version_params(all_pythons: bool) -> list[Any]:
    """This interpreter's version and, with --all-pythons, every other one
    installed (see other_interpreters), marked `other_pythons`, for tests
    that run autoslot on each. Without it the others are not looked for."""
    others = other_interpreters() if all_pythons else {}
    return [
        CURRENT,
        *(pytest.param(v, marks=pytest.mark.other_pythons, id=v) for v in others),
    ]


def python_for(version: str) -> str:
    """An interpreter of that version with autoslot importable."""
    if version == CURRENT:
        return sys.executable
    return venv_python(version, other_interpreters()[version])
