"""The registry of reason codes is the only source of codes: every code
emitted is registered, each registered example reports its code through the
real pipeline, and no code stands for two different reasons."""

from __future__ import annotations

import ast
import importlib
import json
import pkgutil
import re
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

import pytest

import autoslot
from autoslot.codes import (
    CODES,
    codes_findings,
    codes_left_alone,
    codes_project,
    codes_run,
)
from autoslot.codes.reason_code import Code
from autoslot.decide.outside import CODES_GIVEN
from autoslot.decide.rules import RULES
from tests.helpers import autoslot as run_autoslot

PACKAGE = Path(autoslot.__file__).parent
REGISTRY_MODULES = (codes_findings, codes_left_alone, codes_project, codes_run)
REGISTRY = {Path(m.__file__).name for m in REGISTRY_MODULES}
SPELLED_CODE = re.compile(r"AS\d{3}")
BY_NAME = {
    (module.__name__, name): value
    for module in REGISTRY_MODULES
    for name, value in vars(module).items()
    if isinstance(value, Code)
}
# The reasons a class's own methods show (the summary) and the whole
# project's uses show (the value flow) are the same for these codes: one
# construct, seen in the class or from outside it. `wraps` stores __doc__
# and __name__ on its target, names every class has (AS101).
SEEN_IN_THE_CLASS_AND_FROM_OUTSIDE = {
    "AS101": {"decide/safety.py", "decide/outside.py"},
    "AS104": {"decide/safety.py", "decide/outside.py"},
    "AS105": {"decide/safety.py", "decide/outside.py"},
    "AS107": {"decide/safety.py", "decide/outside.py"},
    "AS108": {"decide/safety.py", "decide/outside.py"},
}


def _sources() -> dict[str, ast.Module]:
    return {
        path.relative_to(PACKAGE).as_posix(): ast.parse(path.read_text("utf-8"))
        for path in sorted(PACKAGE.rglob("*.py"))
    }


def _code_names(tree: ast.Module) -> dict[str, Code]:
    """The names a module binds to registered codes by importing them."""
    names: dict[str, Code] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            for alias in node.names:
                code = BY_NAME.get((node.module, alias.name))
                if code is not None:
                    names[alias.asname or alias.name] = code
    return names


def _is_comparison(node: ast.AST) -> bool:
    """`decision.code == X.code`, `decision.left_alone_for(X)`: a rule
    looking at another rule's decision, which emits nothing."""
    return isinstance(node, ast.Compare) or (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "left_alone_for"
    )


def _emitted(tree: ast.AST, names: dict[str, Code]) -> set[Code]:
    """The codes `tree` emits: every reference to one (`names`), but in
    comparisons and imports."""
    compared = {
        id(inner)
        for node in ast.walk(tree)
        if _is_comparison(node)
        for inner in ast.walk(node)
    }
    return {
        names[node.id]
        for node in ast.walk(tree)
        if isinstance(node, ast.Name) and node.id in names and id(node) not in compared
    }


def _outside_the_registry() -> Iterator[tuple[str, ast.AST]]:
    """Every node of the package's modules but the registry's, with its path."""
    for path, tree in _sources().items():
        if Path(path).name not in REGISTRY:
            for node in ast.walk(tree):
                yield path, node


def test_no_code_is_spelled_outside_the_registry() -> None:
    spelled = [
        f"{path}:{node.lineno}: {node.value!r}"
        for path, node in _outside_the_registry()
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and SPELLED_CODE.fullmatch(node.value)
    ]
    assert spelled == []


def test_every_code_object_is_registered_once() -> None:
    made = [
        f"{path}:{node.lineno}"
        for path, node in _outside_the_registry()
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id == "Code"
    ]
    assert made == [], "codes are made only in the registry modules"
    for info in pkgutil.walk_packages(autoslot.__path__, "autoslot."):
        if info.name.endswith("__main__"):
            continue
        module = importlib.import_module(info.name)
        for name, value in vars(module).items():
            if isinstance(value, Code):
                assert any(value is c for c in CODES), f"{info.name}.{name}"
    names = [c.code for c in CODES]
    assert len(names) == len(set(names))


def test_the_summary_records_facts_not_codes() -> None:
    """The summary says what a method does; which code that is, is decide's."""
    reaching_decide = [
        f"{path}:{node.lineno}"
        for path, tree in _sources().items()
        if path.startswith("summary/")
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom)
        and (node.module or "").startswith("autoslot.decide")
    ]
    assert reaching_decide == []


def test_no_code_is_emitted_for_two_reasons() -> None:
    """A code's reason lives with one rule family: a code emitted from a
    second module is a second reason, unless it is the same construct seen
    from both sides (SEEN_IN_THE_CLASS_AND_FROM_OUTSIDE)."""
    emitters: dict[str, set[str]] = defaultdict(set)
    for path, tree in _sources().items():
        # the rule list declares codes; the registry defines them
        if path == "decide/rules.py" or Path(path).name in REGISTRY:
            continue
        for code in _emitted(tree, _code_names(tree)):
            emitters[code.code].add(path)
    for name, modules in sorted(emitters.items()):
        expected = SEEN_IN_THE_CLASS_AND_FROM_OUTSIDE.get(name)
        if expected is not None:
            assert modules == expected, name
        else:
            assert len(modules) == 1, f"{name} is emitted by {sorted(modules)}"


def test_every_code_is_emitted_somewhere_or_says_why_not() -> None:
    emitted: set[str] = set()
    for tree in _sources().values():
        # rules.py and the registry name codes as attributes of their
        # modules, which _emitted does not count: declarations are not emissions
        emitted.update(c.code for c in _emitted(tree, _code_names(tree)))
    silent = {c.code for c in CODES if c.code not in emitted}
    assert silent == {"AS115"}
    assert "no longer emitted" in codes_left_alone.STORES_IN_NEW.no_example_because


def test_the_rules_run_phase_by_phase() -> None:
    phases = [rule.phase.value for rule in RULES]
    assert phases == sorted(phases)
    # every code a rule's check names is one the rule declares
    for rule in RULES:
        module = Path(rule.check.__code__.co_filename)
        tree = ast.parse(module.read_text("utf-8"))
        function = next(
            node
            for node in tree.body
            if isinstance(node, ast.FunctionDef) and node.name == rule.check.__name__
        )
        used = {c.code for c in _emitted(function, _code_names(tree))}
        assert used <= {c.code for c in rule.codes}, rule.check.__name__


def test_the_outside_analysis_declares_the_codes_it_gives() -> None:
    tree = _sources()["decide/outside.py"]
    assert _emitted(tree, _code_names(tree)) == set(CODES_GIVEN)


def _reported(root: Path, flags: tuple[str, ...]) -> set[str]:
    done = run_autoslot(
        "check", "--no-cache", "--output-format", "json", *flags, str(root)
    )
    report = json.loads(done.stdout)
    found = {c["code"] for c in report["classes"] if c["code"]}
    found.update(f["code"] for c in report["classes"] for f in c["findings"])
    found.update(s["code"] for s in report["stores"])
    return found


TRIGGERED = [c for c in CODES if not c.no_example_because]


@pytest.mark.parametrize("code", TRIGGERED, ids=[c.code for c in TRIGGERED])
def test_the_example_of_a_code_reports_exactly_it(code: Code, tmp_path: Path) -> None:
    (tmp_path / "example.py").write_text(code.example + "\n", encoding="utf-8")
    reported = _reported(tmp_path, code.example_flags)
    assert reported == {code.code, *code.example_also}


def test_the_codes_no_one_file_example_reports() -> None:
    # AS120 and AS122 come from `fix` checking its own rewrite, AS121 from a
    # partial target, AS128 from a refusal the plan did not foresee, AS115 is retired
    untriggered = {c.code for c in CODES if c.no_example_because}
    assert untriggered == {"AS115", "AS120", "AS121", "AS122", "AS128"}
