"""Verification of a rewrite by running it: the import check, the user's test
command with bisection of culprit classes, and the space of edits they
revert. The session that drives them is fix/session.py.

May import: the layers up to report, and the rest of fix.
"""
