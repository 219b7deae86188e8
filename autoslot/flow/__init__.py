"""Whole-program value flow: which objects each expression of the project may hold.

The stage after `index` and before `decide`. It links the per-module flow
programs the summariser recorded (summary/flow_model.py) into one graph,
solves it (an inclusion-based, flow-insensitive points-to analysis with the
call graph found on the fly, in the manner of Andersen's analysis and of
PyCG), and answers, for every store and every dynamic use of an attribute,
which project classes the receiver may be an instance of, and whether it
may be an object of unknown origin. Code autoslot cannot see is one node
("the world"): what reaches it has escaped, and what comes from it may be
anything that escaped.

May import: summary (the models), index. Must not import: decide, rewrite,
report, cli.
"""
