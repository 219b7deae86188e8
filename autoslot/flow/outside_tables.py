"""What autoslot knows of outside callables, as tables: which keep nothing
they are given, which hand back their first argument or the elements of
their arguments, which pickle or take weak references, and which unittest
assertions only look at what they get. externals.py applies them."""

from __future__ import annotations

from autoslot.flow.outside_types import INERT_FUNCTIONS
from autoslot.index.external import is_stdlib_module

_BUILTIN_PURE = [
    "abs",
    "all",
    "any",
    "ascii",
    "bin",
    "bool",
    "callable",
    "chr",
    "compile",
    "delattr",
    "divmod",
    "format",
    "hasattr",
    "hash",
    "hex",
    "id",
    "input",
    "int",
    "isinstance",
    "issubclass",
    "len",
    "oct",
    "ord",
    "pow",
    "print",
    "repr",
    "round",
    "str",
    "bytes",
    "bytearray",
    "float",
    "complex",
    "memoryview",
    "range",
    "slice",
    "sum",
    "exit",
    "quit",
    "help",
    "breakpoint",
    "locals",
    "globals",
    "object",
    "NotImplemented",
]
PURE = frozenset(
    {f"builtins.{n}" for n in _BUILTIN_PURE}
    | {
        "logging.debug",
        "logging.info",
        "logging.warning",
        "logging.warn",
        "logging.error",
        "logging.critical",
        "logging.exception",
        "logging.log",
        "logging.getLogger",
        "warnings.warn",
        "sys.exit",
        "sys.getsizeof",
        "sys.intern",
        "heapq.heapify",
        "heapq.heappush",
        "typing.NewType",
        "typing_extensions.NewType",
        "itertools.count",
        "bisect.insort",
        "bisect.insort_left",
        "bisect.insort_right",
        "bisect.bisect",
        "bisect.bisect_left",
        "bisect.bisect_right",
        "inspect.isclass",
        "inspect.isfunction",
        "inspect.ismethod",
        "inspect.isroutine",
        "inspect.signature",
        "dataclasses.fields",
        "dataclasses.is_dataclass",
        "dataclasses.asdict",
        "dataclasses.astuple",
        "typing.get_type_hints",
        "json.loads",
        "textwrap.dedent",
        "textwrap.indent",
        "textwrap.fill",
        "textwrap.wrap",
        "time.time",
        "time.monotonic",
        "time.perf_counter",
        "time.sleep",
    }
)
PURE_PREFIXES = ("os.path.", "posixpath.", "ntpath.", "math.", "cmath.", "string.")
# what a call returns: the first argument (copy), or the second (cast)
SAME_AS_FIRST = frozenset(
    {
        "copy.copy",
        "copy.deepcopy",
        "functools.total_ordering",
        "functools.cache",
        "functools.lru_cache",
        "functools.singledispatch",
        "functools.singledispatchmethod",
        "contextlib.contextmanager",
        "contextlib.asynccontextmanager",
        "contextlib.closing",
        "contextlib.nullcontext",
        "dataclasses.dataclass",
        "dataclasses.replace",
        "typing.overload",
        "typing.final",
        "typing.runtime_checkable",
        "typing.no_type_check",
        "typing_extensions.final",
        "typing_extensions.override",
        "typing.override",
        "enum.unique",
        "abc.abstractmethod",
        "abc.abstractproperty",
        "builtins.iter",
        "unittest.expectedFailure",
        "unittest.skip",
        "unittest.skipIf",
        "unittest.skipUnless",
    }
)
ELEMENTS_OF_ARGUMENTS = frozenset(
    {
        "builtins.list",
        "builtins.tuple",
        "builtins.set",
        "builtins.frozenset",
        "builtins.dict",
        "builtins.sorted",
        "builtins.reversed",
        "collections.deque",
        "collections.OrderedDict",
        "collections.defaultdict",
        "collections.Counter",
        "collections.ChainMap",
        "queue.Queue",
        "queue.LifoQueue",
        "queue.PriorityQueue",
        "queue.SimpleQueue",
        "asyncio.Queue",
        "itertools.chain",
        "itertools.chain.from_iterable",
        "itertools.islice",
        "itertools.cycle",
        "itertools.repeat",
        "itertools.takewhile",
        "itertools.dropwhile",
        "itertools.filterfalse",
        "itertools.compress",
        "itertools.accumulate",
        "heapq.nsmallest",
        "heapq.nlargest",
        "heapq.merge",
        "random.sample",
        "builtins.filter",
    }
)
ELEMENT_OF_ARGUMENTS = frozenset(
    {
        "builtins.next",
        "builtins.min",
        "builtins.max",
        "heapq.heappop",
        "heapq.heappushpop",
        "heapq.heapreplace",
        "random.choice",
        "functools.reduce",
    }
)
TUPLES_OF_ELEMENTS = frozenset(
    {
        "builtins.zip",
        "builtins.enumerate",
        "itertools.zip_longest",
        "itertools.product",
        "itertools.permutations",
        "itertools.combinations",
        "itertools.groupby",
        "itertools.pairwise",
    }
)
PICKLE_PROTOCOL_POSITION = {
    "pickle.dumps": "1",
    "pickle.dump": "2",
    "_pickle.dumps": "1",
    "_pickle.dump": "2",
}
PICKLERS = frozenset({"pickle.Pickler", "_pickle.Pickler"})
LOW_PICKLER = "pickle.Pickler<protocol 0 or 1>"
WEAK = ("weakref.", "_weakref.")
WEAK_CONTAINERS = frozenset(
    {"weakref.WeakSet", "weakref.WeakValueDictionary", "weakref.WeakKeyDictionary"}
)
# methods of `object` that keep nothing (stores go through __setattr__, seen apart)
OBJECT_PURE_METHODS = frozenset(
    {
        "__init__",
        "__init_subclass__",
        "__eq__",
        "__ne__",
        "__hash__",
        "__str__",
        "__repr__",
        "__format__",
        "__sizeof__",
        "__dir__",
        "__subclasshook__",
        "__setattr__",
        "__delattr__",
        "__lt__",
        "__le__",
        "__gt__",
        "__ge__",
    }
)

# unittest.TestCase methods that only look at their arguments (compare them,
# repr them on failure); the forms that call what they are given are not here
TEST_CALLERS = frozenset(
    {"assertRaises", "assertRaisesRegex", "assertWarns", "assertWarnsRegex"}
)


def observes_only(base: str, attr: str) -> bool:
    """Whether `self.attr(...)` on a test case keeps and calls nothing it gets."""
    if not base.startswith("unittest."):
        return False
    if attr in ("fail", "skipTest", "assertLogs", "assertNoLogs"):
        return True
    return attr.startswith("assert") and attr not in TEST_CALLERS


MODELLED = (
    PURE
    | INERT_FUNCTIONS
    | SAME_AS_FIRST
    | ELEMENTS_OF_ARGUMENTS
    | ELEMENT_OF_ARGUMENTS
    | TUPLES_OF_ELEMENTS
    | WEAK_CONTAINERS
    | PICKLERS
    | PICKLE_PROTOCOL_POSITION.keys()
    | {
        "typing.cast",
        "builtins.map",
        "builtins.staticmethod",
        "builtins.classmethod",
        "builtins.property",
        "builtins.getattr",
        "builtins.setattr",
        "builtins.vars",
        "builtins.dir",
        "inspect.getmembers",
        "builtins.type",
        "builtins.super",
        "builtins.open",
        "io.open",
        "functools.partial",
        "functools.wraps",
        "functools.update_wrapper",
        "weakref.ref",
        "weakref.proxy",
        "weakref.finalize",
        "weakref.WeakMethod",
    }
)
# modules on the way to a modelled name (`os.path` on the way to `os.path.join`)
MODULE_PREFIXES = frozenset(
    {name.rsplit(".", depth)[0] for name in MODELLED for depth in (1, 2) if "." in name}
    | {p.rstrip(".") for p in PURE_PREFIXES}
)


def keeps_identity(dotted: str) -> bool:
    """Whether an outside name is worth following as itself: modelled, on the
    way to something modelled, or a class (its instances are not unknown).
    Any other outside callable is simply unknown code."""
    if dotted.count(".") > 3:
        return False  # longer than any outside name: `x = x.Parent` in a loop
    if (
        dotted in MODELLED
        or dotted in MODULE_PREFIXES
        or dotted.startswith(PURE_PREFIXES)
    ):
        return True
    last = dotted.rsplit(".", 1)[-1]
    if last[:1].isupper() and not last.isupper():
        return True
    return is_stdlib_module(dotted)
