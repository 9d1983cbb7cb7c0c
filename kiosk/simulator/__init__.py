"""Reference simulator of the central API (training mode and tests)."""
