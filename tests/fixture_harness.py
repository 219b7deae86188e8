"""Run fixture cases: rewrite, compare, and prove the rewrite changed no behaviour.

A case is a file in fixtures/ (black's format):

    # flags: --target-version 3.11        optional first line
    <input>
    # output                              optional; without it the input must come back unchanged
    <expected output>
    # check                               optional; run against input and output, same stdout
    <code; the module's names are in scope>

or a directory with `before/`, optional `after/`, optional `check.py`, optional
`flags` file. A class line may say `# expect: AS101`: the class must be left
alone (or carry a finding) with that code; every class left alone must say so.

Besides the expected text, each case must: compile, import in a fresh
interpreter with every slotted class free of an instance `__dict__`, change
nothing on a second run, and print the same under its check before and after.
This module runs under any Python >= 3.10 with autoslot importable, so the
suite can be replayed on each installed interpreter.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
EXPECT = re.compile(r"#\s*expect:\s*(AS\d{3}(?:\s*,\s*AS\d{3})*)")
SINGLE_MODULE = "case"
CHECK_TIMEOUT = 60


@dataclass(frozen=True)
class Case:
    id: str
    flags: tuple[str, ...]
    before: dict[str, bytes]
    after: dict[str, bytes]
    check: str | None
    single: bool
    # paths (relative) to give autoslot instead of the whole project
    targets: tuple[str, ...] = ()


@dataclass
class Outcome:
    case: str
    failures: list[str] = field(default_factory=list)
    # why the case does not apply to this interpreter (its target is newer)
    not_applicable: str = ""

    def fail(self, message: str) -> None:
        self.failures.append(message)


def _split_single(
    raw: bytes,
) -> tuple[tuple[str, ...], bytes, bytes | None, str | None]:
    flags: tuple[str, ...] = ()
    lines = raw.splitlines(keepends=True)
    if lines and lines[0].startswith(b"# flags:"):
        flags = tuple(shlex.split(lines[0][len(b"# flags:") :].decode()))
        lines = lines[1:]
    sections: dict[str, list[bytes]] = {"input": [], "output": [], "check": []}
    current = "input"
    seen: set[str] = set()
    for line in lines:
        marker = line.rstrip(b"\r\n")
        if marker in (b"# output", b"# check") and marker[2:].decode() not in seen:
            current = marker[2:].decode()
            seen.add(current)
            continue
        sections[current].append(line)
    output = b"".join(sections["output"]) if "output" in seen else None
    check = b"".join(sections["check"]).decode() if "check" in seen else None
    return flags, b"".join(sections["input"]), output, check


def _tree(root: Path) -> dict[str, bytes]:
    """The project's files; autoslot's own cache directory is not one of them."""
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and p.relative_to(root).parts[0] != ".autoslot_cache"
    }


def load_cases(root: Path = FIXTURES) -> list[Case]:
    cases: list[Case] = []
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root).as_posix()
        if (
            path.is_file()
            and path.suffix == ".py"
            and not any(p in ("before", "after") for p in path.parts)
        ):
            if (path.parent / "before").is_dir():
                continue
            flags, source, output, check = _split_single(path.read_bytes())
            name = f"{SINGLE_MODULE}.py"
            after = {name: output if output is not None else source}
            cases.append(Case(relative, flags, {name: source}, after, check, True))
        elif path.is_dir() and (path / "before").is_dir():
            before = _tree(path / "before")
            after = _tree(path / "after") if (path / "after").is_dir() else dict(before)
            flags_file = path / "flags"
            flags = (
                tuple(shlex.split(flags_file.read_text()))
                if flags_file.is_file()
                else ()
            )
            check_file = path / "check.py"
            check = check_file.read_text() if check_file.is_file() else None
            targets_file = path / "targets"
            targets = (
                tuple(targets_file.read_text().split())
                if targets_file.is_file()
                else ()
            )
            cases.append(
                Case(relative + "/", flags, before, after, check, False, targets)
            )
    return cases


def _write(root: Path, files: dict[str, bytes]) -> None:
    for name, data in files.items():
        target = root / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)


def _module_name(relative: str) -> str:
    parts = relative.removeprefix("src/").removesuffix(".py").split("/")
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _run_autoslot(args: list[str]) -> tuple[int, str, str]:
    from typer.testing import CliRunner

    from autoslot.cli.app import app

    result = CliRunner().invoke(app, args, catch_exceptions=False)
    stderr = result.stderr if result.stderr_bytes is not None else ""
    return result.exit_code, result.stdout, stderr


def _python(code: str, cwd: Path, python: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    # a src/ layout imports from src/, like an installed project would
    env["PYTHONPATH"] = os.pathsep.join(
        str(p) for p in (cwd / "src", cwd) if p.is_dir()
    )
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    env["PYTHONHASHSEED"] = "0"
    return subprocess.run(  # noqa: PLW1510 - the return code is inspected
        [python, "-c", code],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=CHECK_TIMEOUT,
    )


PROBE = r"""
import importlib, json, sys
modules, classes, report = json.loads(sys.argv.pop(1))
problems = []
for name in modules:
    try:
        importlib.import_module(name)
    except Exception as error:
        problems.append(f"importing {name} failed: {type(error).__name__}: {error}")
for module_name, qualname in classes:
    try:
        target = importlib.import_module(module_name)
    except Exception:
        continue
    for part in qualname.split("."):
        target = getattr(target, part, None)
    if target is None:
        problems.append(f"{module_name}.{qualname} not found after import")
    elif any("__dict__" in vars(k) for k in target.__mro__):
        problems.append(f"{module_name}.{qualname} instances still have a __dict__")
with open(report, "w") as handle:
    json.dump(problems, handle)
sys.stdout.flush()
"""


@dataclass(frozen=True)
class TreeRun:
    """One interpreter on one tree: the import probe, then the case's check."""

    problems: list[str]
    # the check's exit code and output (whatever the imports printed included)
    returncode: int
    stdout: str
    stderr: str


def _run_tree(
    root: Path,
    modules: list[str],
    classes: list[tuple[str, str]],
    check: str | None,
    python: str,
) -> TreeRun:
    """The probe and the check in one fresh interpreter: one start-up, not two.

    The probe imports every module (as the check's own imports would) and
    writes its findings to a file, so the check's stdout is only the check's
    (and the modules') output, compared before and after the rewrite.
    """
    with tempfile.TemporaryDirectory(prefix="autoslot-probe-") as scratch:
        report = Path(scratch) / "probe.json"
        spec = json.dumps([modules, classes, str(report)])
        program = f"import sys; sys.argv[1:1] = [{json.dumps(spec)}]\n" + PROBE
        if check is not None:
            program += f"\nexec(compile({check!r}, '<check>', 'exec'), {{'__name__': '__main__'}})\n"
        done = _python(program, root, python)
        if not report.is_file():
            return TreeRun(
                [f"probe crashed: {done.stderr.strip()[-2000:]}"],
                done.returncode,
                done.stdout,
                done.stderr,
            )
        problems = list(json.loads(report.read_text()))
    return TreeRun(problems, done.returncode, done.stdout, done.stderr)


def _check_program(case: Case) -> str:
    assert case.check is not None
    if case.single:
        return f"from {SINGLE_MODULE} import *\n{case.check}"
    return case.check


def _compiles(data: bytes) -> bool:
    try:
        compile(data, "<fixture>", "exec", dont_inherit=True)
    except (SyntaxError, ValueError):
        return False
    return True


def expected_codes(case: Case) -> dict[tuple[str, int], set[str]]:
    found: dict[tuple[str, int], set[str]] = {}
    for name, data in case.before.items():
        # bytes split only where Python ends lines (str.splitlines also
        # splits at a form feed, and every later line would be off by one)
        for number, line in enumerate(data.splitlines(), start=1):
            match = EXPECT.search(line.decode("utf-8", "replace"))
            if match:
                found[(name, number)] = {c.strip() for c in match.group(1).split(",")}
    return found


def _target_version(flags: tuple[str, ...]) -> tuple[int, int] | None:
    from autoslot.config.settings import parse_target_version

    for position, flag in enumerate(flags):
        if flag.startswith("--target-version="):
            return parse_target_version(flag.split("=", 1)[1])
        if flag == "--target-version" and position + 1 < len(flags):
            return parse_target_version(flags[position + 1])
    return None


def _needs_import_check(case: Case) -> bool:
    """The cases about verification (fixtures/verify/) need `fix`'s own import check."""
    return case.id.startswith("verify/") or "--import-check" in case.flags


def run_case(case: Case, python: str = sys.executable) -> Outcome:
    outcome = Outcome(case.id)
    target = _target_version(case.flags)
    if target is not None and sys.version_info[:2] < target:
        outcome.not_applicable = f"the case targets Python {target[0]}.{target[1]}"
        return outcome
    with tempfile.TemporaryDirectory(prefix="autoslot-case-") as scratch:
        work = Path(scratch).resolve() / "project"
        pristine = Path(scratch).resolve() / "pristine"
        for root in (work, pristine):
            root.mkdir()
            _write(root, case.before)
            if "pyproject.toml" not in case.before:
                (root / "pyproject.toml").write_text(
                    '[project]\nname = "case"\nversion = "0"\n'
                )
        given = [str(work / t) for t in case.targets] or [str(work)]
        # the import check runs on the interpreter the case is checked with;
        # elsewhere the probe below imports the output itself, so the check
        # would only start the same interpreter twice more per case
        fix = ["fix", *given, "--output-format", "json", "--python", python]
        if not _needs_import_check(case):
            fix.append("--no-import-check")
        code, stdout, stderr = _run_autoslot([*fix, *case.flags])
        all_compile = all(
            _compiles(d) for n, d in case.before.items() if n.endswith(".py")
        )
        wanted_exit = 0 if all_compile else 123
        if code != wanted_exit:
            outcome.fail(
                f"fix exited {code}, expected {wanted_exit}: {stderr.strip()[-3000:]}"
            )
            return outcome
        report = json.loads(stdout)
        produced = {
            k: v
            for k, v in _tree(work).items()
            if k != "pyproject.toml" or k in case.before
        }
        for name, expected in case.after.items():
            got = produced.get(name)
            if got != expected:
                outcome.fail(
                    f"{name} differs from the expected output:\n{_show_diff(name, expected, got)}"
                )
        _check_expectations(case, report, outcome, work)
        if outcome.failures:
            return outcome
        for name, data in produced.items():
            if (
                name.endswith(".py")
                and _compiles(case.before.get(name, data))
                and not _compiles(data)
            ):
                outcome.fail(f"{name} no longer compiles")
        again_code, again_out, again_err = _run_autoslot([*fix, *case.flags])
        second = json.loads(again_out) if again_out.strip() else {}
        if again_code != wanted_exit or second.get("summary", {}).get("files_changed"):
            outcome.fail(
                f"a second run changed something (exit {again_code}): {again_err.strip()[-2000:]}"
            )
        if {k: v for k, v in _tree(work).items() if k in produced} != produced:
            outcome.fail("the second run rewrote files")
        if not all_compile:
            return outcome
        modules = [_module_name(n) for n in case.after if n.endswith(".py")]
        slotted = [
            (_module_name(_relative(c["file"], work)), c["class"])
            for c in report["classes"]
            if c["action"] in ("slot", "extend", "dataclass", "attrs")
            and not c["mixin"]
            and "<locals>" not in c["class"]
        ]
        program = _check_program(case) if case.check is not None else None
        before_run = _run_tree(pristine, modules, [], program, python)
        after_run = _run_tree(work, modules, slotted, program, python)
        if not before_run.problems:
            outcome.failures.extend(after_run.problems)
        if program is not None:
            if before_run.returncode != 0:
                outcome.fail(
                    f"the check fails on the input:\n{before_run.stderr[-3000:]}"
                )
            elif (after_run.returncode, after_run.stdout) != (
                before_run.returncode,
                before_run.stdout,
            ):
                outcome.fail(
                    "the check printed something else after the rewrite:\n"
                    f"--- before (exit {before_run.returncode})\n{before_run.stdout}"
                    f"--- after (exit {after_run.returncode})\n{after_run.stdout}{after_run.stderr[-3000:]}"
                )
    return outcome


def _relative(shown: str, root: Path) -> str:
    return Path(shown).resolve().relative_to(root.resolve()).as_posix()


def _check_expectations(
    case: Case, report: dict[str, object], outcome: Outcome, work: Path
) -> None:
    """Every code the run reports must be expected, and every expectation met.

    A class's codes (its reason when left alone, its findings) are expected
    on its `class` line; a finding outside classes (AS114) on its own line.
    """
    wanted = expected_codes(case)
    classes = report["classes"]
    stores = report["stores"]
    assert isinstance(classes, list) and isinstance(stores, list)
    reported: dict[tuple[str, int], tuple[str, set[str]]] = {}
    for item in classes:
        codes = {f["code"] for f in item["findings"]}
        if item["action"] == "skip":
            codes.add(item["code"])
        key = (_relative(item["file"], work), item["line"])
        what = f"{item['class']} ({item['action']}{': ' + item['message'] if item['message'] else ''})"
        reported[key] = (what, codes)
    for item in stores:
        key = (_relative(item["file"], work), item["line"])
        what, codes = reported.get(key, (item["message"], set()))
        reported[key] = (what, codes | {item["code"]})
    for (name, line), (what, codes) in sorted(reported.items()):
        expected = wanted.pop((name, line), set())
        if codes != expected:
            outcome.fail(
                f"{name}:{line}: {what} reports {sorted(codes)}, the case expects {sorted(expected)}"
            )
    for (name, line), codes in sorted(wanted.items()):
        outcome.fail(
            f"{name}:{line}: expects {sorted(codes)} but nothing is reported on that line"
        )


def _show_diff(name: str, expected: bytes, got: bytes | None) -> str:
    import difflib

    if got is None:
        return "(file missing)"
    return (
        "".join(
            difflib.unified_diff(
                expected.decode("utf-8", "replace").splitlines(keepends=True),
                got.decode("utf-8", "replace").splitlines(keepends=True),
                fromfile=f"expected/{name}",
                tofile=f"got/{name}",
            )
        )
        or f"(same text, different bytes: {expected!r} vs {got!r})"
    )


def main() -> None:
    """Run every case here and print {case id: [failures]} as JSON (for other interpreters)."""
    results = {}
    for case in load_cases():
        outcome = run_case(case)
        results[case.id] = {
            "failures": outcome.failures,
            "not_applicable": outcome.not_applicable,
        }
    print(json.dumps(results))


if __name__ == "__main__":
    main()
