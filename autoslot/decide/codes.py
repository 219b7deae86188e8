"""The reason codes: stable names for why a class is left alone (AS1xx) and for
findings in classes that already have slots (AS2xx).

This registry is the single source for `autoslot explain CODE` and for the
table of codes in README.md (a test keeps the README's copy in sync).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Code:
    code: str
    title: str
    explanation: str
    example: str
    what_to_do: str


CODES: tuple[Code, ...] = (
    Code(
        "AS100",
        "opted out by the user",
        "The class carries `# autoslot: skip` on its header line, its file carries "
        "`# autoslot: skip-file`, the configuration's `ignore` list names it, or a "
        "decorator asks for no slots explicitly (`@dataclass(slots=False)`).",
        "class Plugin:  # autoslot: skip -- plugins get attributes set by the host\n"
        "    def __init__(self):\n        self.name = 'x'",
        "Nothing; remove the pragma or the ignore entry to let autoslot decide.",
    ),
    Code(
        "AS101",
        "a stored name is also bound in the class body",
        "A name stored on instances is also a class attribute (a default value, a "
        "method, a property without a setter) of the class or of a base. A slot of "
        "that name raises `ValueError: 'x' in __slots__ conflicts with class "
        "variable`, or hides the class attribute of the base.",
        "class Counter:\n    count = 0\n    def bump(self):\n        self.count += 1",
        "Move the default into `__init__`, or give the attribute another name.",
    ),
    Code(
        "AS102",
        "a class in the MRO keeps a __dict__",
        "A base class (other than `object`) gives instances a `__dict__`: an "
        "unslotted base, `Exception`, a class from a library autoslot cannot "
        "inspect, or a base that could not be resolved. Slots would save nothing and "
        "would not stop typos.",
        "class Failure(Exception):\n    def __init__(self, why):\n        self.why = why",
        "Slot the base first, or pass `--introspect` so autoslot can look at a "
        "third-party base.",
    ),
    Code(
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
    ),
    Code(
        "AS104",
        "attributes are set with computed names",
        "`setattr(self, name, value)` with a name that is not a literal, so the set "
        "of attributes cannot be known from the source.",
        "class Options:\n    def __init__(self, **kw):\n        for k, v in kw.items():\n"
        "            setattr(self, k, v)",
        "Spell the attributes out, or keep the class as it is.",
    ),
    Code(
        "AS105",
        "the instance __dict__ is used",
        "`self.__dict__`, `vars(self)` or a `__setattr__` going through `__dict__`: "
        "slotted instances have no `__dict__`.",
        "class Record:\n    def as_dict(self):\n        return dict(self.__dict__)",
        "Build the mapping from the attribute names instead.",
    ),
    Code(
        "AS106",
        "functools.cached_property needs an instance __dict__",
        "`cached_property` stores its value in the instance `__dict__`, which "
        "slotted instances lack (`TypeError: No '__dict__' attribute`).",
        "class Page:\n    @functools.cached_property\n    def html(self): ...",
        "Cache in a slot of your own, or keep the class as it is.",
    ),
    Code(
        "AS107",
        "pickling relies on __dict__",
        "`__getstate__`, `__setstate__`, `__reduce__` or `__reduce_ex__` touch "
        "`__dict__`, or a module that can reach the class (defines or imports "
        "it) pickles with protocol 0 or 1, which cannot pickle slotted objects.",
        "class Job:\n    def __getstate__(self):\n        return self.__dict__.copy()",
        "Rewrite the pickling methods over the attribute names.",
    ),
    Code(
        "AS108",
        "instances change class",
        "`obj.__class__ = Other` works only between classes with the same layout; "
        "slotting one side breaks the swap (`object layout differs`).",
        "class Draft:\n    def publish(self):\n        self.__class__ = Published",
        "Slot both classes identically by hand, or keep them as they are.",
    ),
    Code(
        "AS109",
        "a method or class attribute is replaced on instances",
        "Code stores an attribute of the same name as a method or class attribute "
        "on instances (`service.handler = fake`, `mock.patch.object(obj, 'meth')`). "
        "On a slotted instance that attribute is read-only.",
        "svc = Service()\nsvc.handler = lambda event: None",
        "Patch the class instead of the instance, or keep the class as it is.",
    ),
    Code(
        "AS110",
        "a class whose body is not an ordinary class body",
        "Enums, TypedDicts, `typing.NamedTuple` classes, Protocols and framework "
        "models (pydantic, Django, SQLAlchemy...) build their instances their own way.",
        "class Color(enum.Enum):\n    RED = 1",
        "Nothing; these are never rewritten.",
    ),
    Code(
        "AS111",
        "a metaclass or class decorator autoslot does not know",
        "A custom metaclass or an unknown class decorator may add class attributes "
        "or replace the class, so a `__slots__` written in the body may conflict or "
        "be lost.",
        "@register\nclass Handler:\n    def __init__(self): self.n = 0",
        "Add `__slots__` by hand if you know the decorator is harmless.",
    ),
    Code(
        "AS112",
        "a variable-size builtin base cannot take named slots",
        "Subclasses of `int`, `bytes`, `tuple` (and named tuples) can only have "
        "`__slots__ = ()`; storing attributes on their instances needs the `__dict__`.",
        "class Tagged(int):\n    def tag(self, t):\n        self.t = t",
        "Nothing; autoslot gives such classes `()` when they store nothing.",
    ),
    Code(
        "AS113",
        "a slotted dataclass would break zero-argument super()",
        "`@dataclass(slots=True)` creates a new class, so `super()` and `__class__` "
        "in its methods refer to the old one (`TypeError: super(type, obj)`), fixed "
        "only in Python 3.14.",
        "@dataclass\nclass Child(Base):\n    def run(self):\n        return super().run()",
        "Use `super(Child, self)`, or target Python 3.14.",
    ),
    Code(
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
    ),
    Code(
        "AS115",
        "__new__ stores attributes on the object it creates",
        "Attributes set in `__new__` on the new object are easy to miss when a "
        "subclass overrides `__new__`; autoslot leaves such classes alone.",
        "class Token:\n    def __new__(cls):\n        obj = super().__new__(cls)\n"
        "        obj.id = 1\n        return obj",
        "Move the stores into `__init__`.",
    ),
    Code(
        "AS116",
        "the generic alias of instances is read",
        "`Box[int]()` sets `__orig_class__` on the instance, which slotted instances "
        "silently drop; code reading it would break.",
        "class Box(Generic[T]):\n    def kind(self):\n        return self.__orig_class__",
        "Pass the type explicitly.",
    ),
    Code(
        "AS117",
        "the target Python is too old for this rewrite",
        "`weakref_slot=True` on a dataclass needs Python 3.11. Below it, a "
        "slotted dataclass cannot take weak references, so a dataclass whose "
        "instances a weak reference in the project may reach (`weakref.ref`, a "
        "`WeakSet`, a `WeakValueDictionary`...) is left alone; with "
        "`--weakref=always` every dataclass is. Otherwise the default policy "
        "(`prefer`) slots it without weak-reference support.",
        "@dataclass\nclass Node:\n    value: int\n\nwatched = weakref.ref(Node(1))",
        "Raise `requires-python` / `--target-version`, or use `--weakref=never` "
        "if nothing takes weak references to these instances.",
    ),
    Code(
        "AS118",
        "a dataclass or attrs class stores an attribute that is not a field",
        "Slotted dataclasses and attrs classes get one slot per field; a method "
        "(often `__post_init__`) storing any other name would fail.",
        "@dataclass\nclass Span:\n    start: int\n    def __post_init__(self):\n"
        "        self.length = 0",
        "Declare the attribute as a field (`field(init=False)`).",
    ),
    Code(
        "AS119",
        "recreating the class would rerun __init_subclass__",
        "`@dataclass(slots=True)` builds a second class object; a base's "
        "`__init_subclass__` runs again, without the class keyword arguments.",
        "@dataclass\nclass Plugin(Registered, name='p'):\n    x: int",
        "Keep the class as it is, or add `__slots__` by hand.",
    ),
    Code(
        "AS120",
        "the rewritten module failed to import",
        "After the rewrite, importing the module in a fresh interpreter raised an "
        "error that the unchanged module did not; the class edit was reverted and "
        "a `# autoslot: skip` pragma records why.",
        "class A(SomeBase):\n    __slots__ = ('x',)  # TypeError at import",
        "Read the error in the report; the class keeps its original form.",
    ),
    Code(
        "AS121",
        "the change would need files that are not being rewritten",
        "Only some files were given (as pre-commit does). Slotting this class needs "
        "another class to change too, in a file that is not being rewritten.",
        "autoslot fix pkg/child.py   # pkg/base.py must change as well",
        "Run autoslot on the whole project once (`pre-commit run --all-files`).",
    ),
    Code(
        "AS122",
        "the test command failed with this class slotted",
        "`--verify` ran the test command with all edits, found it failing, and "
        "bisected the failure to this class; its edit was reverted and a "
        "`# autoslot: skip` pragma records why.",
        "autoslot fix --verify 'pytest -x -q' src/",
        "Read the failure in the report; fix the code or keep the pragma.",
    ),
    Code(
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
    ),
    Code(
        "AS124",
        "test code is never slotted",
        "The class is defined in a test file (`test_*.py`, `*_test.py`, "
        "`conftest.py`, a `tests`/`test` directory) or derives from "
        "`unittest.TestCase`. Its code is analysed like any other, but slotting it "
        "saves nothing and test runners set attributes on such classes.",
        "class TestParser(unittest.TestCase):\n    def setUp(self):\n"
        "        self.parser = Parser()",
        "Nothing.",
    ),
    Code(
        "AS125",
        "the class is combined with other bases at run time",
        "The class object reaches code that builds new classes from it "
        "(`type(name, (cls, Other), {})`, a base list autoslot cannot read). "
        "Slots on it could make that class statement fail with `multiple bases "
        "have instance lay-out conflict`.",
        "def mixed(cls):\n    return type('Mixed', (cls, str), {})",
        "Keep the class as it is.",
    ),
    Code(
        "AS126",
        "a special method name is stored on instances",
        "Instances store a name written like a protocol (`__call__`, "
        "`__missing__`, `__set_name__`, `__await__`). Python looks those up on "
        "the class: a slot of that name is a descriptor on the class, which "
        "turns the protocol on for every instance (`callable(obj)` becomes "
        "true, `obj[k]` starts calling the slot).",
        "class Lazy:\n    def arm(self, fn):\n        self.__call__ = fn",
        "Keep the class as it is, or give the attribute an ordinary name.",
    ),
    Code(
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
    ),
    Code(
        "AS201",
        "a stored attribute is missing from __slots__",
        "The class has `__slots__`, but a method stores a name that is not among "
        "them: that store raises AttributeError today. `fix` adds the name.",
        "class P:\n    __slots__ = ('x',)\n    def __init__(self):\n"
        "        self.x = self.y = 0",
        "Let `autoslot fix` add it.",
    ),
    Code(
        "AS202",
        "a slot repeats one of a base",
        "A base already provides this slot; repeating it wastes 8 bytes per instance "
        "and hides the base's descriptor. `fix` removes it.",
        "class A:\n    __slots__ = ('x',)\nclass B(A):\n    __slots__ = ('x', 'y')",
        "Let `autoslot fix` remove it.",
    ),
    Code(
        "AS203",
        "likely typo: an attribute written but never read",
        "An attribute is stored but nothing anywhere in the project reads it, and "
        "its name is a near miss of another attribute of the class: an "
        "abbreviation (`exp_time` beside `exposure_time`), one letter replaced, "
        "dropped, added or two swapped (`exposure_tmie`), the same name with other "
        "case or underscores (`exposureTime`). Slots exist to make that store "
        "raise, so autoslot never writes such a name into `__slots__`: a class "
        "that would get it is left alone (AS127) and an existing `__slots__` is not "
        "completed. `check` fails on it.",
        "class Camera:\n    def __init__(self):\n        self.exposure_time = 1\n"
        "    def describe(self):\n        return self.exposure_time\n"
        "cam = Camera()\ncam.exp_time = 0.5",
        "Correct the name (then `autoslot fix` slots the class). If it is spelled as "
        "meant, confirm it with `# autoslot: attr exp_time` on the line of the store "
        "or on the class line, or list it in `confirmed-attrs`.",
    ),
    Code(
        "AS204",
        "a declared slot is never stored",
        "A name in `__slots__` is never assigned anywhere in the project. Reported, "
        "never fixed; `check --strict` fails on it.",
        "class P:\n    __slots__ = ('x', 'unused')\n    def __init__(self):\n"
        "        self.x = 0",
        "Remove the slot if it is really unused.",
    ),
    Code(
        "AS205",
        "__slots__ is not a literal",
        "The class computes its `__slots__` (or assigns it more than once), so "
        "autoslot cannot read or extend it.",
        "class P:\n    __slots__ = tuple(FIELDS)",
        "Nothing; autoslot leaves such classes alone.",
    ),
    Code(
        "AS206",
        "likely typo: an attribute read but never stored",
        "A method reads an attribute of the instance that nothing anywhere in the "
        "project stores or defines, and its name is a near miss of an attribute "
        "the class has (`self.colour` read, only `self.color` stored). That read "
        "raises AttributeError today; slots change nothing about it, so the class "
        "is slotted as usual, and `check` fails on the finding.",
        "class Pen:\n    def __init__(self):\n        self.color = 'red'\n"
        "    def describe(self):\n        return self.colour",
        "Correct the name, or confirm it with `# autoslot: attr colour` (on the "
        "line of the read or the class line) or `confirmed-attrs`.",
    ),
)

BY_CODE: dict[str, Code] = {c.code: c for c in CODES}


def title(code: str) -> str:
    found = BY_CODE.get(code)
    return found.title if found is not None else code


# Findings that make `check` fail by themselves (a class left alone or a slot
# to add fails it anyway): likely typos, whatever the class's decision (the
# user adopted slots to catch them); with --strict also unused slots and
# stores on objects of unknown class.
TYPO_CODES: frozenset[str] = frozenset({"AS203", "AS206"})
FAILING_FINDINGS: frozenset[str] = TYPO_CODES
FAILING_FINDINGS_WHEN_STRICT: frozenset[str] = frozenset({"AS204", "AS114"})


def fails_check(code: str, strict: bool) -> bool:
    """Whether a finding with this code makes `check` fail (and is listed one by one)."""
    return code in FAILING_FINDINGS or (strict and code in FAILING_FINDINGS_WHEN_STRICT)
