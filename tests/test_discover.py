"""Discovery: which files are rewritten (targets) and which the index reads."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from autoslot.config.project import find_project_root
from autoslot.config.settings import Settings
from autoslot.discover.walk import SKIPPED_DIRECTORIES, discover
from tests.helpers import autoslot, project, write


def names(paths: tuple[Path, ...], root: Path) -> list[str]:
    return [p.relative_to(root).as_posix() for p in paths]


def test_usual_directories_are_never_read(tmp_path: Path) -> None:
    root = project(tmp_path, {"pkg/mod.py": ""})
    for directory in SKIPPED_DIRECTORIES:
        write(root, {f"{directory}/inside.py": "", f"pkg/{directory}/inside.py": ""})
    found = discover([root], Settings())
    assert names(found.targets, root) == ["pkg/mod.py"]
    assert names(found.project_files, root) == ["pkg/mod.py"]


def test_virtualenvs_and_conda_environments_are_recognised_whatever_their_name(
    tmp_path: Path,
) -> None:
    root = project(
        tmp_path,
        {
            "mod.py": "",
            "my-env/pyvenv.cfg": "home = /usr/bin\n",
            "my-env/lib/site.py": "",
            "condaenv/conda-meta/history": "",
            "condaenv/lib/thing.py": "",
        },
    )
    found = discover([root], Settings())
    assert names(found.project_files, root) == ["mod.py"]


def test_gitignore_is_honoured_with_nested_files_and_negation(tmp_path: Path) -> None:
    root = project(
        tmp_path,
        {
            ".gitignore": "generated/\n*_pb2.py\n",
            "pkg/.gitignore": "!keep_pb2.py\nlocal.py\n",
            "generated/code.py": "",
            "pkg/api_pb2.py": "",
            "pkg/keep_pb2.py": "",
            "pkg/local.py": "",
            "pkg/mod.py": "",
            "other/local.py": "",
        },
    )
    (root / ".git").mkdir()
    found = discover([root], Settings())
    expected = ["other/local.py", "pkg/keep_pb2.py", "pkg/mod.py"]
    assert names(found.targets, root) == expected
    assert names(found.project_files, root) == expected
    everything = discover([root], Settings(respect_gitignore=False))
    assert "generated/code.py" in names(everything.targets, root)
    assert "pkg/api_pb2.py" in names(everything.targets, root)


def test_gitignore_paths_are_relative_to_the_directory_of_their_file(
    tmp_path: Path,
) -> None:
    # `/x.py` and `a/b/` anchor at the .gitignore's own directory, also when
    # that file sits in a subdirectory and the path is several levels down
    root = project(
        tmp_path,
        {
            ".gitignore": "/top_only.py\nsrc/pkg/gen/\n",
            "src/.gitignore": "/pkg/deep/skip.py\n",
            "top_only.py": "",
            "src/top_only.py": "",
            "src/pkg/gen/made.py": "",
            "src/pkg/deep/skip.py": "",
            "src/pkg/deep/keep.py": "",
            "src/pkg/skip.py": "",
        },
    )
    (root / ".git").mkdir()
    found = discover([root / "src"], Settings())
    expected = [
        "src/pkg/deep/keep.py",
        "src/pkg/skip.py",
        "src/top_only.py",
    ]
    assert names(found.targets, root) == expected
    assert names(found.project_files, root) == expected


def test_gitignore_above_the_project_root_counts_up_to_the_repository_top(
    tmp_path: Path,
) -> None:
    write(tmp_path, {".gitignore": "scratch.py\n"})
    (tmp_path / ".git").mkdir()
    root = project(tmp_path / "service", {"scratch.py": "", "app.py": ""})
    found = discover([root], Settings())
    assert names(found.targets, root) == ["app.py"]


def test_exclusions_limit_rewriting_but_the_index_still_reads_the_files(
    tmp_path: Path,
) -> None:
    root = project(
        tmp_path,
        {"pkg/mod.py": "", "legacy/old.py": "", "pkg/gen/made.py": ""},
    )
    settings = Settings(exclude=("legacy/",), extend_exclude=("gen/",))
    found = discover([root], settings)
    assert names(found.targets, root) == ["pkg/mod.py"]
    assert names(found.project_files, root) == [
        "legacy/old.py",
        "pkg/gen/made.py",
        "pkg/mod.py",
    ]


def test_include_chooses_the_files_a_directory_walk_rewrites(tmp_path: Path) -> None:
    root = project(
        tmp_path, {"src/pkg/mod.py": "", "tests/test_mod.py": "", "tools/run.pyw": ""}
    )
    found = discover([root], Settings(include=("src/**/*.py", "*.pyw")))
    assert names(found.targets, root) == ["src/pkg/mod.py", "tools/run.pyw"]
    # the tests are still read: their stores and patches matter
    assert "tests/test_mod.py" in names(found.project_files, root)


@pytest.mark.parametrize(
    ("named", "config"),
    [
        ("legacy/old.py", {"exclude": ("legacy/",)}),
        ("pkg/old.py", {"extend_exclude": ("old.py",)}),
        ("pkg/ignored.py", {}),
        ("venv/lib/mod.py", {}),
    ],
)
def test_force_exclude_applies_exclusions_to_files_named_explicitly(
    tmp_path: Path, named: str, config: dict[str, tuple[str, ...]]
) -> None:
    root = project(tmp_path, {named: "", ".gitignore": "ignored.py\n"})
    (root / ".git").mkdir()
    settings = replace(Settings(), **config)  # type: ignore[arg-type]
    given = [root / named]
    assert names(discover(given, settings).targets, root) == [named]
    forced = replace(settings, force_exclude=True)
    assert discover(given, forced).targets == ()


def test_a_named_directory_called_like_a_skipped_one_is_still_the_root(
    tmp_path: Path,
) -> None:
    root = project(tmp_path / "build", {"mod.py": ""})
    found = discover([root / "mod.py"], Settings(force_exclude=True))
    assert names(found.targets, root) == ["mod.py"]


def test_analyse_adds_files_to_the_index_only(tmp_path: Path) -> None:
    root = project(tmp_path / "app", {"mod.py": ""})
    write(tmp_path, {"shared/tests/test_x.py": ""})
    found = discover([root], Settings(extra_analysis_paths=("../shared",)))
    assert names(found.targets, root) == ["mod.py"]
    assert tmp_path / "shared/tests/test_x.py" in found.project_files


def test_project_root_is_the_nearest_autoslot_table_else_the_repository(
    tmp_path: Path,
) -> None:
    (tmp_path / ".git").mkdir()
    write(
        tmp_path,
        {
            "pyproject.toml": "[tool.autoslot]\n",
            "lib/pyproject.toml": "[project]\nname = 'lib'\n",
            "lib/src/mod.py": "",
            "svc/pyproject.toml": "[tool.autoslot]\nline-length = 100\n",
            "svc/app.py": "",
        },
    )
    # a pyproject.toml without the table does not stop the search
    assert find_project_root(tmp_path / "lib/src/mod.py").path == tmp_path
    svc = find_project_root(tmp_path / "svc/app.py")
    assert (svc.path, svc.config) == (tmp_path / "svc", tmp_path / "svc/pyproject.toml")


def test_project_root_without_configuration_is_the_repository_top(
    tmp_path: Path,
) -> None:
    write(tmp_path, {"pyproject.toml": "[tool.autoslot]\n"})
    repo = tmp_path / "repo"
    write(repo, {"pkg/mod.py": ""})
    (repo / ".git").mkdir()
    # the table above the repository belongs to another project
    found = find_project_root(repo / "pkg/mod.py")
    assert (found.path, found.config) == (repo, None)


def test_an_excluded_file_is_not_rewritten_but_the_index_still_sees_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Both(Named, Sized) in the excluded file forbids slotting both bases;
    # if the index skipped that file, importing it would fail after `fix`.
    root = project(
        tmp_path,
        {
            "pkg/__init__.py": "",
            "pkg/shapes.py": """\
                class Named:
                    def __init__(self):
                        self.name = "n"


                class Sized:
                    def __init__(self):
                        self.size = 1
                """,
            "pkg/legacy.py": """\
                from pkg.shapes import Named, Sized


                class Both(Named, Sized):
                    pass
                """,
        },
        config='exclude = ["pkg/legacy.py"]\n',
    )
    legacy = (root / "pkg/legacy.py").read_bytes()
    monkeypatch.chdir(root)
    ran = autoslot("fix", "-v", ".")
    assert ran.code == 0, ran.stderr
    assert "AS103 Sized left alone" in ran.stderr
    assert "__slots__" in (root / "pkg/shapes.py").read_text()
    assert (root / "pkg/legacy.py").read_bytes() == legacy
    imported = subprocess.run(
        [sys.executable, "-c", "import pkg.legacy; pkg.legacy.Both()"],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
    )
    assert imported.returncode == 0, imported.stderr
