"""Why a class is left alone (AS1xx), for the reasons the decide stage finds.

Reasons that only the rest of the project shows (stores and uses from
outside the class) are in codes_project.py; the codes of the run's later
stages (verify, a partial target, the rewriter) in codes_run.py; findings
in classes that already have slots (AS2xx) in codes_findings.py.
"""

from __future__ import annotations

from autoslot.codes.reason_code import Code

OPTED_OUT = Code(
    "AS100",
    "opted out by the user",
    "The class carries `# autoslot: skip` on its header line, its file carries "
    "`# autoslot: skip-file`, the configuration's `ignore` list names it, or a "
    "decorator asks for no slots explicitly (`@dataclass(slots=False)`).",
    "class Plugin:  # autoslot: skip -- plugins get attributes set by the host\n"
    "    def __init__(self):\n        self.name = 'x'",
    "Nothing; remove the pragma or the ignore entry to let autoslot decide.",
)

CLASS_ATTRIBUTE_CLASH = Code(
    "AS101",
    "a stored name is also bound in the class body",
    "A name stored on instances is also a class attribute (a default value, a "
    "method, a property without a setter) of the class or of a base. A slot of "
    "that name raises `ValueError: 'x' in __slots__ conflicts with class "
    "variable`, or hides the class attribute of the base.",
    "class Counter:\n    count = 0\n    def bump(self):\n        self.count += 1",
    "Move the default into `__init__`, or give the attribute another name.",
)

DICT_IN_MRO = Code(
    "AS102",
    "a class in the MRO keeps a __dict__",
    "A base class (other than `object`) gives instances a `__dict__`: an "
    "unslotted base, `Exception`, a class from a library autoslot cannot "
    "inspect, or a base that could not be resolved. Slots would save nothing and "
    "would not stop typos.",
    "class Failure(Exception):\n    def __init__(self, why):\n        self.why = why",
    "Slot the base first, or pass `--introspect` so autoslot can look at a "
    "third-party base.",
)

LAYOUT_CONFLICT = Code(
    "AS103",
    "multiple inheritance would mix two slotted layouts",
    "Two bases would each carry non-empty slots, which makes the class "
    "statement fail with `TypeError: multiple bases have instance lay-out "
    "conflict`, and one of them cannot become a mixin with empty slots "
    "(it is instantiated on its own).",
    "class Point:\n    def __init__(self): self.x = 0\n"
    "class Named:\n    def __init__(self): self.name = ''\n"
    "class NamedPoint(Point, Named): ...\nNamed()",
    "Stop instantiating the secondary base directly, or leave one side unslotted.",
    example_also=("AS102",),  # NamedPoint: its base Named is left alone
)

COMPUTED_SETATTR = Code(
    "AS104",
    "attributes are set with computed names",
    "`setattr(self, name, value)` with a name that is not a literal, so the set "
    "of attributes cannot be known from the source.",
    "class Options:\n    def __init__(self, **kw):\n        for k, v in kw.items():\n"
    "            setattr(self, k, v)",
    "Spell the attributes out, or keep the class as it is.",
)

INSTANCE_DICT = Code(
    "AS105",
    "the instance __dict__ is used",
    "`self.__dict__`, `vars(self)` or a `__setattr__` going through `__dict__`: "
    "slotted instances have no `__dict__`.",
    "class Record:\n    def as_dict(self):\n        return dict(self.__dict__)",
    "Build the mapping from the attribute names instead.",
)

CACHED_PROPERTY = Code(
    "AS106",
    "functools.cached_property needs an instance __dict__",
    "`cached_property` stores its value in the instance `__dict__`, which "
    "slotted instances lack (`TypeError: No '__dict__' attribute`).",
    "import functools\n\nclass Page:\n    @functools.cached_property\n    def html(self): ...",
    "Cache in a slot of your own, or keep the class as it is.",
)

PICKLED_BY_DICT = Code(
    "AS107",
    "pickling relies on __dict__",
    "`__getstate__`, `__setstate__`, `__reduce__` or `__reduce_ex__` touch "
    "`__dict__`, or a module that can reach the class (defines or imports "
    "it) pickles with protocol 0 or 1, which cannot pickle slotted objects.",
    "class Job:\n    def __getstate__(self):\n        return self.__dict__.copy()",
    "Rewrite the pickling methods over the attribute names.",
)

CLASS_SWAP = Code(
    "AS108",
    "instances change class",
    "`obj.__class__ = Other` works only between classes with the same layout; "
    "slotting one side breaks the swap (`object layout differs`).",
    "class Draft:\n    def publish(self):\n        self.__class__ = Published",
    "Slot both classes identically by hand, or keep them as they are.",
)

SPECIAL_KIND = Code(
    "AS110",
    "a class whose body is not an ordinary class body",
    "Enums, TypedDicts, `typing.NamedTuple` classes, Protocols and framework "
    "models (pydantic, Django, SQLAlchemy...) build their instances their own way.",
    "import enum\n\nclass Color(enum.Enum):\n    RED = 1",
    "Nothing; these are never rewritten.",
)

UNKNOWN_DECORATION = Code(
    "AS111",
    "a metaclass or class decorator autoslot does not know",
    "A custom metaclass or an unknown class decorator may add class attributes "
    "or replace the class, so a `__slots__` written in the body may conflict or "
    "be lost.",
    "@register\nclass Handler:\n    def __init__(self): self.n = 0",
    "Add `__slots__` by hand if you know the decorator is harmless.",
)

VARIABLE_SIZE_BASE = Code(
    "AS112",
    "a variable-size builtin base cannot take named slots",
    "Subclasses of `int`, `bytes`, `tuple` (and named tuples) can only have "
    "`__slots__ = ()`; storing attributes on their instances needs the `__dict__`.",
    "class Tagged(int):\n    def tag(self, t):\n        self.t = t",
    "Nothing; autoslot gives such classes `()` when they store nothing.",
)

ZERO_ARG_SUPER = Code(
    "AS113",
    "a slotted dataclass would break zero-argument super()",
    "`@dataclass(slots=True)` creates a new class, so `super()` and `__class__` "
    "in its methods refer to the old one (`TypeError: super(type, obj)`), fixed "
    "only in Python 3.14.",
    "from dataclasses import dataclass\n\n@dataclass\nclass Child:\n    def describe(self):\n"
    "        return super().__repr__()",
    "Use `super(Child, self)`, or target Python 3.14.",
    example_flags=("--target-version", "py310"),
)

STORES_IN_NEW = Code(
    "AS115",
    "__new__ stores attributes on the object it creates",
    "Attributes set in `__new__` on the new object are easy to miss when a "
    "subclass overrides `__new__`; autoslot leaves such classes alone.",
    "class Token:\n    def __new__(cls):\n        obj = super().__new__(cls)\n"
    "        obj.id = 1\n        return obj",
    "Move the stores into `__init__`.",
    no_example_because="no longer emitted: the stores of `__new__` are found like any "
    "other, and the class is slotted; the code stays reserved",
)

ORIG_CLASS_READ = Code(
    "AS116",
    "the generic alias of instances is read",
    "`Box[int]()` sets `__orig_class__` on the instance, which slotted instances "
    "silently drop; code reading it would break.",
    "class Box(Generic[T]):\n    def kind(self):\n        return self.__orig_class__",
    "Pass the type explicitly.",
)

TARGET_TOO_OLD = Code(
    "AS117",
    "the target Python is too old for this rewrite",
    "`weakref_slot=True` on a dataclass needs Python 3.11. Below it, a "
    "slotted dataclass cannot take weak references, so a dataclass whose "
    "instances a weak reference in the project may reach (`weakref.ref`, a "
    "`WeakSet`, a `WeakValueDictionary`...) is left alone; with "
    "`--weakref=always` every dataclass is. Otherwise the default policy "
    "(`prefer`) slots it without weak-reference support.",
    "import weakref\nfrom dataclasses import dataclass\n\n@dataclass\nclass Node:\n"
    "    value: int\n\nwatched = weakref.ref(Node(1))",
    "Raise `requires-python` / `--target-version`, or use `--weakref=never` "
    "if nothing takes weak references to these instances.",
    example_flags=("--target-version", "py310"),
)

NOT_A_FIELD = Code(
    "AS118",
    "a dataclass or attrs class stores an attribute that is not a field",
    "Slotted dataclasses and attrs classes get one slot per field; a method "
    "(often `__post_init__`) storing any other name would fail.",
    "from dataclasses import dataclass\n\n@dataclass\nclass Span:\n    start: int\n    def __post_init__(self):\n"
    "        self.length = 0",
    "Declare the attribute as a field (`field(init=False)`).",
)

INIT_SUBCLASS_RERUN = Code(
    "AS119",
    "recreating the class would rerun __init_subclass__",
    "`@dataclass(slots=True)` builds a second class object, and a base's "
    "`__init_subclass__` runs again for it (for class keyword arguments, "
    "which it would also lose, see AS130).",
    "from dataclasses import dataclass\n\nclass Registered:\n"
    "    def __init_subclass__(cls, **kwargs):\n"
    "        super().__init_subclass__(**kwargs)\n\n"
    "@dataclass\nclass Plugin(Registered):\n    x: int",
    "Keep the class as it is, or add `__slots__` by hand.",
)

TEST_CODE = Code(
    "AS124",
    "test code is never slotted",
    "The class is defined in a test file (`test_*.py`, `*_test.py`, "
    "`conftest.py`, a `tests`/`test` directory) or derives from "
    "`unittest.TestCase`. Its code is analysed like any other, but slotting it "
    "saves nothing and test runners set attributes on such classes.",
    "import unittest\n\nclass TestParser(unittest.TestCase):\n    def setUp(self):\n"
    "        self.parser = Parser()",
    "Nothing.",
)

SPECIAL_NAME_STORED = Code(
    "AS126",
    "a special method name is stored on instances",
    "Instances store a name written like a protocol (`__call__`, "
    "`__missing__`, `__set_name__`, `__await__`). Python looks those up on "
    "the class: a slot of that name is a descriptor on the class, which "
    "turns the protocol on for every instance (`callable(obj)` becomes "
    "true, `obj[k]` starts calling the slot).",
    "class Lazy:\n    def arm(self, fn):\n        self.__call__ = fn",
    "Keep the class as it is, or give the attribute an ordinary name.",
)

TYPO_WOULD_BE_SLOTTED = Code(
    "AS127",
    "a likely typo would be written into __slots__",
    "One of the names the class's new `__slots__` would hold looks like a "
    "misspelling of another attribute (AS203 names the line, the name and "
    "the attribute it likely misspells). Slotting would make the typo part "
    "of the class, so the class is left alone and `check` fails.",
    "class Camera:\n    def __init__(self):\n        self.exposure_time = 1\n"
    "    def describe(self):\n        return self.exposure_time\n"
    "    def reset(self):\n        self.exp_time = 0",
    "Fix the typo, or confirm the name with `# autoslot: attr exp_time` on "
    "the store's line or the class line (or `confirmed-attrs` in "
    "`[tool.autoslot]`).",
    example_also=("AS203",),  # the typo itself, on the line of the store
)


MANGLED_SETATTR_NAME = Code(
    "AS129",
    "a name stored with setattr cannot be written in __slots__",
    "`setattr(self, '__name', value)` stores the name as written, but CPython "
    "mangles private names in `__slots__` (`__name` becomes `_Class__name`), so "
    "no spelling of the slot would hold that store.",
    "class Proxy:\n    def __init__(self):\n        setattr(self, '__target', None)",
    "Store it as `self.__target = None`, or drop the leading underscores.",
)

CLASS_KEYWORDS_LOST = Code(
    "AS130",
    "dataclass(slots=True) would drop the class keyword arguments",
    "The class statement passes keyword arguments to its bases "
    "(`class Plugin(Registered, name='p')`). `@dataclass(slots=True)` builds a "
    "second class object without them, so `__init_subclass__` would run again "
    "without its arguments.",
    "from dataclasses import dataclass\n\nclass Registered:\n"
    "    def __init_subclass__(cls, name='', **kwargs):\n"
    "        super().__init_subclass__(**kwargs)\n\n"
    "@dataclass\nclass Plugin(Registered, name='p'):\n    x: int",
    "Keep the class as it is, or add `__slots__` by hand.",
)
