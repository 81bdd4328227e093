"""Specifications of authentication, roles, and the users and tokens commands."""
