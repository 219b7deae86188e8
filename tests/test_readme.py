"""README.md stays true: its codes table, configuration keys and snippets."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from autoslot.config.keys import KEYS
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
    assert '\nexclude-classes = ["pkg.plugins.*", "pkg.legacy.Widget"]\n' in ran.stdout
    assert '\nignore = ["AS203"]\n' in ran.stdout
    assert '\nslots-order = "sorted"\n' in ran.stdout
    assert "warning" not in ran.stderr


def test_the_pre_commit_snippets_match_the_hooks() -> None:
    hooks = {
        h["id"]: h
        for h in yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text())
    }
    text = section("pre-commit")
    local, published = (yaml.safe_load(b) for b in blocks(text, "yaml"))
    # the local hook comes first: it is the one that works before a release
    local_hook = local["repos"][0]["hooks"][0]
    assert local["repos"][0]["repo"] == "local"
    for field in ("id", "entry", "types", "require_serial"):
        assert local_hook[field] == hooks["autoslot"][field]
    assert f"`entry: {hooks['autoslot-check']['entry']}`" in " ".join(text.split())
    # the published form says it is one, and pretends to no URL or tag
    assert "*Once published*" in text
    assert "OWNER" not in README
    assert published["repos"][0]["repo"].startswith("<")
    assert published["repos"][0]["rev"].startswith("<")
    assert {h["id"] for h in published["repos"][0]["hooks"]} <= set(hooks)


def test_the_readme_local_hook_runs_under_pre_commit(tmp_path: Path) -> None:
    """The local hook, verbatim, with the autoslot of this environment on PATH."""
    [local, _] = blocks(section("pre-commit"), "yaml")
    env = {
        **os.environ,
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
        "PRE_COMMIT_HOME": str(tmp_path / "home"),
        "PRE_COMMIT_COLOR": "never",
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_CONFIG_GLOBAL": os.devnull,
    }
    env.pop("VIRTUAL_ENV", None)
    repo = tmp_path / "repo"
    project(repo, {"mod.py": SLOTTABLE, ".pre-commit-config.yaml": local})

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            args, cwd=repo, env=env, capture_output=True, text=True, check=False
        )

    assert run("git", "init", "-q").returncode == 0
    assert run("git", "add", ".").returncode == 0
    first = run(sys.executable, "-m", "pre_commit", "run", "--all-files")
    assert first.returncode == 1, first.stdout + first.stderr
    assert "files were modified by this hook" in first.stdout
    assert "__slots__" in (repo / "mod.py").read_text()
    assert run("git", "add", ".").returncode == 0
    second = run(sys.executable, "-m", "pre_commit", "run", "--all-files")
    assert second.returncode == 0, second.stdout + second.stderr


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


def test_the_example_report_is_what_check_prints() -> None:
    start = README.index("<!-- example-report -->")
    [shown] = blocks(README[start:], "text")[:1]
    ran = autoslot("check", "--no-cache", str(REPO / "examples" / "inventory"))
    assert ran.code == 1
    assert ran.stderr == shown


def _patch_commands() -> list[str]:
    """The README's way to apply a patch, and the alternative in its comment."""
    [commands] = [b for b in blocks(section("Usage"), "sh") if "git apply" in b]
    first, second = commands.splitlines()[:2]
    assert first.split("#")[0].strip() == "autoslot check --diff src/ > fix.patch"
    command, _, comment = second.partition("#")
    return [command.strip(), comment.strip().removeprefix("or:").strip()]


@pytest.mark.parametrize("way", [0, 1], ids=["git-apply", "patch"])
def test_the_git_apply_instructions_apply_the_diff(
    way: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    command = _patch_commands()[way]
    assert command.split()[:2] in (["git", "apply"], ["patch", "-p0"])
    monkeypatch.chdir(tmp_path)
    project(tmp_path, {"src/pkg/__init__.py": "", "src/pkg/mod.py": SLOTTABLE})
    subprocess.run(["git", "init", "-q"], check=True)
    (tmp_path / "fix.patch").write_text(autoslot("check", "--diff", "src/").stdout)
    # the shell, for the redirection in `patch -p0 < fix.patch`
    applied = subprocess.run(
        command, shell=True, capture_output=True, text=True, check=False
    )
    assert applied.returncode == 0, applied.stdout + applied.stderr
    assert (
        '    __slots__ = ("x", "y", "__weakref__")\n'
        in (tmp_path / "src/pkg/mod.py").read_text()
    )


def test_the_changelog_names_the_renamed_options() -> None:
    from autoslot.config.compat import REMOVED_IN

    changelog = (REPO / "CHANGELOG.md").read_text(encoding="utf-8")
    assert "(CHANGELOG.md)" in README
    for spelling in ("`exclude-classes`", "`disable`", "`select`", "`fix --diff`"):
        assert spelling in changelog
    assert f"until {REMOVED_IN}" in changelog
    assert f"until {REMOVED_IN}" in section("Configuration")
