"""Fixtures shared by every test: databases on both engines, a manual clock."""
from __future__ import annotations

import os

import pytest
from sqlalchemy import Engine

from events import make_engine
from events.personal import new_master_key
from tests.support.clock import ManualClock
from tests.support.databases import ENGINES, fresh_database
from tracker.database import upgrade

# One master key for the whole run, in the environment so that the servers, schedulers and CLI processes the
# tests start wrap and unwrap person keys exactly as the in-process applications do.
os.environ.setdefault("TRACKER_MASTER_KEY", new_master_key())


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
