"""The summarise stage: one module's source -> its ModuleSummary (classes,
stores, reads, blockers, flow program), per file and cacheable (cache), with
`ast` (parsing says why a file does not parse).

May import: util, cache, config, discover.
"""
