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

from autoslot.flow.calls import PLAIN_METACLASSES
from autoslot.flow.objects import Kind, StaticKind
from autoslot.flow.outside_tables import PURE
from autoslot.flow.outside_types import INERT_FUNCTIONS, method_result
from autoslot.flow.solve import Solver

# builtins in PURE that reach further than their arguments' protocols: the
# streams, the interpreter's exit and the debugger
_REACHING_BUILTINS = frozenset(
    f"builtins.{name}"
    for name in ("print", "input", "exit", "quit", "help", "breakpoint")
)
_INERT_OUTSIDE = INERT_FUNCTIONS | frozenset(
    dotted
    for dotted in PURE
    if dotted.startswith("builtins.") and dotted not in _REACHING_BUILTINS
)
_CONSTRUCTION_HOOKS = frozenset({"__init__", "__new__", "__post_init__"})


def runs_no_project_code(solver: Solver, node: int, method: str = "") -> bool:
    """Whether a call of what `node` holds (of its `method`, when given) runs
    no project code. A method is followed through modules (`util.Atom(...)`,
    `re.search(...)`) and through outside instances of known types (`m.start()`)."""
    if not method:
        return _callee_runs_no_project_code(solver, node)
    if _known_outside_method(solver, node, method):
        return True
    static = solver.static
    kinds, payloads = static.objects.kinds, static.objects.payloads
    named = static.named(node)
    if not named:
        return False
    for obj in named:
        kind = kinds[obj]
        if kind is StaticKind.EXTERNAL:
            if f"{payloads[obj]}.{method}" not in _INERT_OUTSIDE:
                return False
            continue
        if kind is not StaticKind.MODULE:
            return False
        found = static.module_attr.get((payloads[obj], method))
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
            if static_payloads[obj] not in _INERT_OUTSIDE:
                return False
        elif kind is StaticKind.CLASS:
            if not constructs_without_project_code(solver, static_payloads[obj]):
                return False
        else:
            return False
    return True


def _known_outside_method(solver: Solver, node: int, method: str) -> bool:
    """Whether the receiver holds only outside instances (`re.Match`) whose
    `method` is known to run no project code and to change nothing."""
    if solver.static.named(node):
        return False
    held = solver.holds(node)
    kinds, payloads = solver.objects.kinds, solver.objects.payloads
    return bool(held) and all(
        kinds[obj] is Kind.EXTERNAL_INSTANCE
        and method_result(payloads[obj], method) is not None
        for obj in held
    )


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
        if ancestor.metaclass not in (None, *PLAIN_METACLASSES):
            return False
        if (
            ancestor.body & _CONSTRUCTION_HOOKS
            or solver.index.nodes[ancestor.id].decorators
        ):
            return False
    return True
