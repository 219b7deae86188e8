"""The registry of reason codes: every code the product emits, each once.

The single source for `autoslot explain CODE`, for the table of codes in
README.md (a test keeps the README's copy in sync), for the names
`--select` and `--ignore` accept, and for which findings make `check` fail.
The codes are declared where they are given: a rule's with the rule (its
family's RULES, gathered by rules.py), the findings and the layout
conflict in the decide modules that find them, the later stages' in
codes/. Reports (report/) read it; stages before decide are handed it.
"""

from __future__ import annotations

from autoslot.codes import LATER_STAGES, defined_in
from autoslot.codes.reason_code import Code
from autoslot.decide import findings, layout, typos
from autoslot.decide.rules import RULES

# decide modules that give codes outside the rule list: a layout conflict
# found over the whole hierarchy, and findings added after deciding
FINDERS = (layout, findings, typos)


def _registry() -> tuple[Code, ...]:
    unique = {id(c): c for c in (*LATER_STAGES, *defined_in(*FINDERS))}
    unique.update((id(c), c) for rule in RULES for c in rule.codes)
    return tuple(sorted(unique.values(), key=lambda c: c.code))


CODES: tuple[Code, ...] = _registry()

BY_CODE: dict[str, Code] = {c.code: c for c in CODES}
assert len(BY_CODE) == len(CODES), "two code objects share a name"


def title(code: str) -> str:
    found = BY_CODE.get(code)
    return found.title if found is not None else code


# the likely typos: what `autoslot typos` lists
TYPO_CODES: frozenset[str] = frozenset({typos.WRITTEN_TYPO.code, typos.READ_TYPO.code})


def fails_check(code: str, strict: bool) -> bool:
    """Whether a finding with this code makes `check` fail (and is listed one by one)."""
    found = BY_CODE.get(code)
    return found is not None and found.fails_check(strict)
