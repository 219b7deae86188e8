"""The project's `.autoslot_cache/` directory (directory) and what every cache
in it shares: content digests, a digest of autoslot's own code, and stat
stamps that give a file's digest without reading it (stamps). The caches
themselves live with what they store: summary/cache.py, the rewrite cache in
rewrite/, and the whole-run verdicts in pipeline/verdicts.py.

May import: util.
"""
