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
    assert "nobody was forgotten" in again.stderr


def test_a_public_contributor_by_their_contribution_and_a_guest_are_forgotten_together_or_not_at_all(database_url):
    made = loaded(tracker(database_url, "demo"))
    listed = tracker(database_url, "people", "list", "--forum", made["forum"]).stdout.splitlines()
    public = next(line.split("\t") for line in listed if "\tpublic author\t" in line)
    guest = next(line.split("\t") for line in listed if "\tguest\t" in line)
    contribution = public[4]  # where: the contribution that names them
    assert public[0] == f"per_{contribution}" and contribution.startswith("ctb_")

    refused = tracker(database_url, "people", "forget", contribution, guest[0], "per_nobody")
    assert refused.returncode == 1 and "per_nobody" in refused.stderr and "nobody was forgotten" in refused.stderr
    unchanged = tracker(database_url, "people", "list", "--forum", made["forum"]).stdout
    assert f"{public[0]}\tpublic author\tsealed\t{public[3]}" in unchanged
    assert f"{guest[0]}\tguest\tsealed\t{guest[3]}" in unchanged

    done = tracker(database_url, "people", "forget", contribution, guest[0])
    assert done.returncode == 0, done.stderr
    assert f"{public[0]} ({contribution}): forgotten" in done.stdout and f"{guest[0]}: forgotten" in done.stdout
    assert "2 person(s) forgotten" in done.stdout
    after = tracker(database_url, "people", "list", "--forum", made["forum"]).stdout
    assert f"{public[0]}\tpublic author\tforgotten\t(forgotten)\t{contribution}" in after
    assert f"{guest[0]}\tguest\tforgotten\t(forgotten)" in after
    assert tracker(database_url, "events", "verify").returncode == 0


def test_a_new_master_key_is_printed_for_the_environment(tmp_path):
    made = tracker(f"sqlite:///{tmp_path / 'unused.db'}", "people", "new-master-key")
    assert made.returncode == 0 and len(made.stdout.strip()) == 44
