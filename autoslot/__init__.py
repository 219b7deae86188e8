"""autoslot: give Python classes correct ``__slots__`` without breaking the code."""

__version__ = "0.1.0"
