"""What every process checks at start, in both Python environments (standard library only)."""
