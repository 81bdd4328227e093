"""Fixtures shared by every test: databases on both engines, a manual clock."""
from __future__ import annotations

import pytest
from sqlalchemy import Engine

from events import make_engine
from tests.support.clock import ManualClock
from tests.support.databases import ENGINES, fresh_database
from tracker.database import upgrade


@pytest.fixture(params=ENGINES)
def database_url(request, tmp_path):
    """An empty database, once on SQLite and once on PostgreSQL."""
    with fresh_database(request.param, tmp_path) as url:
        yield url


@pytest.fixture
def engine(database_url) -> Engine:
    """An engine on a migrated, empty database."""
    eng = make_engine(database_url)
    upgrade(eng)
    yield eng
    eng.dispose()


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock()
