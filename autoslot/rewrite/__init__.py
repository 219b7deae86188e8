"""The rewrite stage: decisions -> edited source, with libcst, only for the
files whose plan changes something; byte-identical outside the edited class
headers and bodies, and cached per file.

May import: the layers up to decide.
"""
