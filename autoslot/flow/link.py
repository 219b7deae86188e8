"""Link the modules' flow programs into the graphs of the two passes.

Module-local variables become graph nodes (each module's variables at an
offset of their own); classes and functions get project-wide numbers;
imports, star imports and free names are tied to the attributes of the
modules they come from; names bound in class bodies to the attributes of
the class. Calls are kept as call sites, bound once the static pass has
named their callees (see `bind_calls`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from autoslot.flow.graph import Rule
from autoslot.flow.link_annotations import AnnotationLinking
from autoslot.flow.link_calls import CallLinking
from autoslot.flow.link_names import NameLinking
from autoslot.flow.objects import PLAIN, UNKNOWN_OBJECT, Kind, StaticKind
from autoslot.flow.outside_tables import SAME_AS_FIRST, keeps_identity
from autoslot.flow.sites import CallSite, ClassInfo, FunctionSite
from autoslot.flow.state import Query
from autoslot.index.external import ExternalClass
from autoslot.index.nodes import ClassId
from autoslot.index.project import ProjectIndex
from autoslot.summary.flow_model import UNKNOWN, FlowProgram
from autoslot.summary.model import ModuleSummary
from autoslot.summary.names import mangle
from autoslot.util.paths import is_test_module

if TYPE_CHECKING:
    from autoslot.flow.solve import Solver


def program_size(index: ProjectIndex) -> int:
    return sum(s.flow.variables for s in index.summaries.values())


class Linker(NameLinking, CallLinking, AnnotationLinking):
    """Fills the solver's two graphs with the project's programs."""

    def __init__(self, solver: Solver, index: ProjectIndex) -> None:
        self.solver = solver
        self.static = solver.static
        self.index = index
        self.class_numbers: dict[ClassId, int] = {}
        self.exports: dict[str, frozenset[str]] = {}
        self._by_qualname: dict[tuple[str, str], int] = {}
        # what the calls, loads and stores need once the static pass is done
        self.calls: list[CallSite] = []
        self.loads: list[tuple[int, int, str]] = []
        self.stores: list[tuple[int, str, int]] = []
        # escapes name functions too: they wait for the static pass
        self.escapes: list[tuple[int, str, int]] = []

    def link(self) -> None:
        static = self.static
        static.same_as_first = SAME_AS_FIRST
        static.keeps_identity = keeps_identity
        static.class_nodes = lambda klass, attr: self.solver.lookup(klass, attr)[0]
        self._classes()
        offset = 0
        for path in sorted(self.index.summaries):
            summary = self.index.summaries[path]
            module = self.index.module_name(path) or f"<{path}>"
            self._module(path, module, summary, offset)
            offset += summary.flow.variables

    # classes and functions --------------------------------------------------
    def _classes(self) -> None:
        solver = self.solver
        nodes = self.index.nodes
        for number, class_id in enumerate(sorted(nodes)):
            self.class_numbers[class_id] = number
            if class_id.occurrence == 0:
                self._by_qualname[(nodes[class_id].module, class_id.qualname)] = number
        for class_id in sorted(nodes):
            node = nodes[class_id]
            summary = node.summary
            ancestors: tuple[int | str, ...] | None = None
            outside: set[str] = set()
            if node.mro is not None:
                entries: list[int | str] = []
                for entry in node.mro[1:]:
                    if isinstance(entry, ExternalClass):
                        entries.append(entry.dotted)
                        outside |= entry.attributes
                    else:
                        entries.append(self.class_numbers[entry])
                ancestors = tuple(entries)
            body = frozenset(mangle(b.name, summary.name) for b in summary.body)
            solver.classes.append(
                ClassInfo(
                    class_id,
                    summary.name,
                    node.module,
                    ancestors,
                    body,
                    outside_attributes=frozenset(outside),
                    metaclass=node.metaclass,
                )
            )
        for class_id, subs in self.index.subclasses.items():
            solver.classes[self.class_numbers[class_id]].subclasses.extend(
                self.class_numbers[s] for s in subs
            )

    def _module(
        self, path: str, module: str, summary: ModuleSummary, base: int
    ) -> None:
        solver = self.solver
        program = summary.flow
        classes = [
            self.class_numbers.get(ClassId(path, qualname, occurrence), -1)
            for qualname, occurrence in program.classes
        ]
        first_function = len(solver.functions)
        from_tests = is_test_module(self.index.module_name(path) or "", path)
        for function in program.functions:
            solver.functions.append(
                FunctionSite(
                    function.qualname,
                    path,
                    function.line,
                    tuple(n for n, _ in function.params),
                    tuple(base + v for _, v in function.params),
                    function.positional,
                    base + function.vararg if function.vararg >= 0 else -1,
                    base + function.kwarg if function.kwarg >= 0 else -1,
                    base + function.returns,
                    base + function.generator if function.generator >= 0 else -1,
                    classes[function.owner] if function.owner >= 0 else -1,
                    function.binding,
                    {
                        position: self._admitted(module, names, from_tests)
                        for position, names in function.annotations
                    },
                    function.required,
                    function.required_keywords,
                    function.fixture,
                    function.receiver_result,
                )
            )
        solver.add_one(base + UNKNOWN, UNKNOWN_OBJECT)
        self._objects(program, base, classes, first_function)
        self._constraints(path, module, program, base, classes, first_function)
        self._names(module, summary, base, classes)

    def _objects(
        self, program: FlowProgram, base: int, classes: list[int], first_function: int
    ) -> None:
        solver = self.solver
        static = self.static
        for var, kind, payload in program.objects:
            node = base + var
            if kind == "function":
                static.add_one(node, static.function(first_function + payload, PLAIN))
            elif kind == "exception":
                solver.add_one(node, solver.objects.get(Kind.EXCEPTION, None))
            elif kind == "escaped":
                solver.edge(solver.world, node)
            elif classes[payload] < 0:
                solver.add_one(node, UNKNOWN_OBJECT)
            elif kind == "class":
                solver.add_one(node, solver.class_object(classes[payload]))
                static.add_one(
                    node, static.objects.get(StaticKind.CLASS, classes[payload])
                )
            elif kind == "self":
                solver.unbounded.add(node)
                solver.receivers.add(node)
                solver.add(
                    node,
                    [solver.instance(c) for c in solver.descendants(classes[payload])],
                )
            elif kind == "cls":
                solver.unbounded.add(node)
                solver.receivers.add(node)
                solver.add(
                    node,
                    [
                        solver.class_object(c)
                        for c in solver.descendants(classes[payload])
                    ],
                )
                for c in solver.descendants(classes[payload]):
                    static.add_one(node, static.objects.get(StaticKind.CLASS, c))
            elif kind == "super":
                solver.add_one(node, solver.objects.get(Kind.SUPER, classes[payload]))

    # constraints --------------------------------------------------------------
    def _constraints(
        self,
        path: str,
        module: str,
        program: FlowProgram,
        base: int,
        classes: list[int],
        first_function: int,
    ) -> None:
        solver = self.solver
        static = self.static
        attach = solver.attach
        attach_named = solver.attach_named
        pairs = program.copies
        for i in range(0, len(pairs), 2):
            source, target = base + pairs[i + 1], base + pairs[i]
            solver.edge(source, target)
            static.edge(source, target)
        pairs = program.gathers
        for i in range(0, len(pairs), 2):
            container, element = base + pairs[i], base + pairs[i + 1]
            solver.edge(element, container)
            static.attach(element, Rule.PUT, container)
        for target, source, attr in program.loads:
            attach_named(base + source, Rule.LOAD, (base + target, attr), attr)
            static.attach(base + source, Rule.LOAD, (base + target, attr))
            self.loads.append((base + source, base + target, attr))
        for store in program.stores:
            node, value = base + store.base, base + store.value
            attach_named(node, Rule.STORE, (store.attr, value), store.attr)
            self.stores.append((node, store.attr, value))
            if store.kind == "element":
                continue
            solver.query(
                Query(
                    store.kind,
                    node,
                    path,
                    store.line,
                    store.text,
                    store.attr,
                    self_class=classes[store.on_self] if store.on_self >= 0 else -1,
                    requires=store.requires,
                    requires_across=store.requires_across,
                    calls_between=tuple(
                        (base + node, method) for node, method in store.calls_between
                    ),
                )
            )
        for rule, flat in (
            (Rule.ITERATE, program.iterations),
            (Rule.SUBSCRIPT, program.subscripts),
            (Rule.ENTER, program.entered),
            (Rule.TYPE_OF, program.types),
            (Rule.CREATE, program.creations),
        ):
            for i in range(0, len(flat), 2):
                attach(base + flat[i + 1], rule, base + flat[i])
        flat = program.elements
        for i in range(0, len(flat), 2):
            attach(base + flat[i], Rule.PUT, base + flat[i + 1])
        for call in program.calls:
            site = CallSite(
                path,
                base + call.result,
                base + call.callee,
                tuple(base + a for a in call.args),
                call.starred,
                tuple((n, base + a) for n, a in call.keywords),
                dict(call.constants),
                call.line,
                call.text,
                classes[call.on_self] if call.on_self >= 0 else -1,
                call.forwarded,
                method=call.method,
                decorator=call.decorator,
                caller=first_function + call.caller if call.caller >= 0 else -1,
                written=True,
            )
            self.calls.append(site)
            if not call.method:
                static.attach(site.callee, Rule.CALL, site)
        for target, operands, method in program.operators:
            nodes = tuple(base + o for o in operands)
            for position, operand in enumerate(nodes):
                attach(operand, Rule.OPERATOR, (base + target, position, nodes, method))
        for target, source, names in program.narrowings:
            admitted = self._admitted_classes(module, names)
            if admitted is None:
                solver.edge(base + source, base + target)
            else:
                attach(base + source, Rule.NARROW, (base + target, admitted))
            static.edge(base + source, base + target)
        for use in program.uses:
            node = base + use.var
            if use.kind == "escape":
                self.escapes.append((node, path, use.line))
                continue
            solver.query(
                Query(
                    use.kind,
                    node,
                    path,
                    use.line,
                    use.text,
                    other=base + use.other if use.other else -1,
                    self_class=classes[use.on_self] if use.on_self >= 0 else -1,
                )
            )
