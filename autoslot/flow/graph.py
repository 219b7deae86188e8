"""The constraint graph and its worklist: sets of objects that only grow.

Each node holds a set of objects. A copy edge says "the target holds
everything the source holds"; other constraints are attached to a node
and run for each object that arrives there (a load from it, a call of it,
...). Objects are propagated by difference: a node hands on only what is
new to it, so each edge carries each object once.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from enum import IntEnum

LIMIT = 64  # objects a node holds before it is widened (see Graph)
UNKNOWN = 0  # the unknown object's id (see objects.py)


class Rule(IntEnum):
    """What a constraint attached to a node does with the objects arriving there."""

    LOAD = 0  # data: (target, attribute)
    STORE = 1  # data: (attribute, source)
    ITERATE = 2  # data: target
    SUBSCRIPT = 3  # data: target
    PUT = 4  # data: source
    CALL = 5  # data: call site
    OPERATOR = 6  # data: (target, position, operands, method)
    ENTER = 7  # data: target
    TYPE_OF = 8  # data: target
    CREATE = 9  # data: target
    # data in a class attribute read through the class or an instance: (target, receiver)
    DESCRIPTOR = 10
    SETTER = 11  # data: a value stored through a descriptor: (source, receiver)
    WATCH = 12  # data: a callback key (see Solver.watched)
    METHOD_CALL = 13  # data: a method call's site (the node holds the receiver)
    NARROW = 14  # data: (target, the class numbers a type test admits)


class Graph:
    __slots__ = (
        "_attached_once",
        "attached",
        "deferring",
        "edges",
        "limit",
        "pending",
        "pts",
        "receivers",
        "saturated",
        "unbounded",
        "world",
    )

    def __init__(self, size: int) -> None:
        self.pts: list[set[int] | None] = [None] * size
        self.edges: dict[int, set[int]] = {}
        self.attached: dict[int, list[tuple[Rule, Hashable]]] = {}
        self.pending: dict[int, set[int]] = {}
        self._attached_once: set[tuple[int, Rule, Hashable]] = set()
        # Widening: a node that would hold more than LIMIT objects holds only
        # the unknown object, and what it held or receives goes to the world
        # (the unknown object stands for anything that escaped there). A hub
        # of generic code (a wrapper's *args) costs one object, not all.
        self.saturated: set[int] = set()
        # nodes never widened: the world, a method's `self` and `cls`
        self.unbounded: set[int] = set()
        self.world = -1
        self.limit = LIMIT
        # while set, attach only records a constraint; the objects the node
        # already holds reach it when the worklist runs (see Solver)
        self.deferring = False
        # a method's `self` and `cls`: they hold instances (class objects) of
        # the class and its subclasses, and never take the unknown object
        # (unknown code calls a method on an instance of its class)
        self.receivers: set[int] = set()

    def node(self) -> int:
        self.pts.append(None)
        return len(self.pts) - 1

    def ensure(self, size: int) -> None:
        """Make room for nodes another graph over the same program made."""
        if len(self.pts) < size:
            self.pts.extend([None] * (size - len(self.pts)))

    def holds(self, node: int) -> set[int]:
        found = self.pts[node]
        return found if found is not None else set()

    def add(self, node: int, objects: Iterable[int]) -> None:
        if node in self.receivers:
            objects = [o for o in objects if not self.is_unknown(o)]
        current = self.pts[node]
        if current is None:
            new = set(objects)
            if not new:
                return
            if len(new) > self.limit and node not in self.unbounded:
                # widened whatever order the objects arrive in
                self._saturate(node, new)
                return
            self.pts[node] = set(new)
        else:
            new = set(objects) - current
            if not new:
                return
            if node in self.saturated:
                self._to_world(new)
                return
            current |= new
            if len(current) > self.limit and node not in self.unbounded:
                self._saturate(node, current)
                return
        waiting = self.pending.get(node)
        if waiting is None:
            self.pending[node] = new
        else:
            waiting |= new

    def add_one(self, node: int, obj: int) -> None:
        if node in self.receivers and self.is_unknown(obj):
            return
        current = self.pts[node]
        if current is None:
            self.pts[node] = {obj}
        elif obj in current:
            return
        elif node in self.saturated:
            self._to_world({obj})
            return
        else:
            current.add(obj)
            if len(current) > self.limit and node not in self.unbounded:
                self._saturate(node, current)
                return
        waiting = self.pending.get(node)
        if waiting is None:
            self.pending[node] = {obj}
        else:
            waiting.add(obj)

    def is_unknown(self, obj: int) -> bool:
        return obj == UNKNOWN

    def _saturate(self, node: int, held: set[int]) -> None:
        self.saturated.add(node)
        self.pts[node] = {UNKNOWN}
        self._to_world(held)
        waiting = self.pending.get(node)
        if waiting is None:
            self.pending[node] = {UNKNOWN}
        else:
            waiting.add(UNKNOWN)

    def _to_world(self, objects: set[int]) -> None:
        self.add(self.world, objects - {UNKNOWN})

    def edge(self, source: int, target: int) -> None:
        if source == target:
            return
        targets = self.edges.get(source)
        if targets is None:
            self.edges[source] = {target}
        elif target in targets:
            return
        else:
            targets.add(target)
        held = self.pts[source]
        if held:
            self.add(target, held)

    def attach(self, node: int, rule: Rule, data: Hashable) -> bool:
        """Attach a constraint (once); it runs at once for what the node
        already holds. Whether it is new."""
        key = (node, rule, data)
        if key in self._attached_once:
            return False
        self._attached_once.add(key)
        rules = self.attached.get(node)
        if rules is None:
            self.attached[node] = [(rule, data)]
        else:
            rules.append((rule, data))
        held = self.pts[node]
        if held and not self.deferring:
            self.apply(rule, data, set(held))
        return True

    def solve(self) -> None:
        pending = self.pending
        edges = self.edges
        attached = self.attached
        add = self.add
        while pending:
            node, delta = pending.popitem()
            targets = edges.get(node)
            if targets:
                for target in list(targets):
                    add(target, delta)
            rules = attached.get(node)
            if rules:
                for rule, data in list(rules):
                    self.apply(rule, data, delta)

    def apply(self, rule: Rule, data: Hashable, objects: set[int]) -> None:
        raise NotImplementedError
