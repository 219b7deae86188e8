"""Binding the linked calls, loads and stores once the static pass has named
what their callees and receivers are: functions, modules, outside names."""

from __future__ import annotations

from typing import TYPE_CHECKING

from autoslot.flow.graph import Rule
from autoslot.flow.objects import Kind, StaticKind, skipped
from autoslot.flow.outside_tables import keeps_identity
from autoslot.flow.sites import CallSite
from autoslot.flow.state import module_of

if TYPE_CHECKING:
    from autoslot.flow.solve import Solver
    from autoslot.flow.static import StaticPass


class CallLinking:
    """The part of the Linker that binds what the static pass named."""

    solver: Solver
    static: StaticPass
    calls: list[CallSite]
    loads: list[tuple[int, int, str]]
    stores: list[tuple[int, str, int]]

    def bind_calls(self) -> None:
        """Bind the calls the static pass named the callees of, and attach the
        rest to the data they call."""
        solver = self.solver
        static = self.static
        kinds = static.objects.kinds
        payloads = static.objects.payloads
        for source, target, attr in self.loads:
            for obj in static.named(source):
                if kinds[obj] is StaticKind.MODULE:
                    solver.edge(solver.module_attr(payloads[obj], attr), target)
                elif kinds[obj] is StaticKind.EXTERNAL:
                    dotted = f"{payloads[obj]}.{attr}"
                    if not keeps_identity(dotted):
                        # an outside function or value not followed by name:
                        # what it gives is its module's unknown object
                        solver.add_one(target, solver.unknown_from(module_of(dotted)))
        for node, attr, value in self.stores:
            for obj in static.named(node):
                if kinds[obj] is StaticKind.MODULE:
                    solver.edge(value, solver.module_attr(payloads[obj], attr))
                elif kinds[obj] is StaticKind.EXTERNAL:
                    # `urllib.request.build_opener = f`: the module's own code
                    # uses what is stored there
                    solver.escape(value, "", 0, module_of(payloads[obj]))
            functions = static.functions_in(value)
            if functions:
                # a function stored as an attribute is data from then on
                stored = solver.node()
                solver.add(
                    stored, [solver.objects.get(Kind.FUNCTION, f) for f in functions]
                )
                solver.attach_named(node, Rule.STORE, (attr, stored), attr)
        for site in self.calls:
            if site.method:
                self._method_call(site)
            else:
                self._call(site)

    def _call(self, site: CallSite) -> None:
        solver = self.solver
        static = self.static
        for obj in static.named(site.callee):
            kind = static.objects.kinds[obj]
            payload = static.objects.payloads[obj]
            if kind is StaticKind.FUNCTION:
                if payload[1] != "property":
                    solver.bind(payload[0], site, skipped(payload[1]))
            elif kind is StaticKind.EXTERNAL:
                solver.external_call(payload, site)
            elif kind is StaticKind.SAME:
                for arg in site.args[:1]:
                    solver.edge(arg, site.result)
        solver.attach(site.callee, Rule.CALL, site)

    def _method_call(self, site: CallSite) -> None:
        solver = self.solver
        static = self.static
        for obj in static.named(site.callee):
            kind = static.objects.kinds[obj]
            payload = static.objects.payloads[obj]
            if kind is StaticKind.MODULE:
                attribute = solver.module_attr(payload, site.method)
                plain = solver.plain(site)
                for function, binds in static.functions_in(attribute):
                    solver.bind(function, plain, skipped(binds))
                for named in static.named(attribute):
                    if static.objects.kinds[named] is StaticKind.EXTERNAL:
                        solver.external_call(static.objects.payloads[named], plain)
                solver.attach(attribute, Rule.CALL, plain)
            elif kind is StaticKind.EXTERNAL:
                dotted = f"{payload}.{site.method}"
                if keeps_identity(dotted):
                    solver.external_call(dotted, solver.plain(site))
                else:
                    solver.unknown_call(solver.plain(site), module_of(dotted))
        solver.attach_named(site.callee, Rule.METHOD_CALL, site, site.method)
