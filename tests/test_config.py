"""[tool.autoslot] keys and their command-line options, through the real CLI.

Each key is exercised by its effect on a run, from the configuration file and
from the command line (which wins), so a key that stops being wired fails here.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from autoslot.cli.options import CONFIG_OPTIONS, DEPRECATED, NOT_KEYS
from autoslot.config.keys import KEYS
from tests.helpers import SLOTTABLE, autoslot, project, write

TELESCOPE = """\
class Telescope:
    def __init__(self):
        self.aperture_millimetres = 200
        self.focal_length_millimetres = 1000
        self.mount_kind = "equatorial"
"""
ONE_LINE = '__slots__ = ("aperture_millimetres", "focal_length_millimetres", "mount_kind", "__weakref__")'
DATACLASS = """\
from dataclasses import dataclass


@dataclass
class Reading:
    value: float
"""


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def fixed(root: Path, *args: str, name: str = "mod.py") -> str:
    ran = autoslot("fix", *args, ".")
    assert ran.code == 0, ran.stderr
    return (root / name).read_text()


@pytest.mark.parametrize(
    ("config", "args", "one_line"),
    [
        ("", (), False),
        ("line-length = 120\n", (), True),
        ("", ("--line-length", "120"), True),
        ("line-length = 120\n", ("--line-length", "88"), False),
    ],
)
def test_line_length(
    in_tmp: Path, config: str, args: tuple[str, ...], one_line: bool
) -> None:
    project(in_tmp, {"mod.py": TELESCOPE}, config)
    assert (ONE_LINE in fixed(in_tmp, *args)) is one_line


@pytest.mark.parametrize(
    ("requires", "config", "args", "slotted"),
    [
        # weak references on a slotted dataclass need weakref_slot (3.11)
        (">=3.10", "", (), False),
        (">=3.11", "", (), True),
        (">=3.10", 'target-version = "3.11"\n', (), True),
        (">=3.10", "", ("--target-version", "py311"), True),
        (">=3.11", "", ("--target-version", "3.10"), False),
    ],
)
def test_target_version_defaults_to_requires_python(
    in_tmp: Path, requires: str, config: str, args: tuple[str, ...], slotted: bool
) -> None:
    write(
        in_tmp,
        {
            "pyproject.toml": f'[project]\nname = "p"\nrequires-python = "{requires}"\n'
            f"[tool.autoslot]\n{config}",
            "mod.py": DATACLASS,
        },
    )
    text = fixed(in_tmp, *args)
    assert ("@dataclass(slots=True, weakref_slot=True)" in text) is slotted


@pytest.mark.parametrize(
    ("config", "args"), [('weakref = "never"\n', ()), ("", ("--weakref", "never"))]
)
def test_weakref_policy(in_tmp: Path, config: str, args: tuple[str, ...]) -> None:
    project(in_tmp, {"mod.py": SLOTTABLE}, config)
    assert '__slots__ = ("x", "y")\n' in fixed(in_tmp, *args)


LEGACY = {"pkg/__init__.py": "", "pkg/legacy.py": SLOTTABLE, "pkg/mod.py": SLOTTABLE}


@pytest.mark.parametrize(
    ("config", "args"),
    [
        ('exclude-classes = ["pkg.legacy.*"]\n', ()),
        ("", ("--exclude-classes", "pkg.other,pkg.legacy.*")),
    ],
)
def test_exclude_classes_leaves_classes_alone_by_dotted_name(
    in_tmp: Path, config: str, args: tuple[str, ...]
) -> None:
    project(in_tmp, LEGACY, config)
    ran = autoslot("check", "-v", *args, ".")
    assert ran.code == 1
    assert "pkg/legacy.py:1: AS100 Point left alone: excluded by the configuration" in (
        ran.stderr
    )
    assert "pkg/mod.py" not in ran.stderr.split("AS100")[0]
    assert "warning" not in ran.stderr


@pytest.mark.parametrize(
    ("config", "args", "spelled"),
    [
        ('ignore = ["pkg.legacy.*"]\n', (), "pyproject.toml: `ignore`"),
        ("", ("--ignore", "pkg.other,pkg.legacy.*"), "autoslot: warning: --ignore"),
    ],
)
def test_class_patterns_under_the_old_ignore_still_work_with_a_notice(
    in_tmp: Path, config: str, args: tuple[str, ...], spelled: str
) -> None:
    project(in_tmp, LEGACY, config)
    ran = autoslot("check", "-v", *args, ".")
    assert ran.code == 1
    assert "pkg/legacy.py:1: AS100 Point left alone: excluded by the configuration" in (
        ran.stderr
    )
    assert f"{spelled} now takes codes, as in ruff" in ran.stderr
    assert "exclude-classes" in ran.stderr


COUNTER = """\
class Counter:
    count = 0

    def bump(self):
        self.count += 1


class Pair:
    __slots__ = ("left",)

    def __init__(self):
        self.left = 1
        self.right = 2
"""


@pytest.mark.parametrize(
    ("config", "args", "deprecated"),
    [
        ('ignore = ["AS101", "AS201"]\n', (), ""),
        ("", ("--ignore", "AS101,AS201"), ""),
        ('ignore = ["AS1", "AS2"]\n', (), ""),
        ('select = ["AS2"]\nignore = ["AS201"]\n', (), ""),
        ("", ("--select", "AS203,AS204"), ""),
        ('disable = ["AS101", "AS201"]\n', (), "`disable` is deprecated"),
        ("", ("--disable", "AS101,AS201"), "--disable is deprecated"),
    ],
)
def test_ignore_and_select_choose_the_codes_reported(
    in_tmp: Path, config: str, args: tuple[str, ...], deprecated: str
) -> None:
    project(in_tmp, {"mod.py": COUNTER})
    loud = autoslot("check", "-v", ".")
    assert "AS101 Counter left alone" in loud.stderr
    assert "AS201 Pair: 'right' is stored" in loud.stderr
    project(in_tmp, {}, config)
    quiet = autoslot("check", "-v", *args, ".")
    assert "AS101" not in quiet.stderr
    assert "AS201" not in quiet.stderr
    # silenced, not skipped: the missing slot is still added
    assert quiet.code == 1
    assert (deprecated in quiet.stderr) if deprecated else "warning" not in quiet.stderr


@pytest.mark.parametrize(
    ("config", "args", "reported"),
    [
        # the more specific selector decides, and ignore wins a tie
        ('select = ["AS1"]\n', ("--extend-select", "AS201"), {"AS101", "AS201"}),
        ('ignore = ["AS2"]\nextend-select = ["AS201"]\n', (), {"AS101", "AS201"}),
        ('select = ["AS201"]\nignore = ["AS201"]\n', (), set()),
        ('select = ["ALL"]\nignore = ["AS1"]\n', (), {"AS201"}),
        # a --select on the command line starts afresh: the file's ignore is gone
        ('ignore = ["AS101"]\n', ("--select", "AS1"), {"AS101"}),
        # without --select, the command line adjusts the file's selection
        ('select = ["AS1"]\n', ("--ignore", "AS101"), set()),
    ],
)
def test_selection_is_layered_and_specific_the_ruff_way(
    in_tmp: Path, config: str, args: tuple[str, ...], reported: set[str]
) -> None:
    project(in_tmp, {"mod.py": COUNTER}, config)
    ran = autoslot("check", "-v", *args, ".")
    assert ran.code == 1, ran.stderr
    assert {c for c in ("AS101", "AS201") if c in ran.stderr} == reported


@pytest.mark.parametrize(
    ("config", "args", "strict"),
    [
        ("", (), False),
        ("strict = true\n", (), True),
        ("", ("--strict",), True),
        ("strict = true\n", ("--no-strict",), False),
    ],
)
def test_strict_reaches_the_settings(
    in_tmp: Path, config: str, args: tuple[str, ...], strict: bool
) -> None:
    # the codes --strict fails on (AS114, AS203, AS204) are not produced yet,
    # so the option is checked through the settings it yields
    project(in_tmp, {"mod.py": SLOTTABLE}, config)
    ran = autoslot("check", "--show-settings", *args, ".")
    assert f"\nstrict = {str(strict).lower()}\n" in ran.stdout


def _changed(root: Path, *names: str) -> set[str]:
    return {n for n in names if "__slots__" in (root / n).read_text()}


@pytest.mark.parametrize(
    ("config", "args", "rewritten"),
    [
        ("", (), {"a.py", "b.py", "legacy/c.py"}),
        ('exclude = ["legacy/"]\n', (), {"a.py", "b.py"}),
        ("", ("--exclude", "legacy/"), {"a.py", "b.py"}),
        # the option replaces the configured exclude ...
        ('exclude = ["legacy/"]\n', ("--exclude", "b.py"), {"a.py", "legacy/c.py"}),
        # ... and extend-exclude adds to it
        ('exclude = ["legacy/"]\n', ("--extend-exclude", "b.py"), {"a.py"}),
        ('extend-exclude = ["a.py"]\n', ("--extend-exclude", "b.py"), {"legacy/c.py"}),
        ('include = ["legacy/*.py"]\n', (), {"legacy/c.py"}),
        ("", ("--include", "a.py"), {"a.py"}),
    ],
)
def test_include_exclude_extend_exclude(
    in_tmp: Path, config: str, args: tuple[str, ...], rewritten: set[str]
) -> None:
    files = {"a.py": SLOTTABLE, "b.py": SLOTTABLE, "legacy/c.py": SLOTTABLE}
    project(in_tmp, files, config)
    assert autoslot("fix", *args, ".").code == 0
    assert _changed(in_tmp, *files) == rewritten


@pytest.mark.parametrize(
    ("config", "args", "rewritten"),
    [
        ('exclude = ["legacy/"]\n', (), True),
        ('exclude = ["legacy/"]\nforce-exclude = true\n', (), False),
        ('exclude = ["legacy/"]\n', ("--force-exclude",), False),
        (
            'exclude = ["legacy/"]\nforce-exclude = true\n',
            ("--no-force-exclude",),
            True,
        ),
    ],
)
def test_force_exclude_for_files_named_explicitly(
    in_tmp: Path, config: str, args: tuple[str, ...], rewritten: bool
) -> None:
    project(in_tmp, {"legacy/c.py": SLOTTABLE}, config)
    ran = autoslot("fix", *args, "legacy/c.py")
    assert ran.code == 0, ran.stderr
    assert bool(_changed(in_tmp, "legacy/c.py")) is rewritten


@pytest.mark.parametrize(
    ("config", "args", "rewritten"),
    [
        ("", (), False),
        ("respect-gitignore = false\n", (), True),
        ("", ("--no-respect-gitignore",), True),
    ],
)
def test_respect_gitignore(
    in_tmp: Path, config: str, args: tuple[str, ...], rewritten: bool
) -> None:
    project(in_tmp, {".gitignore": "made.py\n", "made.py": SLOTTABLE}, config)
    assert autoslot("fix", *args, ".").code == 0
    assert bool(_changed(in_tmp, "made.py")) is rewritten


def test_configuration_is_found_from_a_subdirectory(in_tmp: Path) -> None:
    project(in_tmp, {"pkg/deep/mod.py": SLOTTABLE}, 'weakref = "never"\n')
    ran = autoslot("fix", "pkg/deep/mod.py")
    assert ran.code == 0
    assert '__slots__ = ("x", "y")\n' in (in_tmp / "pkg/deep/mod.py").read_text()


def test_config_option_reads_another_file(in_tmp: Path) -> None:
    project(in_tmp, {"mod.py": SLOTTABLE}, "line-length = 100\n")
    write(in_tmp, {"ci/autoslot.toml": 'weakref = "never"\n'})
    assert '__slots__ = ("x", "y")\n' in fixed(in_tmp, "--config", "ci/autoslot.toml")


def test_config_option_reads_a_pyproject_elsewhere(in_tmp: Path) -> None:
    project(in_tmp, {"mod.py": SLOTTABLE})
    write(in_tmp, {"other/pyproject.toml": '[tool.autoslot]\nweakref = "never"\n'})
    args = ("--config", "other/pyproject.toml")
    assert '__slots__ = ("x", "y")\n' in fixed(in_tmp, *args)


def test_isolated_ignores_configuration(in_tmp: Path) -> None:
    project(in_tmp, {"mod.py": SLOTTABLE}, 'weakref = "never"\nunknown-key = 1\n')
    assert '"__weakref__"' in fixed(in_tmp, "--isolated")


@pytest.mark.parametrize("command", ["fix", "check", "report"])
def test_show_settings_prints_the_merged_settings_and_changes_nothing(
    in_tmp: Path, command: str
) -> None:
    project(in_tmp, {"mod.py": SLOTTABLE}, 'line-length = 100\nexclude = ["x/"]\n')
    ran = autoslot(command, "--show-settings", "--weakref", "never", ".")
    assert ran.code == 0, ran.stderr
    assert f"# project root: {in_tmp}" in ran.stdout
    assert f"# configuration: {in_tmp / 'pyproject.toml'}" in ran.stdout
    for line in ("line-length = 100", 'weakref = "never"', 'exclude = ["x/"]'):
        assert f"\n{line}\n" in ran.stdout
    assert 'target-version = "3.10"' in ran.stdout
    assert (in_tmp / "mod.py").read_text() == SLOTTABLE


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ("line_length = 100\n", "unknown key 'line_length' in [tool.autoslot]"),
        ('line-length = "long"\n', "line-length must be a positive integer"),
        (
            'weakref = "sometimes"\n',
            "weakref must be one of prefer, always, auto, never",
        ),
        ('target-version = "2.7"\n', "target-version: not a Python version: '2.7'"),
        ('disable = ["AS999"]\n', "disable: unknown code AS999"),
        ('ignore = ["AS999"]\n', "ignore: unknown code AS999"),
        ('select = ["AS9"]\n', "select: unknown code AS9"),
        ('slots-order = "random"\n', "slots-order must be one of source, sorted"),
        ("force-exclude = 1\n", "force-exclude must be true or false"),
        ("exclude = [1]\n", "exclude must be a string or a list of strings"),
        ("line-length = \n", "invalid TOML"),
    ],
)
def test_bad_configuration_is_a_usage_error_naming_the_key(
    in_tmp: Path, config: str, message: str
) -> None:
    project(in_tmp, {"mod.py": SLOTTABLE}, config)
    ran = autoslot("check", ".")
    assert ran.code == 2
    assert f"autoslot: configuration error: {in_tmp / 'pyproject.toml'}" in ran.stderr
    assert message in ran.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--line-length", "0"), "--line-length must be a positive integer"),
        (
            ("--weakref", "sometimes"),
            "--weakref must be one of prefer, always, auto, never",
        ),
        (("--target-version", "banana"), "--target-version: not a Python version"),
        (("--disable", "AS101,AS999"), "--disable: unknown code AS999"),
        (("--ignore", "AS101,AS999"), "--ignore: unknown code AS999"),
        (("--extend-select", "AS7"), "--extend-select: unknown code AS7"),
        (("--slots-order", "random"), "--slots-order must be one of source, sorted"),
        (("--config", "missing.toml"), "missing.toml: cannot read"),
    ],
)
def test_bad_option_values_are_usage_errors_naming_the_option(
    in_tmp: Path, args: tuple[str, ...], message: str
) -> None:
    project(in_tmp, {"mod.py": SLOTTABLE})
    ran = autoslot("check", *args, ".")
    assert ran.code == 2
    assert message in ran.stderr


# keys that are options of `fix` only: verification happens when writing
FIX_ONLY = {"import-check", "import-timeout", "verify", "verify-timeout"}
# keys whose options belong to features not built yet
NOT_OPTIONS_YET: set[str] = set()


def test_every_configuration_key_is_an_option_of_fix_check_and_report() -> None:
    exposed = {
        n.replace("_", "-") for n in CONFIG_OPTIONS if n not in NOT_KEYS | DEPRECATED
    }
    assert exposed == set(KEYS) - FIX_ONLY - NOT_OPTIONS_YET
    for command in ("fix", "check", "report"):
        help_text = autoslot(command, "--help").stdout
        for key in exposed:
            assert f"--{key}" in help_text, (command, key)
        for option in ("--config", "--isolated", "--show-settings"):
            assert option in help_text
    fix_help = autoslot("fix", "--help").stdout
    for key in FIX_ONLY:
        assert f"--{key}" in fix_help, key


@pytest.mark.parametrize(
    ("config", "args"),
    [('analyse = ["../scripts"]\n', ()), ("", ("--analyse", "../scripts"))],
)
def test_analyse_reads_code_outside_the_project(
    in_tmp: Path, config: str, args: tuple[str, ...]
) -> None:
    # a script outside the project combines both classes: only one may get slots
    project(
        in_tmp / "app",
        {
            "shapes.py": """\
                class Named:
                    def __init__(self):
                        self.name = "n"


                class Sized:
                    def __init__(self):
                        self.size = 1
                """
        },
        config,
    )
    write(
        in_tmp,
        {
            "scripts/both.py": "from shapes import Named, Sized\n\n\nclass Both(Named, Sized):\n    pass\n"
        },
    )
    blind = autoslot("check", "--isolated", "app")
    assert "2 classes would be slotted" in blind.stderr
    ran = autoslot("check", "-v", *args, "app")
    assert "AS103 Sized left alone" in ran.stderr, ran.stderr
