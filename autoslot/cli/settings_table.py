"""`--show-settings`: the settings a run would use, as the table that gives them."""

from __future__ import annotations

import json

from autoslot.config.keys import KEYS
from autoslot.config.pyproject import LoadedConfig
from autoslot.config.settings import Settings


def _toml_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, frozenset):
        value = sorted(value)
    if isinstance(value, (tuple, list)):
        return "[" + ", ".join(json.dumps(v) for v in value) + "]"
    return json.dumps(value)


def show_settings(settings: Settings, loaded: LoadedConfig) -> str:
    """The settings a run would use, as the [tool.autoslot] table that gives them."""
    lines = [
        f"# project root: {loaded.root}",
        f"# configuration: {loaded.path or 'none'}",
    ]
    formatter = loaded.formatter
    if formatter.line_length_from and "line-length" not in loaded.values:
        lines.append(f"# line-length unless set: from {formatter.line_length_from}")
    if formatter.sorts_slots_from and "slots-order" not in loaded.values:
        lines.append(
            f"# slots-order unless set: sorted, as {formatter.sorts_slots_from} "
            "selects RUF023"
        )
    if formatter.quote_from:
        lines.append(
            f"# quotes of written names: {formatter.quote}, as {formatter.quote_from} "
            "sets format.quote-style"
        )
    if settings.disable:
        lines.append(f"# codes not reported: {', '.join(sorted(settings.disable))}")
    lines.append("[tool.autoslot]")
    for key, (field_name, _) in KEYS.items():
        value = getattr(settings, field_name)
        if field_name == "target_version":
            value = "{}.{}".format(*value)
        if value is None:
            lines.append(f"# {key} is not set")
        else:
            lines.append(f"{key} = {_toml_value(value)}")
    return "\n".join(lines) + "\n"
