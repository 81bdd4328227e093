"""The scheduler's tests: the API's application on each engine, a real SMTP server on loopback, and `run(at)`,
which moves the server's clock to `at` and runs one tick of the scheduler then."""
from __future__ import annotations

from datetime import datetime

import pytest

from events import RecordedEvent
from tests.api import conftest as api_fixtures
from tests.support.smtp import SmtpServer
from tracker.scheduler.tick import TickReport, tick

app, tokens, api, clock = api_fixtures.app, api_fixtures.tokens, api_fixtures.api, api_fixtures.clock


@pytest.fixture
def smtp():
    """An aiosmtpd server on a free loopback port; the inbox of what it accepted."""
    with SmtpServer() as inbox:
        yield inbox


@pytest.fixture
def services(app):
    return app.extensions["tracker"]


@pytest.fixture
def run(services, smtp, clock):
    """run("2026-12-07T09:00:00-05:00"): the clock moves there, and the scheduler ticks once."""

    def run(at: str | datetime) -> TickReport:
        clock.now = datetime.fromisoformat(at) if isinstance(at, str) else at
        return tick(services, smtp.mailer(), clock.now, claimed_by="test-scheduler")

    return run


@pytest.fixture
def logged(services):
    """logged("ReminderSent", ...): the events of those types in the log, in order."""

    def logged(*types: str) -> list[RecordedEvent]:
        return list(services.store.read_all(types=types))

    return logged
