"""The exit codes of every autoslot command, in one place.

They follow black and ruff (docs/DESIGN.md, CLI conventions). A run stopped by
a signal exits with the status a shell shows for it instead (128 + the
signal's number: fix/interrupts.py, and cli/boundary.py for a closed pipe): that
status belongs to the signal, not to autoslot.
"""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0
    # `check` (and `typos`): something would change, or a finding fails the check
    WOULD_CHANGE = 1
    # a usage or configuration error
    USAGE = 2
    # `fix` wrote nothing: the tree is locked, needs `restore`, or cannot be verified
    REFUSED = 3
    # a file could not be parsed or rewritten, or an internal error
    ERROR = 123
