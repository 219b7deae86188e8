"""Calls that run no project code, by what the solved flow says their callees are.

A store on an expression (`rows[0].text = ...`) may count the attributes
read on it before a call only when the call cannot have changed what the
expression denotes. A callee is taken to run no project code when every
value it may hold is a builtin that only calls the protocol methods an
operator would also call (`str`, `len`, `isinstance`), or a project class
whose construction runs no Python code of the project (no `__init__` or
`__new__` of its own or its project bases, no decorator, no metaclass but
`type`, and only builtin classes outside the project in its MRO:
`class AtomicString(str): pass`). Anything else, or a callee the flow knows
nothing of, may run code that changes the expression.
"""

from __future__ import annotations

from autoslot.flow.objects import Kind, StaticKind
from autoslot.flow.outside_tables import PURE
from autoslot.flow.solve import Solver

# builtins in PURE that reach further than their arguments' protocols: the
# streams, the interpreter's exit and the debugger
_REACHING_BUILTINS = frozenset(
    f"builtins.{name}"
    for name in ("print", "input", "exit", "quit", "help", "breakpoint")
)
_INERT_BUILTINS = frozenset(
    dotted
    for dotted in PURE
    if dotted.startswith("builtins.") and dotted not in _REACHING_BUILTINS
)
_CONSTRUCTION_HOOKS = frozenset({"__init__", "__new__", "__post_init__"})
_PLAIN_METACLASSES = frozenset({"builtins.type", "abc.ABCMeta"})


def runs_no_project_code(solver: Solver, node: int, method: str = "") -> bool:
    """Whether a call of what `node` holds (of its `method`, when given) runs
    no project code; a method is followed only through modules (`util.Atom(...)`)."""
    if not method:
        return _callee_runs_no_project_code(solver, node)
    static = solver.static
    kinds, payloads = static.objects.kinds, static.objects.payloads
    named = static.named(node)
    if not named or any(kinds[o] is not StaticKind.MODULE for o in named):
        return False
    for module in named:
        found = static.module_attr.get((payloads[module], method))
        if found is None or not _callee_runs_no_project_code(solver, found):
            return False
    return True


def _callee_runs_no_project_code(solver: Solver, callee: int) -> bool:
    data = solver.holds(callee)
    named = solver.static.named(callee)
    if not data and not named:
        return False
    kinds, payloads = solver.objects.kinds, solver.objects.payloads
    for obj in data:
        if kinds[obj] is not Kind.CLASS or not constructs_without_project_code(
            solver, payloads[obj]
        ):
            return False
    static_kinds = solver.static.objects.kinds
    static_payloads = solver.static.objects.payloads
    for obj in named:
        kind = static_kinds[obj]
        if kind is StaticKind.EXTERNAL:
            if static_payloads[obj] not in _INERT_BUILTINS:
                return False
        elif kind is StaticKind.CLASS:
            if not constructs_without_project_code(solver, static_payloads[obj]):
                return False
        else:
            return False
    return True


def constructs_without_project_code(solver: Solver, klass: int) -> bool:
    info = solver.classes[klass]
    if info.ancestors is None:
        return False
    for entry in (klass, *info.ancestors):
        if isinstance(entry, str):
            if not entry.startswith("builtins."):
                return False
            continue
        ancestor = solver.classes[entry]
        if ancestor.metaclass not in (None, *_PLAIN_METACLASSES):
            return False
        if (
            ancestor.body & _CONSTRUCTION_HOOKS
            or solver.index.nodes[ancestor.id].decorators
        ):
            return False
    return True
