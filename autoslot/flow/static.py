"""The first pass: which functions, modules and outside names each variable
names, followed through assignments, scopes, imports, class bodies and
decorators (but not through calls: a function handed to a call or stored in
an attribute is data from then on, the unknown object, and escapes).

Calls whose callee this pass pins down are bound once, before the data
pass; `self.method(...)` and other calls on data are bound by that pass.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import cast

from autoslot.flow.graph import Graph, Rule
from autoslot.flow.objects import (
    CLASS_METHOD,
    ELEMENT,
    PLAIN,
    PROPERTY,
    STATIC_METHOD,
    Objects,
    StaticKind,
)
from autoslot.flow.sites import CallSite

# outside decorators and what they make of a function
DESCRIPTORS = {
    "builtins.staticmethod": STATIC_METHOD,
    "builtins.classmethod": CLASS_METHOD,
    "builtins.property": PROPERTY,
    "functools.cached_property": PROPERTY,
    "abc.abstractproperty": PROPERTY,
    "types.DynamicClassAttribute": PROPERTY,
    "enum.property": PROPERTY,
}


class StaticPass(Graph):
    __slots__ = (
        "class_nodes",
        "decorated",
        "finished",
        "keeps_identity",
        "module_attr",
        "modules",
        "objects",
        "same_as_first",
    )

    def __init__(self, size: int, modules: set[str]) -> None:
        super().__init__(size)
        self.limit = 1 << 30  # few values each: never widened
        self.objects = Objects()
        self.modules = modules
        # functions a decorator was applied to: they escape to it
        self.decorated: set[int] = set()
        self.module_attr: dict[tuple[str, str], int] = {}
        # functions_in's answers, once the pass is done (finish)
        self.finished: dict[int, tuple[tuple[int, str], ...]] | None = None
        self.same_as_first: frozenset[str] = frozenset()
        self.keeps_identity = _keeps_everything
        # the class-attribute nodes `attr` of a class is looked up in (its MRO)
        self.class_nodes: Callable[[int, str], list[int]] = no_class_nodes

    def function(self, number: int, binds: str = PLAIN) -> int:
        return self.objects.get(StaticKind.FUNCTION, (number, binds))

    def module(self, name: str) -> int:
        return self.objects.get(StaticKind.MODULE, name)

    def external(self, dotted: str) -> int:
        return self.objects.get(StaticKind.EXTERNAL, dotted)

    def functions_in(self, node: int) -> tuple[tuple[int, str], ...]:
        """(function number, how it binds) of every function `node` names."""
        finished = self.finished
        if finished is None:
            return self._functions_in(node)
        found = finished.get(node)
        if found is None:
            found = finished[node] = self._functions_in(node)
        return found

    def _functions_in(self, node: int) -> tuple[tuple[int, str], ...]:
        held = self.pts[node] if node < len(self.pts) else None
        if not held:
            return ()
        kinds = self.objects.kinds
        payloads = self.objects.payloads
        return tuple(payloads[o] for o in held if kinds[o] is StaticKind.FUNCTION)

    def finish(self) -> None:
        """The pass is done: what each node names is final from now on, so
        functions_in is kept per node (the data pass asks 5M times on the
        stdlib, mostly of the same class attributes)."""
        self.finished = {}

    def named(self, node: int) -> set[int]:
        held = self.pts[node] if node < len(self.pts) else None
        return held or set()

    def apply(self, rule: Rule, data: Hashable, objects: set[int]) -> None:
        if rule is Rule.PUT:  # into a container: functions are elements there
            kinds = self.objects.kinds
            payloads = self.objects.payloads
            for obj in objects:
                element = obj
                if kinds[obj] is StaticKind.FUNCTION:
                    element = self.function(payloads[obj][0], ELEMENT)
                self.add_one(data, element)  # type: ignore[arg-type]
        elif rule is Rule.LOAD:
            target, attr = cast("tuple[int, str]", data)
            for obj in objects:
                self._load(obj, attr, target)
        elif rule is Rule.CALL:
            for obj in objects:
                self._call(obj, data)  # type: ignore[arg-type]

    def _load(self, obj: int, attr: str, target: int) -> None:
        kind = self.objects.kinds[obj]
        payload = self.objects.payloads[obj]
        if kind is StaticKind.MODULE:
            node = self.module_attr.get((payload, attr))
            if node is not None:
                self.edge(node, target)
            submodule = f"{payload}.{attr}"
            if submodule in self.modules:
                self.add_one(target, self.module(submodule))
        elif kind is StaticKind.CLASS:
            for node in self.class_nodes(payload, attr):
                self.edge(node, target)
        elif kind is StaticKind.EXTERNAL:
            dotted = f"{payload}.{attr}"
            if self.keeps_identity(dotted):
                self.add_one(target, self.external(dotted))
        elif (
            kind is StaticKind.FUNCTION
            and payload[1] == PROPERTY
            and attr in ("setter", "getter", "deleter")
        ):
            self.add_one(target, self.objects.get(StaticKind.ACCESSOR, payload[0]))

    def _call(self, obj: int, site: CallSite) -> None:
        """What a decorator (or property() and friends) makes of the functions
        it is given."""
        kind = self.objects.kinds[obj]
        payload = self.objects.payloads[obj]
        given = [f for a in site.args[:2] for f in self.functions_in(a)]
        if kind is StaticKind.EXTERNAL and payload in DESCRIPTORS:
            binds = DESCRIPTORS[payload]
            for number, _ in given if binds == PROPERTY else given[:1]:
                self.add_one(site.result, self.function(number, binds))
        elif kind is StaticKind.EXTERNAL and payload in self.same_as_first:
            if site.args:
                self.edge(site.args[0], site.result)
            else:  # options only, as in `lru_cache(maxsize=64)`: gives the decorator
                self.add_one(site.result, self.objects.get(StaticKind.SAME, None))
        elif kind is StaticKind.EXTERNAL and payload in NEW_TYPES:
            # `Priority = NewType("Priority", int)`: calling it gives back the argument
            self.add_one(site.result, self.objects.get(StaticKind.SAME, None))
        elif kind is StaticKind.SAME and site.args:
            self.edge(site.args[0], site.result)
        elif kind is StaticKind.ACCESSOR:
            for number, _ in given[:1]:
                self.add_one(site.result, self.function(number, PROPERTY))
        elif site.decorator and site.args:
            # A decorator autoslot does not model: calls of the name go to the
            # function (decorators forward to what they wrap), and the function
            # escapes to the decorator, which may call it with anything.
            self.edge(site.args[0], site.result)
            self.decorated.update(number for number, _ in given[:1])


NEW_TYPES = frozenset({"typing.NewType", "typing_extensions.NewType"})


def _keeps_everything(dotted: str) -> bool:
    return True


def no_class_nodes(klass: int, attr: str) -> list[int]:
    return []
