"""Widening in the flow graph: a node that would hold more than LIMIT objects
holds the unknown object instead, and its objects escape to the world,
whatever order they arrive in."""

from __future__ import annotations

from autoslot.flow.graph import LIMIT, UNKNOWN, Graph

WORLD, NODE, OTHER = 0, 1, 2
MANY = range(1, LIMIT + 2)


def graph() -> Graph:
    made = Graph(3)
    made.world = WORLD
    made.unbounded.add(WORLD)
    return made


def test_a_node_given_more_than_the_limit_at_once_is_widened() -> None:
    g = graph()
    g.add(NODE, MANY)
    assert g.holds(NODE) == {UNKNOWN}
    assert g.holds(WORLD) == set(MANY)


def test_widening_does_not_depend_on_how_the_objects_arrive() -> None:
    at_once, one_by_one, by_edge = graph(), graph(), graph()
    at_once.add(NODE, MANY)
    for obj in MANY:
        one_by_one.add_one(NODE, obj)
    by_edge.unbounded.add(OTHER)
    by_edge.add(OTHER, MANY)
    by_edge.edge(OTHER, NODE)
    for g in (at_once, one_by_one, by_edge):
        assert g.holds(NODE) == {UNKNOWN}
        assert set(MANY) <= g.holds(WORLD)


def test_a_node_at_the_limit_keeps_its_objects() -> None:
    g = graph()
    g.add(NODE, range(1, LIMIT + 1))
    assert g.holds(NODE) == set(range(1, LIMIT + 1))
    assert g.holds(WORLD) == set()


def test_unbounded_nodes_are_never_widened() -> None:
    g = graph()
    g.unbounded.add(NODE)
    g.add(NODE, MANY)
    assert g.holds(NODE) == set(MANY)
