"""Sending plans out to units and reminding owners: pure logic on data (no files, no Excel)."""
