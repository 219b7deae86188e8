"""Calls on objects of unknown origin: `u.name(...)` may run the method of
that name of any class that escaped to where `u` comes from, now or once the
class escapes; such calls of one name and shape from one world share one
call (see dispatch_by_name)."""

from __future__ import annotations

from autoslot.flow.calls import CallMixin
from autoslot.flow.graph import Rule
from autoslot.flow.objects import (
    Kind,
)
from autoslot.flow.sites import CallSite

# positions a shared call of a method name keeps apart (see dispatch_by_name)
SHARED_ARITY = 8

# how many positional arguments a call writes and which keywords it names;
# None when `*args`/`**kw` hide that or the call is not one written in code
CallShape = tuple[int, tuple[str, ...]] | None


def call_shape(site: CallSite) -> CallShape:
    keywords = tuple(name for name, _ in site.keywords)
    if not site.written or site.starred or site.broad or "**" in keywords:
        return None
    return len(site.args), keywords


class DispatchMixin(CallMixin):
    __slots__ = ()

    def dispatch_by_name(self, origin: str | None, site: CallSite) -> None:
        """`u.name(...)` on an object of unknown origin: it may be an instance
        of any class that escaped to where it comes from, so the call may run
        that class's method of that name (now, or once the class escapes).

        All such calls of one name and one shape (how many positional
        arguments, which keywords) from one world share one call: their
        arguments meet by position, their results are its result. Binding
        each call to each method instead grows as their product, which on
        the stdlib is tens of millions of bindings. Keeping shapes apart
        keeps `pp.run(text)` out of every `run(self, parent, blocks)`: a
        shared call of a written shape reaches only the methods it fits.
        """
        world = self.world_of(origin)
        by_name = self.dispatch_waiting.setdefault(world, {})
        shape = call_shape(site)
        shapes = by_name.get(site.method)
        shared = shapes.get(shape) if shapes is not None else None
        if shared is None:
            shared = self.shared_call(site, shape)
            if shapes is None:
                shapes = by_name[site.method] = {}
            shapes[shape] = shared
            self.attach(world, Rule.WATCH, ("dispatch", world))  # once per world
            for obj in self.escaped_with(world, site.method):
                self.method_call(obj, shared)
        if shape is not None:
            for arg, node in zip(site.args, shared.args, strict=True):
                self.pass_value(arg, node)
            for (_, arg), (_, node) in zip(site.keywords, shared.keywords, strict=True):
                self.pass_value(arg, node)
        else:
            positions = shared.args
            for position, arg in enumerate(site.args):
                if position in site.starred:
                    for node in positions:
                        self.pass_value(arg, node)
                else:
                    self.pass_value(arg, positions[min(position, SHARED_ARITY - 1)])
            for _, arg in site.keywords:
                self.pass_value(arg, shared.keywords[0][1])
        self.edge(shared.result, site.result)

    def shared_call(self, site: CallSite, shape: CallShape) -> CallSite:
        """The call all calls of one name and shape share (see dispatch_by_name)."""
        text = f"<{site.method}() on objects of unknown origin>"
        if shape is None:
            return CallSite(
                site.path,
                self.node(),
                -1,
                tuple(self.node() for _ in range(SHARED_ARITY)),
                (),
                (("**", self.node()),),
                {},
                site.line,
                text,
                method=site.method,
            )
        positional, keywords = shape
        return CallSite(
            site.path,
            self.node(),
            -1,
            tuple(self.node() for _ in range(positional)),
            (),
            tuple((name, self.node()) for name in keywords),
            {},
            site.line,
            text,
            method=site.method,
            written=True,
        )

    def dispatched(self, world: int, objects: set[int]) -> None:
        """Classes newly escaped to a world: the waiting calls of their methods."""
        waiting = self.dispatch_waiting.get(world, {})
        for obj in objects:
            if self.objects.kinds[obj] is not Kind.INSTANCE:
                continue
            names = self.bodies(self.objects.payloads[obj])
            # a world waits on thousands of names, a class binds a few dozen
            shape_tables = (
                [waiting[n] for n in sorted(names) if n in waiting]
                if len(names) < len(waiting)
                else [t for n, t in waiting.items() if n in names]
            )
            for table in shape_tables:
                for shared in list(table.values()):
                    self.method_call(obj, shared)

    def escaped_with(self, world: int, name: str) -> list[int]:
        """The instances escaped to a world whose class binds `name`."""
        held = self.holds(world)
        definers = self.classes_defining(name)
        if len(definers) < len(held):
            instances = (self.objects.find(Kind.INSTANCE, k) for k in definers)
            return [obj for obj in instances if obj is not None and obj in held]
        return [
            obj
            for obj in held
            if self.objects.kinds[obj] is Kind.INSTANCE
            and name in self.bodies(self.objects.payloads[obj])
        ]

    def classes_defining(self, name: str) -> frozenset[int]:
        raise NotImplementedError
