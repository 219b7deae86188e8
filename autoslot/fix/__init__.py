"""A writing run: the session that runs the pipeline, writes the tree only
through the journal (write, journal), one run per tree at a time (lock),
puts files back after an interruption or a kill (restore, interrupts), and
verifies the rewrite by running it (verify/).

May import: the layers up to report. Must not import cli.
"""
