"""Pieces of bench/cpython_suite.py: copying an interpreter, running regrtest."""
