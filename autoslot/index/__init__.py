"""The index stage: the whole project's modules, import resolution, the
class graph with MROs, and what is known of external bases.

May import: the layers up to summary.
"""
