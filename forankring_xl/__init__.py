"""forankring-xl: Excel template and Python tools for Danish implementation and anchoring plans."""

__version__ = "0.1.0"
