"""`autoslot fix --verify CMD` and the import check, run as a user runs them:
`python -m autoslot` in a separate process, on real projects in tmp_path."""

from __future__ import annotations

import json
import math
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator

from tests.verify_projects import (
    CLASSES,
    CULPRIT,
    autoslot,
    contents,
    pytest_command,
    run_suite,
    shapes_project,
)

MAX_RUNS = 2 * math.log2(len(CLASSES)) + 2
SCHEMA = Path(__file__).resolve().parent.parent / "docs" / "report.schema.json"


def _schema_errors(document: dict[str, Any]) -> list[str]:
    validator = Draft202012Validator(json.loads(SCHEMA.read_text(encoding="utf-8")))
    return [e.message for e in validator.iter_errors(document)]


def _class_blocks(source: str) -> dict[str, str]:
    """Class name -> its header line and the line after it."""
    lines = source.splitlines()
    return {
        match.group(1): "\n".join(lines[number : number + 2])
        for number, line in enumerate(lines)
        if (match := re.match(r"class (\w+)\b", line))
    }


def test_verify_reverts_exactly_the_class_that_breaks_the_suite(
    tmp_path: Path,
) -> None:
    project = shapes_project(tmp_path / "project")
    assert run_suite(project).returncode == 0
    done = autoslot("fix", "--verify", pytest_command(), str(project), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    blocks = _class_blocks((project / "shapes" / "models.py").read_text())
    assert sorted(blocks) == sorted(CLASSES)
    slotted = [name for name, block in blocks.items() if "__slots__" in block]
    assert sorted(slotted) == sorted(set(CLASSES) - {CULPRIT})
    header = blocks[CULPRIT].splitlines()[0]
    assert "# autoslot: skip -- AS122: AttributeError:" in header
    assert "'note'" in header
    # the reverted class is named with its code and the failure
    assert f"reverted shapes.models.{CULPRIT} (AS122)" in done.stderr
    assert "AttributeError: 'Badge' object has no attribute 'note'" in done.stderr
    assert "9 classes slotted in 1 file, 1 left alone" in done.stderr
    runs = re.search(r"the test command ran (\d+) times", done.stderr)
    assert runs is not None, done.stderr
    assert int(runs.group(1)) <= MAX_RUNS
    # the suite is green on the final tree, and a second run changes nothing
    assert run_suite(project).returncode == 0
    again = autoslot("check", str(project), cwd=tmp_path)
    assert again.returncode == 0, again.stderr
    assert not (project / ".autoslot_cache" / "journal").exists()


def test_verify_from_the_config_reports_the_reverted_class_in_json(
    tmp_path: Path,
) -> None:
    project = shapes_project(tmp_path / "project")
    with (project / "pyproject.toml").open("a") as pyproject:
        # a JSON string is a valid TOML basic string
        pyproject.write(f"\n[tool.autoslot]\nverify = {json.dumps(pytest_command())}\n")
    done = autoslot("fix", "--output-format", "json", str(project), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "verify run 1" in done.stderr
    report = json.loads(done.stdout)
    skipped = [c for c in report["classes"] if c["action"] == "skip"]
    assert [(c["name"], c["code"]) for c in skipped] == [
        (f"shapes.models.{CULPRIT}", "AS122")
    ]
    assert "'Badge' object has no attribute 'note'" in skipped[0]["message"]
    assert report["summary"]["classes_changed"] == 9
    # what verification did is data too: the command, its runs, the culprit
    assert _schema_errors(report) == []
    verify = report["verify"]
    assert verify["passed"] is True
    assert verify["command"]["command"] == pytest_command()
    assert 2 <= verify["command"]["runs"] <= MAX_RUNS
    assert verify["command"]["reverted"] == 1
    (reverted,) = verify["reverted"]
    assert reverted["name"] == f"shapes.models.{CULPRIT}"
    assert reverted["code"] == "AS122"
    assert reverted["file"] == "project/shapes/models.py"
    assert any(
        "'Badge' object has no attribute 'note'" in f["message"]
        for f in reverted["failures"]
    )
    assert all(f["file"] is None for f in reverted["failures"])
    # the import check ran too (on by default); it passed at once
    assert verify["import_check"]["reverted"] == 0
    assert report["unsettled"] == []


def test_verify_refuses_a_suite_that_fails_before_the_rewrite(
    tmp_path: Path,
) -> None:
    project = shapes_project(tmp_path / "project")
    (project / "tests" / "test_broken.py").write_text(
        "def test_broken():\n    assert 1 == 2, 'broken before autoslot'\n"
    )
    before = contents(project)
    done = autoslot("fix", "--verify", pytest_command(), str(project), cwd=tmp_path)
    assert done.returncode == 3
    assert "fails on the untouched tree" in done.stderr
    assert "nothing was written" in done.stderr
    assert contents(project) == before


def test_verify_timeout_restores_every_file(tmp_path: Path) -> None:
    from tests.verify_projects import slow_command

    project = shapes_project(tmp_path / "project")
    before = contents(project)
    command, marker = slow_command(tmp_path, project)
    done = autoslot(
        "fix",
        "--verify",
        command,
        "--verify-timeout",
        "2",
        str(project),
        cwd=tmp_path,
    )
    assert done.returncode == 3, done.stderr
    assert marker.exists()  # the run with the edits applied really started
    assert "took longer than 2s" in done.stderr
    assert "every file was restored" in done.stderr
    assert contents(project) == before
    assert not (project / ".autoslot_cache" / "journal").exists()


def test_a_missing_interpreter_is_a_usage_error(tmp_path: Path) -> None:
    project = shapes_project(tmp_path / "project")
    before = contents(project)
    done = autoslot(
        "fix", "--python", str(tmp_path / "no-python"), str(project), cwd=tmp_path
    )
    assert done.returncode == 2
    assert "no such interpreter" in done.stderr
    assert contents(project) == before


# -- the import check --------------------------------------------------------

REGISTERED = '''class Registered:
    """Plugins register by subclassing; a plugin must keep a __dict__."""

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        # a computed name: a namespace read the analysis cannot see (a plain
        # cls.__dict__ would leave the class alone with AS123)
        if "__slots__" in getattr(cls, "__di" + "ct__"):
            raise TypeError(f"{cls.__name__}: plugins must not declare __slots__")

    def describe(self):
        return type(self).__name__
'''

PLUGINS = """from plugins.base import Registered


class Widget(Registered):
    def __init__(self, size):
        self.size = size


class Plain:
    def __init__(self, name):
        self.name = name
"""


def _plugins_project(root: Path) -> Path:
    (root / "plugins").mkdir(parents=True)
    (root / "pyproject.toml").write_text('[project]\nname = "plugins"\nversion = "0"\n')
    (root / "plugins" / "__init__.py").write_text("")
    (root / "plugins" / "base.py").write_text(REGISTERED)
    (root / "plugins" / "things.py").write_text(PLUGINS)
    return root


def _imports(project: Path, module: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: PLW1510 - the return code is inspected
        [sys.executable, "-c", f"import {module}"],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_static_analysis_misses_the_init_subclass_check(tmp_path: Path) -> None:
    # without the import check the rewrite breaks the module: the case is real
    project = _plugins_project(tmp_path / "project")
    done = autoslot("fix", "--no-import-check", str(project), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    failed = _imports(project, "plugins.things")
    assert failed.returncode != 0
    assert "plugins must not declare __slots__" in failed.stderr


def test_import_check_reverts_the_class_that_breaks_the_import(
    tmp_path: Path,
) -> None:
    project = _plugins_project(tmp_path / "project")
    done = autoslot("fix", "--output-format", "json", str(project), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    things = (project / "plugins" / "things.py").read_text()
    assert (
        "class Widget(Registered):  # autoslot: skip -- AS120: TypeError: "
        "Widget: plugins must not declare __slots__\n"
    ) in things
    assert '    __slots__ = ("name", "__weakref__")' in things  # Plain still slotted
    assert "__slots__" in (project / "plugins" / "base.py").read_text()
    assert _imports(project, "plugins.things").returncode == 0
    report = json.loads(done.stdout)
    widget = next(c for c in report["classes"] if c["class"] == "Widget")
    assert widget["action"] == "skip"
    assert widget["code"] == "AS120"
    assert "plugins must not declare __slots__" in widget["message"]
    assert _schema_errors(report) == []
    verify = report["verify"]
    assert verify["command"] is None
    assert verify["import_check"]["reverted"] == 1
    assert verify["import_check"]["not_checked"] == []
    (reverted,) = verify["reverted"]
    assert (reverted["name"], reverted["code"]) == ("plugins.things.Widget", "AS120")
    assert reverted["file"] == "project/plugins/things.py"
    assert reverted["failures"][0]["file"] == "project/plugins/things.py"
    assert "plugins must not declare __slots__" in reverted["failures"][0]["message"]
    # a second run leaves the reverted class alone and changes nothing
    again = autoslot("check", str(project), cwd=tmp_path)
    assert again.returncode == 0, again.stderr


def test_import_check_does_not_hold_earlier_failures_against_autoslot(
    tmp_path: Path,
) -> None:
    project = _plugins_project(tmp_path / "project")
    (project / "plugins" / "legacy.py").write_text(
        "import module_that_is_not_installed\n\n\n"
        "class Old:\n    def __init__(self):\n        self.x = 1\n"
    )
    done = autoslot("fix", str(project), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "__slots__" in (project / "plugins" / "legacy.py").read_text()
    assert "failed to import before the rewrite: " in done.stderr
    assert "legacy.py" in done.stderr
    again = autoslot("fix", "--output-format", "json", str(project), cwd=tmp_path)
    # nothing is left to change, so the import check did not run again
    assert json.loads(again.stdout)["verify"] == {
        "passed": True,
        "import_check": None,
        "command": None,
        "reverted": [],
    }


def test_a_module_that_ends_the_process_hides_no_other_module(
    tmp_path: Path,
) -> None:
    # probed first (sorted), it ends the probe process at import: the
    # modules after it must still be checked, in a process of their own
    project = _plugins_project(tmp_path / "project")
    (project / "plugins" / "aaa_exits.py").write_text(
        "import os\n\n\nclass Early:\n    def __init__(self):\n        self.x = 1\n\n\n"
        "os._exit(3)\n"
    )
    done = autoslot("fix", str(project), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    things = (project / "plugins" / "things.py").read_text()
    assert "class Widget(Registered):  # autoslot: skip -- AS120" in things
    assert _imports(project, "plugins.things").returncode == 0
    assert "aaa_exits.py" in done.stderr  # not checked: it never imported


def test_an_endless_import_timeout_is_a_usage_error(tmp_path: Path) -> None:
    project = _plugins_project(tmp_path / "project")
    before = contents(project)
    for value in ("inf", "nan", "1e300"):
        done = autoslot("fix", "--import-timeout", value, str(project), cwd=tmp_path)
        assert done.returncode == 2, done.stderr
        assert "--import-timeout must be a positive number of seconds" in done.stderr
    (project / "pyproject.toml").write_text(
        '[project]\nname = "plugins"\nversion = "0"\n\n'
        "[tool.autoslot]\nimport-timeout = inf\n"
    )
    done = autoslot("fix", str(project), cwd=tmp_path)
    assert done.returncode == 2, done.stderr
    assert "import-timeout must be a positive number of seconds" in done.stderr
    after = contents(project)
    assert {n: d for n, d in after.items() if n != "pyproject.toml"} == {
        n: d for n, d in before.items() if n != "pyproject.toml"
    }
