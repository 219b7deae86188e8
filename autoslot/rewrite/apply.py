"""Rewrite one file's source: parse with libcst, apply the class edits, and check
the result compiles and means the same as the input apart from the edits."""

from __future__ import annotations

import ast
from dataclasses import dataclass, field

import libcst as cst

from autoslot.rewrite.edits import ClassEdit
from autoslot.rewrite.transform import SlotsTransformer, preferred_quote


@dataclass(frozen=True, slots=True)
class Rewritten:
    source: bytes
    applied: frozenset[tuple[str, int]]
    # edits the engine refused, with why
    refused: dict[tuple[str, int], str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class RewriteFailure:
    line: int
    column: int
    message: str


def rewrite_source(
    source: bytes, edits: list[ClassEdit], line_length: int
) -> Rewritten | RewriteFailure:
    try:
        module = cst.parse_module(source)
    except cst.ParserSyntaxError as error:
        return RewriteFailure(
            error.raw_line, error.raw_column, f"libcst cannot parse: {error.message}"
        )
    transformer = SlotsTransformer(module, edits, preferred_quote(source), line_length)
    new_source = module.visit(transformer).bytes
    problem = check_equivalent(source, new_source, frozenset(transformer.applied))
    if problem is not None:
        return RewriteFailure(
            1, 0, f"internal error: the rewrite {problem}; the file was left as it was"
        )
    return Rewritten(
        new_source, frozenset(transformer.applied), dict(transformer.failed)
    )


def check_equivalent(
    before: bytes, after: bytes, edited: frozenset[tuple[str, int]]
) -> str | None:
    """None when `after` compiles, is byte-identical to `before` outside the
    edited classes, and the edited classes mean the same once their slots
    edits are undone (black's safety check, narrowed to what changed)."""
    try:
        new_tree = ast.parse(after)
        compile(new_tree, "<rewritten>", "exec", dont_inherit=True)
    except (SyntaxError, ValueError) as error:
        return f"does not compile ({error})"
    old_tree = ast.parse(before)
    old_classes = _edited_classes(old_tree, edited)
    new_classes = _edited_classes(new_tree, edited)
    if len(old_classes) != len(new_classes):
        return "lost or added a class"
    for old, new in zip(old_classes, new_classes, strict=True):
        if ast.dump(_without_slots(old)) != ast.dump(_without_slots(new)):
            return f"changed the meaning of class {old.name}"
    if _outside(before, old_classes) != _outside(after, new_classes):
        return "changed code outside the edited classes"
    return None


def _edited_classes(
    tree: ast.Module, edited: frozenset[tuple[str, int]]
) -> list[ast.ClassDef]:
    """The outermost edited class statements, in source order."""
    found: list[ast.ClassDef] = []
    occurrences: dict[str, int] = {}

    def visit(node: ast.AST, prefix: str, inside_edit: bool) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.ClassDef):
                qualname = prefix + child.name
                occurrence = occurrences.get(qualname, 0)
                occurrences[qualname] = occurrence + 1
                hit = (qualname, occurrence) in edited
                if hit and not inside_edit:
                    found.append(child)
                visit(child, qualname + ".", inside_edit or hit)
            elif isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)):
                visit(child, f"{prefix}{child.name}.<locals>.", inside_edit)
            elif (
                isinstance(child, (ast.stmt, ast.excepthandler))
                or type(child).__name__ == "match_case"
            ):
                visit(child, prefix, inside_edit)

    visit(tree, "", False)
    return found


def _outside(source: bytes, classes: list[ast.ClassDef]) -> list[bytes]:
    """The source lines around the given classes (decorators included)."""
    lines = source.splitlines(keepends=True)
    pieces: list[bytes] = []
    cursor = 0
    for cls in classes:
        start = (cls.decorator_list[0].lineno if cls.decorator_list else cls.lineno) - 1
        end = cls.end_lineno or cls.lineno
        pieces.append(b"".join(lines[cursor:start]))
        cursor = end
    pieces.append(b"".join(lines[cursor:]))
    return pieces


def _without_slots(tree: ast.AST) -> ast.AST:
    for node in ast.walk(tree):
        if isinstance(node, ast.ClassDef):
            node.body = [s for s in node.body if not _is_slots_or_placeholder(s)]
            node.decorator_list = [
                _without_slot_keywords(d) for d in node.decorator_list
            ]
    return tree


def _is_slots_or_placeholder(statement: ast.stmt) -> bool:
    if isinstance(statement, ast.Pass):
        return True
    if isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Constant):
        return statement.value.value is Ellipsis
    targets: list[ast.expr] = []
    if isinstance(statement, ast.Assign):
        targets = statement.targets
    elif isinstance(statement, ast.AnnAssign):
        targets = [statement.target]
    return any(isinstance(t, ast.Name) and t.id == "__slots__" for t in targets)


def _without_slot_keywords(decorator: ast.expr) -> ast.expr:
    if not isinstance(decorator, ast.Call):
        return decorator
    decorator.keywords = [
        k for k in decorator.keywords if k.arg not in ("slots", "weakref_slot")
    ]
    if not decorator.args and not decorator.keywords:
        return decorator.func
    return decorator
