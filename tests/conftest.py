"""Fixtures shared by every test: databases on both engines, a manual clock."""
from __future__ import annotations

import os

import pytest
from sqlalchemy import Engine

from events import make_engine
from events.personal import new_master_key
from tests.support.clock import ManualClock
from tests.support.databases import ENGINES, fresh_database
from tracker.auth.passwords import Passwords
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


@pytest.fixture(scope="session")
def passwords() -> Passwords:
    """Argon2id at its smallest cost: hashing is not what these tests check (tests/auth pins production's)."""
    return Passwords.cheap()


# Where the engine matters, every test runs on SQLite and on PostgreSQL: the store, migrations, read models,
# concurrency, reliability, the scheduler's deliveries, the command line. Elsewhere (the HTTP API, the pages,
# the compliance answers, request authentication: code above the store that issues no SQL of its own) a test
# runs on SQLite, and on PostgreSQL too when it is marked `both_engines`: each such module keeps at least one,
# a smoke test of its area on the production engine.
SQLITE_ONLY_AREAS = ("tests/api/", "tests/web/", "tests/compliance/", "tests/auth/test_requests.py")


def pytest_configure(config):
    config.addinivalue_line("markers", "both_engines: run on PostgreSQL too, in an area otherwise tested on SQLite")


def pytest_collection_modifyitems(config, items):
    kept, dropped = [], []
    for item in items:
        params = getattr(getattr(item, "callspec", None), "params", {})
        on_postgres = params.get("database_url") == "postgresql"
        path = item.nodeid.split("::", 1)[0]
        if on_postgres and path.startswith(SQLITE_ONLY_AREAS) and item.get_closest_marker("both_engines") is None:
            dropped.append(item)
        else:
            kept.append(item)
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = kept
