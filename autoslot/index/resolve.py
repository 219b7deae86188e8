"""Resolve a dotted name written in a module to what it refers to.

The answer is a class of the project, a dotted name outside the project
(`collections.abc.Mapping`), a module, or "unresolved" with the reason.
Names bound more than once, or only under `if`/`try` (including `if
TYPE_CHECKING` and `try: ... except ImportError`), are ambiguous and stay
unresolved: an ambiguous base is never known to be slot-friendly.
"""

from __future__ import annotations

import builtins
from dataclasses import dataclass

from autoslot.index.external import stdlib_module_exports
from autoslot.index.modules import absolute_import
from autoslot.summary.model import ModuleBinding, ModuleSummary

BUILTIN_NAMES = frozenset(dir(builtins))


@dataclass(frozen=True, slots=True)
class ProjectClass:
    module: str
    qualname: str


@dataclass(frozen=True, slots=True)
class ExternalName:
    dotted: str


@dataclass(frozen=True, slots=True)
class ProjectName:
    """A module-level name of the project bound to something other than a class."""

    module: str
    name: str


@dataclass(frozen=True, slots=True)
class ModuleRef:
    name: str


@dataclass(frozen=True, slots=True)
class Unresolved:
    why: str


Target = ProjectClass | ProjectName | ExternalName | ModuleRef | Unresolved


class Resolver:
    def __init__(
        self, modules: dict[str, ModuleSummary], primary_name: dict[str, str]
    ) -> None:
        """`modules` maps every module name to its summary; `primary_name` maps
        a summary's path to the name used for its relative imports."""
        self.modules = modules
        self.primary_name = primary_name
        self._bindings: dict[str, dict[str, list[ModuleBinding]]] = {}
        self._class_names: dict[str, set[str]] = {}
        self._memo: dict[tuple[str, str], Target] = {}
        # whole dotted names, kept only when resolved outside any lookup: a
        # lookup in progress answers "refers to itself" to the names it
        # reaches, and that answer must not outlive it
        self._resolved: dict[tuple[str, str], Target] = {}
        self._each: dict[tuple[str, str], tuple[Target, ...]] = {}
        self._looking_up = 0

    def bindings(self, module: str) -> dict[str, list[ModuleBinding]]:
        found = self._bindings.get(module)
        if found is None:
            found = {}
            for binding in self.modules[module].bindings:
                found.setdefault(binding.name, []).append(binding)
            self._bindings[module] = found
        return found

    def class_qualnames(self, module: str) -> set[str]:
        found = self._class_names.get(module)
        if found is None:
            summary = self.modules.get(module)
            found = {c.qualname for c in summary.classes} if summary else set()
            self._class_names[module] = found
        return found

    def resolve(self, module: str, dotted: str) -> Target:
        key = (module, dotted)
        target = self._resolved.get(key)
        if target is not None:
            return target
        head, *rest = dotted.split(".")
        target = self.lookup(module, head)
        for part in rest:
            if isinstance(target, Unresolved):
                break  # stays unresolved, whatever follows (`self.method`)
            target = self._attribute(target, part)
        if not self._looking_up:
            self._resolved[key] = target
        return target

    def resolve_each(self, module: str, dotted: str) -> tuple[Target, ...]:
        """Every target `dotted` may denote, each binding of its head taken alone,
        conditional ones included (for evidence of an instance's class, never
        for bases: there a binding autoslot cannot pin down must stay unknown)."""
        key = (module, dotted)
        found = self._each.get(key)
        if found is None:
            found = self._resolve_each(module, dotted)
            if not self._looking_up:  # as for resolve()
                self._each[key] = found
        return found

    def _resolve_each(self, module: str, dotted: str) -> tuple[Target, ...]:
        head, *rest = dotted.split(".")
        summary = self.modules.get(module)
        if summary is None:
            return ()
        found: list[Target] = []
        for binding in self.bindings(module).get(head, []):
            target = self._binding(module, summary, binding, 0)
            for part in rest:
                target = self._attribute(target, part)
            found.append(target)
        return tuple(found)

    def lookup(self, module: str, name: str, depth: int = 0) -> Target:
        key = (module, name)
        memo = self._memo.get(key)
        if memo is not None:
            return memo
        if depth > 50:
            return Unresolved(f"import cycle while resolving {name!r}")
        self._memo[key] = Unresolved(f"{name!r} refers to itself")  # guards cycles
        self._looking_up += 1
        try:
            result = self._lookup(module, name, depth)
        finally:
            self._looking_up -= 1
        self._memo[key] = result
        return result

    def _lookup(self, module: str, name: str, depth: int) -> Target:
        summary = self.modules.get(module)
        if summary is None:
            # Two files claim this module name (top-level `check.py` in two
            # roots): neither is importable by it, so nothing in it resolves.
            return Unresolved(f"module name {module!r} is claimed by two files")
        bound = self.bindings(module).get(name)
        if bound:
            if len(bound) > 1:
                return Unresolved(f"{name!r} is bound more than once in {module}")
            binding = bound[0]
            if binding.conditional:
                return Unresolved(
                    f"{name!r} is bound conditionally in {module} (if/try)"
                )
            return self._binding(module, summary, binding, depth)
        for star in summary.star_imports:
            source = absolute_import(
                module, summary.is_package, star.level, star.module
            )
            if source is None:
                continue
            if source in self.modules:
                if self._exports(source, name):
                    if star.conditional:
                        return Unresolved(
                            f"{name!r} comes from a conditional star import"
                        )
                    return self.lookup(source, name, depth + 1)
            elif stdlib_module_exports(source, name):
                return ExternalName(f"{source}.{name}")
            else:
                return Unresolved(f"{name!r} may come from `from {source} import *`")
        if name in BUILTIN_NAMES:
            return ExternalName(f"builtins.{name}")
        return Unresolved(f"{name!r} is not defined in {module}")

    def _exports(self, module: str, name: str) -> bool:
        summary = self.modules[module]
        if summary.dunder_all is not None and not summary.dunder_all_dynamic:
            return name in summary.dunder_all
        if name.startswith("_"):
            return False
        if name in self.bindings(module):
            return True
        return any(
            (source := absolute_import(module, summary.is_package, s.level, s.module))
            is not None
            and source in self.modules
            and self._exports(source, name)
            for s in summary.star_imports
        )

    def _binding(
        self, module: str, summary: ModuleSummary, binding: ModuleBinding, depth: int
    ) -> Target:
        if binding.kind == "class":
            return ProjectClass(module, binding.target)
        if binding.kind == "alias":
            return self.resolve(module, binding.target)
        if binding.kind == "other":
            return ProjectName(module, binding.name)
        source = absolute_import(
            module, summary.is_package, binding.level, binding.target
        )
        if source is None:
            return Unresolved(
                f"relative import beyond the top-level package in {module}"
            )
        if binding.member is None:
            return ModuleRef(source)
        return self._member(source, binding.member, depth)

    def _member(self, module: str, member: str, depth: int) -> Target:
        submodule = f"{module}.{member}" if module else member
        if module in self.modules:
            if member in self.bindings(module) or any(
                True for _ in self.modules[module].star_imports
            ):
                found = self.lookup(module, member, depth + 1)
                if not isinstance(found, Unresolved) or submodule not in self.modules:
                    return found
            if submodule in self.modules:
                return ModuleRef(submodule)
            return self.lookup(module, member, depth + 1)
        if submodule in self.modules:
            return ModuleRef(submodule)
        return ExternalName(submodule)

    def _attribute(self, target: Target, part: str) -> Target:
        if isinstance(target, Unresolved):
            return target
        if isinstance(target, ProjectName):
            return Unresolved(
                f"{target.module}.{target.name} is not a class statement or import"
            )
        if isinstance(target, ExternalName):
            return ExternalName(f"{target.dotted}.{part}")
        if isinstance(target, ModuleRef):
            if target.name in self.modules:
                return self._member(target.name, part, 0)
            submodule = f"{target.name}.{part}"
            if submodule in self.modules:  # a namespace package of the project
                return ModuleRef(submodule)
            return ExternalName(submodule)
        qualname = f"{target.qualname}.{part}"
        if qualname in self.class_qualnames(target.module):
            return ProjectClass(target.module, qualname)
        return Unresolved(f"{part!r} is not a nested class of {target.qualname}")
