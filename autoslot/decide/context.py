"""What rules may ask while deciding: the index, earlier decisions, MRO facts."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from autoslot.config.settings import Settings
from autoslot.decide.model import Decision, Finding, Site
from autoslot.decide.project_names import ProjectNames
from autoslot.index.external import ExternalClass
from autoslot.index.project import ClassId, ClassNode, MroEntry, ProjectIndex
from autoslot.summary.model import AttrUse, BodyBinding
from autoslot.summary.names import mangle
from autoslot.util.fixpoint import Unsettled

# Bound in every class body, or attributes of every object: a slot of one of
# these names conflicts with the class or hides object's attribute.
# `__annotations__` is here because since 3.10 reading it on a class without
# annotations stores a fresh dict in the class: a slot of that name would
# hide it (typing.get_type_hints breaks) or clash with it.
IMPLICIT_CLASS_NAMES = frozenset(
    {
        *vars(object),
        "__module__",
        "__dict__",
        "__weakref__",
        "__slots__",
        "__annotations__",
    }
)

# Binding kinds a store on an instance goes through rather than shadows.
PASS_THROUGH = frozenset({"property_setter", "annotation", "classvar", "slots"})
# a project class binding one of these answers reads of names it lacks
# (the first is asked only for those; the second for every name)
ATTRIBUTE_HOOKS = ("__getattr__", "__getattribute__")


@dataclass(slots=True)
class Overrides:
    """Decisions forced by whole-hierarchy reasoning, kept across decide rounds."""

    mixins: set[ClassId] = field(default_factory=set)
    demoted: dict[ClassId, Decision] = field(default_factory=dict)


@dataclass(slots=True)
class ProjectFacts:
    """Facts gathered from the whole project rather than from one class."""

    # stores on instances made outside the class's own methods
    outside_stores: dict[ClassId, list[AttrUse]] = field(default_factory=dict)
    # stores on the class object made outside its body (`Item.limit = 3`)
    class_stores: dict[ClassId, list[AttrUse]] = field(default_factory=dict)
    # classes that outside code makes unsafe to slot (AS104, AS105, AS108, AS109, AS114)
    blocked: dict[ClassId, Decision] = field(default_factory=dict)
    # classes whose instances the project takes weak references to
    weakref_users: set[ClassId] = field(default_factory=set)
    # a weak reference to an object of unknown class: any class may need them
    weakref_unknown: bool = False
    # classes a weak reference in the project may reach, by the value flow: its
    # receiver may be one of their instances, or an object of unknown origin
    # that they escaped to; each with where
    weakref_reached: dict[ClassId, Site] = field(default_factory=dict)
    # (path, line) of pickling with protocol 0 or 1
    low_protocol_pickling: list[tuple[str, int]] = field(default_factory=list)
    # stores on objects of unknown class (AS114), by path
    unknown_stores: list[tuple[str, Finding]] = field(default_factory=list)
    # every attribute name the project reads, stores or confirms (typos.py
    # builds it on first use)
    names: ProjectNames | None = None
    # the value flow stopped at its cap of rounds (flow/facts.py)
    unsettled: Unsettled | None = None

    def uses_weakrefs(self, class_id: ClassId) -> bool:
        return self.weakref_unknown or class_id in self.weakref_users


@dataclass(slots=True)
class Context:
    index: ProjectIndex
    settings: Settings
    overrides: Overrides
    facts: ProjectFacts
    decisions: dict[ClassId, Decision] = field(default_factory=dict)

    def node(self, class_id: ClassId) -> ClassNode:
        return self.index.nodes[class_id]

    def ancestors(self, node: ClassNode) -> tuple[MroEntry, ...]:
        """The MRO without the class itself (empty when it is unknown)."""
        return node.mro[1:] if node.mro else ()

    def external_ancestors(self, node: ClassNode) -> Iterator[ExternalClass]:
        for entry in self.ancestors(node):
            if isinstance(entry, ExternalClass):
                yield entry

    def own_slots(self, entry: MroEntry) -> tuple[str, ...]:
        if isinstance(entry, ExternalClass):
            return entry.slots
        return self.decisions[entry].slots

    def inherited_slots(self, node: ClassNode) -> set[str]:
        provided: set[str] = set()
        for entry in self.ancestors(node):
            if isinstance(entry, ExternalClass):
                # external slots are declared names; mangle them like CPython did
                owner = entry.dotted.rsplit(".", 1)[-1]
                provided.update(mangle(s, owner) for s in entry.slots)
            else:
                provided.update(self.decisions[entry].slots)
        return provided

    def provides_weakref(self, node: ClassNode) -> bool:
        for entry in self.ancestors(node):
            if isinstance(entry, ExternalClass):
                if entry.has_weakref:
                    return True
            else:
                decision = self.decisions[entry]
                if decision.keeps_dict or "__weakref__" in decision.slots:
                    return True
        return False

    def variable_size_base(self, node: ClassNode) -> ExternalClass | None:
        return next((e for e in self.external_ancestors(node) if e.itemsize), None)

    def bound_in_subclasses(self, node: ClassNode) -> set[str]:
        """Names the bodies of the class's project subclasses bind (not annotate)."""
        return {
            b.name
            for sub in self.index.descendants(node.id)
            for b in self.index.nodes[sub].summary.body
            if b.kind != "annotation"
        }

    def required_names(self, node: ClassNode) -> list[AttrUse]:
        """Every attribute instances of this class store, in source order.

        Bare annotations in the body declare attributes; stores in methods and
        stores from outside the class are the rest.
        """
        summary = node.summary
        outside = self.facts.outside_stores.get(node.id, ())
        stored = {u.name for u in summary.stores} | {u.name for u in outside}
        # a bare annotation declares an instance attribute, unless nobody
        # stores it and a subclass binds it at class level (`TABLE: dict`
        # above `TABLE = {...}`): the slot would make that read-only
        bound_below = self.bound_in_subclasses(node)
        declared = [
            AttrUse(name, b.line, "<class body>")
            for b in summary.body
            if b.kind == "annotation"
            and (
                (name := mangle(b.name, summary.name)) in stored
                or b.name not in bound_below
            )
        ]
        uses = sorted([*declared, *summary.stores], key=lambda u: u.line)
        uses.extend(outside)
        seen: set[str] = set()
        ordered: list[AttrUse] = []
        for use in uses:
            if use.name not in seen:
                seen.add(use.name)
                ordered.append(use)
        return ordered

    def class_store_in_hierarchy(
        self, node: ClassNode, name: str
    ) -> tuple[ClassNode, AttrUse] | None:
        """A store of `name` on the class object (`cls.x = ...`) here or in a base."""
        for klass in self.index.hierarchy(node):
            for store in (
                *klass.summary.class_stores,
                *self.facts.class_stores.get(klass.id, ()),
            ):
                if store.name == name:
                    return klass, store
        return None

    def binding_in_hierarchy(
        self, node: ClassNode, name: str
    ) -> tuple[ClassNode, BodyBinding] | None:
        """The class-body binding `name` resolves to, looking through the MRO."""
        for klass in self.index.hierarchy(node):
            binding = self.index.own_bindings(klass.id).get(name)
            if binding is not None:
                return klass, binding
        return None
