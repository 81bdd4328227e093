"""Users, passwords and tokens: the rules of the service, on SQLite and PostgreSQL."""
from __future__ import annotations

import hashlib

import pytest
import sqlalchemy as sa

from tracker.auth import (
    AuthError,
    DuplicateUser,
    InactiveUser,
    InvalidUserData,
    UnknownRole,
    UnknownUser,
    WeakPassword,
)
from tracker.auth.model import api_tokens, users
from tracker.auth.passwords import Passwords
from tracker.auth.service import (
    authenticate_token,
    check_password,
    create_token,
    create_user,
    deactivate_user,
    end_sessions,
    get_user,
    revoke_tokens,
    session_version,
    set_password,
)

PASSWORD = "correct horse battery"


def test_does_a_new_user_keep_their_role_forums_and_lowercased_email(engine, clock):
    """Is a user stored with a lowercased email, their role, name and granted forums, and active?"""
    user_id = create_user(engine, clock, "  Ana.Quispe@Cajamarca.GOB.pe ", "secretariat",
                          ["forum-1", "forum-2", "forum-1"], name="Ana Quispe")
    user = get_user(engine, "ana.quispe@cajamarca.gob.pe")
    assert (user.id, user.email, user.name, user.role, user.active) == (
        user_id, "ana.quispe@cajamarca.gob.pe", "Ana Quispe", "secretariat", True)
    assert user.forums == {"forum-1", "forum-2"}
    assert user.created_at == "2026-03-01T14:00:00.000000+00:00"


def test_is_a_second_user_with_the_same_email_in_any_case_refused(engine, clock):
    """Can two users share an email, even written in another case? (No: DuplicateUser, a ValueError.)"""
    create_user(engine, clock, "ana@example.org", "admin")
    with pytest.raises(DuplicateUser, match="already exists") as refused:
        create_user(engine, clock, "ANA@example.org", "evaluator")
    assert isinstance(refused.value, ValueError) and isinstance(refused.value, AuthError)
    with engine.connect() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(users)).scalar_one() == 1


@pytest.mark.parametrize(("email", "role", "error"), [
    ("ana@example.org", "superuser", UnknownRole),
    ("ana@example.org", "Admin", UnknownRole),
    ("not-an-email", "admin", InvalidUserData),
    ("", "admin", InvalidUserData),
])
def test_are_unknown_roles_and_non_emails_refused(engine, clock, email, role, error):
    """Does creating a user with an unknown role or something that is not an email fail clearly?"""
    with pytest.raises(error):
        create_user(engine, clock, email, role)


def test_is_the_password_stored_as_an_argon2_hash_and_checked(engine, clock, passwords):
    """Is a password kept only as an argon2 hash, and does only the right one sign the user in?"""
    user_id = create_user(engine, clock, "ana@example.org", "secretariat")
    set_password(engine, passwords, "Ana@Example.org", PASSWORD)
    with engine.connect() as conn:
        stored = conn.execute(sa.select(users.c.password_hash)).scalar_one()
    assert stored.startswith("$argon2id$") and PASSWORD not in stored
    assert check_password(engine, passwords, "ANA@example.org", PASSWORD).id == user_id
    assert check_password(engine, passwords, "ana@example.org", PASSWORD + "!") is None
    assert check_password(engine, passwords, "nobody@example.org", PASSWORD) is None


def test_does_a_user_without_a_password_never_sign_in(engine, clock, passwords):
    """Can a user who was never given a password sign in with any password? (No.)"""
    create_user(engine, clock, "ana@example.org", "admin")
    assert check_password(engine, passwords, "ana@example.org", "") is None
    assert check_password(engine, passwords, "ana@example.org", PASSWORD) is None


def test_are_short_passwords_and_unknown_users_refused(engine, clock, passwords):
    """Is a password under 10 characters refused, and so is a password for an unknown email?"""
    create_user(engine, clock, "ana@example.org", "admin")
    with pytest.raises(WeakPassword, match="10"):
        set_password(engine, passwords, "ana@example.org", "123456789")
    with pytest.raises(UnknownUser):
        set_password(engine, passwords, "nobody@example.org", PASSWORD)


def test_is_a_token_stored_only_as_its_sha256_and_does_it_authenticate(engine, clock):
    """Does a token stand for its user (role and forums), while the database keeps only its SHA-256?"""
    user_id = create_user(engine, clock, "eva@example.org", "evaluator", ["forum-9"])
    token = create_token(engine, clock, "eva@example.org", None)
    with engine.connect() as conn:
        row = conn.execute(sa.select(api_tokens)).one()
    assert row.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in tuple(str(v) for v in row)
    assert row.expires_at is None and row.revoked_at is None
    principal = authenticate_token(engine, clock, token)
    assert (principal.user_id, principal.email, principal.role, principal.forums) == (
        user_id, "eva@example.org", "evaluator", frozenset({"forum-9"}))
    assert authenticate_token(engine, clock, token + "x") is None
    assert authenticate_token(engine, clock, "") is None


def test_does_a_token_expire_after_its_days(engine, clock):
    """Is a token with --expires 2 accepted until two days have passed, and refused from then on?"""
    create_user(engine, clock, "ana@example.org", "admin")
    token = create_token(engine, clock, "ana@example.org", expires_days=2)
    clock.advance(days=1, hours=23, minutes=59)
    assert authenticate_token(engine, clock, token) is not None
    clock.advance(minutes=1)
    assert authenticate_token(engine, clock, token) is None


@pytest.mark.parametrize("days", [0, -3])
def test_is_a_token_lifetime_under_one_day_refused(engine, clock, days):
    """Can a token be made already expired? (No: InvalidUserData.)"""
    create_user(engine, clock, "ana@example.org", "admin")
    with pytest.raises(InvalidUserData):
        create_token(engine, clock, "ana@example.org", days)


def test_does_revoking_end_every_token_of_that_user_only(engine, clock):
    """Does revoke_tokens end all of one user's tokens, count them, and leave other users' tokens alone?"""
    create_user(engine, clock, "ana@example.org", "admin")
    create_user(engine, clock, "bea@example.org", "admin")
    first, second = (create_token(engine, clock, "ana@example.org") for _ in range(2))
    other = create_token(engine, clock, "bea@example.org")
    assert revoke_tokens(engine, clock, "ANA@example.org") == 2
    assert revoke_tokens(engine, clock, "ana@example.org") == 0
    assert authenticate_token(engine, clock, first) is None
    assert authenticate_token(engine, clock, second) is None
    assert authenticate_token(engine, clock, other).email == "bea@example.org"
    fresh = create_token(engine, clock, "ana@example.org")
    assert authenticate_token(engine, clock, fresh).email == "ana@example.org"


def test_does_deactivation_end_tokens_sign_in_and_new_tokens(engine, clock, passwords):
    """Once a user is deactivated, do their tokens and password stop working, and are new tokens refused?"""
    create_user(engine, clock, "ana@example.org", "secretariat", ["f"])
    set_password(engine, passwords, "ana@example.org", PASSWORD)
    token = create_token(engine, clock, "ana@example.org")
    assert deactivate_user(engine, clock, "ana@example.org") == 1
    assert get_user(engine, "ana@example.org").active is False
    assert authenticate_token(engine, clock, token) is None
    assert check_password(engine, passwords, "ana@example.org", PASSWORD) is None
    with pytest.raises(InactiveUser):
        create_token(engine, clock, "ana@example.org")
    with engine.connect() as conn:
        assert conn.execute(sa.select(api_tokens.c.revoked_at)).scalar_one() == "2026-03-01T14:00:00.000000+00:00"
    assert deactivate_user(engine, clock, "ana@example.org") == 0  # safe to repeat


def test_do_operations_on_an_unknown_email_fail_clearly(engine, clock):
    """Do token, revocation and deactivation requests for an email nobody has raise UnknownUser?"""
    for operation in (lambda: create_token(engine, clock, "x@example.org"),
                      lambda: revoke_tokens(engine, clock, "x@example.org"),
                      lambda: deactivate_user(engine, clock, "x@example.org"),
                      lambda: get_user(engine, "x@example.org")):
        with pytest.raises(UnknownUser, match="x@example.org"):
            operation()


def test_are_new_passwords_hashed_with_argon2id_production_parameters():
    """Does the application's hasher use RFC 9106's recommended argon2id cost (3 passes, 64 MiB, 4 lanes)?"""
    passwords = Passwords()
    assert passwords.parameters == (3, 65536, 4)
    stored = passwords.hash(PASSWORD)
    assert stored.startswith("$argon2id$v=19$m=65536,t=3,p=4$")
    assert passwords.check(stored, PASSWORD) and not passwords.check(stored, PASSWORD + "!")


def test_is_a_password_hashed_at_a_lower_cost_rehashed_at_the_next_sign_in(engine, clock, passwords):
    """A hash made with other parameters still signs the user in, and is then replaced by one at today's cost."""
    create_user(engine, clock, "ana@example.org", "secretariat")
    set_password(engine, passwords, "ana@example.org", PASSWORD)
    production = Passwords()
    assert check_password(engine, production, "ana@example.org", PASSWORD) is not None
    with engine.connect() as conn:
        stored = conn.execute(sa.select(users.c.password_hash)).scalar_one()
    assert stored.startswith("$argon2id$v=19$m=65536,t=3,p=4$")
    assert check_password(engine, passwords, "ana@example.org", PASSWORD) is not None


def test_does_the_session_version_rise_on_a_password_change_and_deactivation_only(engine, clock, passwords):
    """A page session cookie is honoured only while it carries its user's session version: does a new user start
    at 0, does every password change (returning the new value) and deactivation raise it, and does a sign-in that
    rehashes the password, a language choice or a refused short password leave it?"""
    user_id = create_user(engine, clock, "ana@example.org", "secretariat")
    assert session_version(engine, user_id) == 0
    assert set_password(engine, passwords, "ana@example.org", PASSWORD) == 1 == session_version(engine, user_id)
    with pytest.raises(WeakPassword):
        set_password(engine, passwords, "ana@example.org", "short")
    assert check_password(engine, Passwords(), "ana@example.org", PASSWORD) is not None  # rehashed, not changed
    assert session_version(engine, user_id) == 1
    assert set_password(engine, passwords, "ana@example.org", PASSWORD + "!") == 2
    deactivate_user(engine, clock, "ana@example.org")
    assert session_version(engine, user_id) is None  # a deactivated user's cookies are honoured at no version
    with engine.connect() as conn:
        assert conn.execute(sa.select(users.c.session_version)).scalar_one() == 3
    assert session_version(engine, "no such id") is None


def test_does_ending_sessions_raise_the_version_only_for_a_session_still_in_force(engine, clock):
    """Sign-out ends every session of the user, but only when the session signing out carries the current version:
    a stale cookie signing out must not end the session its user has since started."""
    user_id = create_user(engine, clock, "ana@example.org", "secretariat")
    other_id = create_user(engine, clock, "bea@example.org", "secretariat")
    assert end_sessions(engine, user_id, 0) is True
    assert session_version(engine, user_id) == 1
    assert end_sessions(engine, user_id, 0) is False  # a stale session: nothing changes
    assert session_version(engine, user_id) == 1
    assert session_version(engine, other_id) == 0  # only that user's sessions
