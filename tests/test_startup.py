"""What a warm pre-commit run imports: either hook's command on a project it
has already seen loads neither rich, libcst nor pydantic (typer's validators),
and still reports as before. Each run is a real interpreter started with
`-X importtime`, whose report names every module the process imported."""

from __future__ import annotations

import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parent.parent
HOOK_ENTRIES = {
    hook["id"]: hook["entry"]
    for hook in yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text())
}
# what a run that draws nothing, rewrites nothing and validates nothing
# must never import: ~0.3 s of a 0.6 s hook run before they were made lazy
LAZY = ("rich", "libcst", "pydantic")
EDITED = "src/inventory/items.py"


def imported(stderr: str) -> set[str]:
    """The top-level packages in `-X importtime`'s report."""
    names = set()
    for line in stderr.splitlines():
        if line.startswith("import time:") and "|" in line:
            name = line.rsplit("|", 1)[1].strip()
            names.add(name.split(".")[0])
    return names


def hook(
    root: Path, *extra: str, hook_id: str = "autoslot-check"
) -> subprocess.CompletedProcess[str]:
    """A hook's entry on the edited file, as pre-commit calls it."""
    command, *options = shlex.split(HOOK_ENTRIES[hook_id])
    assert command == "autoslot"
    return subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "autoslot", *options, *extra],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
    )


def report_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if not line.startswith("import time:")]


@pytest.fixture
def slotted_example(tmp_path: Path) -> Path:
    """The example project after `autoslot fix`, as a project using the hook is."""
    root = tmp_path / "inventory"
    shutil.copytree(REPO / "examples" / "inventory", root)
    subprocess.run(
        [sys.executable, "-m", "autoslot", "fix", "-q", "."], cwd=root, check=True
    )
    return root


@pytest.mark.parametrize(
    ("hook_id", "verb"),
    [("autoslot-check", "would be slotted"), ("autoslot", "slotted")],
)
def test_warm_no_change_hook_imports_nothing_lazy(
    slotted_example: Path, hook_id: str, verb: str
) -> None:
    hook(slotted_example, EDITED, hook_id=hook_id)  # the first run fills the caches
    ran = hook(slotted_example, EDITED, hook_id=hook_id)
    assert ran.returncode == 0, ran.stderr
    assert ran.stdout == ""
    assert report_lines(ran.stderr) == [
        f"0 classes {verb} in 0 files, 1 left alone (-v for reasons), 1 file unchanged."
    ]
    modules = imported(ran.stderr)
    assert "typer" in modules  # the report is read right
    assert not modules & set(LAZY)


def test_edited_file_hook_imports_libcst_for_its_diff(slotted_example: Path) -> None:
    edited = slotted_example / EDITED
    edited.write_text(
        edited.read_text() + "\n\nclass Added:\n    def __init__(self):\n"
        "        self.n = 1\n"
    )
    hook(slotted_example, EDITED)
    ran = hook(slotted_example, EDITED)  # a reused result still shows its diff
    assert ran.returncode == 1, ran.stderr
    assert '+    __slots__ = ("n", "__weakref__")' in ran.stdout
    first = hook(slotted_example, "--no-cache", EDITED)
    assert first.stdout == ran.stdout
    assert "libcst" in imported(first.stderr)
    assert not imported(first.stderr) & {"rich", "pydantic"}


def test_colour_draws_with_rich(slotted_example: Path) -> None:
    ran = hook(slotted_example, "--color", "always", EDITED)
    assert ran.returncode == 0, ran.stderr
    assert "rich" in imported(ran.stderr)


def test_a_bad_option_value_still_gets_typers_message(slotted_example: Path) -> None:
    ran = hook(slotted_example, "--jobs", "many", EDITED)
    assert ran.returncode == 2
    assert "Invalid value for '--jobs'" in ran.stderr


def test_a_named_command_is_the_only_one_typer_builds() -> None:
    from autoslot.__main__ import app_for
    from autoslot.cli.app import app

    narrowed = app_for(["check", "--diff"])
    assert [info.callback.__name__ for info in narrowed.registered_commands] == [
        "check"
    ]
    assert len(app.registered_commands) > 1  # the app itself is untouched


@pytest.mark.parametrize("args", [[], ["--help"], ["-V", "check"], ["chek"]])
def test_help_version_and_unknown_names_get_the_whole_app(args: list[str]) -> None:
    from autoslot.__main__ import app_for
    from autoslot.cli.app import app

    assert app_for(args) is app
