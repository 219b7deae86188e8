"""The world: code autoslot cannot see, as one node of the graph.

What is handed to unknown code escapes into it: an instance that escapes
may come back from any unknown source, and its attributes may be read out
there (so what they hold escapes too). Unknown code calls the project's
functions only through what it was handed or knows by protocol: a function
or method that escaped to it, a special method (the interpreter calls
those), a method overriding one of an outside base class (the base's code
calls it), a function under a decorator autoslot does not model, and a
function nothing in the analysed code calls (an entry point: your users',
pytest's or a framework's). Those receive unknown arguments, and what they
return escapes.
"""

from __future__ import annotations

from collections.abc import Hashable

from autoslot.flow.externals import ExternalMixin
from autoslot.flow.graph import Rule
from autoslot.flow.lookups import is_special
from autoslot.flow.objects import UNKNOWN_OBJECT, Kind
from autoslot.flow.sites import FunctionSite

# Special methods whose results go to code outside the analysis (copy,
# pickle, the event loop); the results of the others go back to the
# operation that called them, which the rules model.
RESULTS_LEAVE = frozenset(
    {
        "__reduce__",
        "__reduce_ex__",
        "__getstate__",
        "__copy__",
        "__deepcopy__",
        "__getnewargs__",
        "__getnewargs_ex__",
        "__await__",
        "__fspath__",
    }
)


# Special methods the rules call where the program does what invokes them
# (instantiation, iteration, `with`, subscripts, calls, attribute access):
# like other methods, they are called from outside only when nothing in the
# analysed code calls them, or when their class escapes. The interpreter
# calls the others (`__eq__`, `__hash__`, `__exit__`, `__reduce__`...) from
# anywhere, with anything.
MODELLED_SPECIAL = frozenset(
    {
        "__init__",
        "__new__",
        "__iter__",
        "__next__",
        "__aiter__",
        "__anext__",
        "__enter__",
        "__aenter__",
        "__getitem__",
        "__setitem__",
        "__missing__",
        "__call__",
        "__get__",
        "__set__",
        "__getattr__",
        "__class_getitem__",
    }
)
# what code outside calls on a class it was handed: it makes instances
CONSTRUCTION = ("__init__", "__new__")


class WorldMixin(ExternalMixin):
    __slots__ = ()
    dynamic: set[int]
    names_called_in: dict[int, set[str]]
    fixtures: dict[str, list[int]]

    def instance_names(self, klass: int) -> frozenset[str]:
        raise NotImplementedError

    def escape(
        self, node: int, path: str, line: int, origin: str | None = None
    ) -> None:
        """What `node` holds is handed to code autoslot cannot see (one
        outside module's, or anyone's)."""
        for function, binds in self.static.functions_in(node):
            self.escape_function(function, binds != "static")
        key = (node, origin)
        if key not in self.escaped_nodes:
            self.escaped_nodes.add(key)
            # an edge, not a rule run per object: millions of objects pass
            # escape sites on the stdlib; where each first did is found once
            # the flow has settled (escape_sites_by_object)
            self.edge(node, self.world_of(origin))
        # every site, not the first the solver met: the report names the
        # first in source order, whatever order the flow went in
        if path:
            self.escape_points.add((path, line, node))

    def hand_over(self, obj: int, origin: str | None, path: str, line: int) -> None:
        """An object itself is handed to outside code (a method of its outside
        base runs on it)."""
        world = self.world_of(origin)
        if path:
            self.handed_over.append((path, line, obj))
        self.add_one(world, obj)

    def escape_sites_by_object(self) -> dict[int, tuple[str, int]]:
        """Where each escaped object first reaches outside code, in source
        order (the order the solver meets sites in is no order to report)."""
        sites: dict[int, tuple[str, int]] = {}
        for path, line, obj in self.handed_over:
            known = sites.get(obj)
            if known is None or (path, line) < known:
                sites[obj] = (path, line)
        seen: set[int] = set()
        for path, line, node in sorted(self.escape_points):
            held = self.pts[node]
            if not held:
                continue
            new = held - seen
            if new:
                seen |= new
                for obj in new:
                    known = sites.get(obj)
                    if known is None or (path, line) < known:
                        sites[obj] = (path, line)
        return sites

    def watched(self, key: Hashable, objects: set[int]) -> None:
        tag = key[0]  # type: ignore[index]
        kinds = self.objects.kinds
        payloads = self.objects.payloads
        if tag == "world":
            for obj in objects:
                self.reach_world(obj)
        elif tag == "dispatch":
            self.dispatched(key[1], objects)  # type: ignore[index]
        elif tag == "any attribute":
            for obj in objects:
                self.any_attribute(obj, key[1])  # type: ignore[index]
        elif tag == "any attribute stored":
            for obj in objects:
                self.make_dynamic(obj)
        elif tag == "super":
            target = key[1]  # type: ignore[index]
            for obj in objects:
                if kinds[obj] is Kind.CLASS:
                    self.add_one(target, self.objects.get(Kind.SUPER, payloads[obj]))
                else:
                    self.add_one(target, UNKNOWN_OBJECT)

    def reach_world(self, obj: int) -> None:
        kind = self.objects.kinds[obj]
        payload = self.objects.payloads[obj]
        if kind is Kind.CLASS:
            # code outside may make instances, and read the class's attributes
            self.add_one(self.world, self.instance(payload))
            for node in list(self.attrs_of.get(("class", payload), ())):
                self.edge(node, self.world)
            for name in CONSTRUCTION:
                for node in self.lookup(payload, name)[0]:
                    for function, _ in self.static.functions_in(node):
                        self.escape_function(function, True)
        if kind is Kind.INSTANCE or kind is Kind.CLASS or kind is Kind.EXCEPTION:
            for node in list(self.attrs_of.get(obj, ())):
                self.edge(node, self.world)
        elif kind is Kind.FUNCTION:
            self.escape_function(payload[0], True)

    def any_attribute(self, obj: int, target: int) -> None:
        """`getattr(obj, name)` with a computed name: any attribute it may have.

        Every such site reads the same attributes of an object: they are
        loaded once per object into a node of their own, which each site
        then copies (a TestCase's `getattr(self, name)` would otherwise load
        a hundred names for each of thousands of subclasses at each site)."""
        kind = self.objects.kinds[obj]
        if kind is not Kind.INSTANCE and kind is not Kind.CLASS:
            self.add_one(target, UNKNOWN_OBJECT)
            return
        found = self.every_attribute.get(obj)
        if found is None:
            found = self.every_attribute[obj] = self.node()
            payload = self.objects.payloads[obj]
            names = self.bodies(payload)
            if kind is Kind.INSTANCE:
                names = names | self.instance_names(payload)
            receiver = self.holding(obj)
            for name in sorted(names):  # sets of names: the hash seed orders them
                self.load(obj, name, found)
                if not is_special(name):
                    self.note_consumer(receiver, Rule.LOAD, (found, name), name)
        self.edge(found, target)

    def make_dynamic(self, obj: int) -> None:
        """Attributes stored under computed names: any attribute may hold anything."""
        if obj in self.dynamic:
            return
        self.dynamic.add(obj)
        nodes = list(self.attrs_of.get(obj, ()))
        if self.objects.kinds[obj] is Kind.CLASS:
            # the class attributes read through its instances, made before
            # the class was known to take computed names
            klass = self.objects.payloads[obj]
            nodes += self.attrs_of.get(("class", klass), ())
            self.wake_every_name(klass)
        for node in nodes:
            self.add_one(node, UNKNOWN_OBJECT)

    def new_field(self, obj: int, node: int) -> None:
        if obj in self.dynamic:
            self.add_one(node, UNKNOWN_OBJECT)
        world = self.pts[self.world]
        if world is not None and obj in world:
            self.edge(node, self.world)

    def escape_function(self, function: int, receiver_bound: bool) -> None:
        """Unknown code may call this function: its parameters get unknown
        objects, and what it returns escapes (unless it is a special method
        whose result the interpreter hands back to a call the rules model)."""
        site = self.functions[function]
        # Code outside calls a method on an instance of its class, bound or
        # not (unknown code passing a foreign `self` is assumed away); a
        # __new__ gets its class.
        method = site.owner >= 0 and (
            site.binding in ("instance", "class") or site.qualname.endswith(".__new__")
        )
        skip = 1 if method else 0
        del receiver_bound
        if function in self.external_callers:
            return
        self.external_callers.add(function)
        name = site.qualname.rsplit(".", 1)[-1]
        # pytest passes a test function or fixture the fixtures its
        # parameters name; the project's own, when it defines one by that name
        injected = bool(site.fixture) or name.startswith("test")
        for position in range(skip, len(site.params)):
            provided = self.fixtures.get(site.names[position]) if injected else None
            if provided:
                for fixture in provided:
                    given = self.functions[fixture]
                    value = given.generator if given.generator >= 0 else given.returns
                    self.edge(value, site.params[position])
                continue
            admitted = site.admitted.get(position)
            if admitted is None:
                self.add_one(site.params[position], UNKNOWN_OBJECT)
            else:
                self.add(site.params[position], admitted)
        for collected in (site.vararg, site.kwarg):
            if collected >= 0:
                self.add_one(collected, UNKNOWN_OBJECT)
        if site.is_special and name not in RESULTS_LEAVE:
            return
        if site.fixture:
            return  # what a fixture gives goes to the parameters that name it
        self.escape(site.returns, site.path, site.line)
        if site.generator >= 0:
            self.escape(site.generator, site.path, site.line)

    def overrides_outside(self, site: FunctionSite) -> bool:
        """A method of a class with an outside base that the base also has:
        the base's own code calls it (`run` of a Thread, `handle_starttag` of
        an HTMLParser), with arguments autoslot cannot see."""
        if site.owner < 0:
            return False
        name = site.qualname.rsplit(".", 1)[-1]
        return name in self.classes[site.owner].outside_attributes

    def open_entry_points(self) -> bool:
        """Functions no analysed code calls, special methods and overrides of
        outside methods are called from outside.

        Uncalled functions open in waves: one whose name another uncalled
        function calls waits until that one is open, since it may turn out
        to be called with arguments the analysis can follow (only a cycle of
        such functions opens at once).
        """
        opened = False
        uncalled = [
            f
            for f in range(len(self.functions))
            if f not in self.called and f not in self.external_callers
        ]
        waiting: set[str] = set()
        for function in uncalled:
            waiting |= self.names_called_in.get(function, set())
        wave = [
            f
            for f in uncalled
            if self.functions[f].qualname.rsplit(".", 1)[-1] not in waiting
        ] or uncalled
        for function in wave:
            self.escape_function(function, True)
            opened = True
        for function, site in enumerate(self.functions):
            if function in self.external_callers:
                continue
            name = site.qualname.rsplit(".", 1)[-1]
            if (
                (site.is_special and name not in MODELLED_SPECIAL)
                or self.overrides_outside(site)
                or function in self.static.decorated
            ):
                self.escape_function(function, True)
                opened = True
        return opened
