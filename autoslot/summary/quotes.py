"""Which quote a file prefers: the one definition, sampled while the summary walks it.

The names autoslot writes into `__slots__` take the quote most of the file's
one-line strings use (double on a tie). The summary samples it as it meets
string constants and stores the answer (ModuleSummary.quote); every rewrite of
the file, in `check --diff`, in `fix` and in the verify stage's re-renderings,
is given that stored answer, so none can write other text than another showed.
"""

from __future__ import annotations

# enough strings to know a file's habit; the walk stops looking after these
QUOTE_SAMPLE = 200
QUOTES = ('"', "'")


class QuoteSample:
    """The quotes of the first QUOTE_SAMPLE one-line strings the walk meets."""

    __slots__ = ("counts", "lines")

    def __init__(self, source: bytes) -> None:
        self.counts = dict.fromkeys(QUOTES, 0)
        # None once the sample is full (or when there is no source to look at)
        self.lines: list[bytes] | None = source.splitlines() if source else None

    def add(self, line: int, column: int) -> None:
        """Count the string constant that starts at `line` (1-based), `column`."""
        lines = self.lines
        if lines is None or line > len(lines):
            return
        # a prefix (r, b, u, f and their pairs) precedes the quote
        start = lines[line - 1][column : column + 6].lstrip(b"rRbBuUfF")
        quote = start[:1].decode("latin-1")
        if start[:3] not in (b'"""', b"'''") and quote in self.counts:
            self.counts[quote] += 1
            if sum(self.counts.values()) >= QUOTE_SAMPLE:
                self.lines = None

    @property
    def preferred(self) -> str:
        return "'" if self.counts["'"] > self.counts['"'] else '"'
