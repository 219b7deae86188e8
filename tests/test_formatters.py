"""autoslot's output is what black and `ruff format` write, proven with both.

The sample projects in fixtures/formatting/ are formatted with black (line
length 60, from `[tool.black]`) and with `ruff format` (72, from
`[tool.ruff]`; RUF023 selected). autoslot rewrites a copy of each; then both
formatters must find nothing to change, ruff's RUF023 nothing to report where
the order is sorted, and a second autoslot run after the formatter nothing to
do.
"""

from __future__ import annotations

import ast
import random
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from autoslot.config.slots_order import ordered
from tests.helpers import autoslot

FORMATTING = Path(__file__).resolve().parent.parent / "fixtures" / "formatting"
# project -> (the formatter that formatted it, its line length)
PROJECTS = {"black_project": ("black", 60), "ruff_project": ("ruff", 72)}


def black(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "black", "--quiet", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
    )


def ruff(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ruff", *args, "--no-cache"],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
    )


def formatter_check(
    tool: str, length: int, cwd: Path
) -> subprocess.CompletedProcess[str]:
    if tool == "black":
        return black("--check", "--diff", "-l", str(length), ".", cwd=cwd)
    return ruff(
        "format", "--check", "--diff", "--line-length", str(length), ".", cwd=cwd
    )


def copied(name: str, tmp_path: Path) -> Path:
    target = tmp_path / name
    shutil.copytree(FORMATTING / name / "before", target)
    return target


def fixed(project: Path, *args: str) -> Path:
    ran = autoslot("fix", "--no-import-check", "--no-cache", *args, str(project))
    assert ran.code == 0, ran.stderr
    return project


def sources(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): p.read_text() for p in root.rglob("*.py")}


@pytest.mark.parametrize("name", list(PROJECTS))
def test_the_sample_projects_are_formatted(name: str, tmp_path: Path) -> None:
    tool, length = PROJECTS[name]
    done = formatter_check(tool, length, copied(name, tmp_path))
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.parametrize("tool", ["black", "ruff"])
@pytest.mark.parametrize("name", list(PROJECTS))
def test_the_formatters_find_nothing_to_change_after_autoslot(
    name: str, tool: str, tmp_path: Path
) -> None:
    project = copied(name, tmp_path)
    before = sources(project)
    fixed(project)
    assert sources(project) != before
    done = formatter_check(tool, PROJECTS[name][1], project)
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.parametrize("name", list(PROJECTS))
def test_autoslot_after_the_formatter_changes_nothing(
    name: str, tmp_path: Path
) -> None:
    tool, length = PROJECTS[name]
    project = fixed(copied(name, tmp_path))
    if tool == "black":
        black("-l", str(length), ".", cwd=project)
    else:
        ruff("format", "--line-length", str(length), ".", cwd=project)
    again = autoslot("check", "--no-cache", str(project))
    assert again.code == 0, again.stderr


def test_the_ruff_project_gets_sorted_slots_that_ruf023_accepts(
    tmp_path: Path,
) -> None:
    project = copied("ruff_project", tmp_path)
    shown = autoslot("check", "--show-settings", str(project))
    assert '\nslots-order = "sorted"\n' in shown.stdout
    assert "selects RUF023" in shown.stdout
    fixed(project)
    done = ruff("check", "--select", "RUF023", ".", cwd=project)
    assert done.returncode == 0, done.stdout


@pytest.mark.parametrize(("order", "clean"), [("sorted", True), ("source", False)])
def test_slots_order_decides_what_ruf023_says(
    order: str, clean: bool, tmp_path: Path
) -> None:
    # the black project's ruff configuration does not select RUF023
    project = fixed(copied("black_project", tmp_path), "--slots-order", order)
    done = ruff("check", "--isolated", "--select", "RUF023", ".", cwd=project)
    assert (done.returncode == 0) is clean, done.stdout


def _names(rng: random.Random) -> list[str]:
    pieces = ["a", "b", "Z", "_", "x", "0", "1", "2", "9", "10", "01", "007", "B"]
    names: set[str] = set()
    while len(names) < 12:
        first = rng.choice(["a", "b", "Z", "_", "x", "B", "__", "item"])
        names.add(first + "".join(rng.choice(pieces) for _ in range(rng.randint(0, 4))))
    return sorted(names)


def test_the_sorted_order_is_ruf023s_order(tmp_path: Path) -> None:
    rng = random.Random(23)
    groups = [_names(rng) for _ in range(200)]
    for group in groups:
        rng.shuffle(group)
    body = "".join(
        f"class C{i}:\n    __slots__ = ({', '.join(map(repr, g))})\n\n\n"
        for i, g in enumerate(groups)
    )
    module = tmp_path / "names.py"
    module.write_text(body)
    ruff("check", "--isolated", "--select", "RUF023", "--fix", "names.py", cwd=tmp_path)
    tree = ast.parse(module.read_text())
    fixed_by_ruff = [
        [e.value for e in node.body[0].value.elts]  # type: ignore[attr-defined]
        for node in tree.body
        if isinstance(node, ast.ClassDef)
    ]
    assert fixed_by_ruff == [list(ordered(g, "sorted")) for g in groups]


UNSORTED = 'class A:\n    __slots__ = ("b", "a")\n'


@pytest.mark.parametrize(
    ("files", "selects"),
    [
        # ruff's default rule set (since 0.16) has RUF023
        ({"pyproject.toml": "[tool.ruff]\nline-length = 100\n"}, True),
        ({"pyproject.toml": '[tool.ruff.lint]\nignore = ["RUF023"]\n'}, False),
        ({"pyproject.toml": '[tool.ruff.lint]\nselect = ["RUF"]\n'}, True),
        ({"pyproject.toml": '[tool.ruff.lint]\nselect = ["ALL"]\n'}, True),
        ({"pyproject.toml": '[tool.ruff.lint]\nselect = ["E", "F"]\n'}, False),
        ({"pyproject.toml": '[tool.ruff.lint]\nextend-select = ["RUF023"]\n'}, True),
        (
            {
                "pyproject.toml": '[tool.ruff.lint]\nselect = ["RUF"]\nignore = ["RUF02"]\n'
            },
            False,
        ),
        (
            {
                "pyproject.toml": '[tool.ruff.lint]\nselect = ["RUF023"]\nignore = ["RUF"]\n'
            },
            True,
        ),
        ({"pyproject.toml": '[tool.ruff]\nselect = ["RUF02"]\n'}, True),
        ({"ruff.toml": '[lint]\nselect = ["RUF"]\n'}, True),
        (
            {
                "pyproject.toml": '[tool.ruff.lint]\nselect = ["RUF"]\n',
                "ruff.toml": '[lint]\nselect = ["E"]\n',
            },
            False,
        ),
        (
            {
                "base.toml": '[lint]\nselect = ["RUF"]\n',
                "ruff.toml": 'extend = "base.toml"\n[lint]\nextend-ignore = ["RUF023"]\n',
            },
            False,
        ),
        (
            {
                "base.toml": '[lint]\nselect = ["E"]\n',
                "ruff.toml": 'extend = "base.toml"\n[lint]\nextend-select = ["RUF0"]\n',
            },
            True,
        ),
    ],
)
def test_the_default_order_is_sorted_exactly_when_ruff_selects_ruf023(
    files: dict[str, str], selects: bool, tmp_path: Path
) -> None:
    (tmp_path / ".git").mkdir()  # the project root, for autoslot and ruff
    for name, text in files.items():
        (tmp_path / name).write_text(text)
    (tmp_path / "mod.py").write_text(UNSORTED)
    linted = ruff("check", "--output-format", "concise", "mod.py", cwd=tmp_path)
    assert ("RUF023" in linted.stdout) is selects, linted.stdout + linted.stderr
    shown = autoslot("check", "--show-settings", str(tmp_path / "mod.py"))
    assert shown.code == 0, shown.stderr
    order = "sorted" if selects else "source"
    assert f'\nslots-order = "{order}"\n' in shown.stdout


def test_a_project_without_ruff_configuration_keeps_the_source_order(
    tmp_path: Path,
) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / "pyproject.toml").write_text("[tool.black]\n")
    (tmp_path / "mod.py").write_text(UNSORTED)
    shown = autoslot("check", "--show-settings", str(tmp_path))
    assert '\nslots-order = "source"\n' in shown.stdout


@pytest.mark.parametrize(
    ("files", "length"),
    [
        ({}, 88),
        ({"pyproject.toml": "[tool.black]\nline-length = 60\n"}, 60),
        ({"pyproject.toml": "[tool.ruff]\nline-length = 100\n"}, 100),
        ({"ruff.toml": "line-length = 99\n"}, 99),
        (
            {
                "pyproject.toml": "[tool.black]\nline-length = 60\n[tool.ruff]\nline-length = 100\n"
            },
            60,
        ),
        (
            {
                "pyproject.toml": "[tool.black]\nline-length = 60\n"
                "[tool.autoslot]\nline-length = 70\n"
            },
            70,
        ),
    ],
)
def test_line_length_comes_from_black_or_ruff_when_unset(
    files: dict[str, str], length: int, tmp_path: Path
) -> None:
    (tmp_path / ".git").mkdir()
    for name, text in files.items():
        (tmp_path / name).write_text(text)
    (tmp_path / "mod.py").write_text("")
    shown = autoslot("check", "--show-settings", str(tmp_path))
    assert f"\nline-length = {length}\n" in shown.stdout
    given = autoslot("check", "--show-settings", "--line-length", "77", str(tmp_path))
    assert "\nline-length = 77\n" in given.stdout


NO_STRINGS = """\
class Counter:
    def __init__(self):
        self.count = 0
"""
SINGLE_QUOTED = """\
class Greeter:
    def __init__(self):
        self.greeting = 'hi'
"""


@pytest.mark.parametrize("style", ["single", "double", "preserve"])
def test_written_names_take_the_quote_ruff_format_writes(
    style: str, tmp_path: Path
) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / "pyproject.toml").write_text(
        f'[tool.ruff.format]\nquote-style = "{style}"\n'
    )
    (tmp_path / "none.py").write_text(NO_STRINGS)
    (tmp_path / "single.py").write_text(SINGLE_QUOTED)
    # a project ruff has formatted with its configuration
    assert ruff("format", ".", cwd=tmp_path).returncode == 0
    formatted = sources(tmp_path)
    fixed(tmp_path)
    assert sources(tmp_path) != formatted
    done = ruff("format", "--check", "--diff", ".", cwd=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    shown = autoslot("check", "--show-settings", str(tmp_path)).stdout
    assert ("# quotes of written names:" in shown) is (style != "preserve")
