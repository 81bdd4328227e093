"""The attack a published head exists for: someone with the database rewrites history and recomputes every hash
after the change, so the chain alone looks intact. Only a head kept outside the database catches it, in process
and through the real `tracker events verify --against POSITION:HASH`."""
from __future__ import annotations

import pytest
from sqlalchemy import text

from events import EventStore, Head, Metadata, verify
from events.hashing import GENESIS_HASH
from events.integrity import row_hash, stored_rows
from tests.events.tampering import tamper
from tests.events.toy_events import happened, registry
from tests.support.cli import tracker

ANA = Metadata(actor="ana@example.org")
PUBLISHED_AT = 6  # the head published (in the minutes, say) when the log ended here
EVENTS = 10


@pytest.fixture
def store(engine, clock):
    """A log of ten events written through the store's API, the way the application writes it."""
    s = EventStore(engine, registry, clock=clock)
    for i in range(1, EVENTS + 1):
        s.append(f"thing-{i % 3}", [happened(f"t{i}", i)], None, ANA, tenant_id="forum-1")
    return s


@pytest.fixture
def published(store) -> Head:
    """The head at position 6, as it was published outside the database."""
    return Head(PUBLISHED_AT, list(store.read_all())[PUBLISHED_AT - 1].hash)


def rewrite_history(engine, position: int) -> None:
    """Mallory's attack: change the event at `position` directly in the table, then recompute the hash of every
    event from there on, so that each row hashes again to its stored hash."""
    tamper(engine, "UPDATE events SET data = replace(data, '\"t', '\"forged-t') WHERE position = :position",
           position=position)
    previous = list(stored_rows(engine, upto=position - 1))[-1]["hash"] if position > 1 else GENESIS_HASH
    with engine.begin() as conn:
        for row in stored_rows(engine, after=position - 1):
            row["hash"] = previous = row_hash(previous, row)
            conn.execute(text("UPDATE events SET hash = :hash WHERE position = :position"), row)


def against(head: Head) -> str:
    return f"{head.position}:{head.hash}"


def test_an_untouched_log_still_hashes_to_its_published_head(store, engine, published, database_url):
    assert verify(engine, against=published).ok
    result = tracker(database_url, "events", "verify", "--against", against(published))
    assert result.returncode == 0, result.stderr
    assert f"intact: {EVENTS} events" in result.stdout


@pytest.mark.parametrize("rewritten", [1, 3, PUBLISHED_AT])
def test_history_rewritten_consistently_passes_the_chain_but_fails_against_the_published_head(
        store, engine, published, rewritten):
    before = store.head()
    rewrite_history(engine, rewritten)

    # The attack worked on the chain alone: every row hashes to its stored hash, the data did change.
    assert verify(engine).ok and store.head() != before
    assert "forged-t" in list(store.read_all())[rewritten - 1].data["name"]

    result = verify(engine, against=published)
    assert (result.ok, result.first_bad_position) == (False, PUBLISHED_AT)
    assert f"the log at position {PUBLISHED_AT} hashes to" in result.reason and "rewritten" in result.reason


def test_the_real_command_says_intact_without_the_head_and_fails_naming_the_position_with_it(
        store, engine, published, database_url):
    rewrite_history(engine, 3)

    plain = tracker(database_url, "events", "verify")
    assert plain.returncode == 0 and f"intact: {EVENTS} events" in plain.stdout

    cli = tracker(database_url, "events", "verify", "--against", against(published))
    assert cli.returncode == 1
    assert f"rewritten at or before position: {PUBLISHED_AT}" in cli.stdout
    assert f"REWRITTEN at or before position {PUBLISHED_AT}" in cli.stderr and published.hash in cli.stderr


def test_a_published_head_vouches_only_for_the_log_up_to_its_position(store, engine, published):
    rewrite_history(engine, PUBLISHED_AT + 2)
    assert verify(engine, against=published).ok  # later heads, published later, cover what came after
    assert not verify(engine, against=Head(EVENTS, "0" * 64)).ok


def test_a_head_past_the_end_of_the_log_is_refused_saying_so(store, engine, database_url):
    beyond = Head(EVENTS + 5, "a" * 64)
    result = verify(engine, against=beyond)
    assert not result.ok and result.first_bad_position == EVENTS + 1
    assert f"the published position {EVENTS + 5} is past the end of the log ({EVENTS})" in result.reason

    cli = tracker(database_url, "events", "verify", "--against", against(beyond))
    assert cli.returncode == 1
    assert "past the end of the log" in cli.stderr and "events were removed" in cli.stderr


def test_the_empty_logs_head_is_the_genesis_hash_and_nothing_else(engine):
    """Position 0 was accepted with any hash before; it is the empty log, whose head is the genesis hash."""
    assert verify(engine, against=Head(0, GENESIS_HASH)).ok
    result = verify(engine, against=Head(0, "b" * 64))
    assert (result.ok, result.first_bad_position) == (False, 0)


def test_several_heads_are_checked_in_one_pass_and_the_first_broken_one_is_named(store, engine, published):
    heads = [Head(p, e.hash) for p, e in enumerate(store.read_all(), start=1) if p in (2, 4, PUBLISHED_AT, 9)]
    assert verify(engine, heads=heads).ok
    rewrite_history(engine, 3)
    result = verify(engine, heads=list(reversed(heads)))
    assert (result.ok, result.first_bad_position) == (False, 4)
