"""The HTTP API under /api/v1: one flask-smorest blueprint per area."""
