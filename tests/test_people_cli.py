"""`tracker people`: list whom a forum's record names, forget one for good, on the demo forum, as an admin runs it."""
from __future__ import annotations

from tests.support.cli import tracker
from tests.test_demo import loaded
from tracker.demo import data


def test_an_admin_finds_the_minor_forgets_them_and_the_log_still_verifies(database_url):
    made = loaded(tracker(database_url, "demo"))

    listed = tracker(database_url, "people", "list", "--forum", made["forum"])
    assert listed.returncode == 0, listed.stderr
    (minor_line,) = [line for line in listed.stdout.splitlines() if data.MINOR in line]
    minor_id, kind, key, *_ = minor_line.split("\t")
    assert (kind, key) == ("representative (minor)", "sealed")
    assert sum("\tpublic author\t" in line for line in listed.stdout.splitlines()) >= len(data.RESIDENTS)

    forgotten = tracker(database_url, "people", "forget", minor_id, "--note", "solicitud N.º 12-2026")
    assert forgotten.returncode == 0 and f"{minor_id}: forgotten" in forgotten.stdout

    after = tracker(database_url, "people", "list", "--forum", made["forum"])
    assert data.MINOR not in after.stdout
    assert f"{minor_id}\trepresentative (minor)\tforgotten\t(forgotten)" in after.stdout
    assert tracker(database_url, "events", "verify").returncode == 0

    again = tracker(database_url, "people", "forget", minor_id, "rep_nobody")
    assert again.returncode == 1
    assert "already forgotten" in again.stderr and "rep_nobody" in again.stderr


def test_a_new_master_key_is_printed_for_the_environment(tmp_path):
    made = tracker(f"sqlite:///{tmp_path / 'unused.db'}", "people", "new-master-key")
    assert made.returncode == 0 and len(made.stdout.strip()) == 44
