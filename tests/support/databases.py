"""Test databases: a fresh SQLite file, or a fresh schema on the PostgreSQL named by TRACKER_TEST_POSTGRES_URL."""
from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import quote

import pytest
from sqlalchemy import create_engine, text

from events import normalize_url

POSTGRES_ENV = "TRACKER_TEST_POSTGRES_URL"
ENGINES = ["sqlite", "postgresql"]


def postgres_url_or_skip() -> str:
    """The PostgreSQL server to test on; skip (with the reason) when none is configured."""
    url = os.environ.get(POSTGRES_ENV)
    if not url:
        pytest.skip(f"{POSTGRES_ENV} is not set: PostgreSQL tests skipped (CI sets it)")
    return normalize_url(url)


@contextmanager
def fresh_database(kind: str, tmp_path) -> Iterator[str]:
    """A URL to an empty database of `kind`, removed afterwards.

    On PostgreSQL each test gets its own schema (via search_path in the URL), so tests never see
    each other's events and the server needs no CREATE DATABASE rights. An unreachable server fails
    the test: with the variable set, PostgreSQL tests never skip.
    """
    if kind == "sqlite":
        yield f"sqlite:///{tmp_path / 'tracker-test.db'}"
        return
    base = postgres_url_or_skip()
    schema = f"test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
        separator = "&" if "?" in base else "?"
        yield f"{base}{separator}options={quote(f'-csearch_path={schema}')}"
    finally:
        try:
            with admin.connect() as conn:
                conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        finally:
            admin.dispose()
