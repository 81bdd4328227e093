"""Unit tests: the domain's rules as pure functions, with no Flask, database or server."""
