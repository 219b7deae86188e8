"""A private copy of a CPython installation that runs its own stdlib.

The copy leaves out site-packages (so only the stdlib is rewritten and
tested) and every __pycache__ (so both copies compile their sources alike).
A pyenv build may still load libpython from the original prefix through its
rpath; that is fine, because the stdlib is found relative to the executable.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Interpreter:
    prefix: Path  # the installation's root (holds bin/ and lib/)
    version: str  # "3.11.7"
    stdlib: Path  # prefix/lib/python3.X

    @property
    def python(self) -> Path:
        major_minor = ".".join(self.version.split(".")[:2])
        return self.prefix / "bin" / f"python{major_minor}"


PROBE = (
    "import json, os, sys, sysconfig; print(json.dumps({"
    "'prefix': sys.prefix, 'os': os.__file__, "
    "'version': '%d.%d.%d' % sys.version_info[:3], "
    "'stdlib': sysconfig.get_path('stdlib')}))"
)


def probe(python: Path) -> dict[str, str]:
    """Where `python`, run with frozen modules off, takes its stdlib from."""
    done = subprocess.run(
        [str(python), "-X", "frozen_modules=off", "-I", "-c", PROBE],
        capture_output=True,
        text=True,
        check=True,
    )
    result: dict[str, str] = json.loads(done.stdout)
    return result


def describe(prefix: Path) -> Interpreter:
    found = sorted((prefix / "bin").glob("python3.*[0-9]"))
    if not found:
        raise SystemExit(f"no bin/python3.X under {prefix}")
    facts = probe(found[0])
    return Interpreter(prefix, facts["version"], Path(facts["stdlib"]))


def _ignore(directory: str, names: list[str]) -> set[str]:
    ignored = {n for n in names if n == "__pycache__"}
    if Path(directory).name == "site-packages":
        ignored |= {n for n in names if n != "README.txt"}
    return ignored


def copy_installation(source: Interpreter, dest: Path) -> Interpreter:
    """`source` copied to `dest` (replacing it), proven to run its own stdlib."""
    if dest.exists():
        shutil.rmtree(dest)
    shutil.copytree(source.prefix, dest, symlinks=True, ignore=_ignore)
    copy = describe(dest)
    facts = probe(copy.python)
    for key in ("prefix", "os", "stdlib"):
        if not Path(facts[key]).resolve().is_relative_to(dest.resolve()):
            raise SystemExit(f"the copy at {dest} takes {key} from {facts[key]}")
    return copy
