"""The pipeline, in stage order (runner):

    discover -> summary -> index -> flow -> decide -> rewrite -> results

project_files reads the project once per run (asking writability whether
`fix` may write each file), analysis summarises, indexes and decides
(editable: with the rewriter's refusals pinned), file_results rewrites the
files that change, and verdicts reuses the last run's whole result when
nothing it depends on changed. results.py (beside this package) holds the
values a run produces.

May import: every stage (util to rewrite). Must not import report, fix or
cli.
"""
