"""Batch conversion of a folder of returned workbooks (orchestration over io, rules and overdue)."""
