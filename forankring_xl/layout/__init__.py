"""The layout spec: where every field lives in the workbook."""

from . import spec

__all__ = ["spec"]
