"""The API's fixtures (an application on SQLite and PostgreSQL, a manual clock, tokens, a client)."""
from tests.api.conftest import api, app, clock, tokens  # noqa: F401
