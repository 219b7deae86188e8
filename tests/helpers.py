"""Small helpers for tests that build projects in tmp_path and run the real CLI."""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from pathlib import Path

from typer.testing import CliRunner

from autoslot.cli.app import app


def write(root: Path, files: dict[str, str]) -> None:
    """Create files below root; text is dedented so tests can indent it."""
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")


def project(root: Path, files: dict[str, str], config: str = "") -> Path:
    """A project: pyproject.toml with a [tool.autoslot] table (marking the root)."""
    write(root, {"pyproject.toml": f"[tool.autoslot]\n{textwrap.dedent(config)}"})
    write(root, files)
    return root


@dataclass(frozen=True)
class Ran:
    code: int
    stdout: str
    stderr: str


def autoslot(*args: str, stdin: str | bytes | None = None) -> Ran:
    """Run the command line in process, as a user would type it."""
    result = CliRunner().invoke(app, list(args), input=stdin, catch_exceptions=False)
    return Ran(result.exit_code, result.stdout, result.stderr)


SLOTTABLE = """\
class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y
"""
