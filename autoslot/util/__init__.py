"""Helpers that know nothing of autoslot's stages: the user's files read and
written safely (fileio), worker pools and the collector policy (pool), fast
pickling of slotted dataclasses (pickling), paths as shown to the user
(paths), and loops run to a fixpoint under a cap (fixpoint).

Layer 0 (tests/test_layers.py): may import nothing of autoslot but the
package root (its version) and codes/
"""
