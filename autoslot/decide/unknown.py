"""Uses on objects whose class autoslot cannot infer, and the classes they may reach.

A plain store on such an object (`obj.flag = 1`) is reported (AS114) and,
under `--strict`, blocks what the module reaches. Two kinds of use are unsafe
for any class they could touch, so they block without `--strict`:

* a computed-name setattr or a `__dict__` use on a parameter: no slot makes
  either safe, and callers elsewhere may hand it `self` (simpy's
  `BoundClass.bind_early(instance)`, called from `Environment.__init__`). The
  candidates are the classes the module reaches (defined or imported there),
  those whose instances some call hands to a function of that name (`self`,
  or an object built or annotated as the class), and their subclasses. The
  same uses on any other object (a local made by a call, a loop variable)
  are reported like a store.
* a store to a name that some class binds in its body (a method, a class
  attribute): on a slotted instance the store raises "attribute is read-only"
  (mistune's abbr plugin does `md.inline.process_text = MethodType(...)`). The
  candidates are the classes binding that name, wherever they are, that have
  every other attribute used on the object.
"""

from __future__ import annotations

from collections.abc import Iterable

from autoslot.decide.context import IMPLICIT_CLASS_NAMES, ProjectFacts
from autoslot.decide.model import Finding, skip
from autoslot.index.project import ClassId, ProjectIndex
from autoslot.index.resolve import ProjectClass
from autoslot.paths import display_path
from autoslot.settings import Settings
from autoslot.summary.model import ForeignUse
from autoslot.summary.names import mangle

# Bindings a store on an instance goes through rather than shadows.
PASS_THROUGH = frozenset({"property_setter", "annotation", "classvar", "slots"})


class UnknownReceivers:
    def __init__(
        self,
        index: ProjectIndex,
        settings: Settings,
        facts: ProjectFacts,
    ) -> None:
        self.index = index
        self.settings = settings
        self.facts = facts
        self._class_ids: dict[tuple[str, str], ClassId] = {}
        for class_id, node in index.nodes.items():
            if class_id.occurrence == 0:
                self._class_ids[(node.module, node.summary.qualname)] = class_id
        # mangled name -> (class, binding kind) for every class-body binding
        self._bound: dict[str, list[tuple[ClassId, str]]] | None = None
        # the same with every subclass of a binder: stores of one name recur
        self._binders_of: dict[str, dict[ClassId, str]] = {}
        # a class with all its subclasses, and what each module reaches: asked
        # for again by every use in the same module or on the same name
        self._descendants: dict[ClassId, frozenset[ClassId]] = {}
        self._reached: dict[tuple[str, str], frozenset[ClassId]] = {}
        self._by_path: dict[str, list[ClassId]] | None = None
        # function name -> classes whose instances some call hands it
        self._passed: dict[str, set[ClassId]] = {}

    def passed(self, function: str, classes: set[ClassId]) -> None:
        """Instances of `classes` are arguments of a call to a function so named."""
        if classes:
            self._passed.setdefault(function, set()).update(classes)

    def _block(self, class_id: ClassId, code: str, message: str) -> None:
        if class_id not in self.facts.blocked:  # the first reason is the one kept
            self.facts.blocked[class_id] = skip(code, message)

    def use(self, path: str, module: str, use: ForeignUse) -> None:
        """A use no evidence places: report it, and block what it could reach."""
        if use.kind == "weakref":
            return
        receiver = use.receiver.replace("@", "self")
        where = f"{display_path(path)}:{use.line}"
        if use.kind in ("dynamic", "dict"):
            if use.kind == "dynamic":
                code, what = "AS104", "calls setattr with a computed name on"
            else:
                code, what = "AS105", "uses the __dict__ of"
            if not use.param_of:
                # A local built by a call (`y = callable(*args); y.__dict__.update(state)`
                # in copy.py), a loop variable over classes (`B.__dict__` in
                # _collections_abc): nothing ties such an object to the classes
                # of this module, and blocking them all left 90% of the stdlib's
                # classes alone. Reported; --strict blocks.
                self._report(path, module, use, f"{what} {receiver}")
                return
            message = (
                f"{where} {what} {receiver}, a parameter of {use.param_of}() "
                "(any class that module reaches or whose instances are passed "
                f"to a function named {use.param_of})"
            )
            handed = self._with_subclasses(self._passed.get(use.param_of, set()))
            for class_id in self.reachable(path, module) | handed:
                self._block(class_id, code, message)
            return
        verb = {
            "store": f"stores {use.attr!r} on",
            "patch": f"patches {use.attr!r} on",
        }.get(use.kind)
        if verb is None:
            return  # `obj.__class__ = X` on an unknown object: X is checked apart
        self._report(path, module, use, f"{verb} {receiver}")

    def _report(self, path: str, module: str, use: ForeignUse, what: str) -> None:
        message = f"{what}, whose class autoslot cannot infer"
        self.facts.unknown_stores.append((path, Finding("AS114", use.line, message)))
        if self.settings.strict:
            for class_id in self.reachable(path, module):
                self._block(
                    class_id, "AS114", f"{path}:{use.line} {message} (--strict)"
                )

    def shadowing(
        self,
        use: ForeignUse,
        where: str,
        matching: set[ClassId],
    ) -> None:
        """Block the classes on which a store of this name would hit a class binding.

        As in the structural inference of receivers, a class that lacks another
        attribute used on the same object is not taken for it: chess stores
        `board.turn` next to `board.castling_rights`, which rules out GameNode
        and its `turn()` method. `matching` is that inference: the classes
        that have every other attribute used on the object.
        """
        receiver = use.receiver.replace("@", "self")
        others = set(use.accessed) - {use.attr} - IMPLICIT_CLASS_NAMES
        binders = self._binders(use.attr)
        reached: Iterable[tuple[ClassId, str]] = binders.items()
        # Each class is blocked on its own, so the order the candidates are
        # visited in does not matter: go through the smaller side.
        if others and len(matching) < len(binders):
            reached = ((c, binders[c]) for c in matching if c in binders)
        elif others:
            reached = ((c, k) for c, k in binders.items() if c in matching)
        blocked = self.facts.blocked
        for class_id, kind in reached:
            # the first block of a class is the one kept: later ones need no test
            if class_id in blocked:
                continue
            self._block(
                class_id,
                "AS109",
                f"{where} stores {use.attr!r} on {receiver}, whose class autoslot "
                f"cannot infer; here it is a {kind.replace('_', ' ')} of the class",
            )

    def _binders(self, name: str) -> dict[ClassId, str]:
        found = self._binders_of.get(name)
        if found is None:
            found = self._binders_of[name] = self._find_binders(name)
        return found

    def _find_binders(self, name: str) -> dict[ClassId, str]:
        if self._bound is None:
            bound: dict[str, list[tuple[ClassId, str]]] = {}
            for class_id, node in self.index.nodes.items():
                for binding in node.summary.body:
                    if binding.kind not in PASS_THROUGH:
                        key = mangle(binding.name, node.summary.name)
                        bound.setdefault(key, []).append((class_id, binding.kind))
            self._bound = bound
        # Only a class's first binder counts: the first block of a class is
        # the one kept, and whether it is blocked does not depend on the kind.
        found: dict[ClassId, str] = {}
        for class_id, kind in self._bound.get(name, ()):
            # a subclass inherits the binding, so the store fails there too
            for reached in self._with_descendants(class_id):
                found.setdefault(reached, kind)
        return found

    def _with_subclasses(self, classes: Iterable[ClassId]) -> set[ClassId]:
        reached: set[ClassId] = set()
        for class_id in classes:
            reached.update(self._with_descendants(class_id))
        return reached

    def _with_descendants(self, class_id: ClassId) -> frozenset[ClassId]:
        found = self._descendants.get(class_id)
        if found is None:
            reached = {class_id}
            stack = [class_id]
            while stack:
                for sub in self.index.subclasses.get(stack.pop(), ()):
                    if sub not in reached:
                        reached.add(sub)
                        stack.append(sub)
            found = self._descendants[class_id] = frozenset(reached)
        return found

    def reachable(self, path: str, module: str) -> frozenset[ClassId]:
        """Classes defined or imported in a module, and their subclasses."""
        found = self._reached.get((path, module))
        if found is None:
            found = self._reached[(path, module)] = frozenset(
                self._reachable(path, module)
            )
        return found

    def _reachable(self, path: str, module: str) -> set[ClassId]:
        if self._by_path is None:
            by_path: dict[str, list[ClassId]] = {}
            for defined in self.index.nodes:
                by_path.setdefault(defined.path, []).append(defined)
            self._by_path = by_path
        reached: set[ClassId] = set(self._by_path.get(path, ()))
        resolver = self.index.resolver
        if resolver is not None and module in resolver.modules:
            for binding in resolver.modules[module].bindings:
                target = resolver.lookup(module, binding.name)
                if isinstance(target, ProjectClass):
                    class_id = self._class_ids.get((target.module, target.qualname))
                    if class_id is not None:
                        reached.add(class_id)
        return self._with_subclasses(reached)
