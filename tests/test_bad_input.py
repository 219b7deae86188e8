"""Hostile input: code nested too deeply, names and files that are not UTF-8,
FIFOs, undecodable sources, a reader that closes the pipe. Never a
traceback, never a hang; each file that cannot be handled is reported with
its line and left as it is, and the other files are still processed."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import SLOTTABLE, project
from tests.interpreters import python_for
from tests.verify_projects import environment

DEPTH = 5_000
DEEP_FORMS = {
    "plus": "+".join(["1"] * DEPTH),
    "unary": "-" * DEPTH + "1",
    "attributes": "a" + ".a" * DEPTH,
    "calls": "f" + "()" * DEPTH,
    "conditionals": " if c else ".join(["1"] * DEPTH),
    "booleans": " and ".join(["1"] * DEPTH),  # compiles; too deep for libcst
}


@pytest.fixture
def python(python_version: str) -> str:
    """This CPython, and with --all-pythons each other installed one >= 3.10:
    their parsers differ on these inputs."""
    return python_for(python_version)


def _run(
    python: str, *args: str, cwd: Path, timeout: float = 300, **extra: str
) -> subprocess.CompletedProcess[bytes]:
    """`python -m autoslot ARGS` as a user runs it, output as bytes."""
    return subprocess.run(  # noqa: PLW1510 - the return code is inspected
        [python, "-m", "autoslot", *args],
        cwd=cwd,
        env={**environment(), **extra},
        capture_output=True,
        timeout=timeout,
    )


def _text(python: str, *args: str, cwd: Path) -> tuple[int, str]:
    done = _run(python, *args, cwd=cwd)
    return done.returncode, done.stderr.decode("utf-8", "replace")


def _no_traceback(stderr: str | bytes) -> None:
    text = stderr.decode("utf-8", "replace") if isinstance(stderr, bytes) else stderr
    assert "Traceback" not in text, text
    assert "internal error" not in text, text


def test_deep_expressions_are_reported_with_their_line(
    tmp_path: Path, python: str
) -> None:
    files = {
        f"deep_{name}.py": f"class A:\n    def __init__(self):\n        self.x = {code}\n"
        for name, code in DEEP_FORMS.items()
    }
    root = project(tmp_path, {**files, "ok.py": SLOTTABLE})
    for args in (["check", "--diff"], ["fix", "--no-import-check"]):
        code, stderr = _text(python, *args, ".", cwd=root)
        _no_traceback(stderr)
        assert code == 123, stderr
        for name in files:
            assert f"{name}:3:" in stderr, stderr
            assert "nested too deeply" in stderr
    assert "__slots__" in (root / "ok.py").read_text()
    for name, text in files.items():
        assert (root / name).read_text() == text


def test_a_file_name_that_is_not_utf8_is_processed(tmp_path: Path, python: str) -> None:
    if sys.platform == "darwin":
        pytest.skip("macOS file systems only take valid UTF-8 names")
    root = project(tmp_path, {})
    name = os.fsdecode(b"caf\xe9.py")
    (root / name).write_text(SLOTTABLE)
    strict = {"PYTHONIOENCODING": "utf-8:strict", "LC_ALL": "C.UTF-8"}
    for _ in range(2):  # the second run reuses the first one's result
        checked = _run(python, "check", ".", cwd=root, **strict)
        _no_traceback(checked.stderr)
        assert checked.returncode == 1, checked.stderr
    diffed = _run(python, "check", "--diff", ".", cwd=root, **strict)
    _no_traceback(diffed.stderr)
    assert b"--- caf\xe9.py\n" in diffed.stdout  # the file's own name, as bytes
    fixed = _run(python, "fix", "--no-import-check", ".", cwd=root, **strict)
    assert fixed.returncode == 0, fixed.stderr
    assert "__slots__" in (root / name).read_text()


def test_a_pyproject_that_is_not_utf8_is_a_configuration_error(
    tmp_path: Path, python: str
) -> None:
    (tmp_path / "pyproject.toml").write_bytes(
        b'[tool.autoslot]\n\n[project]\nname = "caf\xe9"\nrequires-python = ">=3.10"\n'
    )
    (tmp_path / "m.py").write_text(SLOTTABLE)
    for command in ("check", "fix"):
        code, stderr = _text(python, command, ".", cwd=tmp_path)
        assert code == 2, stderr
        assert "configuration error" in stderr
        assert "pyproject.toml: invalid TOML: not valid UTF-8 (line 4" in stderr
    assert (tmp_path / "m.py").read_text() == SLOTTABLE


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_fifos_are_never_read(tmp_path: Path, python: str) -> None:
    root = project(tmp_path, {"ok.py": SLOTTABLE, "sub/real.py": SLOTTABLE})
    os.mkfifo(root / "y.py")
    os.mkfifo(root / "sub" / "z.py")
    os.mkfifo(root / "sub" / ".gitignore")
    (root / ".git").mkdir()  # so that .gitignore files count
    done = _run(python, "check", ".", cwd=root, timeout=60)  # a hang fails here
    _no_traceback(done.stderr)
    assert done.returncode == 1, done.stderr
    assert b"2 classes would be slotted in 2 files" in done.stderr
    named = _run(python, "check", "y.py", cwd=root, timeout=60)
    assert named.returncode == 123, named.stderr
    assert b"y.py:1:0: cannot read: not a regular file" in named.stderr


def test_undecodable_sources_are_reported_where_python_says(
    tmp_path: Path, python: str
) -> None:
    root = project(
        tmp_path,
        {"ok.py": SLOTTABLE},
    )
    # Python says line 4 for these; `import` does not even check the comment
    (root / "comment.py").write_bytes(
        b"x = 1\ny = 2\nz = 3\n# caf\xe9\n" + SLOTTABLE.encode()
    )
    (root / "cookie.py").write_bytes(b"# coding: no-such-codec\n" + SLOTTABLE.encode())
    (root / "null.py").write_bytes(b"x = 1\ny = 2\n\0\n")
    for args in (["check"], ["check", "--diff"], ["fix", "--no-import-check"]):
        code, stderr = _text(python, *args, ".", cwd=root)
        _no_traceback(stderr)
        assert code == 123, stderr
        assert "comment.py:4:6: not valid utf-8: byte 0xe9" in stderr
        assert "cookie.py:1:11: unknown encoding: no-such-codec" in stderr
        assert "null.py:3:1: source code " in stderr
        assert "1 class " in stderr  # ok.py's alone
    assert (root / "comment.py").read_bytes().endswith(SLOTTABLE.encode())


def test_a_closed_pipe_ends_the_run_quietly(tmp_path: Path, python: str) -> None:
    classes = "".join(
        f"class C{i}:\n    def __init__(self):\n        self.x{i} = {i}\n\n\n"
        for i in range(200)
    )
    root = project(tmp_path, {"many.py": classes})
    for args in (
        ["check", "--diff", "--output-format", "github"],
        ["check", "--diff"],
        ["check", "--output-format", "json"],
    ):
        process = subprocess.Popen(
            [python, "-m", "autoslot", *args, "--no-cache", "."],
            cwd=root,
            env=environment(),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        assert process.stdout is not None and process.stderr is not None
        # the reader is gone before the first write (`| head -0`): pipe
        # buffers differ in size, so a reader that stops later may not be seen
        process.stdout.close()
        stderr = process.stderr.read()
        code = process.wait(timeout=300)
        _no_traceback(stderr)
        assert b"Exception ignored" not in stderr, stderr
        assert code == 141, stderr
