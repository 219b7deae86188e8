"""The first stage: paths -> the sorted Python files to process (walk).

May import: util, cache, config.
"""
