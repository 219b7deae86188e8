"""Test idioms the summary reads: a pytest fixture's name, and an expectation
that an attribute store fails (`assertRaises(AttributeError)`), inside which
a store is evidence for no class."""

from __future__ import annotations

import ast

from autoslot.summary.frames import (
    ATTRIBUTE_ERRORS,
)
from autoslot.summary.names import dotted_name


def expects_attribute_error(node: ast.expr) -> bool:
    """`self.assertRaises(AttributeError)`, `pytest.raises((AttributeError, TypeError))`."""
    if not isinstance(node, ast.Call) or not node.args:
        return False
    dotted = dotted_name(node.func) or ""
    last = dotted.rsplit(".", 1)[-1]
    if last not in ("assertRaises", "assertRaisesRegex", "raises"):
        return False
    first = node.args[0]
    caught = first.elts if isinstance(first, ast.Tuple) else [first]
    return any(dotted_name(c) in ATTRIBUTE_ERRORS for c in caught)


def fixture_name(node: ast.FunctionDef | ast.AsyncFunctionDef) -> str:
    """The name `@pytest.fixture` (or `@fixture(name=...)`) provides, or ""."""
    for decorator in node.decorator_list:
        target = decorator.func if isinstance(decorator, ast.Call) else decorator
        dotted = dotted_name(target)
        if dotted is None or dotted.rsplit(".", 1)[-1] != "fixture":
            continue
        if isinstance(decorator, ast.Call):
            for keyword in decorator.keywords:
                value = keyword.value
                if (
                    keyword.arg == "name"
                    and isinstance(value, ast.Constant)
                    and isinstance(value.value, str)
                ):
                    return value.value
        return node.name
    return ""
