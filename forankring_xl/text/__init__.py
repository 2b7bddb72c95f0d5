"""Danish text helpers (pure functions, no I/O)."""
