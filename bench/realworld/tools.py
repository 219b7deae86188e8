"""Processes, the cache directory, and each project's cached virtualenv."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from corpus import Project

# outside any git repository, so autoslot's project root is the sdist's own
CACHE = Path(
    os.environ.get(
        "AUTOSLOT_REALWORLD_CACHE", Path.home() / ".cache" / "autoslot-realworld"
    )
)


def run(
    args: list[str],
    *,
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
    check: bool = False,
) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        args, cwd=cwd, env=env, capture_output=True, text=True, check=False
    )
    if check and done.returncode != 0:
        sys.stderr.write(done.stdout[-4000:] + done.stderr[-4000:])
        raise SystemExit(f"failed ({done.returncode}): {' '.join(args)}")
    return done


def environment(root: Path, project: Project) -> dict[str, str]:
    """The environment the tests run in: the source tree first on sys.path."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME", "PYTHONSTARTUP")
    }
    env["PYTHONPATH"] = str((root / project.src).resolve())
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    return env


@dataclass(frozen=True)
class Interpreter:
    """The CPython the project's virtualenv, tests and workloads run on."""

    executable: Path  # the interpreter itself, never a pyenv shim
    version: str  # its full version, e.g. 3.13.0

    @property
    def key(self) -> str:
        """What every cache that depends on the interpreter is keyed by: py3.13."""
        major, minor = self.version.split(".")[:2]
        return f"py{major}.{minor}"


_VERSION = re.compile(r"\d+\.\d+")
_ASK = "import sys; print(sys.executable); print(sys.version.split()[0])"


def _ask(candidate: Path | str) -> Interpreter | None:
    try:
        done = subprocess.run(
            [str(candidate), "-c", _ASK], capture_output=True, text=True, check=False
        )
    except OSError:
        return None
    lines = done.stdout.split()
    if done.returncode != 0 or len(lines) != 2:
        return None  # a pyenv shim of a version that is not selected, say
    return Interpreter(Path(lines[0]), lines[1])


def _pyenv_candidates(wanted: str) -> list[Path]:
    """pyenv's builds of `wanted` (3.13), newest patch release first."""
    root = Path(os.environ.get("PYENV_ROOT", Path.home() / ".pyenv")) / "versions"
    found = []
    for directory in root.glob(f"{wanted}.*"):
        patch = directory.name.removeprefix(f"{wanted}.")
        if patch.isdigit() and (directory / "bin" / "python").is_file():
            found.append((int(patch), directory / "bin" / "python"))
    return [path for _, path in sorted(found, reverse=True)]


def find_interpreter(spec: str | None) -> Interpreter:
    """The interpreter `--python` names: a path, or a version such as 3.13.

    A version is looked up among pyenv's builds, then as python3.13 on PATH;
    None is the interpreter running this script.
    """
    if spec is None:
        found = _ask(sys.executable)
        if found is None:
            raise SystemExit(f"cannot run {sys.executable}")
        return found
    if not _VERSION.fullmatch(spec):
        found = _ask(Path(spec).expanduser())
        if found is None:
            raise SystemExit(f"--python {spec}: not a Python interpreter that runs")
        return found
    on_path = shutil.which(f"python{spec}")
    candidates = [*_pyenv_candidates(spec), *([on_path] if on_path else [])]
    for candidate in candidates:
        found = _ask(candidate)
        if found is not None and found.version.startswith(f"{spec}."):
            return found
    raise SystemExit(f"--python {spec}: no CPython {spec} found (pyenv or PATH)")


def project_python(project: Project, interpreter: Interpreter) -> Path:
    """A virtualenv of `interpreter` with the project's test dependencies.

    Built once per list of deps and per Python version (major.minor): a venv
    of one version is no use to another.
    """
    key = hashlib.sha256("\n".join(project.deps).encode()).hexdigest()[:10]
    # keyed by the distribution, so two modes of one project share it
    distribution = project.requirement.split("==")[0].lower()
    venv = CACHE / "venvs" / f"{distribution}-{key}-{interpreter.key}"
    python = venv / "bin" / "python"
    if not (venv / ".complete").is_file():
        run(
            [str(interpreter.executable), "-m", "venv", "--clear", str(venv)],
            check=True,
        )
        run(
            [str(python), "-m", "pip", "install", "--quiet", *project.deps],
            check=True,
        )
        (venv / ".complete").write_text("\n".join(project.deps) + "\n")
    return python
