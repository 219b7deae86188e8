"""Linking names: imports, star imports, module globals, free names and the
names of class bodies, tied to the module and class attributes they are."""

from __future__ import annotations

import builtins
from typing import TYPE_CHECKING

from autoslot.flow.objects import UNKNOWN_OBJECT
from autoslot.flow.outside_tables import keeps_identity
from autoslot.flow.state import module_of
from autoslot.index.external import stdlib_module_exports
from autoslot.index.modules import absolute_import
from autoslot.index.project import ProjectIndex
from autoslot.summary.model import ModuleSummary
from autoslot.summary.names import mangle

if TYPE_CHECKING:
    from autoslot.flow.solve import Solver
    from autoslot.flow.static import StaticPass

BUILTIN_NAMES = frozenset(dir(builtins))
# names every module has; none holds a project object
MODULE_DUNDERS = frozenset(
    {"__name__", "__file__", "__doc__", "__package__", "__path__", "__cached__"}
)


class NameLinking:
    """The part of the Linker that ties names to attributes."""

    solver: Solver
    static: StaticPass
    index: ProjectIndex
    exports: dict[str, frozenset[str]]

    def _names(
        self, module: str, summary: ModuleSummary, base: int, classes: list[int]
    ) -> None:
        solver = self.solver
        static = self.static
        program = summary.flow
        for var, target, member, level in program.imports:
            self._import(base + var, module, summary, target, member, level)
        for name, var in program.globals:
            self._tie(base + var, solver.module_attr(module, name))
        outside_stars: list[str] = []
        for source, level in program.star_imports:
            absolute = absolute_import(module, summary.is_package, level, source)
            if absolute is None:
                continue
            if absolute in solver.modules:
                for name in sorted(self._exported(absolute, set())):
                    exported = solver.module_attr(absolute, name)
                    here = solver.module_attr(module, name)
                    solver.edge(exported, here)
                    static.edge(exported, here)
            else:
                outside_stars.append(absolute)
        for var, name in program.free:
            node = base + var
            attribute = solver.module_attr(module, name)
            solver.edge(attribute, node)
            static.edge(attribute, node)
            if name in BUILTIN_NAMES:
                static.add_one(node, static.external(f"builtins.{name}"))
            elif name in MODULE_DUNDERS:
                continue
            else:
                star = next(
                    (s for s in outside_stars if stdlib_module_exports(s, name)), None
                )
                if star is not None:
                    static.add_one(node, static.external(f"{star}.{name}"))
                else:
                    solver.add_one(node, UNKNOWN_OBJECT)
        for index, name, var in program.class_attributes:
            klass = classes[index]
            if klass >= 0:
                attribute = solver.class_attr(
                    klass, mangle(name, solver.classes[klass].name)
                )
                self._tie(base + var, attribute)

    def _tie(self, var: int, attribute: int) -> None:
        """A name and the attribute it is (a module's global, a class body's name)."""
        for graph in (self.solver, self.static):
            graph.edge(var, attribute)
            graph.edge(attribute, var)

    def _import(
        self,
        node: int,
        module: str,
        summary: ModuleSummary,
        target: str,
        member: str,
        level: int,
    ) -> None:
        solver = self.solver
        static = self.static
        absolute = absolute_import(module, summary.is_package, level, target)
        if absolute is None:
            solver.add_one(node, UNKNOWN_OBJECT)
            return
        if not member:
            if absolute in solver.modules:
                static.add_one(node, static.module(absolute))
            else:
                static.add_one(node, static.external(absolute))
            return
        submodule = f"{absolute}.{member}" if absolute else member
        if submodule in solver.modules:
            static.add_one(node, static.module(submodule))
        if absolute in solver.modules:
            attribute = solver.module_attr(absolute, member)
            solver.edge(attribute, node)
            static.edge(attribute, node)
        elif submodule not in solver.modules:
            if keeps_identity(submodule):
                static.add_one(node, static.external(submodule))
            else:
                solver.add_one(node, solver.unknown_from(module_of(submodule)))

    def _exported(self, module: str, visiting: set[str]) -> frozenset[str]:
        """The names `from module import *` binds (its own and its star imports')."""
        found = self.exports.get(module)
        if found is not None:
            return found
        resolver = self.index.resolver
        if resolver is None or module not in resolver.modules or module in visiting:
            return frozenset()
        visiting.add(module)
        source = resolver.modules[module]
        if source.dunder_all is not None and not source.dunder_all_dynamic:
            names = set(source.dunder_all)
        else:
            names = {n for n, _ in source.flow.globals if not n.startswith("_")}
            for star, level in source.flow.star_imports:
                absolute = absolute_import(module, source.is_package, level, star)
                if absolute is not None and absolute in self.solver.modules:
                    names |= self._exported(absolute, visiting)
        found = self.exports[module] = frozenset(names)
        return found
