"""Showing a report inside a workbook (Tjek sheet, colours, notes) through a small surface interface."""
