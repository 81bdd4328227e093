"""Production settings: a secret key is required, cookies are HTTPS-only, a misspelt environment is refused."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.web import story
from tests.web.conftest import sign_in
from tracker.auth import service as auth
from tracker.web.security import ConfigurationError

ROOT = Path(__file__).resolve().parents[2]
TRACKER = Path(sys.executable).parent / "tracker"
KEY = "k" * 64


def with_a_user(app):
    """The application, with a secretariat who has a password (no forum needed to sign in)."""
    services = app.extensions["tracker"]
    auth.create_user(services.engine, services.clock, story.SECRETARIAT, "secretariat")
    auth.set_password(services.engine, services.passwords, story.SECRETARIAT, story.PASSWORD)
    return app


@pytest.fixture
def production(monkeypatch):
    """TRACKER_ENV=production, as the server's environment would say (Config reads it when built)."""
    monkeypatch.setenv("TRACKER_ENV", "production")
    monkeypatch.delenv("TRACKER_SECRET_KEY", raising=False)
    monkeypatch.delenv("TRACKER_SECURE_COOKIES", raising=False)


@pytest.fixture
def production_key(production, monkeypatch):
    """Production with TRACKER_SECRET_KEY set (before the story's application is built)."""
    monkeypatch.setenv("TRACKER_SECRET_KEY", KEY)


@pytest.mark.both_engines  # this area's smoke test on PostgreSQL
def test_production_without_a_secret_key_refuses_to_build_the_application(production, make_app):
    with pytest.raises(ConfigurationError, match="TRACKER_SECRET_KEY must be set when TRACKER_ENV=production"):
        make_app()


def test_production_without_a_master_key_refuses_to_build_the_application(production_key, monkeypatch, make_app):
    """The master key wraps every person's key: production never falls back to a key kept on disk."""
    monkeypatch.delenv("TRACKER_MASTER_KEY")
    with pytest.raises(ConfigurationError, match="TRACKER_MASTER_KEY must be set when TRACKER_ENV=production"):
        make_app()


def test_a_malformed_master_key_is_refused_with_what_to_do(monkeypatch, make_app):
    monkeypatch.setenv("TRACKER_MASTER_KEY", "not-a-key")
    with pytest.raises(ConfigurationError, match="tracker people new-master-key"):
        make_app()


@pytest.mark.parametrize("environment", ["prod", "Production", "staging"])
def test_an_environment_that_is_neither_development_nor_production_is_refused(monkeypatch, make_app, environment):
    """A misspelt "production" would otherwise run with development's settings (cookies over plain HTTP)."""
    monkeypatch.setenv("TRACKER_ENV", environment)
    monkeypatch.setenv("TRACKER_SECRET_KEY", KEY)
    with pytest.raises(ConfigurationError, match=f"TRACKER_ENV is '{environment}'"):
        make_app()


def test_the_command_line_says_what_to_set_in_one_line_and_fails(tmp_path):
    """A real `tracker` process in production without a key: exit 1, one line on stderr, no traceback."""
    env = {**os.environ, "TRACKER_ENV": "production", "TRACKER_DATABASE_URL": f"sqlite:///{tmp_path / 't.db'}"}
    env.pop("TRACKER_SECRET_KEY", None)
    done = subprocess.run([str(TRACKER), "db", "upgrade"], cwd=tmp_path, env=env, capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 1
    assert done.stderr.startswith("Error: TRACKER_SECRET_KEY must be set when TRACKER_ENV=production")
    assert "Traceback" not in done.stderr
    assert not (tmp_path / "t.db").exists()  # nothing was done


def test_the_wsgi_entry_point_refuses_to_load_without_a_key(tmp_path):
    """`gunicorn wsgi:app` imports wsgi: the import fails, naming the variable."""
    env = {**os.environ, "TRACKER_ENV": "production", "TRACKER_DATABASE_URL": f"sqlite:///{tmp_path / 't.db'}",
           "PYTHONPATH": str(ROOT)}
    env.pop("TRACKER_SECRET_KEY", None)
    done = subprocess.run([sys.executable, "-c", "import wsgi"], cwd=tmp_path, env=env, capture_output=True,
                          text=True, timeout=60)
    assert done.returncode != 0
    assert "ConfigurationError: TRACKER_SECRET_KEY must be set" in done.stderr


def test_in_production_the_session_cookie_is_secure_http_only_and_same_site(production_key, make_app):
    app = with_a_user(make_app())
    assert app.secret_key == KEY
    signed = sign_in(app.test_client(), story.SECRETARIAT)
    assert signed.status_code == 302  # signed in: the cookie below is the new session's
    cookie = signed.headers["Set-Cookie"]
    attributes = {part.strip().split("=")[0] for part in cookie.split(";")}
    assert {"Secure", "HttpOnly"} <= attributes and "SameSite=Lax" in cookie
    assert app.config["REMEMBER_COOKIE_SECURE"] and app.config["REMEMBER_COOKIE_HTTPONLY"]


def test_in_production_browsers_are_told_to_use_https_only(production_key, make_app):
    client = make_app().test_client()
    for path in ("/", "/api/v1/forums"):
        assert client.get(path).headers["Strict-Transport-Security"] == "max-age=31536000"


def test_in_development_the_cookie_also_travels_over_plain_http(monkeypatch, make_app):
    """Development serves http://127.0.0.1: a Secure cookie would never come back, so nobody could sign in."""
    monkeypatch.delenv("TRACKER_ENV", raising=False)
    monkeypatch.delenv("TRACKER_SECURE_COOKIES", raising=False)
    signed = sign_in(with_a_user(make_app()).test_client(), story.SECRETARIAT)
    assert signed.status_code == 302
    cookie = signed.headers["Set-Cookie"]
    assert "Secure" not in cookie and "HttpOnly" in cookie
