"""The reliability tests' fixtures: the API's application on each engine (to build the record and read the log
in-process), with the server clock at the real time, since the servers they start run on the real clock."""
from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tests.api import conftest as api_fixtures
from tests.support.clock import ManualClock

app, tokens, api = api_fixtures.app, api_fixtures.tokens, api_fixtures.api


@pytest.fixture
def clock() -> ManualClock:
    """The in-process clock, at the real now (tokens made with it are valid in the server processes)."""
    return ManualClock(datetime.now(UTC))
