"""Real projects on disk for the verification tests, and ways to run autoslot
on them as a user would: a separate process, `python -m autoslot`."""

from __future__ import annotations

import os
import shlex
import signal
import subprocess
import sys
from pathlib import Path

CLASSES = (
    "Point",
    "Size",
    "Color",
    "Label",
    "Border",
    "Margin",
    "Font",
    "Icon",
    "Badge",
    "Tooltip",
)
# the one class a test breaks once slotted, in a way no static analysis sees:
# the test stores an attribute whose name comes from data, on an object the
# registry builds from a string
CULPRIT = "Badge"

PYPROJECT = '[project]\nname = "shapes"\nversion = "0"\n'

REGISTRY = '''"""Classes by kind, for callers that only know a name."""

from shapes import models

KINDS = {{name.lower(): getattr(models, name) for name in {names!r}}}


def make(kind, value):
    return KINDS[kind](value)
'''

TESTS = """from shapes.registry import KINDS, make


def test_every_kind_describes_itself():
    for kind in KINDS:
        assert make(kind, 1).describe().endswith("(1)")


def test_badges_take_annotations():
    badge = make("badge", 3)
    for key, value in {"note": "new"}.items():
        setattr(badge, key, value)
    assert badge.note == "new"
"""


def models_source() -> str:
    parts = ['"""Ten small value classes."""\n']
    for name in CLASSES:
        parts.append(
            f"\n\nclass {name}:\n"
            "    def __init__(self, value):\n"
            "        self.value = value\n\n"
            "    def describe(self):\n"
            f'        return f"{name}({{self.value}})"\n'
        )
    return "".join(parts)


def shapes_project(root: Path) -> Path:
    """A package of ten classes and a pytest suite; slotting Badge breaks it."""
    (root / "shapes").mkdir(parents=True)
    (root / "tests").mkdir()
    (root / "pyproject.toml").write_text(PYPROJECT)
    (root / "shapes" / "__init__.py").write_text("")
    (root / "shapes" / "models.py").write_text(models_source())
    (root / "shapes" / "registry.py").write_text(REGISTRY.format(names=list(CLASSES)))
    (root / "tests" / "test_models.py").write_text(TESTS)
    return root


def snapshot(root: Path) -> dict[str, tuple[bytes, int]]:
    """Every file's bytes and mtime, autoslot's own cache directory aside."""
    return {
        p.relative_to(root).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in sorted(root.rglob("*"))
        if p.is_file()
        and ".autoslot_cache" not in p.parts
        and "__pycache__" not in p.parts
        and ".pytest_cache" not in p.parts
    }


def contents(root: Path) -> dict[str, bytes]:
    return {name: data for name, (data, _) in snapshot(root).items()}


def environment() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST")}
    env.pop("VIRTUAL_ENV", None)
    env["NO_COLOR"] = "1"
    return env


def autoslot(
    *args: str, cwd: Path, timeout: float = 300
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: PLW1510 - the return code is inspected
        [sys.executable, "-m", "autoslot", *args],
        cwd=cwd,
        env=environment(),
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def _default_sigint() -> None:
    # A suite started as a background job (`pytest &` in a script) inherits
    # SIGINT ignored, and Python keeps an inherited SIG_IGN: the interrupt
    # tests would then send a SIGINT nobody hears. A user's Ctrl-C is default.
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def start_autoslot(*args: str, cwd: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "autoslot", *args],
        cwd=cwd,
        env=environment(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=_default_sigint,  # noqa: PLW1509 - no threads run here
    )


def pytest_command() -> str:
    return f"{shlex.quote(sys.executable)} -m pytest -x -q -p no:cacheprovider"


def run_suite(root: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: PLW1510 - the return code is inspected
        shlex.split(pytest_command()),
        cwd=root,
        env=environment(),
        capture_output=True,
        text=True,
        timeout=300,
    )


SLOW_CHECK = '''"""A test command that passes at once on the untouched tree and hangs once
the rewrite is on disk, saying so (with its pid) in a marker file."""
import os, pathlib, sys, time

project, marker = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
if b"__slots__" in (project / "shapes" / "models.py").read_bytes():
    marker.write_text(str(os.getpid()))
    time.sleep(600)
'''


def slow_command(scratch: Path, project: Path) -> tuple[str, Path]:
    """A --verify command that hangs while edits are applied, and its marker."""
    script = scratch / "slow_check.py"
    script.write_text(SLOW_CHECK)
    marker = scratch / "marker"
    command = " ".join(
        shlex.quote(str(part)) for part in (sys.executable, script, project, marker)
    )
    return command, marker
