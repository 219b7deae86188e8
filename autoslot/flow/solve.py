"""Solve the project's value flow in two passes.

1. The static pass names the functions, modules and outside names each
   variable refers to (static.py).
2. Calls it names are bound; the data pass then follows instances, class
   objects and the unknown object, binding method calls and calls of
   classes as data arrives, and opening the entry points (functions nothing
   calls) until nothing changes.
"""

from __future__ import annotations

from autoslot.flow.graph import Rule
from autoslot.flow.link import Linker, program_size
from autoslot.flow.static import no_class_nodes
from autoslot.flow.world import WorldMixin
from autoslot.index.project import ProjectIndex
from autoslot.util.fixpoint import Unsettled, cap_reached

# Each round opens functions found uncalled; a few rounds reach the fixpoint
# (the first opens almost all). More means a bug (util/fixpoint.py): the answers
# are then incomplete, and flow/facts.py answers every query as unknown.
MAX_ENTRY_ROUNDS = 20
ENTRY_LOOP = "the value flow opening entry points"


class Solver(WorldMixin):
    __slots__ = (
        "_bodies",
        "_definers",
        "_index",
        "_instance_names",
        "dynamic",
        "fixtures",
        "names_called_in",
        "rounds",
        "unsettled",
    )

    @property
    def index(self) -> ProjectIndex:
        return self._index

    def __init__(self, index: ProjectIndex) -> None:
        resolver = index.resolver
        modules = {n: s.path for n, s in resolver.modules.items()} if resolver else {}
        super().__init__(program_size(index), modules)
        self._bodies: dict[int, frozenset[str]] = {}
        self._definers: dict[str, frozenset[int]] | None = None
        self._instance_names: dict[int, frozenset[str]] = {}
        self._index = index
        self.dynamic: set[int] = set()
        self.rounds = 0
        # the entry rounds stopped at their cap (None: the flow settled)
        self.unsettled: Unsettled | None = None
        self.attach(self.world, Rule.WATCH, ("world",))
        linker = Linker(self, index)
        # Rules attached while linking wait for the worklist: run at once,
        # they would read the static pass's answers (the functions a class
        # attribute names) before it has run, and cache what they found.
        self.deferring = True
        linker.link()
        # pytest fixtures by the name test functions ask for them by
        self.fixtures: dict[str, list[int]] = {}
        for number, function in enumerate(self.functions):
            if function.fixture:
                self.fixtures.setdefault(function.fixture, []).append(number)
        self._static_pass(linker)
        self.static.finish()
        self.deferring = False
        for node, path, line in linker.escapes:
            self.escape(node, path, line)
        linker.bind_calls()
        self._borrowed_methods()
        # which names each function calls, for opening entry points in waves
        self.names_called_in: dict[int, set[str]] = {}
        for site in linker.calls:
            name = site.method or site.text.rsplit(".", 1)[-1]
            self.names_called_in.setdefault(site.caller, set()).add(name)

    def _static_pass(self, linker: Linker) -> None:
        static = self.static
        static.solve()
        # A decorator that is data (an instance's method, a call's result):
        # what it decorates goes on, and escapes to it. Repeat for chains.
        waiting = [s for s in linker.calls if s.decorator and s.args]
        while waiting:
            forwarded = [s for s in waiting if not static.named(s.callee)]
            if not forwarded:
                break
            for site in forwarded:
                static.edge(site.args[0], site.result)
                static.decorated.update(f for f, _ in static.functions_in(site.args[0]))
            waiting = [s for s in waiting if s not in forwarded]
            static.solve()

    def _borrowed_methods(self) -> None:
        """`display = Panel.display` in a class body: the method runs on the
        instances of the class (and its subclasses) whoever calls it."""
        for klass, info in enumerate(self.classes):
            for attr in sorted(info.body):
                for function, _ in self.static.functions_in(
                    self.class_attr(klass, attr)
                ):
                    owner = self.functions[function].owner
                    if owner < 0 or owner == klass:
                        continue
                    for member in self.descendants(klass):
                        self.borrowed(function, self.instance(member))

    def run(self) -> None:
        self.settle()
        while self.open_entry_points():
            self.rounds += 1
            if self.rounds > MAX_ENTRY_ROUNDS:
                # the wave just opened is left unsolved: what it would find
                # is unknown either way
                self.unsettled = cap_reached(ENTRY_LOOP, MAX_ENTRY_ROUNDS)
                return
            self.settle()

    def settle(self) -> None:
        """Solve until nothing changes, dormant class attributes woken on
        the way included (lookups.py): each replay only adds, so this ends."""
        self.solve()
        while self.replay_wakes():
            self.solve()

    def release(self) -> None:
        """Cut the one cycle through the solver, the static pass's class
        lookup (link.py): its half a million sets and tuples then go by
        refcount, not in a collection that scans all the stage allocated."""
        self.static.class_nodes = no_class_nodes

    def bodies(self, klass: int) -> frozenset[str]:
        """Every name bound in the body of the class or of a project class of its MRO."""
        found = self._bodies.get(klass)
        if found is None:
            info = self.classes[klass]
            names = set(info.body)
            for entry in info.ancestors or ():
                if isinstance(entry, int):
                    names |= self.classes[entry].body
            found = self._bodies[klass] = frozenset(names)
        return found

    def classes_defining(self, name: str) -> frozenset[int]:
        """The classes whose `bodies` bind the name."""
        if self._definers is None:
            definers: dict[str, set[int]] = {}
            for klass in range(len(self.classes)):
                for attr in self.bodies(klass):
                    definers.setdefault(attr, set()).add(klass)
            self._definers = {n: frozenset(k) for n, k in definers.items()}
        return self._definers.get(name, frozenset())

    def instance_names(self, klass: int) -> frozenset[str]:
        """The attributes the methods of the class and of its project bases store on self."""
        found = self._instance_names.get(klass)
        if found is None:
            names: set[str] = set()
            for entry in (klass, *(self.classes[klass].ancestors or ())):
                if isinstance(entry, int):
                    summary = self._index.nodes[self.classes[entry].id].summary
                    names.update(u.name for u in summary.stores)
            found = self._instance_names[klass] = frozenset(names)
        return found


def solve(index: ProjectIndex) -> Solver:
    solver = Solver(index)
    solver.run()
    return solver
