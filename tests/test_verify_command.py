"""Running the test command, and reading what failed out of its output."""

from __future__ import annotations

import os
import shlex
import sys
import time
from pathlib import Path

import pytest

from autoslot.fix.verify.command import failure_lines, one_line_reason, run_process
from autoslot.fix.verify.imports import module_spec

PYTEST_OUTPUT = """\
.F
=================================== FAILURES ===================================
____________________________ test_badge_annotations ____________________________

    def test_badge_annotations():
>           setattr(badge, key, value)
E           AttributeError: 'Badge' object has no attribute 'note'

tests/test_models.py:12: AttributeError
=========================== short test summary info ============================
FAILED tests/test_models.py::test_badge_annotations - AttributeError: 'Badge'...
!!!!!!!!!!!!!!!!!!!!!!!!!! stopping after 1 failures !!!!!!!!!!!!!!!!!!!!!!!!!!!
1 failed, 1 passed in 0.04s
"""

TRACEBACK_OUTPUT = """\
Traceback (most recent call last):
  File "check.py", line 3, in <module>
    KeyError: not this one, it is indented
ValueError: first
During handling of the above exception, another exception occurred:
Traceback (most recent call last):
  File "check.py", line 5, in <module>
RuntimeError: the one that ended the program
"""


def test_failure_lines_from_pytest_put_the_error_first() -> None:
    assert failure_lines(PYTEST_OUTPUT) == [
        "E           AttributeError: 'Badge' object has no attribute 'note'",
        "FAILED tests/test_models.py::test_badge_annotations - AttributeError: 'Badge'...",
    ]


def test_failure_lines_from_a_traceback_take_the_last_exception() -> None:
    assert failure_lines(TRACEBACK_OUTPUT) == [
        "RuntimeError: the one that ended the program"
    ]


def test_failure_lines_fall_back_to_the_end_of_the_output() -> None:
    output = "\n".join(f"line {n}" for n in range(20)) + "\n\n"
    assert failure_lines(output, 3) == ["line 17", "line 18", "line 19"]


def test_one_line_reason_fits_a_pragma() -> None:
    reason = one_line_reason(
        "E   AssertionError: expected #3 but got\t" + "x" * 200, limit=40
    )
    assert reason == "AssertionError: expected 3 but got xx..."
    assert len(reason) == 40
    assert "#" not in reason and "\n" not in reason


@pytest.mark.skipif(os.name != "posix", reason="process groups")
def test_timeout_kills_the_whole_process_group(tmp_path: Path) -> None:
    pid_file = tmp_path / "grandchild"
    script = tmp_path / "sleeper.py"
    script.write_text(
        "import os, pathlib, sys, time\n"
        "pathlib.Path(sys.argv[1]).write_text(str(os.getpid()))\n"
        "time.sleep(60)\n"
    )
    # the shell starts a grandchild that would outlive a kill of the shell alone
    grandchild = shlex.join([sys.executable, str(script), str(pid_file)])
    started = time.monotonic()
    finished = run_process(
        f"echo started; {grandchild}; echo never", tmp_path, timeout=3
    )
    assert finished.timed_out and not finished.passed
    assert time.monotonic() - started < 30
    assert finished.output.startswith("started")
    pid = int(pid_file.read_text())
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            break
        time.sleep(0.05)
    else:
        pytest.fail("the grandchild survived the timeout")


def test_exit_code_and_merged_output(tmp_path: Path) -> None:
    finished = run_process(
        [sys.executable, "-c", "import sys; print('out'); sys.exit('err')"],
        tmp_path,
        timeout=60,
    )
    assert finished.returncode == 1
    assert "out" in finished.output and "err" in finished.output


def test_module_specs_follow_packages_and_skip_programs(tmp_path: Path) -> None:
    package = tmp_path / "src" / "pkg" / "sub"
    package.mkdir(parents=True)
    for directory in (package, package.parent):
        (directory / "__init__.py").write_text("")
    (package / "mod.py").write_text("")
    (package / "__main__.py").write_text("")
    (tmp_path / "tool.py").write_text("")
    (tmp_path / "not-a-name.py").write_text("")
    spec = module_spec(package / "mod.py")
    assert (spec.name, spec.entry) == ("pkg.sub.mod", str(tmp_path / "src"))
    spec = module_spec(package / "__init__.py")
    assert (spec.name, spec.entry) == ("pkg.sub", str(tmp_path / "src"))
    assert module_spec(package / "__main__.py").name == ""
    spec = module_spec(tmp_path / "tool.py")
    assert (spec.name, spec.entry) == ("tool", str(tmp_path))
    assert module_spec(tmp_path / "not-a-name.py").name == ""
