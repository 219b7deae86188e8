"""Spellings of 0.1 that still work for one release, each with a notice.

In 0.1, `ignore` took class patterns and `disable` took codes, the opposite
of what ruff users type. Now `ignore` takes codes (with `select` and
`extend-select`) and `exclude-classes` takes the class patterns. An old
spelling is turned into the new one before anything is validated:

* `disable = [codes]` / `--disable CODE` -> `ignore`;
* `ignore = [patterns]` / `--ignore PATTERN` -> `exclude-classes`, for every
  value that is not a code selector (`AS203`, `AS2`, `ALL`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

REMOVED_IN = "0.3"
_AUTOSLOT_SELECTOR = re.compile(r"ALL|AS[0-9]{0,3}")


def is_code_selector(value: object) -> bool:
    """`AS203`, `AS2`, `AS`, `ALL`: what `ignore` takes now."""
    return isinstance(value, str) and _AUTOSLOT_SELECTOR.fullmatch(value) is not None


def _listed(value: object) -> list[object]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, (list, tuple)):
        return list(value)
    return [value]


def _joined(first: object, more: list[object]) -> object:
    return [*_listed(first), *more] if first is not None else more


def upgraded(
    values: Mapping[str, object], shown: Callable[[str], str]
) -> tuple[dict[str, object], list[str]]:
    """`values` (configuration keys -> raw values, None for unset) in today's
    spelling, and a notice per old spelling; `shown` names a key as the user
    wrote it (`--ignore`, or `pyproject.toml: ignore`)."""
    new = {k: v for k, v in values.items() if v is not None}
    notices: list[str] = []
    ignore = new.get("ignore")
    if ignore is not None:
        items = _listed(ignore)
        patterns = [v for v in items if not is_code_selector(v)]
        if patterns:
            codes = [v for v in items if v not in patterns]
            if codes:
                new["ignore"] = codes
            else:
                del new["ignore"]
            new["exclude-classes"] = _joined(new.get("exclude-classes"), patterns)
            listed = ", ".join(repr(p) for p in patterns)
            notices.append(
                f"{shown('ignore')} now takes codes, as in ruff; class patterns "
                f"({listed}) belong in {shown('exclude-classes')}. The old meaning "
                f"works until autoslot {REMOVED_IN}."
            )
    disable = new.pop("disable", None)
    if disable is not None:
        new["ignore"] = _joined(new.get("ignore"), _listed(disable))
        notices.append(
            f"{shown('disable')} is deprecated: use {shown('ignore')} (codes, as in "
            f"ruff). {shown('disable')} works until autoslot {REMOVED_IN}."
        )
    return new, notices
