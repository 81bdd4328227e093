"""The API's application on both engines (tests/api/conftest.py), to build a forum through the API and then import
sheets into it with the `tracker` command."""
from tests.api.conftest import api, app, clock, tokens  # noqa: F401
