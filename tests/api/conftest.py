"""An application on a real database (SQLite file and PostgreSQL), with a token for each role."""
from __future__ import annotations

from datetime import UTC, datetime
from types import SimpleNamespace

import pytest

from config import Config
from tests.support.api import ApiClient
from tests.support.clock import ManualClock
from tracker import create_app
from tracker.auth import service as auth
from tracker.auth.passwords import Passwords
from tracker.bootstrap import bootstrap
from tracker.database import upgrade


@pytest.fixture
def clock() -> ManualClock:
    """The server's clock: late 2026, after the story's co-creation."""
    return ManualClock(datetime(2026, 11, 20, 15, 0, tzinfo=UTC))


@pytest.fixture
def app(database_url, clock):
    services = bootstrap(database_url, clock=clock, passwords=Passwords.cheap())
    upgrade(services.engine)
    application = create_app(Config(DATABASE_URL=database_url, TESTING=True), services=services)
    yield application
    services.engine.dispose()


@pytest.fixture
def tokens(app, clock):
    """A token per role: admin, evaluator (all forums), and secretariat grants added by `grant`."""
    engine = app.extensions["tracker"].engine

    def make(email: str, role: str, forums: tuple[str, ...] = ()) -> str:
        auth.create_user(engine, clock, email, role, list(forums), None)
        return auth.create_token(engine, clock, email)

    ns = SimpleNamespace(admin=make("admin@example.org", "admin"),
                         evaluator=make("evaluator@example.org", "evaluator"), make=make)
    return ns


@pytest.fixture
def api(client, tokens) -> ApiClient:
    """An admin's client; `.as_(token)` for other callers, `.as_(None)` for the public."""
    return ApiClient(client, tokens.admin)


def event_count(app) -> int:
    return app.extensions["tracker"].store.head().position
