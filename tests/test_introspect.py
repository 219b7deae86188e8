"""`--introspect`: third-party bases are inspected in the target environment.

The test builds a real environment (a virtualenv with a package written into
its site-packages) and a project subclassing two of its classes.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

THIRD_PARTY = """
class Slotted:
    __slots__ = ("core",)

    def __init__(self):
        self.core = 1


class Loose:
    def __init__(self):
        self.loose = 1
"""

PROJECT = """
from thirdparty import Loose, Slotted


class Mine(Slotted):
    def __init__(self):
        super().__init__()
        self.mine = 2


class Other(Loose):
    def __init__(self):
        super().__init__()
        self.other = 3
"""


@pytest.fixture(scope="module")
def environment(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("env")
    subprocess.run(
        [sys.executable, "-m", "venv", "--without-pip", str(root)], check=True
    )
    python = root / "bin" / "python"
    purelib = subprocess.run(
        [
            str(python),
            "-c",
            "import sysconfig; print(sysconfig.get_paths()['purelib'])",
        ],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    package = Path(purelib) / "thirdparty"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text(THIRD_PARTY)
    return python


def _project(tmp_path: Path) -> Path:
    project = tmp_path / "project"
    project.mkdir()
    (project / "pyproject.toml").write_text('[project]\nname = "p"\nversion = "0"\n')
    (project / "app.py").write_text(PROJECT)
    return project


def _autoslot(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "autoslot", *args],
        capture_output=True,
        text=True,
        check=False,
    )


def _decisions(output: str) -> dict[str, dict[str, object]]:
    return {c["class"]: c for c in json.loads(output)["classes"]}


def test_third_party_bases_are_unknown_without_introspect(
    tmp_path: Path, environment: Path
) -> None:
    project = _project(tmp_path)
    done = _autoslot(
        "check", str(project), "--output-format", "json", "--python", str(environment)
    )
    decisions = _decisions(done.stdout)
    assert decisions["Mine"]["code"] == "AS102"
    assert "thirdparty.Slotted" in str(decisions["Mine"]["message"])
    assert decisions["Other"]["code"] == "AS102"
    assert done.returncode == 0


def test_introspect_slots_a_subclass_of_a_slotted_third_party_base(
    tmp_path: Path, environment: Path
) -> None:
    project = _project(tmp_path)
    done = _autoslot(
        "fix",
        str(project),
        "--introspect",
        "--python",
        str(environment),
        "--output-format",
        "json",
    )
    assert done.returncode == 0, done.stderr
    decisions = _decisions(done.stdout)
    assert decisions["Mine"]["action"] == "slot"
    assert decisions["Mine"]["slots"] == ["mine", "__weakref__"]
    assert decisions["Other"]["code"] == "AS102"
    assert "keep a __dict__" in str(decisions["Other"]["message"])
    probe = (
        "import app\n"
        "m = app.Mine()\n"
        "print(m.core, m.mine, hasattr(m, '__dict__'), app.Other().other)\n"
    )
    ran = subprocess.run(
        [str(environment), "-c", probe],
        cwd=project,
        capture_output=True,
        text=True,
        check=True,
    )
    assert ran.stdout.split() == ["1", "2", "False", "3"]
    assert (project / ".autoslot_cache" / "CACHEDIR.TAG").is_file()


def test_introspection_failure_is_reported_not_fatal(tmp_path: Path) -> None:
    project = _project(tmp_path)
    # an interpreter that runs but fails (a missing one is a usage error)
    broken = tmp_path / "broken-python"
    broken.write_text("#!/bin/sh\necho 'no such module' >&2\nexit 1\n")
    broken.chmod(0o755)
    done = _autoslot(
        "check",
        str(project),
        "--introspect",
        "--python",
        str(broken),
        "--output-format",
        "json",
    )
    assert done.returncode == 0, done.stderr
    decisions = _decisions(done.stdout)
    assert "introspection failed" in str(decisions["Mine"]["message"])
    cached = project / ".autoslot_cache" / "introspect.json"
    assert not cached.exists() or "broken-python" not in cached.read_text()
