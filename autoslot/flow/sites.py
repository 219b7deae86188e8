"""The linked program: functions, calls and classes with graph nodes instead
of module-local variables."""

from __future__ import annotations

from dataclasses import dataclass, field

from autoslot.index.nodes import ClassId


@dataclass(slots=True, eq=False)
class FunctionSite:
    qualname: str
    path: str
    line: int
    names: tuple[str, ...]
    params: tuple[int, ...]
    positional: int
    vararg: int  # node of the *args container, or -1
    kwarg: int
    returns: int
    generator: int  # node of the generator object's variable, or -1
    owner: int  # class number, or -1
    binding: str
    # what code outside the analysis may pass each parameter, by position,
    # when an annotation says: the objects it admits (see Linker)
    admitted: dict[int, tuple[int, ...]] = field(default_factory=dict)
    required: int = 0
    required_keywords: tuple[str, ...] = ()
    fixture: str = ""
    receiver_result: str = ""  # see summary/receiver_results.py

    @property
    def is_special(self) -> bool:
        """A special method the interpreter calls implicitly (`__eq__`, `__exit__`)."""
        name = self.qualname.rsplit(".", 1)[-1]
        return name.startswith("__") and name.endswith("__")


@dataclass(slots=True, eq=False)
class CallSite:
    path: str
    result: int
    callee: int
    args: tuple[int, ...]
    starred: tuple[int, ...]
    keywords: tuple[tuple[str, int], ...]
    constants: dict[str, str | int | bool | None]
    line: int
    text: str
    # the first argument is a method's own instance: the number of its class
    self_class: int = -1
    forwarded: bool = False
    # every argument may go to every parameter (functools.partial)
    broad: bool = False
    # a method call: callee holds the receiver, this is the method's name
    method: str = ""
    decorator: bool = False
    # the project-wide number of the function the call is in, or -1
    caller: int = -1
    # the arguments are the ones written at a call in the code (not a call
    # autoslot made up for an outside function or a protocol)
    written: bool = False


@dataclass(slots=True)
class ClassInfo:
    id: ClassId
    name: str
    module: str
    # the MRO after the class: project class numbers and outside dotted names;
    # None when it is not known
    ancestors: tuple[int | str, ...] | None
    # names bound in the class body, as CPython stores them
    body: frozenset[str]
    subclasses: list[int] = field(default_factory=list)
    # attributes of the outside classes of its MRO, when known
    outside_attributes: frozenset[str] = frozenset()
    # the metaclass as a canonical dotted name, when there is one
    metaclass: str | None = None
