"""The answers the decide stage asks of the solved flow.

For every store and dynamic use outside a class's own methods: the project
classes whose instances (or class objects) the receiver may be, and
whether it may be an object of unknown origin; and the classes whose
instances escape to code autoslot cannot see, with where they first do.

A flow stopped at its cap of entry rounds (solve.py) has found only part of
what each receiver holds: code it never opened may store on any instance.
Each query's receiver is then also an object of unknown origin that may be
an instance of any project class, as under --strict, and nothing is placed
by the shape of earlier reads; what the flow did find still counts. So every
class any store or dynamic use could reach is left alone, unless the store
sets an attribute the class has anyway.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from autoslot.flow.inert import runs_no_project_code
from autoslot.flow.objects import Kind, StaticKind
from autoslot.flow.solve import Solver, solve
from autoslot.flow.state import Query
from autoslot.index.nodes import ClassId
from autoslot.index.project import ProjectIndex
from autoslot.util.fixpoint import Unsettled


@dataclass(frozen=True, slots=True)
class Use:
    """A store or dynamic use, with what its receiver may be."""

    kind: str
    path: str
    line: int
    text: str
    attr: str
    # instances of these classes
    instances: tuple[ClassId, ...]
    # these class objects
    classes: tuple[ClassId, ...]
    # an object of unknown origin
    unknown: bool
    # attributes read on the receiver on every path to a store
    requires: tuple[str, ...] = ()
    # the classes whose instances the unknown object may be (those that
    # escaped to the code it comes from)
    candidates: tuple[ClassId, ...] = ()
    # the classes whose class objects the unknown object may be
    class_candidates: tuple[ClassId, ...] = ()


@dataclass(slots=True)
class FlowFacts:
    uses: list[Use] = field(default_factory=list)
    # classes whose instances escape, with where they first do ("" when not known)
    escaped: dict[ClassId, tuple[str, int]] = field(default_factory=dict)
    # for `obj.__class__ = X`: the classes X may be, by use
    swapped_to: dict[int, tuple[ClassId, ...]] = field(default_factory=dict)
    rounds: int = 0
    # the solver stopped at its cap: every answer above is taken as unknown
    unsettled: Unsettled | None = None


def flow_facts(index: ProjectIndex) -> FlowFacts:
    solver = solve(index)
    try:
        return _answers(solver)
    finally:
        solver.release()


def _answers(solver: Solver) -> FlowFacts:
    facts = FlowFacts(rounds=solver.rounds, unsettled=solver.unsettled)
    kinds = solver.objects.kinds
    payloads = solver.objects.payloads
    classes = solver.classes
    sites = solver.escape_sites_by_object()
    for obj in solver.holds(solver.world):
        if kinds[obj] is Kind.INSTANCE:
            facts.escaped[classes[payloads[obj]].id] = sites.get(obj, ("", 0))
    everywhere = tuple(sorted(facts.escaped))
    # an unsettled flow's unknown receivers may be any class's instances
    anything = tuple(sorted(c.id for c in classes)) if solver.unsettled else None
    by_origin: dict[str | None, tuple[ClassId, ...]] = {None: anything or everywhere}
    classes_by_origin: dict[str | None, tuple[ClassId, ...]] = {
        None: anything or _held_classes(solver, solver.world, Kind.CLASS)
    }
    for origin, node in solver.worlds.items():
        by_origin[origin] = _held_classes(solver, node, Kind.INSTANCE)
        classes_by_origin[origin] = _held_classes(solver, node, Kind.CLASS)
    for query in solver.queries:
        held = solver.holds(query.node)
        instances: list[ClassId] = []
        class_objects: list[ClassId] = []
        origins: set[str | None] = set()
        for obj in held:
            kind = kinds[obj]
            if kind is Kind.UNKNOWN:
                origins.add(payloads[obj])
            if kind is Kind.INSTANCE:
                klass: int = payloads[obj]
                if query.self_class >= 0 and solver.is_subclass(
                    klass, query.self_class
                ):
                    continue  # the class's own stores count these already
                instances.append(classes[klass].id)
            elif kind is Kind.CLASS:
                class_objects.append(classes[payloads[obj]].id)
        if origins and names_a_module(solver, query.node):
            origins = set()  # `urllib.request.build_opener = f`: no instance there
        elif anything is not None and not names_a_module(solver, query.node):
            # the static pass (module names) is complete; the data pass is not
            origins = {None}
        use = Use(
            query.kind,
            query.path,
            query.line,
            query.text,
            query.attr,
            tuple(sorted(instances)),
            tuple(sorted(class_objects)),
            bool(origins),
            _requires(solver, query) if anything is None else (),
            _reached(by_origin, origins),
            _reached(classes_by_origin, origins),
        )
        if query.kind == "swap" and query.other >= 0:
            facts.swapped_to[len(facts.uses)] = tuple(
                sorted(
                    classes[payloads[o]].id
                    for o in solver.holds(query.other)
                    if kinds[o] is Kind.CLASS
                )
            )
        facts.uses.append(use)
    return facts


def _held_classes(solver: Solver, node: int, kind: Kind) -> tuple[ClassId, ...]:
    """The project classes whose instances (or class objects) a world holds."""
    kinds, payloads = solver.objects.kinds, solver.objects.payloads
    return tuple(
        sorted(
            solver.classes[payloads[o]].id
            for o in solver.holds(node)
            if kinds[o] is kind
        )
    )


def _reached(
    by_origin: dict[str | None, tuple[ClassId, ...]], origins: set[str | None]
) -> tuple[ClassId, ...]:
    if None in origins:
        return by_origin[None]
    return tuple(sorted({c for o in origins for c in by_origin.get(o, ())}))


def _requires(solver: Solver, query: Query) -> tuple[str, ...]:
    """What a store's receiver was read for first, counting the reads made
    before calls when none of those calls runs project code."""
    if query.requires_across and all(
        runs_no_project_code(solver, node, method)
        for node, method in query.calls_between
    ):
        return tuple(sorted({*query.requires, *query.requires_across}))
    return query.requires


def names_a_module(solver: Solver, node: int) -> bool:
    """Whether the receiver is written as a module or an outside name that
    denotes one object (`urllib.request`, `logging.Logger`), never an instance."""
    named = solver.static.named(node)
    kinds = solver.static.objects.kinds
    return bool(named) and all(
        kinds[o] in (StaticKind.MODULE, StaticKind.EXTERNAL) for o in named
    )


__all__ = ["FlowFacts", "Query", "Use", "flow_facts"]
