"""README.md stays true: its codes table, configuration keys and snippets."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
import yaml

from autoslot.config import KEYS
from autoslot.report.codes_table import END, START, render, with_table
from tests.helpers import SLOTTABLE, autoslot, project

REPO = Path(__file__).resolve().parent.parent
README = (REPO / "README.md").read_text(encoding="utf-8")


def section(title: str) -> str:
    start = README.index(f"\n## {title}\n")
    end = README.find("\n## ", start + 1)
    return README[start : end if end != -1 else None]


def blocks(text: str, language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", text, flags=re.DOTALL)


def test_the_codes_table_is_the_registry() -> None:
    copy = README[README.index(START) + len(START) : README.index(END)]
    assert copy == "\n" + render(), (
        "README.md's codes table is stale; run "
        "`python -m autoslot.report.codes_table --update README.md`"
    )


def test_the_generator_replaces_a_stale_copy(tmp_path: Path) -> None:
    stale = f"intro\n{START}\n| code | meaning |\n| AS999 | gone |\n{END}\nrest\n"
    assert with_table(stale) == f"intro\n{START}\n{render()}{END}\nrest\n"


def test_every_configuration_key_is_documented() -> None:
    text = section("Configuration")
    for key in KEYS:
        assert f"`{key}`" in text, key


def test_the_configuration_example_is_valid(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    [example] = blocks(section("Configuration"), "toml")
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pyproject.toml").write_text(example)
    ran = autoslot("check", "--show-settings", ".")
    assert ran.code == 0, ran.stderr
    assert "\nline-length = 100\n" in ran.stdout
    assert '\nignore = ["pkg.plugins.*", "pkg.legacy.Widget"]\n' in ran.stdout


def test_the_pre_commit_snippets_match_the_hooks() -> None:
    hooks = {
        h["id"]: h
        for h in yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text())
    }
    remote, local = (yaml.safe_load(b) for b in blocks(section("pre-commit"), "yaml"))
    assert {h["id"] for h in remote["repos"][0]["hooks"]} <= set(hooks)
    assert "autoslot-check" in section("pre-commit")
    local_hook = local["repos"][0]["hooks"][0]
    for field in ("id", "entry", "types", "require_serial"):
        assert local_hook[field] == hooks["autoslot"][field]


def test_the_ci_command_fails_a_build_with_annotations(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    [workflow] = (yaml.safe_load(b) for b in blocks(section("CI"), "yaml"))
    steps = workflow["jobs"]["autoslot"]["steps"]
    command = shlex.split(steps[-1]["run"])
    assert command[0] == "autoslot"
    monkeypatch.chdir(tmp_path)
    project(tmp_path, {"mod.py": SLOTTABLE})
    ran = autoslot(*command[1:])
    assert ran.code == 1
    assert "+    __slots__ = " in ran.stdout
    assert (
        "::error file=mod.py,line=1,title=autoslot::Point needs __slots__" in ran.stdout
    )


def test_every_file_system_rule_names_the_tests_that_pin_it() -> None:
    rules = section("Files on disk").split("\n* ")[1:]
    assert len(rules) >= 10
    defined = {
        name
        for path in (REPO / "tests").glob("test_*.py")
        for name in re.findall(r"^def (test_\w+)", path.read_text(), re.MULTILINE)
    }
    for rule in rules:
        named = re.findall(r"`(test_\w+)`", rule)
        assert named, f"no test pins this rule: {rule[:60]}"
        assert set(named) <= defined, set(named) - defined
