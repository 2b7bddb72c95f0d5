"""File edges: reading and writing workbooks and JSON archives (openpyxl)."""
