"""The pages on a real database (SQLite file and PostgreSQL), with a Flask test client and a story to show."""
from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from config import Config
from tests.support.clock import ManualClock
from tests.web import story
from tracker import create_app
from tracker.auth.passwords import Passwords
from tracker.bootstrap import bootstrap
from tracker.database import upgrade

_CSRF = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')


@pytest.fixture
def clock() -> ManualClock:
    """The server's clock: late November 2026, a year after the plan was endorsed."""
    return ManualClock(datetime(2026, 11, 20, 15, 0, tzinfo=UTC))


@pytest.fixture
def make_app(database_url, clock):
    """Build an application on the test database, with settings overridden as given."""
    made = []

    def make(**overrides):
        services = bootstrap(database_url, clock=clock, passwords=Passwords.cheap())
        upgrade(services.engine)
        made.append(services)
        return create_app(Config(DATABASE_URL=database_url, TESTING=True, **overrides), services=services)

    yield make
    for services in made:
        services.engine.dispose()


@pytest.fixture
def web_app(make_app):
    """The application. Not named `app`: pytest-flask would then keep one application context open for the
    whole test, which every request would share (its `g` too), unlike a real server."""
    return make_app()


@pytest.fixture
def client(web_app) -> FlaskClient:
    """A browser without cookies yet."""
    return web_app.test_client()


@pytest.fixture
def told(web_app) -> story.Story:
    """The story, built through the API."""
    return story.build(web_app)


def csrf_token(client: FlaskClient, path: str = "/login") -> str:
    """The CSRF token of the form at `path` (it also starts the session the token belongs to)."""
    page = client.get(path)
    match = _CSRF.search(page.get_data(as_text=True))
    assert match, f"no CSRF token in the form at {path}"
    return match.group(1)


def sign_in(client: FlaskClient, email: str, password: str = story.PASSWORD, next: str | None = None,
            **headers: str) -> TestResponse:
    """Post the sign-in form as a browser would (its CSRF token first)."""
    token = csrf_token(client)
    data = {"email": email, "password": password, "csrf_token": token, "next": next or ""}
    return client.post("/login", data=data, headers=headers)


def html_lang(response: TestResponse) -> str | None:
    """The language the page says it is in."""
    match = re.search(r'<html lang="([^"]*)"', response.get_data(as_text=True))
    return match.group(1) if match else None
