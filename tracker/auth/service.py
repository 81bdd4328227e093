"""Users, passwords and API tokens. Every function takes the engine and the server clock.

Passwords are stored as argon2 hashes; tokens only as the SHA-256 of their text, so a copy of the
database lets nobody sign in or call the API. A user's `session_version` is raised by sign-out (`end_sessions`), a
password change and deactivation; a page session cookie carrying another value is signed out (`tracker.auth.web`).
"""
from __future__ import annotations

import hashlib
import secrets
import uuid
from collections.abc import Iterable
from datetime import timedelta

import sqlalchemy as sa
from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError

from events.hashing import format_instant, parse_instant
from events.store import Clock
from tracker.auth import security_log
from tracker.auth.errors import (
    DuplicateUser,
    InactiveUser,
    InvalidUserData,
    UnknownRole,
    UnknownUser,
    WeakPassword,
)
from tracker.auth.model import User, api_tokens, user_forums, users
from tracker.auth.passwords import Passwords
from tracker.auth.principal import ROLES, Principal
from tracker.domain.vocabulary import LANGUAGES  # a user may choose any of them for the pages

MIN_PASSWORD_LENGTH = 10
#: What `session_version` becomes when a user's page sessions end: one more than it was (in the same UPDATE).
_NEXT_SESSION_VERSION = users.c.session_version + 1


def normalize_email(email: str) -> str:
    """The stored form of an email: trimmed and lowercased; refuse what cannot be an address."""
    email = (email or "").strip().lower()
    local, at, domain = email.partition("@")
    if not at or not local or not domain or len(email) > 320 or any(c.isspace() for c in email):
        raise InvalidUserData(f"{email!r} is not an email address")
    return email


def token_hash(token: str) -> str:
    """What is stored of a token: the SHA-256 hex digest of its text."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _now(clock: Clock) -> str:
    return format_instant(clock())


def _user_row(conn: sa.Connection, email: str) -> sa.Row:
    row = conn.execute(sa.select(users).where(users.c.email == normalize_email(email))).first()
    if row is None:
        raise UnknownUser(f"no user has the email {normalize_email(email)}")
    return row


def _forums(conn: sa.Connection, user_id: str) -> frozenset[str]:
    rows = conn.execute(sa.select(user_forums.c.forum_id).where(user_forums.c.user_id == user_id))
    return frozenset(r.forum_id for r in rows)


def _user(conn: sa.Connection, row: sa.Row) -> User:
    return User(id=row.id, email=row.email, name=row.name, role=row.role, active=bool(row.active),
                forums=_forums(conn, row.id), created_at=row.created_at, language=row.language,
                organization=row.organization)


def get_user(engine: Engine, email: str) -> User:
    """The user with that email (any case); UnknownUser when there is none."""
    with engine.connect() as conn:
        return _user(conn, _user_row(conn, email))


def create_user(engine: Engine, clock: Clock, email: str, role: str,
                forums: Iterable[str] = (), name: str | None = None, language: str | None = None,
                organization: str | None = None) -> str:
    """Create an active user without a password and return their id (`organization`: the person's, named
    beside them in the inception report when they are its evaluator).

    Refuses an unknown role (UnknownRole), an email already taken in any case (DuplicateUser), and an
    email, name or forum id that cannot be stored (InvalidUserData).
    """
    email = normalize_email(email)
    if role not in ROLES:
        raise UnknownRole(f"unknown role {role!r}: expected one of {', '.join(ROLES)}")
    if name is not None and len(name) > 200:
        raise InvalidUserData("a name has at most 200 characters")
    if organization is not None and len(organization) > 200:
        raise InvalidUserData("an organization has at most 200 characters")
    if language is not None and language not in LANGUAGES:
        raise InvalidUserData(f"unknown language {language!r}: expected one of {', '.join(LANGUAGES)}")
    forum_ids = sorted({f.strip() for f in forums})
    if any(not f or len(f) > 200 for f in forum_ids):
        raise InvalidUserData("a forum id is between 1 and 200 characters")
    user_id = uuid.uuid4().hex
    try:
        with engine.begin() as conn:
            if conn.execute(sa.select(users.c.id).where(users.c.email == email)).first():
                raise DuplicateUser(f"a user with the email {email} already exists")
            conn.execute(users.insert().values(id=user_id, email=email, name=name, role=role, active=True,
                                               password_hash=None, created_at=_now(clock),
                                               language=language, organization=organization))
            if forum_ids:
                conn.execute(user_forums.insert(), [{"user_id": user_id, "forum_id": f} for f in forum_ids])
    except IntegrityError as exc:  # a concurrent create won the race past the check
        raise DuplicateUser(f"a user with the email {email} already exists") from exc
    security_log.user_created(email, role, user_id)
    return user_id


def set_language(engine: Engine, user_id: str, language: str) -> None:
    """Keep the language the user chose for the pages (one of LANGUAGES); an unknown user id changes nothing."""
    if language not in LANGUAGES:
        raise InvalidUserData(f"unknown language {language!r}: expected one of {', '.join(LANGUAGES)}")
    with engine.begin() as conn:
        conn.execute(users.update().where(users.c.id == user_id).values(language=language))


def set_password(engine: Engine, passwords: Passwords, email: str, password: str) -> int:
    """Store an argon2 hash of the user's password for the web pages (at least 10 characters) and end every page
    session of theirs; return their new session version (for `tracker.auth.web.change_own_password`, which keeps
    the browser that made the change signed in)."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise WeakPassword(f"a password has at least {MIN_PASSWORD_LENGTH} characters")
    with engine.begin() as conn:
        row = _user_row(conn, email)
        conn.execute(users.update().where(users.c.id == row.id)
                     .values(password_hash=passwords.hash(password), session_version=_NEXT_SESSION_VERSION))
        version = conn.execute(sa.select(users.c.session_version).where(users.c.id == row.id)).scalar_one()
    security_log.password_set(row.email)
    return int(version)


def session_version(engine: Engine, user_id: str) -> int | None:
    """The session version a page session cookie of this user must carry to be honoured; None when the user is
    unknown or deactivated (no cookie of theirs is)."""
    with engine.connect() as conn:
        row = conn.execute(sa.select(users.c.active, users.c.session_version).where(users.c.id == user_id)).first()
    return int(row.session_version) if row is not None and row.active else None


def end_sessions(engine: Engine, user_id: str, version: int) -> bool:
    """End every page session of the user (sign-out ends them on every device), provided the session signing
    out carries the current `version`; a session already ended changes nothing. True when they were ended."""
    with engine.begin() as conn:
        result = conn.execute(users.update()
                              .where(users.c.id == user_id, users.c.session_version == version)
                              .values(session_version=_NEXT_SESSION_VERSION))
    return result.rowcount == 1


def check_password(engine: Engine, passwords: Passwords, email: str, password: str) -> User | None:
    """The user when the email and password match an active user; None otherwise, in about the same time."""
    try:
        email = normalize_email(email)
    except InvalidUserData:
        email = ""
    with engine.connect() as conn:
        row = conn.execute(sa.select(users).where(users.c.email == email)).first()
        stored = row.password_hash if row is not None and row.password_hash else None
        if not passwords.check(stored, password):
            return None
        if stored is None or row is None or not row.active:  # (row is None only when stored is)
            return None
        user = _user(conn, row)
    if passwords.needs_rehash(stored):
        with engine.begin() as conn:
            conn.execute(users.update().where(users.c.id == user.id).values(password_hash=passwords.hash(password)))
    return user


def deactivate_user(engine: Engine, clock: Clock, email: str) -> int:
    """Deactivate the user and revoke their tokens in one transaction; return how many tokens were revoked.

    Safe to repeat. A deactivated user can neither sign in nor call the API, and every page session of theirs ends.
    """
    with engine.begin() as conn:
        row = _user_row(conn, email)
        conn.execute(users.update().where(users.c.id == row.id)
                     .values(active=False, session_version=_NEXT_SESSION_VERSION))
        revoked = _revoke(conn, row.id, _now(clock))
    security_log.user_deactivated(row.email, revoked)
    return revoked


def _revoke(conn: sa.Connection, user_id: str, now: str) -> int:
    result = conn.execute(api_tokens.update()
                          .where(api_tokens.c.user_id == user_id, api_tokens.c.revoked_at.is_(None))
                          .values(revoked_at=now))
    return result.rowcount


def create_token(engine: Engine, clock: Clock, email: str, expires_days: int | None = None) -> str:
    """Make a new API token for an active user and return its text, which is never stored nor shown again.

    `expires_days` (a positive whole number) limits its life; None means it lasts until revoked.
    """
    if expires_days is not None and (isinstance(expires_days, bool) or expires_days < 1):
        raise InvalidUserData("a token expires after at least 1 day")
    token = secrets.token_urlsafe(32)
    now = clock()
    expires_at = None if expires_days is None else format_instant(now + timedelta(days=expires_days))
    with engine.begin() as conn:
        row = _user_row(conn, email)
        if not row.active:
            raise InactiveUser(f"the user {row.email} is deactivated and gets no tokens")
        token_id = uuid.uuid4().hex
        conn.execute(api_tokens.insert().values(id=token_id, user_id=row.id, token_hash=token_hash(token),
                                                created_at=format_instant(now), expires_at=expires_at,
                                                revoked_at=None))
    security_log.token_created(row.email, token_id, expires_at)
    return token


def revoke_tokens(engine: Engine, clock: Clock, email: str) -> int:
    """Revoke every token of the user still in force; return how many were revoked."""
    with engine.begin() as conn:
        row = _user_row(conn, email)
        revoked = _revoke(conn, row.id, _now(clock))
    security_log.tokens_revoked(row.email, revoked)
    return revoked


def authenticate_token(engine: Engine, clock: Clock, token: str) -> Principal | None:
    """The principal a token stands for; None when it is unknown, revoked, expired, or its user is inactive."""
    query = (sa.select(api_tokens.c.expires_at, api_tokens.c.revoked_at, users)
             .join(users, users.c.id == api_tokens.c.user_id)
             .where(api_tokens.c.token_hash == token_hash(token)))
    with engine.connect() as conn:
        row = conn.execute(query).first()
        if row is None or row.revoked_at is not None or not row.active:
            return None
        if row.expires_at is not None and clock() >= parse_instant(row.expires_at):
            return None
        return Principal(user_id=row.id, email=row.email, role=row.role, forums=_forums(conn, row.id))


def get_user_by_id(engine: Engine, user_id: str) -> User | None:
    """The user with that id, active or not; None when there is none (a web session names users by id)."""
    with engine.connect() as conn:
        row = conn.execute(sa.select(users).where(users.c.id == user_id)).first()
        return _user(conn, row) if row is not None else None


#: The administrator `create_first_admin` makes on an empty database.
FIRST_ADMIN_EMAIL = "admin@localhost"


def create_first_admin(engine: Engine, clock: Clock, passwords: Passwords) -> str | None:
    """On a database with no user at all, create the admin `admin@localhost` with a random password and return
    the password (to be shown once); None, and nothing done, when any user exists."""
    with engine.connect() as conn:
        if conn.execute(sa.select(users.c.id).limit(1)).first() is not None:
            return None
    password = secrets.token_urlsafe(12)
    try:
        create_user(engine, clock, FIRST_ADMIN_EMAIL, "admin", (), "Administrator")
    except DuplicateUser:  # another process made it at the same moment; it shows its own password
        return None
    set_password(engine, passwords, FIRST_ADMIN_EMAIL, password)
    return password
