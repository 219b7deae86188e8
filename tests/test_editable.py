"""The refusals the decide stage predicts are exactly the rewriter's.

Each module below has one class with a literal `__slots__`; an edit adding a
slot is given to the real rewriter (libcst), and what it does (make the edit
or refuse it, and why) must be what `pipeline/editable.py` foresees from the
summary alone.
"""

from __future__ import annotations

import pytest

from autoslot.decide.model import Action, Decision
from autoslot.pipeline.editable import refusal, refused
from autoslot.rewrite.apply import Rewritten, rewrite_source
from autoslot.rewrite.edits import (
    BODY_ON_HEADER_LINE,
    DECORATOR_NOT_FOUND,
    NO_SLOTS_ASSIGNMENT,
    SLOTS_LAYOUT_NOT_EDITED,
    SLOTS_NOT_LITERAL,
    ClassEdit,
)
from autoslot.summary.model import ModuleSummary
from autoslot.summary.module import summarise

EDITED = None
LAYOUT = SLOTS_LAYOUT_NOT_EDITED

CASES: dict[str, tuple[str, str | None]] = {
    "header_line": ('class A: __slots__ = ("a",)\n', BODY_ON_HEADER_LINE),
    "header_line_two_statements": (
        'class A:  x = 1; __slots__ = ("a",)\n',
        BODY_ON_HEADER_LINE,
    ),
    "header_line_after_long_header": (
        'class A(\n    object,\n): __slots__ = "a"\n',
        BODY_ON_HEADER_LINE,
    ),
    "header_line_after_continuation": (
        'class A: \\\n    __slots__ = ("a",)\n',
        BODY_ON_HEADER_LINE,
    ),
    "block_after_comment_ending_in_backslash": (
        'class A:  # see C:\\\n    __slots__ = ("a",)\n',
        EDITED,
    ),
    "block_after_lambda_in_header": (
        "class A(metaclass=lambda *a: type(*a)):\n    __slots__ = ('a',)\n",
        EDITED,
    ),
    "block_with_comment_on_header": ('class A:  # hi\n    __slots__ = "a"\n', EDITED),
    "concatenated_string": ('class A:\n    __slots__ = "a" "b"\n', SLOTS_NOT_LITERAL),
    "concatenated_string_in_parentheses": (
        'class A:\n    __slots__ = ("a" "b")\n',
        SLOTS_NOT_LITERAL,
    ),
    "concatenated_string_over_lines": (
        'class A:\n    __slots__ = ("a"\n                 "b")\n',
        LAYOUT,
    ),
    "string_in_parentheses": ('class A:\n    __slots__ = ("a")\n', EDITED),
    "prefixed_string": ('class A:\n    __slots__ = u"a"\n', EDITED),
    "triple_quoted_over_lines": ('class A:\n    __slots__ = """a\n"""\n', LAYOUT),
    "tuple_without_parentheses": ('class A:\n    __slots__ = "a", "b"\n', EDITED),
    "tuple_without_parentheses_over_lines": (
        'class A:\n    __slots__ = "a", \\\n        "b"\n',
        LAYOUT,
    ),
    "continuation_before_value": (
        'class A:\n    __slots__ = \\\n        ("a", "b")\n',
        EDITED,
    ),
    "empty_tuple": ("class A:\n    __slots__ = ()\n", EDITED),
    "empty_tuple_over_lines": ("class A:\n    __slots__ = (\n    )\n", LAYOUT),
    "one_per_line": (
        'class A:\n    __slots__ = (\n        "a",\n        "b",\n    )\n',
        EDITED,
    ),
    "one_per_line_with_comments": (
        'class A:\n    __slots__ = (  # c\n        "a",  # d\n\n        "b",  # e\n    )\n',
        EDITED,
    ),
    "no_trailing_comma": (
        'class A:\n    __slots__ = (\n        "a",\n        "b"\n    )\n',
        LAYOUT,
    ),
    "two_on_a_line": (
        'class A:\n    __slots__ = (\n        "a", "b",\n    )\n',
        LAYOUT,
    ),
    "space_before_trailing_comma": (
        'class A:\n    __slots__ = (\n        "a" ,\n    )\n',
        LAYOUT,
    ),
    "space_before_other_comma": (
        'class A:\n    __slots__ = (\n        "a" ,\n        "b",\n    )\n',
        EDITED,
    ),
    "first_on_opening_line": ('class A:\n    __slots__ = ["a",\n    ]\n', LAYOUT),
    "closing_on_last_line": ('class A:\n    __slots__ = [\n        "a",]\n', LAYOUT),
    "continuation_after_opening": (
        'class A:\n    __slots__ = (\\\n        "a",\n    )\n',
        LAYOUT,
    ),
    "tuple_in_two_pairs": (
        'class A:\n    __slots__ = ((\n        "a",\n    ))\n',
        LAYOUT,
    ),
    "list_in_parentheses": (
        'class A:\n    __slots__ = ([\n        "a",\n    ])\n',
        EDITED,
    ),
    "parenthesized_element": (
        'class A:\n    __slots__ = (\n        ("a"),\n        "b",\n    )\n',
        EDITED,
    ),
    "dict_one_per_line": (
        'class A:\n    __slots__ = {\n        "a": "doc, with comma",\n        "b": str(1, 2),\n    }\n',
        EDITED,
    ),
    "dict_two_on_a_line": (
        'class A:\n    __slots__ = {\n        "a": 1, "b": 2,\n    }\n',
        LAYOUT,
    ),
    "set_one_per_line": ('class A:\n    __slots__ = {\n        "a",\n    }\n', EDITED),
    "annotated_one_per_line": (
        'class A:\n    __slots__: tuple[str, ...] = (\n        "a",\n    )\n',
        EDITED,
    ),
    "annotated_flat": ('class A:\n    __slots__: "x = (" = ("a",)\n', EDITED),
    "parenthesized_target": ('class A:\n    (__slots__) = ("a",)\n', EDITED),
    "after_another_statement": ('class A:\n    x = 1; __slots__ = ("a",)\n', EDITED),
    "inside_an_if": (
        'class A:\n    if True:\n        __slots__ = ("a",)\n',
        NO_SLOTS_ASSIGNMENT,
    ),
    "tabs": ('class A:\n\t__slots__ = (\n\t\t"a",\n\t)\n', EDITED),
    "crlf_one_per_line": (
        'class A:\r\n    __slots__ = (\r\n        "a",\r\n    )\r\n',
        EDITED,
    ),
    "crlf_two_on_a_line": (
        'class A:\r\n    __slots__ = (\r\n        "a", "b",\r\n    )\r\n',
        LAYOUT,
    ),
    "nested_in_function": (
        'def f():\n    class A:\n        __slots__ = (\n            "a", "b"\n        )\n',
        LAYOUT,
    ),
    "wide_characters_before": (
        'class A:\n    é = "ü"; __slots__ = ("a" "b")\n',
        SLOTS_NOT_LITERAL,
    ),
}


def _outcome(source: bytes) -> tuple[str | None, str | None]:
    """(what the rewriter does, what the decide stage foresees) for class A."""
    summary = summarise(source, "case.py")
    assert isinstance(summary, ModuleSummary)
    (cls,) = [c for c in summary.classes if c.name == "A"]
    assert cls.slots is not None and cls.slots.form != "other"
    decision = Decision(Action.EXTEND, slots=("z",), spelled=("z",), added=("z",))
    edit = ClassEdit(cls.qualname, cls.occurrence, "replace", names=("z",))
    done = rewrite_source(source, [edit], 88, summary.quote)
    assert isinstance(done, Rewritten), done
    key = (cls.qualname, cls.occurrence)
    assert key in done.applied or key in done.refused
    return done.refused.get(key), refusal(cls, decision)


@pytest.mark.parametrize("name", list(CASES))
def test_foreseen_refusal_is_the_rewriters(name: str) -> None:
    text, expected = CASES[name]
    rewriter, foreseen = _outcome(text.encode())
    assert rewriter == expected
    assert foreseen == rewriter


def test_foreseen_in_a_latin1_file() -> None:
    source = '# -*- coding: latin-1 -*-\nclass A:\n    é = "ü"; __slots__ = ("a" "b")\n'
    rewriter, foreseen = _outcome(source.encode("latin-1"))
    assert rewriter == foreseen == SLOTS_NOT_LITERAL


def test_a_refused_decorator_edit_leaves_the_class_alone_with_its_own_code() -> None:
    """The rewriter's refusal is its own reason (AS128), not a computed
    `__slots__` (AS205, which it shared once)."""
    source = b"from dataclasses import dataclass\n\n@dataclass\nclass A:\n    x: int\n"
    summary = summarise(source, "case.py")
    assert isinstance(summary, ModuleSummary)
    (cls,) = summary.classes
    # a decorator position the class does not have: what a stale plan would ask
    plan = Decision(Action.DATACLASS, slots=("x",), added=("x",), decorator=1)
    edit = ClassEdit(cls.qualname, cls.occurrence, "decorator", decorator=1)
    done = rewrite_source(source, [edit], 88, summary.quote)
    assert isinstance(done, Rewritten)
    why = done.refused[(cls.qualname, cls.occurrence)]
    assert why == refusal(cls, plan) == DECORATOR_NOT_FOUND
    left = refused(plan, why)
    assert (left.action, left.code, left.reason) == (Action.SKIP, "AS128", why)
    assert left.keeps_dict
