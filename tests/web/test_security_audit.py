"""The security audit log (`tracker.security`): who signed in, failed, signed out, which users and tokens changed,
which requests a rate limit or a bad token refused; and no password or token in any log line, of any logger."""
from __future__ import annotations

import json
import logging
import urllib.request

import pytest

from tests.support.http_server import serving
from tests.web import story
from tests.web.conftest import csrf_token, sign_in
from tracker import extension
from tracker.auth import service as auth

SECURITY = "tracker.security"
SECRET_PASSWORD = "a very secret password 1234"
WRONG_PASSWORD = "a wrong guess at the password"


@pytest.fixture
def tracker_app(make_app):
    """The application with one secretariat who has a password."""
    made = make_app()
    services = made.extensions["tracker"]
    auth.create_user(services.engine, services.clock, story.SECRETARIAT, "secretariat", name="Ana")
    auth.set_password(services.engine, services.passwords, story.SECRETARIAT, SECRET_PASSWORD)
    return made


def security_lines(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name == SECURITY]


def every_logger_at_debug(caplog) -> None:
    """Capture every logger at DEBUG, also those that set their own level (SQLAlchemy's is WARNING by default:
    at DEBUG it logs each statement with its parameters). Restored after the test."""
    caplog.set_level(logging.DEBUG)
    for name, logger in list(logging.root.manager.loggerDict.items()):
        if isinstance(logger, logging.Logger) and logger.level > logging.DEBUG:
            caplog.set_level(logging.DEBUG, logger=name)


def everything_logged(caplog) -> str:
    """Every record of every logger, as formatted, with its arguments and any traceback."""
    parts = []
    for record in caplog.records:
        parts += [record.getMessage(), repr(record.args), record.exc_text or ""]
    return "\n".join(parts) + caplog.text


@pytest.mark.both_engines  # this area's smoke test on PostgreSQL
def test_a_sign_in_a_failed_one_and_a_sign_out_are_logged_with_the_email_and_address(tracker_app, caplog):
    client = tracker_app.test_client()
    client.environ_base["REMOTE_ADDR"] = "198.51.100.23"
    with caplog.at_level(logging.INFO, logger=SECURITY):
        sign_in(client, story.SECRETARIAT, password=WRONG_PASSWORD)
        sign_in(client, story.SECRETARIAT, password=SECRET_PASSWORD)
        client.post("/logout", data={"csrf_token": csrf_token(client, "/logout")})
    failed, signed_in, signed_out = security_lines(caplog)
    assert failed == f"failed sign-in: '{story.SECRETARIAT}' from 198.51.100.23"
    assert signed_in == f"sign-in: {story.SECRETARIAT} (secretariat) from 198.51.100.23"
    assert signed_out == f"sign-out: {story.SECRETARIAT} from 198.51.100.23"
    assert [r.levelname for r in caplog.records if r.name == SECURITY] == ["WARNING", "INFO", "INFO"]


def test_no_logger_ever_records_the_password_during_sign_ins(tracker_app, caplog):
    """Every logger at DEBUG (SQLAlchemy's statements and parameters included): the password appears nowhere."""
    every_logger_at_debug(caplog)
    client = tracker_app.test_client()
    sign_in(client, story.SECRETARIAT, password=WRONG_PASSWORD)
    assert sign_in(client, story.SECRETARIAT, password=SECRET_PASSWORD).status_code == 302
    logged = everything_logged(caplog)
    assert "sign-in: " + story.SECRETARIAT in logged  # the capture did see the sign-in
    assert "SELECT" in logged  # ... and the database's statements
    assert SECRET_PASSWORD not in logged and WRONG_PASSWORD not in logged


def test_a_typed_email_cannot_forge_a_line_of_the_log(tracker_app, caplog):
    forged = "x@example.org\nsign-in: admin@example.org (admin) from 127.0.0.1"
    with caplog.at_level(logging.INFO, logger=SECURITY):
        sign_in(tracker_app.test_client(), forged, password=WRONG_PASSWORD)
    (line,) = security_lines(caplog)
    assert "\n" not in line and line.startswith("failed sign-in: 'x@example.org\\nsign-in: ")


def test_creating_and_revoking_a_token_is_logged_by_id_never_by_its_text(tracker_app, caplog):
    services = extension.services(tracker_app)
    every_logger_at_debug(caplog)
    token = auth.create_token(services.engine, services.clock, story.SECRETARIAT, expires_days=30)
    auth.revoke_tokens(services.engine, services.clock, story.SECRETARIAT)
    created, revoked = security_lines(caplog)
    assert created.startswith("token created: id ") and f"for {story.SECRETARIAT} (expires 20" in created
    assert created.endswith("from command line") and "by os user " in created
    assert revoked.startswith(f"tokens revoked: 1 of {story.SECRETARIAT} by ")
    logged = everything_logged(caplog)
    assert token not in logged and auth.token_hash(token) not in created
    assert token[:12] not in logged  # not even a prefix of it


def test_a_deactivation_a_new_user_and_a_new_password_are_logged(tracker_app, caplog):
    services = extension.services(tracker_app)
    auth.create_token(services.engine, services.clock, story.SECRETARIAT)
    every_logger_at_debug(caplog)
    auth.create_user(services.engine, services.clock, story.EVALUATOR, "evaluator")
    auth.set_password(services.engine, services.passwords, story.EVALUATOR, "another long password")
    auth.deactivate_user(services.engine, services.clock, story.SECRETARIAT)
    created, password, deactivated = security_lines(caplog)
    assert created.startswith(f"user created: {story.EVALUATOR} (evaluator, id ")
    assert password.startswith(f"password set: {story.EVALUATOR} by ")
    assert deactivated.startswith(f"user deactivated: {story.SECRETARIAT} (1 token(s) revoked) by ")
    assert "another long password" not in everything_logged(caplog)


def test_a_refused_api_token_is_logged_without_the_token(tracker_app, caplog):
    guessed = "guessed-token-0123456789abcdefghijklmnopqrstuv"
    client = tracker_app.test_client()
    every_logger_at_debug(caplog)
    refused = client.get("/api/v1/forums", headers={"Authorization": f"Bearer {guessed}"})
    malformed = client.get("/api/v1/forums", headers={"Authorization": f"Basic {guessed}"})
    assert refused.status_code == malformed.status_code == 401
    unknown, not_bearer = security_lines(caplog)
    assert unknown == "API token refused (unknown, expired or revoked): GET /api/v1/forums from 127.0.0.1"
    assert not_bearer == "API token refused (not a bearer token): GET /api/v1/forums from 127.0.0.1"
    assert guessed not in everything_logged(caplog)


def test_the_http_server_logs_api_calls_without_their_authorization_header(tracker_app, caplog):
    """A real server's request log (werkzeug's) names the method, path and status, never the bearer token."""
    services = extension.services(tracker_app)
    token = auth.create_token(services.engine, services.clock, story.SECRETARIAT)
    every_logger_at_debug(caplog)
    with serving(tracker_app) as base:
        request = urllib.request.Request(base + "/api/v1/forums", headers={"Authorization": f"Bearer {token}"})
        with urllib.request.urlopen(request, timeout=10) as answer:
            assert answer.status == 200 and isinstance(json.load(answer), (list, dict))
    request_lines = [r.getMessage() for r in caplog.records if r.name == "werkzeug"]
    assert any("GET /api/v1/forums HTTP/1.1" in line and " 200 " in line for line in request_lines)
    assert token not in everything_logged(caplog)


def test_a_sign_in_refused_by_the_rate_limit_is_logged(make_app, caplog):
    client = make_app(LOGIN_RATE_LIMIT="2/minute").test_client()
    with caplog.at_level(logging.INFO, logger=SECURITY):
        answers = [sign_in(client, story.SECRETARIAT, password=WRONG_PASSWORD).status_code for _ in range(3)]
    assert answers == [200, 200, 429]
    assert security_lines(caplog)[-1] == "rate limit reached (2 per 1 minute): POST /login from 127.0.0.1"
    assert WRONG_PASSWORD not in everything_logged(caplog)
