"""Verification of a rewrite by running it: the import check, the user's test
command with bisection of culprit classes, and the journalled writes that
make every run restorable."""
