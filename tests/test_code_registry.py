"""The registry of reason codes is the only source of codes: every code
emitted is registered, each registered example reports its code through the
real pipeline, and no code stands for two different reasons. Codes are
declared beside what gives them (a rule's in its family module, decide/;
the later stages' in codes/), and the rules are one ordered list."""

from __future__ import annotations

import ast
import functools
import importlib
import json
import pkgutil
import re
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

import autoslot
from autoslot.codes import codes_retired
from autoslot.codes.reason_code import Code
from autoslot.decide import rules
from autoslot.decide.registry import CODES
from autoslot.decide.rule import Phase, Revision, Rule
from autoslot.decide.used_outside import CODES_GIVEN
from tests.helpers import autoslot as run_autoslot

PACKAGE = Path(autoslot.__file__).parent
SPELLED_CODE = re.compile(r"AS\d{3}")
# module-level names that declare codes rather than give them: a rule
# family's list, the codes outside.py's analysis gives
DECLARATIONS = frozenset({"RULES", "CODES_GIVEN"})
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


@functools.cache
def _sources() -> dict[str, ast.Module]:
    """Each module's tree, parsed once (tests compare nodes by identity)."""
    return {
        path.relative_to(PACKAGE).as_posix(): ast.parse(path.read_text("utf-8"))
        for path in sorted(PACKAGE.rglob("*.py"))
    }


def _module_name(path: str) -> str:
    return "autoslot." + path.removesuffix(".py").replace("/", ".")


def _defined(tree: ast.Module) -> list[str]:
    """The names a module binds to a new code (`NAME = Code(...)`)."""
    return [
        target.id
        for node in tree.body
        if isinstance(node, ast.Assign)
        and isinstance(node.value, ast.Call)
        and isinstance(node.value.func, ast.Name)
        and node.value.func.id == "Code"
        for target in node.targets
        if isinstance(target, ast.Name)
    ]


def _by_name() -> dict[tuple[str, str], Code]:
    """Every code by (module, name) of the module that defines it."""
    found: dict[tuple[str, str], Code] = {}
    for path, tree in _sources().items():
        module = importlib.import_module(_module_name(path).removesuffix(".__init__"))
        for name in _defined(tree):
            found[module.__name__, name] = getattr(module, name)
    return found


BY_NAME = _by_name()


def _code_names(path: str, tree: ast.Module) -> dict[str, Code]:
    """The names a module binds to registered codes: those it defines and
    those it imports."""
    module = _module_name(path)
    names = {name: BY_NAME[module, name] for name in _defined(tree)}
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


def _targets(node: ast.Assign | ast.AnnAssign) -> set[str]:
    targets = [node.target] if isinstance(node, ast.AnnAssign) else node.targets
    return {t.id for t in targets if isinstance(t, ast.Name)}


def _declares(node: ast.AST) -> bool:
    """A code's definition (`NAME = Code(...)`) or a declaration of the
    codes a rule gives (DECLARATIONS): neither emits a code."""
    if not isinstance(node, ast.Assign | ast.AnnAssign):
        return False
    value = node.value
    if isinstance(value, ast.Call) and getattr(value.func, "id", "") == "Code":
        return True
    return bool(_targets(node) & DECLARATIONS)


def _emitted(tree: ast.AST, names: dict[str, Code]) -> set[Code]:
    """The codes `tree` emits: every reference to one (`names`), but in
    comparisons, imports, definitions and declarations."""
    silent = {
        id(inner)
        for node in ast.walk(tree)
        if _is_comparison(node) or _declares(node)
        for inner in ast.walk(node)
    }
    return {
        names[node.id]
        for node in ast.walk(tree)
        if isinstance(node, ast.Name) and node.id in names and id(node) not in silent
    }


def _code_calls() -> Iterator[tuple[str, ast.Call]]:
    for path, tree in _sources().items():
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "Code"
            ):
                yield path, node


def test_no_code_is_spelled_outside_a_definition() -> None:
    """A code is named by its object; only its definition spells it (and its
    `example_also`, which cannot refer to a later definition)."""
    inside = {id(n) for _, call in _code_calls() for n in ast.walk(call)}
    spelled = [
        f"{path}:{node.lineno}: {node.value!r}"
        for path, tree in _sources().items()
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and SPELLED_CODE.fullmatch(node.value)
        and id(node) not in inside
    ]
    assert spelled == []


def test_every_code_object_is_registered_once() -> None:
    defined = {
        f"{path}:{call.lineno}"
        for path, tree in _sources().items()
        for node in tree.body
        if isinstance(node, ast.Assign) and _declares(node)
        for call in [node.value]
        if isinstance(call, ast.Call)
    }
    made = [f"{path}:{call.lineno}" for path, call in _code_calls()]
    outside_a_definition = [m for m in made if m not in defined]
    assert outside_a_definition == [], "a code is made only as `NAME = Code(...)`"
    for path in {m.split(":")[0] for m in made}:
        assert path.startswith(("codes/", "decide/")), f"{path} defines a code"
    for info in pkgutil.walk_packages(autoslot.__path__, "autoslot."):
        if info.name.endswith("__main__"):
            continue
        module = importlib.import_module(info.name)
        for name, value in vars(module).items():
            if isinstance(value, Code):
                assert any(value is c for c in CODES), f"{info.name}.{name}"
    names = [c.code for c in CODES]
    assert len(names) == len(set(names))
    assert len(CODES) == len(made)


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
        for code in _emitted(tree, _code_names(path, tree)):
            emitters[code.code].add(path)
    for name, modules in sorted(emitters.items()):
        expected = SEEN_IN_THE_CLASS_AND_FROM_OUTSIDE.get(name)
        if expected is not None:
            assert modules == expected, name
        else:
            assert len(modules) == 1, f"{name} is emitted by {sorted(modules)}"


def test_every_code_is_emitted_somewhere_or_says_why_not() -> None:
    emitted: set[str] = set()
    for path, tree in _sources().items():
        emitted.update(c.code for c in _emitted(tree, _code_names(path, tree)))
    silent = {c.code for c in CODES if c.code not in emitted}
    assert silent == {"AS115"}
    assert "no longer emitted" in codes_retired.STORES_IN_NEW.no_example_because


def _function_of(rule: Rule | Revision) -> tuple[str, ast.Module, ast.FunctionDef]:
    """The module path, tree and definition of a rule's check or revision."""
    check = rule.check if isinstance(rule, Rule) else rule.revise
    path = Path(check.__code__.co_filename).relative_to(PACKAGE).as_posix()
    tree = _sources()[path]
    function = next(
        node
        for node in tree.body
        if isinstance(node, ast.FunctionDef) and node.name == check.__name__
    )
    return path, tree, function


def test_the_rules_run_phase_by_phase() -> None:
    phases = [rule.phase.value for rule in rules.RULES]
    assert phases == sorted(phases)
    assert [r.phase for r in rules.RULES if isinstance(r, Revision)] == [
        Phase.RUN,
        Phase.RUN,
    ]
    # every code a rule's check names is one the rule declares
    for rule in rules.RULES:
        path, tree, function = _function_of(rule)
        used = {c.code for c in _emitted(function, _code_names(path, tree))}
        assert used <= {c.code for c in rule.codes}, function.name


def test_a_rule_lives_in_the_module_of_its_check() -> None:
    """Adding a rule touches one module (then its fixture and the README):
    the family that holds its check declares it in RULES, rules.py gathers
    it and the registry its codes. Every module of decide/ with RULES is a
    family of rules.py, and every rule is in its own family's RULES."""
    families = {f.__name__ for f in rules.FAMILIES}
    declaring = set()
    for path, tree in _sources().items():
        if path.startswith("decide/") and path != "decide/rules.py":
            defines = any(
                isinstance(n, ast.AnnAssign | ast.Assign) and "RULES" in _targets(n)
                for n in tree.body
            )
            if not defines:
                continue
            declaring.add(_module_name(path))
            module: ModuleType = importlib.import_module(_module_name(path))
            for rule in module.RULES:
                assert _function_of(rule)[0] == path, path
    assert declaring == families
    gathered = {id(r) for f in rules.FAMILIES for r in f.RULES}
    assert gathered == {id(r) for r in rules.RULES}
    registered = {id(c) for c in CODES}
    assert all(id(c) in registered for r in rules.RULES for c in r.codes)


# the order the rules ran in when the list was written out by hand, before
# each family declared its own; a new rule may go anywhere, these must not
# change places
RULE_ORDER = (
    "opted_out",
    "test_code",
    "special_kind",
    "unknown_decoration",
    "loses_class_keywords",
    "computed_slots",
    "completed_slots",
    "decorator_refuses_slots",
    "already_slotted",
    "used_from_outside",
    "needs_dict_itself",
    "caches_in_dict",
    "reads_orig_class",
    "dict_in_mro",
    "slots_keyword_too_new",
    "stores_a_non_field",
    "class_cell_breaks",
    "reruns_init_subclass",
    "weakref_slot_too_new",
    "dataclass_plan",
    "attrs_plan",
    "stores_clash",
    "stores_on_variable_size",
    "setattr_name_mangled",
    "new_slots",
    "typo_guard",
    "as_on_disk",
)


def test_the_rules_keep_their_order() -> None:
    names = [_function_of(r)[2].name for r in rules.RULES]
    assert [n for n in names if n in RULE_ORDER] == list(RULE_ORDER)


def test_the_outside_analysis_declares_the_codes_it_gives() -> None:
    tree = _sources()["decide/outside.py"]
    assert _emitted(tree, _code_names("decide/outside.py", tree)) == set(CODES_GIVEN)


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
