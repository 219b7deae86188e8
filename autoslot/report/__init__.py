"""The report stage: a run's results as text on stderr, diffs on stdout, JSON
and GitHub formats, the exit code, `autoslot report` (memory, typos) and
`autoslot explain`.

May import: the layers up to pipeline and results.py. Must not import fix
or cli.
"""
