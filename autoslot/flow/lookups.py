"""Where an attribute of a class's instances comes from, through the MRO, and
the class attributes no lookup needs yet.

A lookup of `attr` walks the project classes of the MRO up to the first
whose body binds it (the definer). A class before the definer holds the
name only when something stores it on the class object (`Base.attr = v`)
or the class takes computed names (`setattr(Base, name, v)`): until then
its attribute node would stay empty, and every receiver arriving at every
consumer of the lookup would pay for it (the stdlib's test classes walk
thousands of such chains, nineteen in twenty links of them empty). Such a
node is dormant: lookups leave it out and note that they did. The store
that fills it wakes it; the lookups that left it out are then made again,
and the consumers that used them are replayed for the woken node alone
(see wakes.py) before the solver settles.

Special names (`__iter__`, `__init__`, ...) are never dormant: the
protocols reach them from too many places to replay.
"""

from __future__ import annotations

from collections.abc import Hashable

from autoslot.flow.graph import Rule
from autoslot.flow.state import State


def is_special(attr: str) -> bool:
    return attr.startswith("__") and attr.endswith("__")


class LookupMixin(State):
    __slots__ = ()

    def lookup(self, klass: int, attr: str) -> tuple[list[int], str | None, bool]:
        """Where `attr` of instances of a class comes from, through its MRO.

        The live class-attribute nodes of the project classes up to the
        first one whose body binds the name; the outside class that
        provides it, if any; and whether the MRO is known at all.
        """
        key = (klass, attr)
        found = self.lookups.get(key)
        if found is None:
            found = self.lookups[key] = self._lookup(klass, attr)
        return found

    def _lookup(self, klass: int, attr: str) -> tuple[list[int], str | None, bool]:
        info = self.classes[klass]
        nodes: list[int] = []
        if attr in info.body:
            return [self.class_attr(klass, attr)], None, True
        self._unless_dormant(klass, attr, nodes)
        if info.ancestors is None:
            return nodes, None, False
        for entry in info.ancestors:
            if isinstance(entry, str):
                if attr in info.outside_attributes:
                    return nodes, entry, True
                continue
            if attr in self.classes[entry].body:
                nodes.append(self.class_attr(entry, attr))
                return nodes, None, True
            self._unless_dormant(entry, attr, nodes)
        return nodes, None, True

    def _is_live(self, klass: int, attr: str) -> bool:
        """Whether lookups through the class include its node for `attr`
        though its body does not bind it."""
        return (
            is_special(attr)
            or klass in self.dynamic_classes
            or (klass, attr) in self.woken
        )

    def _unless_dormant(self, klass: int, attr: str, nodes: list[int]) -> None:
        if self._is_live(klass, attr):
            nodes.append(self.class_attr(klass, attr))
        else:
            self.skipped.setdefault(klass, set()).add(attr)

    def wake(self, klass: int, attr: str) -> None:
        """Something is stored as `attr` on the class object: from now on
        lookups through it include its node."""
        if attr in self.classes[klass].body or self._is_live(klass, attr):
            return
        self.woken.add((klass, attr))
        skipped = self.skipped.get(klass)
        if skipped is not None and attr in skipped:
            skipped.discard(attr)
            self._relook(klass, attr)

    def wake_every_name(self, klass: int) -> None:
        """The class takes computed names: any lookup through it may find one."""
        if klass in self.dynamic_classes:
            return
        self.dynamic_classes.add(klass)
        for attr in sorted(self.skipped.pop(klass, ())):
            self._relook(klass, attr)

    def _relook(self, klass: int, attr: str) -> None:
        for member in self.descendants(klass):
            self.lookups.pop((member, attr), None)
        self.wakes_due.setdefault(attr, set()).add(klass)

    def attach_named(self, node: int, rule: Rule, data: Hashable, attr: str) -> None:
        """Attach a rule that looks `attr` up on the objects arriving at
        `node`, noting it for replay when a node on the way wakes."""
        if self.attach(node, rule, data) and not is_special(attr):
            self.note_consumer(node, rule, data, attr)

    def note_consumer(self, node: int, rule: Rule, data: Hashable, attr: str) -> None:
        self.consumers.setdefault(attr, []).append((node, rule, data))
