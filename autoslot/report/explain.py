"""`autoslot explain CODE`."""

from __future__ import annotations

import textwrap

from autoslot.codes.reason_code import Code


def render_explanation(code: Code) -> str:
    example = textwrap.indent(code.example, "    ")
    return (
        f"{code.code}: {code.title}\n\n"
        f"{textwrap.fill(code.explanation, 79)}\n\n"
        f"Example:\n\n{example}\n\n"
        f"What to do: {code.what_to_do}\n"
    )
