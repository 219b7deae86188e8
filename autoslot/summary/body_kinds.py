"""What one statement of a class body binds, read from its syntax alone:
the kind of a decorated method, ClassVar/InitVar annotations, property
calls, and the existing `__slots__` with its layout."""

from __future__ import annotations

import ast
import dataclasses
from typing import Literal

from autoslot.summary.layout import SourceText, slots_layout
from autoslot.summary.model import BindingKind, ExistingSlots
from autoslot.summary.names import dotted_name, expr_ref

PROPERTY_DECORATORS = frozenset(
    {
        "property",
        "builtins.property",
        "abc.abstractproperty",
        "abstractproperty",
        "types.DynamicClassAttribute",
        "enum.property",
    }
)
# Called implicitly as classmethods by the interpreter.
IMPLICIT_CLASSMETHODS = frozenset({"__init_subclass__", "__class_getitem__"})


def method_kind(
    node: ast.FunctionDef | ast.AsyncFunctionDef,
) -> tuple[BindingKind, str | None]:
    """The binding kind of a decorated function.

    The second value names the accessor (`setter`, `getter`, `deleter`) when
    the function extends a property of the same name (`@x.setter def x`).
    """
    kind: BindingKind = "function"
    for decorator in node.decorator_list:
        dotted = expr_ref(decorator).dotted or ""
        if dotted.endswith("cached_property"):
            return "cached_property", None
        if dotted == "staticmethod" or dotted.endswith(".staticmethod"):
            kind = "staticmethod"
        elif dotted == "classmethod" or dotted.endswith(".classmethod"):
            kind = "classmethod"
        elif dotted in PROPERTY_DECORATORS:
            kind = "property"
        else:
            owner, _, accessor = dotted.partition(".")
            if owner == node.name and accessor in ("setter", "getter", "deleter"):
                return "property", accessor
    return kind, None


def is_classvar(annotation: ast.expr) -> tuple[bool, bool]:
    """(ClassVar, InitVar) for an annotation, looking through a string one."""
    if isinstance(annotation, ast.Constant) and isinstance(annotation.value, str):
        text = annotation.value
        return ("ClassVar" in text.split("[")[0], "InitVar" in text.split("[")[0])
    core = annotation.value if isinstance(annotation, ast.Subscript) else annotation
    dotted = dotted_name(core) or ""
    last = dotted.rsplit(".", 1)[-1]
    return last == "ClassVar", last == "InitVar"


def existing_slots(
    statement: ast.stmt,
    value: ast.expr | None,
    in_class_body: bool,
    text: SourceText,
) -> ExistingSlots:
    found = slots_literal(value, statement.lineno)
    if found.form == "other" or not isinstance(statement, (ast.Assign, ast.AnnAssign)):
        return found
    layout = slots_layout(text, statement, found.form)
    return dataclasses.replace(found, layout=layout, in_class_body=in_class_body)


def slots_literal(value: ast.expr | None, line: int) -> ExistingSlots:
    if isinstance(value, ast.Constant) and isinstance(value.value, str):
        return ExistingSlots("str", (value.value,), line)
    if isinstance(value, (ast.Tuple, ast.List, ast.Set)):
        items = value.elts
        form: Literal["tuple", "list", "set"] = (
            "tuple"
            if isinstance(value, ast.Tuple)
            else "list"
            if isinstance(value, ast.List)
            else "set"
        )
    elif isinstance(value, ast.Dict):
        items = [k for k in value.keys if k is not None]
        if len(items) != len(value.keys):
            return ExistingSlots("other", (), line)
        form = "dict"  # type: ignore[assignment]
    else:
        return ExistingSlots("other", (), line)
    names = [
        i.value
        for i in items
        if isinstance(i, ast.Constant) and isinstance(i.value, str)
    ]
    if len(names) != len(items):
        return ExistingSlots("other", (), line)
    return ExistingSlots(form, tuple(names), line)


def property_call_kind(value: ast.expr) -> BindingKind | None:
    if not isinstance(value, ast.Call):
        return None
    dotted = dotted_name(value.func) or ""
    if dotted.endswith("cached_property"):
        return "cached_property"
    if dotted in PROPERTY_DECORATORS:
        has_setter = len(value.args) >= 2 or any(
            kw.arg == "fset" for kw in value.keywords
        )
        return "property_setter" if has_setter else "property"
    return None


def called_name(value: ast.expr | None) -> str | None:
    if isinstance(value, ast.Call):
        return dotted_name(value.func)
    return None


def init_subclass_takes_arguments(node: ast.ClassDef) -> bool:
    for stmt in node.body:
        if (
            isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef))
            and stmt.name == "__init_subclass__"
        ):
            args = stmt.args
            positional = [*args.posonlyargs, *args.args]
            if len(positional) > 1 or args.kwonlyargs:
                return True
    return False
