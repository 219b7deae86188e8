"""What the whole project does to instances from outside their classes.

The value flow (autoslot/flow) gives every store and dynamic use outside a
class's own methods the classes its receiver may be. Here each becomes a
fact for the decide rules: a store on an instance of a known class adds
the name to what the class must hold (or leaves the class alone when the
name cannot be a slot); a `__dict__` use, a computed `setattr`, a class
swap, low-protocol pickling, reading the class namespace leave the classes
alone. A receiver that may be an object of unknown origin may be an
instance of any class whose instances escape to code autoslot cannot see:
such a use leaves alone every escaped class it could break.
"""

from __future__ import annotations

from collections.abc import Sequence

from autoslot.codes.reason_code import Code
from autoslot.config.settings import Settings
from autoslot.decide.class_names import ClassNames
from autoslot.decide.class_objects import STORES, clobbered_classes
from autoslot.decide.context import IMPLICIT_CLASS_NAMES, PASS_THROUGH, ProjectFacts
from autoslot.decide.model import SITE, Site, finding, skip
from autoslot.decide.safety import (
    CLASS_ATTRIBUTE_CLASH,
    CLASS_SWAP,
    COMPUTED_SETATTR,
    INSTANCE_DICT,
    PICKLED_BY_DICT,
)
from autoslot.decide.used_outside import (
    NAMESPACE_READ,
    REPLACED_ON_INSTANCES,
    RUNTIME_BASES,
    UNPLACED_STORE,
)
from autoslot.flow.facts import FlowFacts, Use, flow_facts
from autoslot.index.nodes import ClassId
from autoslot.index.project import ProjectIndex
from autoslot.summary.model import AttrUse
from autoslot.summary.shapes import CLASS_SHAPE
from autoslot.util.pool import quiet_collector

# uses that no slot can make safe, by code and what they do; `wrapped` stores
# __doc__ and __name__, attributes every class has (the reason of AS101)
DYNAMIC: dict[str, tuple[Code, str]] = {
    "dict": (INSTANCE_DICT, "uses the __dict__ of"),
    "setattr": (COMPUTED_SETATTR, "calls setattr with a computed name on"),
    "pickle": (PICKLED_BY_DICT, "pickles, with protocol 0 or 1 or one it cannot read,"),
    "wrapped": (
        CLASS_ATTRIBUTE_CLASH,
        "copies a function's __doc__, __name__ and __dict__ onto",
    ),
    "reflect": (NAMESPACE_READ, "lists the attributes of"),
}


class OutsideAnalysis:
    def __init__(
        self, index: ProjectIndex, settings: Settings, flow: FlowFacts
    ) -> None:
        self.index = index
        self.settings = settings
        self.flow = flow
        self.facts = ProjectFacts()
        self.names = ClassNames(index, self.facts)
        self._unknown: list[Use] = []
        self._open_lists: dict[int, tuple[Sequence[ClassId], list[ClassId]]] = {}

    def run(self) -> ProjectFacts:
        facts = self.facts
        for number, use in enumerate(self.flow.uses):
            if use.kind in ("store", "patch"):
                self._store(use)
            elif use.kind == "weakref":
                facts.weakref_users.update(use.instances)
                facts.weakref_unknown |= use.unknown
                self._weakref_reach(use)
            elif use.kind == "swap":
                self._swap(use, self.flow.swapped_to.get(number, ()))
            elif use.kind == "combine":
                for class_id in use.classes:
                    self._block(
                        class_id,
                        RUNTIME_BASES,
                        f"{SITE} makes a class at run time with it among the bases",
                        self._where(use),
                    )
            else:
                self._dynamic(use)
        # an unknown receiver is judged against the stores placed on each class
        for use in self._unknown:
            self._unknown_use(use)
        # after every placement: the names each class's instances hold are known
        self.names.forget_instance_names()
        for use in self._unknown:
            if use.kind in STORES:
                self._on_class_objects(use)
        return facts

    def _on_class_objects(self, use: Use) -> None:
        candidates: Sequence[ClassId]
        if self.settings.strict:
            candidates = self.index.order()
        elif CLASS_SHAPE in use.requires:
            # `type(item).count = 0`: the class of any instance that escaped
            candidates = tuple(sorted({*use.class_candidates, *use.candidates}))
        else:
            candidates = use.class_candidates
        # a class already left alone keeps its first reason: skip weighing it
        open_classes = [c for c in candidates if c not in self.facts.blocked]
        found = clobbered_classes(
            use, open_classes, self.index, self.names.instance_names, self.names.binding
        )
        if use.kind == "setattr":
            action = "calls setattr with a computed name on"
        else:
            action = f"stores {use.attr!r} on"
        for class_id, what in found:
            self._block(
                class_id,
                CLASS_ATTRIBUTE_CLASH,
                f"{SITE} {action} {use.text}, which may be the class object of "
                f"this class (it reaches code autoslot cannot see): a class "
                f"attribute would replace {what}",
                self._where(use),
            )

    # uses on known classes ------------------------------------------------
    def _store(self, use: Use) -> None:
        where = self._where(use)
        shared = use.unknown or not self._one_hierarchy(use.instances)
        stored = AttrUse(use.attr, use.line, "", use.path, shared)
        for class_id in use.classes:
            self.facts.class_stores.setdefault(class_id, []).append(stored)
        receiver = use.text.replace("@", "self")
        for class_id in use.instances:
            node = self.index.nodes[class_id]
            binding = self.names.binding(node, use.attr)
            if binding is not None and binding not in PASS_THROUGH:
                self._block(
                    class_id,
                    REPLACED_ON_INSTANCES,
                    f"{SITE} stores {use.attr!r} on {receiver}, but it is a "
                    f"{binding.replace('_', ' ')} of the class",
                    where,
                )
            elif binding in (None, "annotation") and node.summary.slots is None:
                # a declared __slots__ is the author's: a store from outside
                # that it lacks fails today (often on purpose), and must go on failing
                self.facts.outside_stores.setdefault(class_id, []).append(stored)
        if use.unknown:
            self._unknown.append(use)

    def _one_hierarchy(self, classes: tuple[ClassId, ...]) -> bool:
        """Whether one of the classes is a base of all the others."""
        nodes = [self.index.nodes[c] for c in classes]
        return any(
            all(n is root or (n.mro is not None and root.id in n.mro) for n in nodes)
            for root in nodes
        )

    def _dynamic(self, use: Use) -> None:
        code, what = DYNAMIC[use.kind]
        where = self._where(use)
        reached = list(use.instances)
        if use.kind in ("dict", "reflect"):
            # `C.__dict__`, `vars(C)`, `dir(C)`: slots add member descriptors
            # to the class namespace, which changes what such code sees
            reached.extend(use.classes)
            if use.kind == "dict" and use.classes:
                code, what = NAMESPACE_READ, "reads the namespace of"
        for class_id in reached:
            self._block(class_id, code, f"{SITE} {what} {use.text}", where)
        if use.unknown:
            self._unknown.append(use)

    def _weakref_reach(self, use: Use) -> None:
        reached = list(use.instances)
        if use.unknown:
            # --strict: outside code may hand an instance of any class there
            reached.extend(
                self.index.order() if self.settings.strict else use.candidates
            )
        for class_id in reached:
            self.facts.weakref_reached.setdefault(class_id, self._where(use))

    def _swap(self, use: Use, targets: tuple[ClassId, ...]) -> None:
        where = self._where(use)
        for class_id in use.instances:
            self._block(
                class_id, CLASS_SWAP, f"{SITE} assigns {use.text}.__class__", where
            )
        for class_id in targets:
            self._block(
                class_id,
                CLASS_SWAP,
                f"{SITE} turns instances of another class into this one",
                where,
            )
        if use.unknown:
            self._unknown.append(use)

    # uses on objects of unknown origin -------------------------------------
    def _unknown_use(self, use: Use) -> None:
        where = self._where(use)
        if use.kind in ("store", "patch"):
            what = f"stores {use.attr!r} on {use.text}"
        elif use.kind == "swap":
            what = f"assigns {use.text}.__class__"
        else:
            what = f"{DYNAMIC[use.kind][1]} {use.text}"
        strict = self.settings.strict
        if use.kind in ("store", "patch") and use.requires and not strict:
            self._place_by_shape(use, where)
            return
        self.facts.unknown_stores.append(
            (
                use.path,
                finding(
                    UNPLACED_STORE, use.line, f"{what}, an object autoslot cannot place"
                ),
            )
        )
        # --strict: code outside the project (its users') may make an instance
        # of any class and hand it to any function
        candidates = self.index.order() if strict else use.candidates
        for class_id in self._still_open(candidates):
            if (
                use.kind in ("store", "patch")
                and not strict
                and self.names.holds(class_id, use.attr)
            ):
                continue  # the name is an attribute of the class already: the store is fine
            escape: tuple[Site, ...] = ()
            path, line = self.flow.escaped.get(class_id, ("", 0))
            if class_id not in use.candidates:
                reach = "--strict counts on outside code making one"
            elif path:
                reach = f"its instances reach code autoslot cannot see ({SITE})"
                escape = (Site(path, line),)
            else:
                reach = "its instances reach code autoslot cannot see"
            self._block(
                class_id,
                UNPLACED_STORE,
                f"{SITE} {what}, which may be an instance of this class: {reach}",
                where,
                *escape,
            )

    def _place_by_shape(self, use: Use, where: Site) -> None:
        """A store on an unknown object that the same code reads `requires`
        from first: it can only be an instance of a class that has them all,
        and those classes get the attribute (`for item in items:
        item.discounted = item.price > 10`)."""
        stored = AttrUse(use.attr, use.line, "", use.path, True)
        requires = [n for n in use.requires if n not in IMPLICIT_CLASS_NAMES]
        for class_id in use.candidates:
            node = self.index.nodes[class_id]
            readable = self.names.readable(node)
            if readable is not None and not all(n in readable for n in requires):
                continue
            binding = self.names.binding(node, use.attr)
            if binding is not None and binding not in PASS_THROUGH:
                self._block(
                    class_id,
                    REPLACED_ON_INSTANCES,
                    f"{SITE} stores {use.attr!r} on {use.text}, which may be an "
                    f"instance of this class, where it is a {binding.replace('_', ' ')}",
                    where,
                )
            elif binding in (None, "annotation") and node.summary.slots is None:
                self.facts.outside_stores.setdefault(class_id, []).append(stored)

    # helpers --------------------------------------------------------------
    def _still_open(self, candidates: Sequence[ClassId]) -> list[ClassId]:
        """The candidates not left alone yet, in their order. Thousands of
        uses share one candidate tuple (the classes escaped to one world),
        and it empties as they block: each use filters what the last left."""
        key = id(candidates)
        kept = self._open_lists.get(key)
        remaining = (
            kept[1] if kept is not None and kept[0] is candidates else candidates
        )
        blocked = self.facts.blocked
        still = [c for c in remaining if c not in blocked]
        self._open_lists[key] = (candidates, still)
        return still

    def _where(self, use: Use) -> Site:
        return Site(use.path, use.line)

    def _block(self, class_id: ClassId, code: Code, message: str, *sites: Site) -> None:
        """Leave the class alone; `message` names `sites` with SITE."""
        if class_id not in self.facts.blocked:  # the first reason is the one kept
            self.facts.blocked[class_id] = skip(code, message, sites=sites)


def gather_project_facts(index: ProjectIndex, settings: Settings) -> ProjectFacts:
    # The summaries are hundreds of thousands of live objects, and each full
    # collection that this stage's allocations trigger scans them all; it
    # makes no cycles worth collecting.
    with quiet_collector():
        flow = flow_facts(index)
        facts = OutsideAnalysis(index, settings, flow).run()
        facts.unsettled = flow.unsettled
        return facts
