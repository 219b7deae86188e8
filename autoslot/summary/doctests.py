"""Doctests are code: the `>>> ` examples of a docstring, as a module to walk.

`>>> s.label = "big"` in a docstring stores an attribute as surely as the
same line in a test file does, and doctest runners execute it with the
module's globals. The examples of one docstring share their names, as in
a doctest session.
"""

from __future__ import annotations

import ast

PROMPT = ">>>"
CONTINUATION = "..."


def doctest_source(text: str) -> list[tuple[int, str]]:
    """(line offset within the docstring, source) of each example."""
    examples: list[tuple[int, str]] = []
    current: list[str] = []
    start = 0
    for number, line in enumerate(text.splitlines()):
        stripped = line.lstrip()
        if stripped.startswith(PROMPT) and (len(stripped) == 3 or stripped[3] in " \t"):
            if current:
                examples.append((start, "\n".join(current)))
            current = [stripped[4:]]
            start = number
        elif (
            current
            and stripped.startswith(CONTINUATION)
            and (len(stripped) == 3 or stripped[3] in " \t")
        ):
            current.append(stripped[4:])
        elif current:
            examples.append((start, "\n".join(current)))
            current = []
    if current:
        examples.append((start, "\n".join(current)))
    return examples


def doctest_statements(text: str, first_line: int) -> list[ast.stmt]:
    """The statements of every example that parses, at their lines in the file."""
    statements: list[ast.stmt] = []
    for offset, source in doctest_source(text):
        try:
            tree = ast.parse(source + "\n")
        except (SyntaxError, ValueError):
            continue  # output that looks like a prompt, or Python 2 in a docstring
        ast.increment_lineno(tree, first_line + offset - 1)
        statements.extend(tree.body)
    return statements
