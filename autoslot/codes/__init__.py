"""The reason codes: the Code type (reason_code.py), and the codes of the
stages that run after deciding (codes_run.py) or of none any more
(codes_retired.py).

Every other code is declared beside the rule that gives it, in decide/, so
that a rule is one object in one module; decide/registry.py gathers them
all with these into the registry (`autoslot explain`, the README's table,
which findings make `check` fail). This package cannot import decide/, so
a stage before it that needs the codes' names (config/ checks `--select`)
is handed them by its caller.

Layer 0 (tests/test_layers.py), beside util/: may import nothing of autoslot
but the package root.
"""

from __future__ import annotations

from autoslot.codes import codes_retired, codes_run
from autoslot.codes.reason_code import Code


def defined_in(*modules: object) -> tuple[Code, ...]:
    """The codes the modules bind (each once), sorted by name."""
    found = {id(v): v for m in modules for v in vars(m).values() if isinstance(v, Code)}
    return tuple(sorted(found.values(), key=lambda c: c.code))


# the codes this package defines, for decide/registry.py
LATER_STAGES: tuple[Code, ...] = defined_in(codes_run, codes_retired)
