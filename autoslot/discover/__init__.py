"""The first stage: paths -> the sorted Python files to process, and every
file the index reads: the project's Python and its .rst/.md documentation,
whose `>>> ` examples are code (walk).

May import: util, cache, config.
"""
