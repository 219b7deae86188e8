"""Adding keyword arguments to a class decorator: `@dataclass` ->
`@dataclass(slots=True)`, `@dataclass(frozen=True)` -> `(frozen=True, slots=True)`.

The result is laid out as black (24+) and `ruff format` lay it out:

* a call with a magic trailing comma (one argument per line, a comma after
  the last) keeps that form: the new arguments get lines of their own, at the
  arguments' indentation, and every comment stays on its line;
* a call laid out as the formatters lay out a call without one (on one line,
  or its arguments hugged on a line of their own) is laid out afresh with the
  new arguments: on one line if it fits, hugged if that fits, else one
  argument per line with a trailing comma;
* any other layout is the user's own: the new arguments follow the last one
  on its line, and nothing else moves.
"""

from __future__ import annotations

from collections.abc import Sequence

import libcst as cst

from autoslot.rewrite.layout import NO_LIMIT, call_arguments
from autoslot.rewrite.literals import code_of

_TIGHT = cst.AssignEqual(
    whitespace_before=cst.SimpleWhitespace(""),
    whitespace_after=cst.SimpleWhitespace(""),
)
_NOTHING = cst.SimpleWhitespace("")


def decorator_with_keywords(
    decorator: cst.Decorator,
    keywords: Sequence[tuple[str, str]],
    indent: int = 0,
    step: str = "    ",
    line_length: int = NO_LIMIT,
) -> cst.Decorator:
    """The decorator with `keywords` (name, value code) added to its call;
    its line is indented by `indent` characters, `step` is one level."""
    new_args = [
        cst.Arg(value=cst.Name(value), keyword=cst.Name(name), equal=_TIGHT)
        for name, value in keywords
    ]
    expression = decorator.decorator
    if not isinstance(expression, cst.Call):
        expression = cst.Call(func=expression)
    args = list(expression.args)
    if args and _magic_trailing_comma(expression):
        return decorator.with_changes(
            decorator=_one_per_line(expression, args, new_args)
        )
    head = code_of(expression.func)
    if _laid_out_as_formatted(expression, head, indent, step, line_length):
        codes = [_bare_code(a) for a in [*args, *new_args]]
        text = call_arguments(head, codes, indent, step, line_length, lead=1)
        return decorator.with_changes(decorator=cst.parse_expression(text))
    return decorator.with_changes(decorator=_appended(expression, args, new_args))


def _bare_code(arg: cst.Arg) -> str:
    """An argument's code without its comma and the whitespace after it."""
    return code_of(
        arg.with_changes(comma=cst.MaybeSentinel.DEFAULT, whitespace_after_arg=_NOTHING)
    )


def _magic_trailing_comma(call: cst.Call) -> bool:
    comma = call.args[-1].comma
    return isinstance(comma, cst.Comma) and isinstance(
        comma.whitespace_after, cst.ParenthesizedWhitespace
    )


def _laid_out_as_formatted(
    call: cst.Call, head: str, indent: int, step: str, line_length: int
) -> bool:
    """The call is written as the formatters write it (so they would write it
    afresh with more arguments too): no comment, no argument over several
    lines, and the layout `call_arguments` gives."""
    codes = [_bare_code(a) for a in call.args]
    if any("\n" in code for code in [head, *codes]):
        return False
    laid_out = call_arguments(head, codes, indent, step, line_length, lead=1)
    return code_of(call) == laid_out


def _one_per_line(
    call: cst.Call, args: list[cst.Arg], new_args: list[cst.Arg]
) -> cst.Call:
    """New arguments on lines of their own, before the closing parenthesis."""
    last_comma = args[-1].comma
    assert isinstance(last_comma, cst.Comma)
    closing = last_comma.whitespace_after
    assert isinstance(closing, cst.ParenthesizedWhitespace)
    opening = call.whitespace_before_args
    item_indent = (
        opening.last_line
        if isinstance(opening, cst.ParenthesizedWhitespace)
        else closing.last_line
    )

    def line_break(first_line: cst.TrailingWhitespace) -> cst.ParenthesizedWhitespace:
        return cst.ParenthesizedWhitespace(
            first_line=first_line, indent=True, last_line=item_indent
        )

    plain = cst.TrailingWhitespace()
    # the last argument keeps the comment of its line; the lines before the
    # closing parenthesis (comments of their own) stay before it
    rebuilt = [
        *args[:-1],
        args[-1].with_changes(
            comma=last_comma.with_changes(
                whitespace_after=line_break(closing.first_line)
            )
        ),
    ]
    rebuilt += [
        a.with_changes(comma=cst.Comma(whitespace_after=line_break(plain)))
        for a in new_args[:-1]
    ]
    last_new = cst.Comma(whitespace_after=closing.with_changes(first_line=plain))
    rebuilt.append(new_args[-1].with_changes(comma=last_new))
    return call.with_changes(args=rebuilt)


def _appended(call: cst.Call, args: list[cst.Arg], new_args: list[cst.Arg]) -> cst.Call:
    """New arguments after the last one, on its line."""
    if not args:
        return call.with_changes(args=new_args)
    between = cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))
    last = args[-1]
    rebuilt = [
        *args[:-1],
        last.with_changes(comma=between, whitespace_after_arg=_NOTHING),
    ]
    rebuilt += [a.with_changes(comma=between) for a in new_args[:-1]]
    rebuilt.append(
        new_args[-1].with_changes(
            comma=last.comma, whitespace_after_arg=last.whitespace_after_arg
        )
    )
    return call.with_changes(args=rebuilt)
