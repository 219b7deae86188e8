"""Outside APIs whose results have a known type, and the methods of those
types that run no project code and change nothing.

`re.compile(...)` gives a pattern and `pattern.search(...)` a match, never
one of the project's instances; without this table both are unknown
objects, and every call on them (`m.start()`) may run any method of any
class that escaped. With it the flow knows what they are, and a call such
as `m.start()` between a read of `rows[0].text` and the store
`rows[0].text = ...` cannot have changed what `rows[0]` denotes.

Only APIs that never call back into Python code they are given belong
here: `re.sub` takes a replacement function and `re.finditer` an iterator
protocol, so both stay unknown code.
"""

from __future__ import annotations

PATTERN = "re.Pattern"
MATCH = "re.Match"

# an outside function -> the outside type of what it gives back
TYPED_RESULTS: dict[str, str] = {
    "re.compile": PATTERN,
    "re.search": MATCH,
    "re.match": MATCH,
    "re.fullmatch": MATCH,
}

# (outside type, method) -> the outside type of the result, or "" when the
# result is built-in data (strings, numbers, tuples and lists of them)
TYPED_METHODS: dict[tuple[str, str], str] = {
    (PATTERN, "search"): MATCH,
    (PATTERN, "match"): MATCH,
    (PATTERN, "fullmatch"): MATCH,
    (PATTERN, "findall"): "",
    (PATTERN, "split"): "",
    (MATCH, "group"): "",
    (MATCH, "groups"): "",
    (MATCH, "groupdict"): "",
    (MATCH, "start"): "",
    (MATCH, "end"): "",
    (MATCH, "span"): "",
}

# outside functions that, like the methods above, take strings and flags,
# run no project code and change none of their arguments
INERT_FUNCTIONS = frozenset(
    {*TYPED_RESULTS, "re.findall", "re.split", "re.escape", "re.purge"}
)


def method_result(outside_type: str, method: str) -> str | None:
    """The type a known method of an outside type gives back ("" for data),
    or None when the method is not known (it is then unknown code)."""
    return TYPED_METHODS.get((outside_type, method))
