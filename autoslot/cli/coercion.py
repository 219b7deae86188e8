"""Option values coerced without pydantic, where that cannot change the result.

Typer (0.2x, with its own copy of click) coerces every parameter through a
pydantic TypeAdapter that it builds on each run, the unset options included:
importing pydantic and building two dozen adapters was most of a warm
pre-commit run. `PlainCommand` gives each parameter a coercion of its own for
the values autoslot's options take (str, bool, int, Path and lists of them)
when the result is certainly what typer's would be; any other value (a bad
number, an unusual type) goes to typer's own coercion, built only then, so
its messages stay typer's. With a typer that does not coerce this way the
commands are typer's own.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, get_args

from typer._click import Context, Parameter
from typer._coercion import RuntimeParam, build_runtime_param
from typer._param_types import coerce_cli_path
from typer.core import TyperCommand, TyperGroup, _TyperParameter

# beyond this many digits int() refuses a str (sys.int_info), pydantic may not
_SHORT_NUMBER = 18


class _Unhandled:
    """A value `_plain` leaves to typer."""


UNHANDLED = _Unhandled()


def _plain(value: Any, annotation: Any, param: _TyperParameter, ctx: Context) -> Any:
    """`value` coerced to `annotation` as typer would, or UNHANDLED."""
    info = param.type_descriptor.parameter_info
    if info.parser is not None or info.min is not None or info.max is not None:
        return UNHANDLED
    if annotation is str or annotation is bool:
        return value if type(value) is annotation else UNHANDLED
    if annotation is int:
        if type(value) is int:
            return value
        digits = type(value) is str and value.isascii() and value.isdigit()
        return int(value) if digits and len(value) <= _SHORT_NUMBER else UNHANDLED
    if annotation is Path and info.path_type is None:
        if type(value) is str and value:
            value = Path(value)
        if isinstance(value, Path):
            # typer's own checks (exists, readable, ...) and their messages
            return coerce_cli_path(value, info, path_type=Path, param=param, ctx=ctx)
    return UNHANDLED


@dataclass(frozen=True)
class PlainValues(RuntimeParam):
    """Coercion of one parameter: plain values here, the rest by typer."""

    def _coerce_value(self, value: Any, param: _TyperParameter, ctx: Context) -> Any:
        descriptor = param.type_descriptor
        if descriptor.is_list and isinstance(value, (list, tuple)):
            (item_type,) = get_args(descriptor.annotation)
            items = [_plain(item, item_type, param, ctx) for item in value]
            if not any(item is UNHANDLED for item in items):
                return items
        elif not descriptor.is_list:
            plain = _plain(value, descriptor.annotation, param, ctx)
            if plain is not UNHANDLED:
                return plain
        typers_own = build_runtime_param(descriptor)
        param._runtime_param = typers_own
        return typers_own.coerce(value, param=param, ctx=ctx)


def _plain_params(params: list[Parameter]) -> list[Parameter]:
    for param in params:
        # a file option opens files: typer's own coercion, never an adapter
        if (
            isinstance(param, _TyperParameter)
            and param._runtime_param is None
            and param.type_descriptor.file_annotation is None
        ):
            descriptor = param.type_descriptor
            param._runtime_param = PlainValues(
                parameter_info=descriptor.parameter_info,
                annotation=descriptor.annotation,
            )
    return params


# get_params, not __init__: a command's --help option is made on demand
class PlainCommand(TyperCommand):
    """A typer command whose parameters coerce plain values without pydantic."""

    def get_params(self, ctx: Context) -> list[Parameter]:
        return _plain_params(super().get_params(ctx))


class PlainGroup(TyperGroup):
    """A typer group whose own options coerce plain values without pydantic."""

    def get_params(self, ctx: Context) -> list[Parameter]:
        return _plain_params(super().get_params(ctx))
