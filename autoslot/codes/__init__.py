"""The reason codes: stable names for why a class is left alone (AS1xx) and for
findings in classes that already have slots (AS2xx).

This registry is the single source for `autoslot explain CODE`, for the
table of codes in README.md (a test keeps the README's copy in sync) and
for which findings make `check` fail. The codes themselves are defined in
codes_left_alone.py, codes_project.py, codes_run.py and codes_findings.py of
this package (the Code type in reason_code.py); emitters import them from there.

Layer 0 (tests/test_layers.py), beside util/: may import nothing of autoslot
but the package root.
"""

from __future__ import annotations

from autoslot.codes import codes_findings, codes_left_alone, codes_project, codes_run
from autoslot.codes.reason_code import Code


def _defined_in(*modules: object) -> tuple[Code, ...]:
    found = [v for m in modules for v in vars(m).values() if isinstance(v, Code)]
    return tuple(sorted(found, key=lambda c: c.code))


CODES: tuple[Code, ...] = _defined_in(
    codes_left_alone, codes_project, codes_run, codes_findings
)

BY_CODE: dict[str, Code] = {c.code: c for c in CODES}


def title(code: str) -> str:
    found = BY_CODE.get(code)
    return found.title if found is not None else code


# the likely typos: what `autoslot typos` lists
TYPO_CODES: frozenset[str] = frozenset(
    {codes_findings.WRITTEN_TYPO.code, codes_findings.READ_TYPO.code}
)


def fails_check(code: str, strict: bool) -> bool:
    """Whether a finding with this code makes `check` fail (and is listed one by one)."""
    found = BY_CODE.get(code)
    return found is not None and found.fails_check(strict)
