"""Schema migrations: `upgrade(engine)` brings any database to the current schema (safe to repeat).

Also the checks a command makes before it uses the database, each failing with one sentence that says what to
do (`DatabaseProblem`): a TRACKER_DATABASE_URL that does not parse or names an engine the tracker does not run
on (`check_url`), a database that cannot be reached, or one never given the tracker's schema (`check_database`).
"""
from __future__ import annotations

import os
import re
from pathlib import Path

from alembic import command
from alembic.config import Config as AlembicConfig
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import URL, Engine
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError

from config import ConfigurationError
from events.database import normalize_url

MIGRATIONS = Path(__file__).parent / "migrations"

#: The engines the tracker runs on, as a newcomer would write their URLs.
SUPPORTED = "sqlite:///path/to/tracker.db or postgresql://user@host/dbname"


class DatabaseProblem(ConfigurationError):
    """The database cannot be used as it is; the message, one sentence, names TRACKER_DATABASE_URL or the
    command to run."""


def _alembic_config() -> AlembicConfig:
    cfg = AlembicConfig()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Apply every migration not yet applied."""
    cfg = _alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)


def current_revision(engine: Engine) -> str | None:
    """The revision the database is at (None for an empty database)."""
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def head_revision() -> str | None:
    """The newest revision the code knows."""
    return ScriptDirectory.from_config(_alembic_config()).get_current_head()


def _masked(url: str) -> str:
    """`url` as it may be shown: a password in it replaced by ***."""
    return re.sub(r":[^:@/]*@", ":***@", url)


def check_url(url: str | None) -> None:
    """Refuse (DatabaseProblem) a TRACKER_DATABASE_URL that does not parse, names an engine other than SQLite or
    PostgreSQL, or asks for a driver that is not installed; None (the default SQLite file) passes."""
    if url is None:
        return
    try:
        parsed = make_url(normalize_url(url))
    except (ArgumentError, ValueError):
        raise DatabaseProblem(f"TRACKER_DATABASE_URL is not a database URL ({_masked(url)!r}): write it as "
                              f"{SUPPORTED}.") from None
    backend = parsed.get_backend_name()
    if backend not in ("sqlite", "postgresql"):
        raise DatabaseProblem(f"TRACKER_DATABASE_URL names a database the tracker does not support ({backend}): "
                              f"use {SUPPORTED}.")
    try:
        parsed.get_dialect().import_dbapi()
    except (ImportError, ArgumentError):  # ArgumentError: SQLAlchemy has no such driver for the engine
        raise DatabaseProblem(f"TRACKER_DATABASE_URL asks for the driver {parsed.drivername!r}, which is not "
                              f"installed: leave the driver out ({SUPPORTED}).") from None


def _sqlite_file(url: URL) -> str | None:
    """The SQLite file `url` names, or None for an in-memory database."""
    database = url.database
    if not database or database == ":memory:" or database.startswith("file:"):
        return None
    return os.path.abspath(database)


def _where(url: URL) -> str:
    if url.get_backend_name() == "sqlite":
        return _sqlite_file(url) or "in memory"
    return f"{url.host or 'local socket'}:{url.port or 5432}"


def connection_problem(exc: DBAPIError, url: URL) -> DatabaseProblem:
    """The sentence for a failure to connect to the database at `url`."""
    reason = str(exc.orig).strip()
    where = _where(url)
    if url.get_backend_name() == "sqlite":
        if "not a database" in reason:
            return DatabaseProblem(f"TRACKER_DATABASE_URL names a file that is not a SQLite database ({where}): "
                                   "correct the variable.")
        return DatabaseProblem(f"TRACKER_DATABASE_URL names a SQLite file that cannot be opened ({where}: "
                               f"{reason.splitlines()[0]}): check the path and its folder's permissions.")
    if re.search(r"resolve host|translate host name", reason):
        return DatabaseProblem(f"TRACKER_DATABASE_URL names a host that cannot be found ({url.host}): correct "
                               "the variable.")
    if re.search(r"Connection refused|timeout expired|timed out|unreachable|No route to host|"
                 r"No such file or directory", reason):
        return DatabaseProblem(f"TRACKER_DATABASE_URL points to a PostgreSQL server that does not answer "
                               f"({where}): start it or correct the variable.")
    said = re.split(r"FATAL:\s*", reason)[-1].splitlines()[0].strip().rstrip(".")
    return DatabaseProblem(f"The PostgreSQL server at {where} refuses the connection TRACKER_DATABASE_URL asks "
                           f"for ({said}): correct the variable, or create what is missing.")


def check_database(engine: Engine, *, creates_schema: bool, named: bool = True) -> None:
    """Connect once and refuse (DatabaseProblem) a database that cannot be reached. Unless the command
    `creates_schema` itself, also refuse one never migrated, and a SQLite file that does not exist, before
    connecting to it (which would create it). `named`: the URL came from TRACKER_DATABASE_URL, not the default."""
    url = engine.url
    path = _sqlite_file(url) if url.get_backend_name() == "sqlite" else None
    if path is not None and not creates_schema and not os.path.exists(path):
        if named:
            raise DatabaseProblem(f"TRACKER_DATABASE_URL names a SQLite file that does not exist ({path}): run "
                                  "`tracker db upgrade` to create it, or correct the variable.")
        raise DatabaseProblem(f"There is no database yet ({path}, the default while TRACKER_DATABASE_URL is "
                              "unset): run `tracker db upgrade` to create it.")
    try:
        revision = current_revision(engine)
    except DBAPIError as exc:
        raise connection_problem(exc, url) from None
    except OSError as exc:  # the SQLite file's folder cannot be made
        raise DatabaseProblem(f"TRACKER_DATABASE_URL names a SQLite file in a folder that cannot be created "
                              f"({exc.filename}: {exc.strerror}): correct the path.") from None
    if revision is None and not creates_schema:
        which = "at TRACKER_DATABASE_URL" if named else f"({_where(url)}, the default)"
        raise DatabaseProblem(f"The database {which} has no tracker schema yet: run `tracker db upgrade` first.")
