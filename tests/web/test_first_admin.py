"""The first minute: on a database with no user, `tracker run` makes an admin and says once how to sign in."""
from __future__ import annotations

import os
import re
import socket
import subprocess
import time

import pytest

from tests.support.cli import TRACKER, tracker
from tracker.auth import service as auth

#: The engine matters here: every test runs on SQLite and PostgreSQL.
pytestmark = pytest.mark.both_engines


def test_the_first_admin_is_made_only_on_a_database_without_users(engine, clock, passwords):
    password = auth.create_first_admin(engine, clock, passwords)
    assert password and len(password) >= auth.MIN_PASSWORD_LENGTH
    admin = auth.check_password(engine, passwords, auth.FIRST_ADMIN_EMAIL, password)
    assert admin is not None and admin.role == "admin"
    assert auth.create_first_admin(engine, clock, passwords) is None


def test_no_first_admin_once_anyone_exists(engine, clock, passwords):
    auth.create_user(engine, clock, "ana@regioncajamarca.gob.pe", "secretariat", ["frm_1"])
    assert auth.create_first_admin(engine, clock, passwords) is None
    assert [auth.get_user(engine, "ana@regioncajamarca.gob.pe").email] == ["ana@regioncajamarca.gob.pe"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve_until_ready(database_url: str) -> str:
    """Start `tracker run`, read what it prints until it serves, stop it; return what it printed."""
    env = {**os.environ, "TRACKER_DATABASE_URL": database_url, "PYTHONUNBUFFERED": "1"}
    process = subprocess.Popen([TRACKER, "run", "--host", "127.0.0.1", "--port", str(free_port())], env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    lines, deadline = [], time.monotonic() + 90
    try:
        while time.monotonic() < deadline:
            line = process.stdout.readline()
            if not line:
                break
            lines.append(line)
            if "Running on" in line:
                break
    finally:
        process.terminate()
        process.wait(timeout=30)
        process.stdout.close()
    return "".join(lines)


def test_tracker_run_prints_the_first_admins_password_once(database_url):
    assert tracker(database_url, "db", "upgrade").returncode == 0
    first = serve_until_ready(database_url)
    assert "Running on" in first, first
    match = re.search(r"password: (\S+)", first)
    assert match and "admin@localhost" in first and "/login" in first
    second = serve_until_ready(database_url)
    assert "Running on" in second and "password" not in second
