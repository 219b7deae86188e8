"""The value-flow program of one module, as the summariser records it.

The whole-program analysis (`autoslot/flow/`) links these programs and
solves them: which objects (instances and class objects of the project,
functions, containers, "something from code autoslot cannot see") each
variable may hold. Everything here is plain data, so a cached summary
stands in for the syntax tree.

Variables are small integers local to the module. Variable 0 never holds
anything (constants, strings, numbers); variable 1 holds the unknown object
(what code outside the analysis may produce). Each local name of a scope,
each intermediate value that may hold objects, and each parameter and
return value of a function is a variable.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from autoslot.util.pickling import pickled_by_fields

NOTHING = 0
UNKNOWN = 1
FIRST_VAR = 2

# How a function receives its first argument when it is looked up on an
# instance or a class: "instance" (a method), "class" (a classmethod or an
# implicit one such as __init_subclass__), "static", or "" (a plain function).
Binding = Literal["instance", "class", "static", ""]

# What a variable starts out holding (FlowObject.kind):
#   function   the function or lambda `payload` (an index into functions)
#   class      the class object of classes[payload]
#   self       instances of classes[payload] and of its subclasses
#   cls        the class objects of classes[payload] and of its subclasses
#   super      `super()` in a method of classes[payload]
#   exception  an exception caught by `except ... as e` (never slotted)
#   doctest    the unknown values a doctest starts from
# "escaped": every object that escapes to code autoslot cannot see
ObjectKind = Literal[
    "function", "class", "self", "cls", "super", "exception", "escaped"
]

# Syntactic uses that the solved flow turns into facts about classes:
#   dict       `x.__dict__` (an instance's dict, or a class's namespace)
#   swap       `x.__class__ = ...`
#   setattr    `x.__setattr__(name, value)` with a computed name
#   escape     the value is handed to code autoslot cannot follow (a match
#              statement's subject, whose captures are not modelled)
UseKind = Literal["dict", "swap", "setattr", "escape", "weakref"]

# "element": a value put into a container held in an attribute
# (`self.items.append(x)`): flow only, no store to judge
StoreKind = Literal["store", "patch", "element"]


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class FlowFunction:
    """A function, method or lambda: where its parameters and results live."""

    qualname: str
    line: int
    # (name, variable) of every named parameter, positional ones first
    params: tuple[tuple[str, int], ...]
    positional: int
    vararg: int  # the *args container's variable, or -1
    kwarg: int  # the **kwargs container's variable, or -1
    returns: int
    # the generator (or async generator) object a call returns, or -1
    generator: int
    # the class whose body defines it, as an index into classes, or -1
    owner: int
    binding: Binding
    # (parameter position, classes its annotation admits; see annotations.py)
    annotations: tuple[tuple[int, tuple[str, ...]], ...] = ()
    # positional parameters without a default, and keyword-only ones: a call
    # that leaves one out raises TypeError before the body runs
    required: int = 0
    required_keywords: tuple[str, ...] = ()
    # the name a pytest fixture provides (`@pytest.fixture`), or ""
    fixture: str = ""
    # what every result of a method is in terms of its receiver: "self",
    # "class" (an object of its class), or "" (see receiver_results.py)
    receiver_result: str = ""


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class FlowCall:
    """A call: `result = callee(*args, **keywords)`, or a method call
    `result = callee.method(*args, **keywords)`."""

    result: int
    callee: int
    args: tuple[int, ...]
    # positions in args that are `*iterable`
    starred: tuple[int, ...]
    # (name, variable); the name "**" for `**mapping`
    keywords: tuple[tuple[str, int], ...]
    # constant arguments by position ("0", "1", ...) or keyword name
    constants: tuple[tuple[str, str | int | bool | None], ...]
    line: int
    # the callee as written, for messages ("" when it is not a dotted name)
    text: str
    # the first argument is the method's own instance: the index of its class
    on_self: int = -1
    # the attribute name passed is __setattr__'s own parameter, forwarded
    forwarded: bool = False
    # a method call `callee.method(...)`: callee holds the receiver
    method: str = ""
    # a decorator applied to the function or class in args[0]
    decorator: bool = False
    # the function the call is in (an index into functions), -1 at module level
    caller: int = -1


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class FlowStore:
    """`base.attr = value` (or a patch of `attr` on `base`)."""

    base: int
    attr: str  # as CPython stores it (private names mangled)
    value: int
    line: int
    kind: StoreKind
    # the receiver as written, for messages
    text: str
    # the method's own instance (the index of its class): the class's own
    # stores already count it
    on_self: int = -1
    # attributes read on the receiver on every path to the store: it happens
    # only to objects that have them
    requires: tuple[str, ...] = ()
    # more such attributes, read before calls ran: they count when none of
    # the callees runs project code (each its node and "", or its receiver's
    # node and the method's name)
    requires_across: tuple[str, ...] = ()
    calls_between: tuple[tuple[int, str], ...] = ()


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class FlowUse:
    """Something done to the object in `var` that matters for slots."""

    kind: UseKind
    var: int
    line: int
    text: str
    # for swap: the variable holding the new class
    other: int = 0
    on_self: int = -1


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class FlowProgram:
    variables: int
    # class references: (qualname, occurrence) of the module's classes
    classes: tuple[tuple[str, int], ...]
    functions: tuple[FlowFunction, ...]
    # (variable, kind, payload): what a variable holds from the start
    objects: tuple[tuple[int, ObjectKind, int], ...]
    # flat pairs (target, source): target holds what source holds
    copies: tuple[int, ...]
    # flat pairs (container, element): a copy into a (collapsed) container;
    # a function put there is no method of a class the container belongs to
    gathers: tuple[int, ...]
    # (target, base, attribute)
    loads: tuple[tuple[int, int, str], ...]
    stores: tuple[FlowStore, ...]
    # flat pairs (target, source): the iteration protocol of source's
    # instances (`__iter__`, `__next__`); containers are collapsed (copies)
    iterations: tuple[int, ...]
    # flat pairs (target, base): `__getitem__` of base's instances
    subscripts: tuple[int, ...]
    # flat pairs (container, value): `__setitem__` of the container's
    # instances, and escape into containers from unknown code
    elements: tuple[int, ...]
    calls: tuple[FlowCall, ...]
    # (target, operands, special method): `a + b` calls a.__add__(b) ...
    operators: tuple[tuple[int, tuple[int, ...], str], ...]
    # flat pairs (target, context manager): `with cm as target`
    entered: tuple[int, ...]
    # flat pairs (target, source): type(source), source.__class__
    types: tuple[int, ...]
    # flat pairs (target, class): cls.__new__(cls) / object.__new__(cls)
    creations: tuple[int, ...]
    # (variable, module, member or "", level): imports
    imports: tuple[tuple[int, str, str, int], ...]
    # (name, variable): the module's global names
    globals: tuple[tuple[str, int], ...]
    # (variable, name): names read at module level that nothing binds there
    free: tuple[tuple[int, str], ...]
    # (module, level): `from module import *`
    star_imports: tuple[tuple[str, int], ...]
    # (class index, name, variable): names bound in a class body
    class_attributes: tuple[tuple[int, str, int], ...]
    uses: tuple[FlowUse, ...]
    # (target, source, classes): target holds what of source passes an
    # isinstance() or type() test for the classes (dotted names as written)
    narrowings: tuple[tuple[int, int, tuple[str, ...]], ...] = ()
