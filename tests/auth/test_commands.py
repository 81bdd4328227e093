"""The `tracker users` and `tracker tokens` commands, run as an operator runs them: real processes."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from events import make_engine, utc_now
from tests.support.cli import tracker
from tracker.auth.model import api_tokens
from tracker.auth.passwords import Passwords
from tracker.auth.service import authenticate_token, check_password, get_user

PASSWORD = "correct horse battery staple"
@pytest.fixture
def db(database_url):
    """An engine on the same database the commands use, for looking at what they did."""
    engine = make_engine(database_url)
    yield engine
    engine.dispose()


def ok(result) -> str:
    assert result.returncode == 0, result.stderr
    return result.stdout


def refused(result, words: str) -> None:
    assert result.returncode == 1, (result.stdout, result.stderr)
    assert words in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


def test_does_users_create_work_on_a_fresh_database_and_print_the_id(database_url, db):
    """Does `users create` migrate an empty database itself, never prompt, and print only the new id?"""
    out = ok(tracker(database_url, "users", "create", "Ana@Example.org", "--role", "secretariat",
                     "--forum", "f1", "--forum", "f2", "--name", "Ana Quispe", stdin=""))
    user = get_user(db, "ana@example.org")
    assert out.strip() == user.id
    assert (user.role, user.name, user.forums) == ("secretariat", "Ana Quispe", {"f1", "f2"})
    assert user.organization is None


def test_an_evaluator_is_created_with_their_organization(database_url, db):
    """`--organization` is kept with the account (the inception report names it beside the evaluator); a longer
    one than can be stored is refused with a sentence."""
    ok(tracker(database_url, "users", "create", "eva@example.org", "--role", "evaluator", "--name", "Eva Ríos",
               "--organization", "Centro de Estudios Regionales Andinos", stdin=""))
    assert get_user(db, "eva@example.org").organization == "Centro de Estudios Regionales Andinos"
    refused(tracker(database_url, "users", "create", "bea@example.org", "--role", "evaluator",
                    "--organization", "x" * 201), "an organization has at most 200 characters")


def test_are_duplicates_bad_roles_and_unknown_emails_exit_1_with_a_message(database_url):
    """Do refusals end with a message on stderr and exit code 1, never a traceback?"""
    ok(tracker(database_url, "users", "create", "ana@example.org", "--role", "admin"))
    refused(tracker(database_url, "users", "create", "ANA@example.org", "--role", "admin"), "already exists")
    refused(tracker(database_url, "users", "create", "bea@example.org", "--role", "root"), "unknown role")
    for command in (("tokens", "create"), ("tokens", "revoke"), ("users", "deactivate"), ("users", "password")):
        refused(tracker(database_url, *command, "nobody@example.org", stdin=PASSWORD + "\n"), "nobody@example.org")
    refused(tracker(database_url, "tokens", "create", "ana@example.org", "--expires", "0"), "at least 1 day")


def test_does_tokens_create_print_a_working_token_alone_on_the_last_line(database_url, db):
    """Is the token printed once, alone on the last line, and does it authenticate its user until revoked?"""
    ok(tracker(database_url, "users", "create", "eva@example.org", "--role", "evaluator"))
    out = ok(tracker(database_url, "tokens", "create", "eva@example.org"))
    token = out.splitlines()[-1]
    assert token == token.strip() and len(token) >= 43 and out.count(token) == 1
    assert authenticate_token(db, utc_now, token).email == "eva@example.org"

    assert "revoked 1 token" in ok(tracker(database_url, "tokens", "revoke", "eva@example.org"))
    assert authenticate_token(db, utc_now, token) is None


def test_does_expires_limit_the_token_to_that_many_days(database_url, db):
    """Does `--expires 7` store an expiry seven days from now, after which the token is refused?"""
    ok(tracker(database_url, "users", "create", "ana@example.org", "--role", "admin"))
    token = ok(tracker(database_url, "tokens", "create", "ana@example.org", "--expires", "7")).splitlines()[-1]
    with db.connect() as conn:
        expires_at = datetime.fromisoformat(conn.execute(sa.select(api_tokens.c.expires_at)).scalar_one())
    assert abs(expires_at - (utc_now() + timedelta(days=7))) < timedelta(minutes=5)
    assert authenticate_token(db, utc_now, token) is not None
    assert authenticate_token(db, lambda: expires_at + timedelta(seconds=1), token) is None
    assert expires_at.tzinfo == UTC


def test_does_users_password_read_the_first_line_of_stdin_without_prompting(database_url, db):
    """Is the password read from standard input's first line, with no prompt text, and then usable to sign in?"""
    ok(tracker(database_url, "users", "create", "ana@example.org", "--role", "secretariat"))
    out = ok(tracker(database_url, "users", "password", "ana@example.org", stdin=PASSWORD + "\nignored\n"))
    assert "Password" not in out and PASSWORD not in out
    assert check_password(db, Passwords(), "ana@example.org", PASSWORD) is not None
    assert check_password(db, Passwords(), "ana@example.org", PASSWORD + "\nignored") is None
    refused(tracker(database_url, "users", "password", "ana@example.org", stdin="short\n"), "10 characters")
    refused(tracker(database_url, "users", "password", "ana@example.org", stdin=""), "no password")
    assert check_password(db, Passwords(), "ana@example.org", PASSWORD) is not None  # the refusals changed nothing


def test_does_users_deactivate_end_sign_in_and_every_token(database_url, db):
    """After `users deactivate`, are the user's tokens and password useless and new tokens refused?"""
    ok(tracker(database_url, "users", "create", "ana@example.org", "--role", "admin"))
    ok(tracker(database_url, "users", "password", "ana@example.org", stdin=PASSWORD + "\n"))
    token = ok(tracker(database_url, "tokens", "create", "ana@example.org")).splitlines()[-1]
    assert "revoked 1 token" in ok(tracker(database_url, "users", "deactivate", "ana@example.org"))
    assert authenticate_token(db, utc_now, token) is None
    assert check_password(db, Passwords(), "ana@example.org", PASSWORD) is None
    refused(tracker(database_url, "tokens", "create", "ana@example.org"), "deactivated")
