"""The decide stage: per class, in MRO order, a plan (slots, `slots=True`,
`()`) or a skip with a code and a reason. Rules are small pure functions
over the index and the flow facts, each declared with its codes in its
family module (rule.py says what a rule is, rules.py orders them,
registry.py lists every code; engine.py runs them).

May import: the layers up to flow. Must not import rewrite or anything
after it.
"""
