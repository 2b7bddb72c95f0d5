"""SMART verdicts for delmål and mål."""
