"""What the data pass knows besides its graph: the object table, the linked
program, the static pass's answers, and the nodes made on demand
(attributes of objects, class and module attributes)."""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass

from autoslot.flow.graph import Graph, Rule
from autoslot.flow.objects import Kind, Objects
from autoslot.flow.sites import CallSite, ClassInfo, FunctionSite
from autoslot.flow.static import StaticPass

# Outside modules whose results may be any object at all: their unknown
# objects are from anywhere, not only what was handed to them.
UNIVERSAL_MODULES = frozenset(
    {
        # they reach objects nobody handed them: frames, module globals,
        # every live object, classes named in a pickle, test functions
        "builtins",
        "gc",
        "sys",
        "inspect",
        "importlib",
        "pickle",
        "_pickle",
        "copyreg",
        "traceback",
        "pdb",
        "code",
        "unittest",
        "pytest",
        "_pytest",
    }
)


def module_of(dotted: str) -> str | None:
    """The outside module a dotted name belongs to, None for a universal one."""
    top = dotted.split(".", 1)[0]
    return None if top in UNIVERSAL_MODULES else top


@dataclass(frozen=True, slots=True)
class Query:
    """A use to judge once the flow is solved: what `node` may hold at `path:line`."""

    kind: str  # store, patch, dict, setattr, swap, weakref, pickle, combine, reflect, wrapped
    node: int
    path: str
    line: int
    text: str
    attr: str = ""
    # for swap: the node of the new class
    other: int = -1
    # the receiver is a method's own instance (the number of its class): the
    # class's own stores count instances of it and its subclasses already
    self_class: int = -1
    # attributes the receiver is read for on every path to a store
    requires: tuple[str, ...] = ()
    # and those read before calls of these callee nodes (see FlowStore)
    requires_across: tuple[str, ...] = ()
    calls_between: tuple[tuple[int, str], ...] = ()


class State(Graph):
    __slots__ = (
        "attrs_of",
        "bound",
        "call_plans",
        "called",
        "class_attr_nodes",
        "classes",
        "consumers",
        "container_classes",
        "descriptor_receivers",
        "dispatch_waiting",
        "dynamic_classes",
        "escape_points",
        "escaped_nodes",
        "every_attribute",
        "external_callers",
        "field_nodes",
        "functions",
        "handed_over",
        "lookups",
        "method_results",
        "module_attr_nodes",
        "modules",
        "object_nodes",
        "objects",
        "operated",
        "plain_sites",
        "queries",
        "seen_queries",
        "shared_operations",
        "skipped",
        "static",
        "unbound_callers",
        "unknown",
        "unknown_calls_made",
        "value_plans",
        "wakes_due",
        "woken",
        "worlds",
    )

    def __init__(self, size: int, modules: dict[str, str]) -> None:
        super().__init__(size)
        self.objects = Objects(Kind.UNKNOWN)
        # module name -> its summary's path (project modules only)
        self.modules = modules
        self.static = StaticPass(size, set(modules))
        self.classes: list[ClassInfo] = []
        self.functions: list[FunctionSite] = []
        self.field_nodes: dict[tuple[int, str], int] = {}
        # a node holding just one object, for a rule that passes the object
        # itself as an argument (a descriptor's receiver)
        self.object_nodes: dict[int, int] = {}
        # per object, the node every attribute it may have is loaded into
        # (getattr with a computed name)
        self.every_attribute: dict[int, int] = {}
        # (class attribute node, target, through an instance) -> the node of
        # the receivers it is read through (see RuleMixin.read_through)
        self.descriptor_receivers: dict[tuple[int, int, bool], int] = {}
        # binds whose outcome does not depend on the receiver, done once
        self.bound: set[tuple[int, object, int]] = set()
        # (attribute node, target, through an instance) -> the functions
        # each receiver lends itself to (see RuleMixin.functions_as_values)
        self.value_plans: dict[tuple[int, int, bool], tuple[int, ...]] = {}
        # (attribute node, call, through an instance, receiver node, exact)
        # -> what each receiver still does (see CallMixin.call_class_attribute)
        self.call_plans: dict[
            tuple[int, object, bool, int, bool], tuple[tuple[int, ...], tuple[int, ...]]
        ] = {}
        self.class_attr_nodes: dict[tuple[int, str], int] = {}
        self.module_attr_nodes: dict[tuple[str, str], int] = {}
        # the attribute nodes made so far for each object, class or module
        self.attrs_of: dict[Hashable, list[int]] = {}
        self.queries: list[Query] = []
        self.seen_queries: set[tuple[Hashable, ...]] = set()
        # functions some call in the project binds, and those code autoslot
        # cannot see may call (with or without binding their first parameter)
        self.called: set[int] = set()
        self.external_callers: set[int] = set()
        self.unbound_callers: set[int] = set()
        # (path, line, node): the node's objects are handed to outside code there
        self.escape_points: set[tuple[str, int, int]] = set()
        # (path, line, object): the object itself is (its outside base's methods)
        self.handed_over: list[tuple[str, int, int]] = []
        self.escaped_nodes: set[tuple[int, str | None]] = set()
        self.unknown_calls_made: set[tuple[CallSite, str | None]] = set()
        self.container_classes: dict[int, bool] = {}
        self.lookups: dict[tuple[int, str], tuple[list[int], str | None, bool]] = {}
        # dormant class attributes (see lookups.py): the names lookups left
        # out per class, the (class, name) pairs woken since, the classes
        # taking computed names, the names whose consumers are due a
        # replay (with the classes woken), and those consumers by name
        self.skipped: dict[int, set[str]] = {}
        self.woken: set[tuple[int, str]] = set()
        self.dynamic_classes: set[int] = set()
        self.wakes_due: dict[str, set[int]] = {}
        self.consumers: dict[str, list[tuple[int, Rule, Hashable]]] = {}
        self.method_results: dict[tuple[int, str], int] = {}
        self.plain_sites: dict[CallSite, CallSite] = {}
        # method calls on unknown objects, by world and method name
        # per world, the one call all calls of a method name on its unknown
        # objects share (see CallMixin.dispatch_by_name)
        self.dispatch_waiting: dict[int, dict[str, dict[Hashable, CallSite]]] = {}
        # one call per operator method and arity that every operator site
        # feeds (see RuleMixin.operate), and the (object, method) pairs bound to it
        self.shared_operations: dict[tuple[str, int], tuple[tuple[int, ...], int]] = {}
        self.operated: dict[tuple[int, str], bool] = {}
        self.world = self.node()
        self.unbounded.add(self.world)
        # the part of the world each outside module is: what escaped to it,
        # which is all the unknown objects it gives back can be
        self.worlds: dict[str, int] = {}
        self.unknown = self.node()
        self.add_one(self.unknown, 0)

    # nodes made on demand --------------------------------------------------
    def field(self, obj: int, attr: str) -> int:
        key = (obj, attr)
        found = self.field_nodes.get(key)
        if found is None:
            found = self.field_nodes[key] = self.node()
            self.attrs_of.setdefault(obj, []).append(found)
            self.new_field(obj, found)
        return found

    def new_field(self, obj: int, node: int) -> None:
        """A hook: the world reads the attributes of an object that escaped."""

    def holding(self, obj: int) -> int:
        """A node that holds `obj` and nothing else."""
        found = self.object_nodes.get(obj)
        if found is None:
            found = self.object_nodes[obj] = self.node()
            self.add_one(found, obj)
        return found

    def class_attr(self, klass: int, attr: str) -> int:
        key = (klass, attr)
        found = self.class_attr_nodes.get(key)
        if found is None:
            found = self.class_attr_nodes[key] = self.shared_node()
            self.attrs_of.setdefault(("class", klass), []).append(found)
            self.new_field(self.objects.get(Kind.CLASS, klass), found)
        return found

    def module_attr(self, module: str, attr: str) -> int:
        key = (module, attr)
        found = self.module_attr_nodes.get(key)
        if found is None:
            found = self.module_attr_nodes[key] = self.shared_node()
            self.static.module_attr[key] = found
        return found

    def shared_node(self) -> int:
        """A node both passes use (class and module attributes)."""
        found = self.node()
        self.static.ensure(found + 1)
        return found

    def is_unknown(self, obj: int) -> bool:
        return self.objects.kinds[obj] is Kind.UNKNOWN

    def unknown_from(self, origin: str | None) -> int:
        """The unknown object code outside gives back: from one outside
        module (`threading.current_thread()`), or from anywhere (None)."""
        if origin is None:
            return 0
        return self.objects.get(Kind.UNKNOWN, origin)

    def origin(self, obj: int) -> str | None:
        """The outside module an unknown object or an outside instance comes from."""
        kind = self.objects.kinds[obj]
        payload = self.objects.payloads[obj]
        if kind is Kind.UNKNOWN:
            return payload  # type: ignore[no-any-return]
        if kind is Kind.EXTERNAL_INSTANCE:
            return module_of(payload)
        return None

    def world_of(self, origin: str | None) -> int:
        if origin is None:
            return self.world
        found = self.worlds.get(origin)
        if found is None:
            found = self.worlds[origin] = self.node()
            self.unbounded.add(found)
            self.edge(found, self.world)
        return found

    def query(self, query: Query) -> None:
        key = (query.kind, query.node, query.path, query.line, query.attr)
        if key not in self.seen_queries:
            self.seen_queries.add(key)
            self.queries.append(query)

    # classes ------------------------------------------------------------
    def descendants(self, klass: int) -> list[int]:
        """The class and every project class that derives from it."""
        found = [klass]
        seen = {klass}
        index = 0
        while index < len(found):
            for sub in self.classes[found[index]].subclasses:
                if sub not in seen:
                    seen.add(sub)
                    found.append(sub)
            index += 1
        return found

    def is_subclass(self, klass: int, base: int) -> bool:
        if klass == base:
            return True
        ancestors = self.classes[klass].ancestors
        return ancestors is not None and base in ancestors

    def instance(self, klass: int) -> int:
        return self.objects.get(Kind.INSTANCE, klass)

    def class_object(self, klass: int) -> int:
        return self.objects.get(Kind.CLASS, klass)

    def call_site_like(self, site: CallSite, callee: int, result: int) -> CallSite:
        return CallSite(
            site.path,
            result,
            callee,
            site.args,
            site.starred,
            site.keywords,
            site.constants,
            site.line,
            site.text,
            site.self_class,
            site.forwarded,
            written=site.written,
        )

    def function_site(self, number: int) -> FunctionSite:
        return self.functions[number]
