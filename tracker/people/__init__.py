"""The people the record names: their keys (crypto-shredding), forgetting them, and the retention of minors' data."""
