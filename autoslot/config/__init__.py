"""What a run is asked to do: the settings it works with (settings), read from
`[tool.autoslot]` in pyproject.toml and merged with the command line
(pyproject, keys, compat), code selection the ruff way (selection), what black and
ruff's configuration says about autoslot's output (formatters), the order
of written slots (slots_order), the project root (project) and the target
interpreter (environment).

May import: util, cache, codes/. Must not import a stage (the registry's
code names, which a selection is checked against, are handed in).
"""
