"""What a newcomer sees when TRACKER_DATABASE_URL is wrong or the database was never migrated: one sentence on
stderr naming the variable or the command to run, exit code 1, no traceback, and no SQLite file left behind.

Run in this process through click's runner over the real `tracker` group (the same factory, checks and error
handling as the console script; one real process checks the script itself)."""
from __future__ import annotations

import os
import subprocess
from importlib.metadata import version
from pathlib import Path

import click
import pytest
from click.testing import CliRunner, Result
from flask.cli import ScriptInfo
from sqlalchemy.engine import make_url

from tests.support.cli import TRACKER
from tests.support.databases import postgres_url_or_skip
from tracker import extension
from tracker.cli import CREATES_SCHEMA, NO_DATABASE, main

UNREACHABLE = "postgresql://postgres@127.0.0.1:1/x"
MALFORMED = ("notaurl", "postgres//x")
UNSUPPORTED = "mysql://u@h/db"

#: Representative commands: two that create the schema, and some that read it, of every group.
CREATING = [("db", "upgrade"), ("demo",), ("events", "import", "-"), ("users", "create", "a@example.org",
                                                                         "--role", "admin")]
READING = [("events", "verify"), ("events", "export", "-"), ("events", "heads"), ("people", "list", "--forum", "f"),
           ("projections", "status"), ("tokens", "create", "a@example.org"), ("users", "password", "a@example.org")]


def tracker(database_url: str, *args: str) -> Result:
    """`tracker ARGS` on `database_url`, its application's connections closed afterwards."""
    apps = []

    def create_app():
        apps.append(main.create_app())
        return apps[-1]

    try:
        return CliRunner().invoke(main, list(args), obj=ScriptInfo(create_app=create_app), input="",
                                  env={"TRACKER_DATABASE_URL": database_url})
    finally:
        for app in apps:
            extension.services(app).engine.dispose()


def refused(result: Result, *words: str) -> str:
    """The one line the command printed on stderr before exiting 1, once it has checked that line."""
    assert result.exit_code == 1, (result.output, result.exception)
    assert isinstance(result.exception, SystemExit), result.exception  # not an exception escaping the command
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.stderr
    assert "Traceback" not in result.output
    assert all(word in lines[0] for word in words), lines[0]
    assert len(lines[0]) < 240
    return lines[0]


@pytest.mark.parametrize("args", CREATING + READING, ids=" ".join)
@pytest.mark.parametrize("url", [UNREACHABLE, *MALFORMED, UNSUPPORTED])
def test_a_wrong_url_is_one_sentence_naming_the_variable(url, args):
    refused(tracker(url, *args), "TRACKER_DATABASE_URL")


def test_do_the_sentences_say_what_is_wrong():
    assert "a PostgreSQL server that does not answer (127.0.0.1:1): start it" in refused(
        tracker(UNREACHABLE, "events", "verify"))
    assert "is not a database URL ('postgres//u:***@h/x')" in refused(  # a password in it is not shown
        tracker("postgres//u:secret@h/x", "events", "verify"))
    assert "does not support (mysql): use sqlite:///" in refused(tracker(UNSUPPORTED, "events", "verify"))
    assert "the driver 'postgresql+psycopg2', which is not installed" in refused(
        tracker("postgresql+psycopg2://u@h/x", "events", "verify"))


def test_a_database_the_server_does_not_have_is_named_in_one_sentence():
    url = make_url(postgres_url_or_skip()).set(database="tracker_no_such_database").render_as_string(False)
    refused(tracker(url, "events", "verify"), "TRACKER_DATABASE_URL",
            'database "tracker_no_such_database" does not exist')


@pytest.mark.parametrize("args", READING, ids=" ".join)
def test_a_read_command_on_a_new_sqlite_path_creates_nothing(tmp_path, args):
    url = f"sqlite:///{tmp_path / 'sub' / 'new.db'}"
    refused(tracker(url, *args), "TRACKER_DATABASE_URL", "does not exist", "tracker db upgrade")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("args", READING, ids=" ".join)
def test_a_read_command_on_a_database_never_migrated_asks_for_db_upgrade(database_url, args):
    """On SQLite the file does not exist yet (and is not created); on PostgreSQL the schema is empty."""
    refused(tracker(database_url, *args), "tracker db upgrade")
    if database_url.startswith("sqlite"):
        assert not Path(database_url.removeprefix("sqlite:///")).exists()


def test_an_empty_sqlite_file_is_a_database_never_migrated(tmp_path):
    (tmp_path / "empty.db").touch()
    refused(tracker(f"sqlite:///{tmp_path / 'empty.db'}", "events", "verify"), "no tracker schema yet",
            "tracker db upgrade")


def test_a_file_that_is_no_database_is_named(tmp_path):
    (tmp_path / "notes.db").write_text("not a database")
    refused(tracker(f"sqlite:///{tmp_path / 'notes.db'}", "events", "verify"), "TRACKER_DATABASE_URL",
            "not a SQLite database")


def test_db_upgrade_still_creates_the_file_and_its_folder(tmp_path):
    url = f"sqlite:///{tmp_path / 'sub' / 'new.db'}"
    result = tracker(url, "db", "upgrade")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "sub" / "new.db").exists()
    assert tracker(url, "events", "verify").stdout.startswith("intact: 0 events")


def test_users_create_still_migrates_a_new_database(tmp_path):
    result = tracker(f"sqlite:///{tmp_path / 'new.db'}", "users", "create", "a@example.org", "--role", "admin")
    assert result.exit_code == 0, result.output


def test_every_command_of_ours_checks_the_database_first_but_those_that_never_open_it():
    def leaves(group: click.Group, path: tuple[str, ...] = ()):
        for name, cmd in group.commands.items():
            if isinstance(cmd, click.Group):
                yield from leaves(cmd, (*path, name))
            elif cmd.callback.__module__.split(".")[0] in ("tracker", "flask"):  # not an extension's, e.g. limiter
                yield " ".join((*path, name)), cmd
    commands = dict(leaves(main))
    assert set(commands) >= CREATES_SCHEMA | NO_DATABASE
    unchecked = {name for name, cmd in commands.items() if not hasattr(cmd.callback, "database_checked")}
    assert unchecked == NO_DATABASE


def test_help_with_a_malformed_url_says_so_in_one_line_and_lists_the_commands():
    result = tracker("notaurl", "--help")
    assert result.exit_code == 0
    assert result.stderr.strip().splitlines() == [
        "Error: TRACKER_DATABASE_URL is not a database URL ('notaurl'): write it as sqlite:///path/to/tracker.db "
        "or postgresql://user@host/dbname."]
    assert "db " in result.stdout and "events " in result.stdout


def test_version_is_the_projects():
    result = CliRunner().invoke(main, ["--version"])
    assert result.exit_code == 0
    assert result.stdout == f"tracker {version('cocreation-tracker')}\n"


def test_the_console_script_itself_prints_one_line_and_creates_nothing(tmp_path):
    env = {**os.environ, "TRACKER_DATABASE_URL": f"sqlite:///{tmp_path / 'x' / 'new.db'}"}
    done = subprocess.run([TRACKER, "events", "verify"], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 1
    assert done.stderr.splitlines() == [
        f"Error: TRACKER_DATABASE_URL names a SQLite file that does not exist ({tmp_path / 'x' / 'new.db'}): run "
        "`tracker db upgrade` to create it, or correct the variable."]
    assert list(tmp_path.iterdir()) == []
