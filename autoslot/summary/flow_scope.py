"""The variables of one scope's names while a module's flow program is built.

FlowScope gives each name of a scope one variable (in a function, one per
assignment: its versions) and, when the scope ends, ties names it only
reads to the scope that binds them, as Python's scoping rules do (a
function skips the class bodies around it; `global` and `nonlocal` name the
outer variable directly).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

from autoslot.summary.flow_builder import FlowBuilder
from autoslot.summary.flow_model import (
    UNKNOWN,
)

ScopeKind = Literal["module", "function", "class"]


class FlowScope:
    """The variables of one scope's names."""

    __slots__ = (
        "bound",
        "builder",
        "class_index",
        "declared_global",
        "declared_nonlocal",
        "kind",
        "names",
        "parent",
        "versions",
        "written",
    )

    def __init__(
        self,
        builder: FlowBuilder,
        kind: ScopeKind,
        parent: FlowScope | None,
        class_index: int = -1,
    ) -> None:
        self.builder = builder
        self.kind = kind
        self.parent = parent
        self.class_index = class_index
        self.names: dict[str, int] = {}
        self.bound: set[str] = set()
        self.declared_global: set[str] = set()
        self.declared_nonlocal: set[str] = set()
        # In a function, each assignment makes a new version of the name and
        # a read sees the version that reaches it on straight-line code (the
        # branches of an `if` merge; loops and `try` fall back to the name's
        # variable, which holds every version, as closures do).
        self.versions: dict[str, int] | None = {} if kind == "function" else None
        self.written: list[str] = []

    def var(self, name: str) -> int:
        """The variable a name denotes here (read or written)."""
        found = self.names.get(name)
        if found is not None:
            return found
        if name in self.declared_global:
            found = self.module().bind(name)
        elif name in self.declared_nonlocal:
            outer = self.enclosing_function()
            found = outer.bind(name) if outer is not None else UNKNOWN
        else:
            found = self.builder.var()
        self.names[name] = found
        return found

    def bind(self, name: str) -> int:
        if name not in self.declared_global and name not in self.declared_nonlocal:
            self.bound.add(name)
        return self.var(name)

    def read(self, name: str) -> int:
        """The variable a read of the name sees here."""
        versions = self.versions
        if versions is not None:
            found = versions.get(name)
            if found is not None:
                return found
        return self.var(name)

    def write(self, name: str) -> int:
        """The variable an assignment to the name fills (a new version)."""
        canonical = self.bind(name)
        versions = self.versions
        if (
            versions is None
            or name in self.declared_global
            or name in self.declared_nonlocal
        ):
            return canonical
        version = self.builder.var()
        self.builder.copies += (canonical, version)
        versions[name] = version
        self.written.append(name)
        return version

    def set_version(self, name: str, var: int) -> None:
        if self.versions is not None:
            self.versions[name] = var

    def forget(self, names: Iterable[str]) -> None:
        """From here on these names are read through their variables (every version)."""
        versions = self.versions
        if versions is not None:
            for name in names:
                versions[name] = self.var(name)

    def module(self) -> FlowScope:
        scope = self
        while scope.parent is not None:
            scope = scope.parent
        return scope

    def enclosing_function(self) -> FlowScope | None:
        """The nearest enclosing function scope, for `nonlocal`."""
        scope = self.parent
        while scope is not None and scope.kind != "function":
            scope = scope.parent
        return scope

    def may_be_builtin(self, name: str) -> bool:
        """Whether a read of the name here may reach the builtin of that name:
        no scope it is looked up through binds it so far (a binding met later
        in the walk is missed, which only ever counts a use too many)."""
        scope: FlowScope | None = self
        while scope is not None:
            if (
                name in scope.bound
                or name in scope.declared_global
                or name in scope.declared_nonlocal
            ):
                return False
            scope = scope._lookup_parent()
        return True

    def _lookup_parent(self) -> FlowScope | None:
        """Where a free name of this scope is looked up: functions skip class bodies."""
        scope = self.parent
        if self.kind == "function":
            while scope is not None and scope.kind == "class":
                scope = scope.parent
        return scope

    def close(self) -> None:
        builder = self.builder
        outer = self._lookup_parent()
        for name, var in self.names.items():
            if name in self.bound:
                if self.kind == "class":
                    builder.class_attributes.append((self.class_index, name, var))
                elif self.kind == "module":
                    builder.globals.append((name, var))
                continue
            if name in self.declared_global or name in self.declared_nonlocal:
                continue
            if outer is not None:
                builder.copies += (var, outer.var(name))
            else:
                builder.free.append((var, name))
