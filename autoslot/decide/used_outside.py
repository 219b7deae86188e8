"""The rule of what the whole project does to instances from outside their
classes: the codes it gives and the decision outside.py's analysis of the
value flow left for each class it blocks.

One rule with several codes on purpose: the analysis keeps the first use
it meets that slots would break, whatever its kind, and the code names that
kind (as a blocker's kind names it in safety.py). One rule per code would
report by rule order instead of the first use, and run the analysis once
per code."""

from __future__ import annotations

from autoslot.codes.reason_code import Code, Gate
from autoslot.decide.context import Context
from autoslot.decide.flavour import Flavour
from autoslot.decide.model import Decision
from autoslot.decide.rule import Phase, Rule
from autoslot.decide.safety import (
    CLASS_ATTRIBUTE_CLASH,
    CLASS_SWAP,
    COMPUTED_SETATTR,
    INSTANCE_DICT,
    PICKLED_BY_DICT,
)
from autoslot.index.project import ClassNode

REPLACED_ON_INSTANCES = Code(
    "AS109",
    "a method or class attribute is replaced on instances",
    "Code stores an attribute of the same name as a method or class attribute "
    "on instances (`service.handler = fake`, `mock.patch.object(obj, 'meth')`). "
    "On a slotted instance that attribute is read-only.",
    "class Service:\n    def handler(self, event): ...\n\n"
    "svc = Service()\nsvc.handler = lambda event: None",
    "Patch the class instead of the instance, or keep the class as it is.",
)

UNPLACED_STORE = Code(
    "AS114",
    "an attribute is stored on an object autoslot cannot place",
    "Somewhere in the project an attribute is stored (or a `__dict__` used, or "
    "`setattr` called with a computed name) on an object that may come from code "
    "autoslot cannot see: a library, a callback's argument, a parameter of a "
    "function nothing in the project calls. Such an object may be an instance of "
    "any class whose instances reach that code, so each of those classes that "
    "lacks the attribute is left alone. `--strict` leaves them all alone, "
    "whatever the attribute.",
    "class Bag:\n    pass\n\ndef tag(obj):      # called from outside\n"
    "    obj.touched = True\n\ncallbacks.register(Bag())",
    "Store the attribute in the class's own `__init__`, or let the object stay "
    "in code autoslot can follow.",
    gate=Gate.STRICT,
)

NAMESPACE_READ = Code(
    "AS123",
    "the class namespace is read",
    "Code reads the namespace of the class (`vars(C)`, `C.__dict__`, "
    "`type(self).__dict__`, `dir(obj)`, `inspect.getmembers`). Slots add a "
    "member descriptor per slot to the class namespace, so such code silently "
    "sees new entries (a merged mapping of class attributes gains one value per "
    "slot).",
    "class Tokenizer:\n    word = r'\\w+'\n    def configure(self):\n"
    "        self.suffix = '$'\n        return dict(vars(type(self)))",
    "Keep the class as it is, or make the reflecting code skip member descriptors "
    "and add `__slots__` by hand.",
)

RUNTIME_BASES = Code(
    "AS125",
    "the class is combined with other bases at run time",
    "The class object reaches code that builds new classes from it "
    "(`type(name, (cls, Other), {})`, a base list autoslot cannot read). "
    "Slots on it could make that class statement fail with `multiple bases "
    "have instance lay-out conflict`.",
    "class Base:\n    def __init__(self):\n        self.x = 1\n\n"
    "def mixed(cls):\n    return type('Mixed', (cls, str), {})\n\nmixed(Base)",
    "Keep the class as it is.",
)


# every code the analysis leaves a class alone with
CODES_GIVEN: tuple[Code, ...] = (
    RUNTIME_BASES,
    REPLACED_ON_INSTANCES,
    INSTANCE_DICT,
    COMPUTED_SETATTR,
    PICKLED_BY_DICT,
    CLASS_ATTRIBUTE_CLASH,
    NAMESPACE_READ,
    CLASS_SWAP,
    UNPLACED_STORE,
)


def used_from_outside(ctx: Context, node: ClassNode, how: Flavour) -> Decision | None:
    """The first use elsewhere in the project that slots would break (outside.py)."""
    return ctx.facts.blocked.get(node.id)


RULES: tuple[Rule, ...] = (Rule(Phase.SAFETY, used_from_outside, CODES_GIVEN),)
