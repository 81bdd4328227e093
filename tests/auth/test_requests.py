"""Request authentication: what a caller's Authorization header makes of them, and the 401/403 answers."""
from __future__ import annotations

import pytest
from flask import Flask
from flask_smorest import Api

from config import Config
from tracker.auth import (
    current_principal,
    init_app,
    require_admin,
    require_evaluate,
    require_read_full,
    require_write,
)
from tracker.auth.passwords import Passwords
from tracker.auth.service import create_token, create_user, deactivate_user, revoke_tokens
from tracker.bootstrap import bootstrap


@pytest.fixture
def app(engine, database_url, clock):
    """A small app shaped like the real one (flask-smorest's error handler), with probe routes."""
    app = Flask(__name__)
    app.config.from_mapping(Config(TESTING=True, DATABASE_URL=database_url).as_dict())
    services = bootstrap(database_url, clock=clock, passwords=Passwords.cheap())
    app.extensions["tracker"] = services
    Api(app)
    init_app(app)
    init_app(app)  # idempotent: registering twice authenticates once

    @app.get("/whoami")
    def whoami():
        p = current_principal()
        return {"anonymous": p.is_anonymous, "email": p.email, "role": p.role, "forums": sorted(p.forums)}

    checks = {"write": require_write, "read": require_read_full, "evaluate": require_evaluate}

    @app.get("/forums/<forum_id>/<check>")
    def guarded(forum_id: str, check: str):
        return {"email": checks[check](forum_id).email}

    @app.get("/admin")
    def admin_only():
        return {"email": require_admin().email}

    yield app
    services.engine.dispose()


@pytest.fixture
def tokens(engine, clock):
    """One token per kind of user: admin, secretariat of forum f1, evaluator of f1."""
    made = {}
    for role, forums in (("admin", []), ("secretariat", ["f1"]), ("evaluator", ["f1"])):
        create_user(engine, clock, f"{role}@example.org", role, forums)
        made[role] = create_token(engine, clock, f"{role}@example.org", expires_days=30)
    return made


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def assert_401(response) -> None:
    assert response.status_code == 401
    body = response.get_json()
    assert body["code"] == 401 and body["status"] == "Unauthorized" and body["errors"] == {}
    assert body["message"].endswith(".")
    assert response.headers["WWW-Authenticate"].startswith("Bearer")


@pytest.mark.both_engines  # this area's smoke test on PostgreSQL
def test_is_a_caller_without_a_header_anonymous(app):
    """Does a request without an Authorization header go through as the anonymous caller?"""
    response = app.test_client().get("/whoami")
    assert response.status_code == 200
    assert response.get_json() == {"anonymous": True, "email": None, "role": None, "forums": []}


def test_does_a_valid_token_make_the_caller_its_user(app, tokens):
    """Does a valid bearer token (scheme in any case) make the request's principal that token's user?"""
    client = app.test_client()
    response = client.get("/whoami", headers={"Authorization": f"bearer {tokens['secretariat']}"})
    assert response.status_code == 200
    assert response.get_json() == {"anonymous": False, "email": "secretariat@example.org",
                                   "role": "secretariat", "forums": ["f1"]}


@pytest.mark.parametrize("header", ["Bearer", "Bearer ", "Basic YWxhZGRpbjpvcGVuc2VzYW1l", "Token abc",
                                    "Bearer two parts", "Bearer nonsense-token"])
def test_is_a_malformed_header_or_unknown_token_a_401_in_json(app, tokens, header):
    """Is a malformed Authorization header, or a token nobody was given, answered 401 with the JSON error body?"""
    assert_401(app.test_client().get("/whoami", headers={"Authorization": header}))


def test_are_expired_revoked_and_deactivated_users_tokens_refused(app, tokens, engine, clock):
    """Once a token expires, is revoked, or its user is deactivated, is every request with it a 401?"""
    client = app.test_client()
    short = create_token(engine, clock, "admin@example.org", expires_days=1)
    assert client.get("/whoami", headers=bearer(short)).status_code == 200
    clock.advance(days=1)
    assert_401(client.get("/whoami", headers=bearer(short)))
    assert client.get("/whoami", headers=bearer(tokens["admin"])).status_code == 200  # 30 days: still good

    assert client.get("/whoami", headers=bearer(tokens["secretariat"])).status_code == 200
    revoke_tokens(engine, clock, "secretariat@example.org")
    assert_401(client.get("/whoami", headers=bearer(tokens["secretariat"])))

    deactivate_user(engine, clock, "evaluator@example.org")
    assert_401(client.get("/whoami", headers=bearer(tokens["evaluator"])))


def test_do_the_guards_answer_401_to_anonymous_and_403_to_the_wrong_role(app, tokens):
    """Do the require_* guards let the allowed roles through, 401 anonymous callers and 403 the others?"""
    client = app.test_client()
    expected = {  # (path, role) -> status; f2 is a forum nobody but the admin holds
        ("/forums/f1/write", "admin"): 200, ("/forums/f1/write", "secretariat"): 200,
        ("/forums/f2/write", "secretariat"): 403, ("/forums/f1/write", "evaluator"): 403,
        ("/forums/f1/read", "secretariat"): 200, ("/forums/f1/read", "evaluator"): 200,
        ("/forums/f2/read", "evaluator"): 403,
        ("/forums/f1/evaluate", "evaluator"): 200, ("/forums/f1/evaluate", "secretariat"): 403,
        ("/forums/f2/evaluate", "admin"): 200,
        ("/admin", "admin"): 200, ("/admin", "secretariat"): 403, ("/admin", "evaluator"): 403,
    }
    for (path, role), status in expected.items():
        response = client.get(path, headers=bearer(tokens[role]))
        assert response.status_code == status, (path, role)
        if status == 403:
            body = response.get_json()
            assert body["status"] == "Forbidden" and body["errors"] == {}
            assert body["message"].startswith(f"The role '{role}' may not")
    for path in ("/forums/f1/write", "/forums/f1/read", "/forums/f1/evaluate", "/admin"):
        assert_401(client.get(path))


def test_is_the_caller_anonymous_outside_any_request():
    """Does code running outside a request (a command, the scheduler) see the anonymous caller?"""
    assert current_principal().is_anonymous
