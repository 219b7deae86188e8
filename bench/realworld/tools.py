"""Processes, the cache directory, and each project's cached virtualenv."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
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


def project_python(project: Project) -> Path:
    """A virtualenv with the project's test dependencies, built once per list of deps."""
    key = hashlib.sha256("\n".join(project.deps).encode()).hexdigest()[:10]
    # keyed by the distribution, so two modes of one project share it
    distribution = project.requirement.split("==")[0].lower()
    venv = CACHE / "venvs" / f"{distribution}-{key}"
    python = venv / "bin" / "python"
    if not (venv / ".complete").is_file():
        run([sys.executable, "-m", "venv", "--clear", str(venv)], check=True)
        run(
            [str(python), "-m", "pip", "install", "--quiet", *project.deps],
            check=True,
        )
        (venv / ".complete").write_text("\n".join(project.deps) + "\n")
    return python
