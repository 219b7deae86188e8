"""Stores on an object of unknown origin that may be a class object.

A class object that reaches code autoslot cannot see may come back as the
receiver of any store on an unknown object (`for kind in kinds: kind.count
= 0`). On a class, the store binds a class attribute, and a class
attribute named like a slot of the class or of a base replaces its member
descriptor: every instance store of that name then fails with "object
attribute 'count' is read-only". Such a class is left alone when the
stored name is one its instances hold (or a computed `setattr` may name
any of them), unless what the code read on the receiver first is not
there on the class object, which then cannot be the receiver.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence

from autoslot.decide.context import IMPLICIT_CLASS_NAMES
from autoslot.flow.facts import Use
from autoslot.index.nodes import ClassId, ClassNode
from autoslot.index.project import ProjectIndex

# what every class object has besides `object`'s names (`C.__name__`)
_CLASS_OBJECT_NAMES = IMPLICIT_CLASS_NAMES | frozenset(vars(type))
STORES = ("store", "patch", "setattr")


def clobbered_classes(
    use: Use,
    candidates: Sequence[ClassId],
    index: ProjectIndex,
    instance_names: Callable[[ClassNode], frozenset[str]],
    binding: Callable[[ClassNode, str], str | None],
) -> Iterator[tuple[ClassId, str]]:
    """The classes whose slots the use may replace on their class object,
    each with why ("the slot", or "any slot" for a computed name)."""
    for class_id in candidates:
        node = index.nodes[class_id]
        if not all(_class_object_has(node, name, binding) for name in use.requires):
            continue
        if use.kind == "setattr":
            yield class_id, "any slot"
        elif (
            use.attr in instance_names(node) or binding(node, use.attr) == "annotation"
        ):
            yield class_id, "the slot"


def _class_object_has(
    node: ClassNode, name: str, binding: Callable[[ClassNode, str], str | None]
) -> bool:
    """Whether reading `name` on the class object may succeed (a bare
    annotation binds nothing there)."""
    if node.mro is None or name in _CLASS_OBJECT_NAMES:
        return True
    return binding(node, name) not in (None, "annotation")
