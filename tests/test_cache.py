"""The summary cache in .autoslot_cache/ and the process pool (--jobs)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from autoslot.pipeline.verdicts import FILE_NAME as VERDICTS
from autoslot.pipeline.verdicts import REWRITTEN_FILE_NAME as DIFF_VERDICTS
from autoslot.summary.batch import POOL_THRESHOLD
from autoslot.summary.cache import REWRITES_FILE_NAME as REWRITES
from autoslot.summary.cache import SHARDS, shard_file, shard_of
from tests.helpers import SLOTTABLE, autoslot, project

CACHE = Path(".autoslot_cache")


def classes(root: Path, *args: str) -> tuple[int, list[dict[str, object]]]:
    ran = autoslot("check", "--output-format", "json", *args, str(root))
    return ran.code, json.loads(ran.stdout)["classes"]


@pytest.fixture
def two_modules(tmp_path: Path) -> Path:
    return project(
        tmp_path,
        {
            "pkg/__init__.py": "",
            "pkg/shapes.py": SLOTTABLE,
            "pkg/use.py": "from pkg.shapes import Point\n\nclass Base:\n    pass\n",
        },
    )


def test_warm_run_gives_the_cold_result(two_modules: Path) -> None:
    cold = classes(two_modules)
    assert all((two_modules / CACHE / shard_file(i)).is_file() for i in range(SHARDS))
    warm = classes(two_modules)
    assert warm == cold
    assert cold == classes(two_modules, "--no-cache")


def test_changed_file_is_summarised_again(two_modules: Path) -> None:
    _, before = classes(two_modules)
    assert "pkg.use.Other" not in {c["name"] for c in before}
    use = two_modules / "pkg" / "use.py"
    use.write_text(
        use.read_text() + "\nclass Other:\n    def f(self):\n        self.a = 1\n"
    )
    _, after = classes(two_modules)
    assert "pkg.use.Other" in {c["name"] for c in after}


def test_decision_changes_when_only_another_file_changes(two_modules: Path) -> None:
    _, before = classes(two_modules)
    point = next(c for c in before if c["name"] == "pkg.shapes.Point")
    assert point["action"] == "slot"
    use = two_modules / "pkg" / "use.py"
    use.write_text(use.read_text() + "\ndef f(p: Point):\n    p.z = 3\n")
    code, after = classes(two_modules)
    point = next(c for c in after if c["name"] == "pkg.shapes.Point")
    assert point["slots"] == ["x", "y", "z", "__weakref__"]
    assert (code, after) == classes(two_modules, "--no-cache")


def shards(root: Path) -> list[Path]:
    return [root / CACHE / shard_file(i) for i in range(SHARDS)]


@pytest.mark.parametrize("garbage", [b"", b"not a pickle", b"\x80\x05\x95\xff"])
def test_corrupt_cache_is_ignored(two_modules: Path, garbage: bytes) -> None:
    cold = classes(two_modules)
    (two_modules / CACHE / VERDICTS).unlink()  # so that the summaries are read
    for shard in shards(two_modules):
        shard.write_bytes(garbage)
    assert classes(two_modules) == cold
    assert all(shard.read_bytes() != garbage for shard in shards(two_modules))


def test_truncated_cache_is_ignored(two_modules: Path) -> None:
    cold = classes(two_modules)
    (two_modules / CACHE / VERDICTS).unlink()  # so that the summaries are read
    for shard in shards(two_modules):
        data = shard.read_bytes()
        shard.write_bytes(data[: len(data) // 2])
    assert classes(two_modules) == cold


def test_an_edit_rewrites_only_the_shard_of_the_edited_file(
    many_modules: Path,
) -> None:
    classes(many_modules)
    before = {shard: shard.stat().st_mtime_ns for shard in shards(many_modules)}
    edited = many_modules / "pkg" / "m07.py"
    # a new function: a comment alone would patch the last result and
    # write no summary (pipeline/patched.py)
    edited.write_text(edited.read_text() + "\n\ndef added():\n    return 1\n")
    classes(many_modules)
    rewritten = [s for s in before if s.stat().st_mtime_ns != before[s]]
    assert rewritten == [many_modules / CACHE / shard_file(shard_of(str(edited)))]


@pytest.mark.parametrize("garbage", [b"", b"junk", b"\x80\x05\x95\xff"])
def test_corrupt_rewrite_cache_is_ignored(two_modules: Path, garbage: bytes) -> None:
    cold = autoslot("check", "--diff", str(two_modules))
    rewrites = two_modules / CACHE / REWRITES
    assert rewrites.is_file()
    (two_modules / CACHE / DIFF_VERDICTS).unlink()  # so that the rewrite is asked for
    rewrites.write_bytes(garbage)
    again = autoslot("check", "--diff", str(two_modules))
    assert (again.code, again.stdout) == (cold.code, cold.stdout)
    assert rewrites.read_bytes() != garbage  # rewritten by the run


def test_unchanged_project_reuses_the_last_result(two_modules: Path) -> None:
    cold = classes(two_modules)
    verdicts = two_modules / CACHE / VERDICTS
    stamp = verdicts.stat().st_mtime_ns
    assert classes(two_modules) == cold
    assert verdicts.stat().st_mtime_ns == stamp  # read, not rewritten


def test_the_reused_result_gives_the_same_diff(two_modules: Path) -> None:
    # the stored result leaves out each file's old content, which the run
    # has just read: the diff must still come out whole
    cold = autoslot("check", "--diff", str(two_modules))
    verdicts = two_modules / CACHE / DIFF_VERDICTS
    stamp = verdicts.stat().st_mtime_ns
    warm = autoslot("check", "--diff", str(two_modules))
    assert verdicts.stat().st_mtime_ns == stamp  # the stored result was used
    assert "+    __slots__" in cold.stdout
    assert (warm.code, warm.stdout) == (cold.code, cold.stdout)
    uncached = autoslot("check", "--diff", "--no-cache", str(two_modules))
    assert warm.stdout == uncached.stdout


def test_a_setting_is_part_of_what_the_last_result_is_for(two_modules: Path) -> None:
    _, default = classes(two_modules)
    _, never = classes(two_modules, "--weakref", "never")
    point = next(c for c in never if c["name"] == "pkg.shapes.Point")
    assert "__weakref__" not in point["slots"]
    assert never != default
    assert classes(two_modules)[1] == default


@pytest.mark.parametrize("garbage", [b"", b"junk", b"\x80\x05\x95\xff"])
def test_corrupt_last_result_is_ignored(two_modules: Path, garbage: bytes) -> None:
    cold = classes(two_modules)
    (two_modules / CACHE / VERDICTS).write_bytes(garbage)
    assert classes(two_modules) == cold


def test_no_cache_writes_no_cache_directory(two_modules: Path) -> None:
    classes(two_modules, "--no-cache")
    assert not (two_modules / CACHE).exists()


def test_cache_false_in_configuration_writes_no_cache_directory(
    tmp_path: Path,
) -> None:
    project(tmp_path, {"mod.py": SLOTTABLE}, "cache = false\n")
    classes(tmp_path)
    assert not (tmp_path / CACHE).exists()


def test_cache_directory_is_tagged_and_ignored_by_git(two_modules: Path) -> None:
    classes(two_modules)
    tag = (two_modules / CACHE / "CACHEDIR.TAG").read_text()
    assert tag.startswith("Signature: 8a477f597d28d172789f06886806bc55")
    assert (two_modules / CACHE / ".gitignore").read_text().endswith("*\n")


@pytest.fixture
def many_modules(tmp_path: Path) -> Path:
    files = {"pkg/__init__.py": ""}
    for i in range(POOL_THRESHOLD + 10):
        files[f"pkg/m{i:02}.py"] = (
            f"from pkg.m{(i + 1) % 7:02} import *\n\n"
            f"class C{i}:\n    def __init__(self):\n        self.v{i} = {i}\n\n"
            f"class D{i}(C{i}):\n    def go(self):\n        self.w = 1\n"
        )
    return project(tmp_path, files)


def test_jobs_do_not_change_the_output(many_modules: Path) -> None:
    one = autoslot("check", "--no-cache", "--jobs", "1", "--diff", str(many_modules))
    two = autoslot("check", "--no-cache", "--jobs", "2", "--diff", str(many_modules))
    assert one.code == two.code == 1
    assert one.stdout == two.stdout
    assert classes(many_modules, "--no-cache", "--jobs", "1") == classes(
        many_modules, "--no-cache", "--jobs", "2"
    )


HEAVY_MODULES = """\
import sys
from autoslot.__main__ import main
sys.argv = ["autoslot", *sys.argv[1:]]
try:
    main()
except SystemExit as exit:
    print("EXIT", exit.code, file=sys.stderr)
heavy = sorted(m for m in sys.modules if m.split(".")[0] == "libcst" or m == "rich.syntax")
print("HEAVY", heavy, file=sys.stderr)
"""


@pytest.mark.parametrize(
    ("args", "warm"),
    [
        (("--version",), False),
        (("--help",), False),
        (("check", "--help"), False),
        (("check", "--diff", "."), True),
        # a check with no diff to show foresees what fix does without libcst,
        # even cold, even with a class to slot
        (("check", "--no-cache", "."), False),
        (("check", "--output-format", "json", "."), False),
        (("check", "--output-format", "github", "."), False),
    ],
)
def test_light_commands_import_neither_libcst_nor_rich_syntax(
    two_modules: Path, args: tuple[str, ...], warm: bool
) -> None:
    """--version, --help, a warm check --diff and any plain check."""
    if warm:  # the same command once, in process: the caches are warm
        assert autoslot(*args[:-1], str(two_modules)).code == 1
    ran = subprocess.run(
        [sys.executable, "-c", HEAVY_MODULES, *args],
        capture_output=True,
        text=True,
        check=False,
        cwd=two_modules,
    )
    assert "HEAVY []" in ran.stderr, ran.stderr
    # a check finds the class to slot, so it did the whole work
    if args[0] == "check" and "--help" not in args:
        assert "EXIT 1" in ran.stderr, ran.stderr


def test_a_plain_checks_result_never_answers_a_diff(two_modules: Path) -> None:
    """A plain check keeps no rewritten text; a check --diff must not reuse it."""
    assert autoslot("check", str(two_modules)).code == 1
    assert autoslot("check", str(two_modules)).code == 1  # from the verdicts
    diff = autoslot("check", "--diff", str(two_modules))
    assert diff.code == 1
    assert '+    __slots__ = ("x", "y"' in diff.stdout


def test_a_plain_check_and_a_diff_each_keep_their_last_result(
    two_modules: Path,
) -> None:
    # alternating them (the pre-commit hook runs --diff) reuses both results
    plain = autoslot("check", str(two_modules))
    diff = autoslot("check", "--diff", str(two_modules))
    stored = [two_modules / CACHE / name for name in (VERDICTS, DIFF_VERDICTS)]
    stamps = [path.stat().st_mtime_ns for path in stored]
    assert autoslot("check", str(two_modules)) == plain
    assert autoslot("check", "--diff", str(two_modules)) == diff
    assert [path.stat().st_mtime_ns for path in stored] == stamps
