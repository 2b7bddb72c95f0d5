"""Excel edges: the xlwings adapter, the ribbon dispatcher and the add-in builder."""
