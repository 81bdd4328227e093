"""Tamper evidence: the hash chain catches any changed, removed or rewritten event."""
from __future__ import annotations

import pytest
from sqlalchemy import text

from events import EventStore, Head, Metadata, verify
from events.integrity import Rewritten, row_hash, stored_rows
from events.schema import EVENT_COLUMNS
from tests.events.tampering import tamper
from tests.events.toy_events import happened, registry
from tests.support.cli import tracker

ANA = Metadata(actor="ana@example.org")


@pytest.fixture
def store(engine, clock):
    s = EventStore(engine, registry, clock=clock)
    for i in range(1, 6):
        s.append(f"thing-{i}", [happened(f"t{i}", i), happened(f"t{i}b", i)], 0, ANA, tenant_id="forum-1")
    return s


def rewrite_from(engine, position: int) -> None:
    """Edit the event at `position` and recompute every hash from there on: the chain alone looks intact."""
    tamper(engine, f"UPDATE events SET data = replace(data, ':\"t', ':\"X') WHERE position = {position}")
    previous = list(stored_rows(engine, upto=position - 1))[-1]["hash"]
    with engine.begin() as conn:
        for row in stored_rows(engine, after=position - 1):
            row["hash"] = previous = row_hash(previous, row)
            conn.execute(text("UPDATE events SET hash = :hash WHERE position = :position"), row)


def test_an_intact_log_verifies_with_its_count_and_head(store, engine):
    result = verify(engine)
    assert result.ok and result.events == 10 and result.head == store.head()
    assert verify(engine, against=Head(4, list(store.read_all())[3].hash)).ok



@pytest.mark.parametrize("statement", [
    "UPDATE events SET data = replace(data, 't3', 't9') WHERE position = 5",
    "UPDATE events SET occurred_at = '2020-01-01T00:00:00.000000+00:00' WHERE position = 5",
    "UPDATE events SET recorded_by = 'mallory' WHERE position = 5",
])
def test_a_changed_value_is_caught_at_its_position(store, engine, statement):
    tamper(engine, statement)
    result = verify(engine)
    assert not result.ok and result.first_bad_position == 5 and result.events == 4


def test_a_deleted_event_is_caught(store, engine):
    tamper(engine, "DELETE FROM events WHERE position = 7")
    result = verify(engine)
    assert (result.ok, result.first_bad_position) == (False, 8)


def test_a_consistently_rewritten_chain_is_caught_only_against_a_published_head(store, engine):
    """Mallory edits event 3 and recomputes every hash after it: the chain alone looks intact."""
    published = Head(6, list(store.read_all())[5].hash)
    rewrite_from(engine, 3)

    assert verify(engine).ok
    result = verify(engine, against=published)
    assert isinstance(result, Rewritten) and not result.ok and result.published == published
    assert result.reason.startswith("the log up to position 6 no longer has the published head hash")
    assert "rewritten at or before that position" in result.reason and "cannot tell" in result.reason


def test_the_command_says_a_consistent_rewrite_is_at_or_before_the_head_and_names_no_first_bad_event(
        store, engine, database_url):
    """Every event re-hashes to its stored hash: the command cannot know which one was altered, so it does not
    name the published head's position as the first bad one; it says the log up to there no longer has the
    published head hash. Exit 1, as for any broken log."""
    published = Head(6, list(store.read_all())[5].hash)
    rewrite_from(engine, 3)

    cli = tracker(database_url, "events", "verify", "--against", f"{published.position}:{published.hash}")
    assert cli.returncode == 1
    assert cli.stdout == "rewritten at or before position: 6\n"
    assert cli.stderr.startswith("REWRITTEN at or before position 6: the log up to position 6 no longer has the "
                                 "published head hash") and published.hash in cli.stderr
    assert "first bad" not in cli.stdout + cli.stderr and "BROKEN" not in cli.stderr

    with engine.begin() as conn:  # the guards are dropped already
        conn.execute(text("UPDATE events SET data = replace(data, 't1b', 't8b') WHERE position = 2"))
    broken = tracker(database_url, "events", "verify", "--against", f"{published.position}:{published.hash}")
    assert broken.returncode == 1  # a chain that does not hold names its first bad event, as before
    assert broken.stdout == "first bad position: 2\n" and broken.stderr.startswith("BROKEN at position 2: ")


def test_a_wrong_genesis_head_is_not_called_a_rewrite(engine):
    result = verify(engine, against=Head(0, "b" * 64))
    assert (result.ok, result.first_bad_position) == (False, 0) and not isinstance(result, Rewritten)
    assert "not a head of this log" in result.reason


def test_a_published_head_past_the_end_means_events_were_removed(store, engine):
    result = verify(engine, against=Head(99, "a" * 64))
    assert not result.ok and "past the end" in result.reason


def test_stored_rows_of_one_tenant_come_page_by_page_with_every_column(store, engine):
    """Does `stored_rows` keep to one tenant's rows, in position order across pages, each with every stored
    column in the table's order?"""
    store.append("other-1", [happened("o1"), happened("o2"), happened("o3")], 0, ANA, tenant_id="forum-2")
    store.append("thing-6", [happened("t6")], 0, ANA, tenant_id="forum-1")
    rows = list(stored_rows(engine, tenant_id="forum-1", page=3))
    assert [r["position"] for r in rows] == [*range(1, 11), 14]
    assert all(tuple(r) == EVENT_COLUMNS for r in rows)
