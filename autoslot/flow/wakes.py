"""Replaying the consumers of lookups that left out a dormant class
attribute, once it wakes (lookups.py).

A consumer is a rule that looks a name up on the objects arriving at its
node: a method call, a load, a store (and the loads of `getattr` with a
computed name, and the calls on objects of unknown origin that share one
call per name). Each is replayed for the woken nodes alone, on the
instances and class objects it has seen of the classes that inherit from
the woken class; what they would have done with the node had it been live
all along is what the replay does, so the solver's fixpoint is the one a
lookup of every link would reach.
"""

from __future__ import annotations

from typing import cast

from autoslot.flow.dispatch import DispatchMixin
from autoslot.flow.graph import Rule
from autoslot.flow.objects import Kind
from autoslot.flow.sites import CallSite


class WakeMixin(DispatchMixin):
    __slots__ = ()

    def replay_wakes(self) -> bool:
        """Replay the consumers of every name woken since the last call;
        whether there were any."""
        due = self.wakes_due
        if not due:
            return False
        self.wakes_due = {}
        for attr in sorted(due):
            members: set[int] = set()
            for klass in sorted(due[attr]):
                members.update(self.descendants(klass))
            woken = {self.class_attr(klass, attr) for klass in due[attr]}
            self._replay_name(attr, members, woken)
        return True

    def _replay_name(self, attr: str, members: set[int], woken: set[int]) -> None:
        kinds = self.objects.kinds
        payloads = self.objects.payloads
        for node, rule, data in list(self.consumers.get(attr, ())):
            held = self.pts[node]
            if not held:
                continue
            for obj in sorted(held):
                kind = kinds[obj]
                if kind is not Kind.INSTANCE and kind is not Kind.CLASS:
                    continue
                if payloads[obj] not in members:
                    continue
                through_instance = kind is Kind.INSTANCE
                for found in self.lookup(payloads[obj], attr)[0]:
                    if found in woken:
                        self._replay(rule, data, found, obj, through_instance)
        for world, by_name in list(self.dispatch_waiting.items()):
            shared_calls = list(by_name.get(attr, {}).values())
            if not shared_calls:
                continue
            for obj in self.escaped_with(world, attr):
                if payloads[obj] not in members:
                    continue
                for found in self.lookup(payloads[obj], attr)[0]:
                    if found in woken:
                        for shared in shared_calls:
                            self.call_class_attribute(found, obj, shared, True)

    def _replay(
        self, rule: Rule, data: object, node: int, obj: int, through_instance: bool
    ) -> None:
        if rule is Rule.METHOD_CALL:
            site = cast("CallSite", data)
            self.call_class_attribute(node, obj, site, through_instance)
        elif rule is Rule.LOAD:
            target, _ = cast("tuple[int, str]", data)
            self.read_class_attribute(node, target, obj, through_instance)
        elif rule is Rule.STORE and through_instance:
            _, source = cast("tuple[str, int]", data)
            self.store_through(node, obj, source)
