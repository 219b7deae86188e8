"""What the summariser keeps of a module: small, plain, picklable values.

Summaries hold no syntax trees. They are everything the later stages need to
index the project and decide about each class, so that a cached summary can
stand in for a parse of an unchanged file.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Literal

from autoslot.summary.flow_model import FlowProgram
from autoslot.util.pickling import pickled_by_fields

BindingKind = Literal[
    "value",  # assigned a value in the class body (default, constant, alias)
    "annotation",  # bare annotation `x: int`: declares an instance attribute
    "classvar",  # bare `x: ClassVar[int]`: declares a class attribute, binds nothing
    "function",  # a plain method, or a function under a decorator we do not know
    "property",  # a property without a setter
    "property_setter",  # a property with a setter: stores go through it
    "cached_property",
    "classmethod",
    "staticmethod",
    "class",  # a nested class
    "slots",  # the `__slots__` assignment itself
]


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class ExprRef:
    """A base, decorator, keyword value or annotation as written in the source.

    ``dotted`` is the dotted name the expression starts from (``abc.ABC`` for
    ``abc.ABC``, ``typing.Generic`` for ``typing.Generic[T]``, ``namedtuple``
    for ``namedtuple("P", "x y")``), or None for anything else.
    """

    dotted: str | None
    text: str
    subscripted: bool = False
    called: bool = False
    # keyword arguments of a call, as (name, source text) pairs
    call_keywords: tuple[tuple[str, str], ...] = ()


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class BodyBinding:
    """A name bound (or declared) directly in a class body."""

    name: str
    kind: BindingKind
    line: int
    annotated: bool = False
    # for dataclass fields: `x: InitVar[int]` and `x: ClassVar[int] = 0`
    initvar: bool = False
    classvar: bool = False
    conditional: bool = False
    # the function called for the value (`attr.ib`, `field`), as written
    value_call: str | None = None
    # decorators of a function, as written (`functools.cached_property`)
    decorators: tuple[str, ...] = ()


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class AttrUse:
    """An attribute of the instance stored or read in a method.

    ``name`` is the name as CPython stores it, i.e. after private-name
    mangling (``self.__x`` in class ``Foo`` is ``_Foo__x``).
    """

    name: str
    line: int
    # the method the use is in; "" for a use from outside the class
    method: str
    # the file of a store made outside the class's methods (the flow's path
    # key); "" for the class's own methods
    path: str = ""
    # a store from outside whose receiver may also be an instance of an
    # unrelated class (or an object of unknown origin)
    shared: bool = False


class BlockerKind(Enum):
    DICT_READ = "dict_read"  # `self.__dict__` read, `vars(self)`
    DICT_ASSIGN = "dict_assign"  # `self.__dict__ = ...`
    CLASS_ASSIGN = "class_assign"  # `self.__class__ = ...`
    COMPUTED_SETATTR = "computed_setattr"  # `setattr(self, name, value)`


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Blocker:
    """Something a method does to its instance that slots would break; the
    decide stage says which reason code it is."""

    kind: BlockerKind
    line: int
    detail: str
    method: str  # the method it is in (pickling methods read __dict__ for a reason)


# "flat": on one line, a literal the rewriter re-renders in its own form.
# "one_per_line": spans lines laid out as black does (an element per line,
# a trailing comma): edited element by element. "lines": spans lines in any
# other layout. "expression": on one line but not a literal the rewriter
# edits (implicitly concatenated strings).
SlotsLayout = Literal["flat", "one_per_line", "lines", "expression"]


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class ExistingSlots:
    """A `__slots__` assignment found in a class body."""

    form: Literal["str", "tuple", "list", "set", "dict", "other"]
    names: tuple[str, ...]
    line: int
    # what the rewriter needs to extend it (summary/layout.py); read only
    # for a literal form, the one kind of `__slots__` autoslot extends
    layout: SlotsLayout = "expression"
    # assigned directly in the class body, not inside an if/try/for block
    in_class_body: bool = True
    body_on_header_line: bool = False


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Pragma:
    """`# autoslot: skip` on a class header line."""

    reason: str


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class ClassSummary:
    name: str
    qualname: str
    # 0 for the first class with this qualname in the file, 1 for the second...
    occurrence: int
    line: int
    end_line: int
    # where the class statement sits: "module", "class" (nested) or "function"
    scope: Literal["module", "class", "function"]
    conditional: bool
    bases: tuple[ExprRef, ...]
    keywords: tuple[tuple[str, ExprRef], ...]
    decorators: tuple[ExprRef, ...]
    body: tuple[BodyBinding, ...]
    stores: tuple[AttrUse, ...]
    reads: tuple[str, ...]
    class_stores: tuple[AttrUse, ...]
    blockers: tuple[Blocker, ...]
    slots: ExistingSlots | None
    has_docstring: bool
    pragma: Pragma | None
    # zero-argument super() or a __class__ reference in a method
    uses_class_cell: bool
    # __init_subclass__ defined with parameters beyond cls
    init_subclass_takes_arguments: bool
    # the first read of each attribute of the instance in the methods
    first_reads: tuple[AttrUse, ...] = ()


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class ModuleBinding:
    """A name bound at module level, with what it is bound to.

    kind "class": ``target`` is the class qualname.
    kind "import": ``target`` is the imported module, ``member`` the imported
    attribute for ``from m import x`` (None for ``import m``).
    kind "alias": ``target`` is the dotted name assigned (``Base = mod.Other``).
    kind "other": anything else (functions, computed values, loops).
    """

    name: str
    kind: Literal["class", "import", "alias", "other"]
    target: str
    member: str | None
    level: int
    line: int
    conditional: bool


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class StarImport:
    module: str
    level: int
    line: int
    conditional: bool


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class ModuleSummary:
    path: str
    is_package: bool
    bindings: tuple[ModuleBinding, ...]
    star_imports: tuple[StarImport, ...]
    # names listed in a literal __all__, None when there is none
    dunder_all: tuple[str, ...] | None
    # __all__ is built in a way we cannot read (a comprehension, a call...)
    dunder_all_dynamic: bool
    classes: tuple[ClassSummary, ...]
    skip_file: bool
    # names called anywhere in the module, as dotted names ("Mixin", "mod.Mixin")
    called: tuple[str, ...]
    # what the module's code does with values (see flow_model)
    flow: FlowProgram
    # every attribute name read anywhere in the module (for AS203)
    attribute_reads: tuple[str, ...] = ()
    # the quote most one-line strings use (what a written __slots__ follows)
    quote: str = '"'
    # `# autoslot: attr NAME`: (line, name) for each name a comment confirms
    # is spelled as meant (not a typo, AS203/AS206)
    confirmed_attrs: tuple[tuple[int, str], ...] = ()


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class ParseFailure:
    path: str
    line: int
    column: int
    message: str
