"""Verification that costs what is new (events.IncrementalVerifier): the whole log re-hashed once, then only the
events appended since, with every rewrite still caught."""
from __future__ import annotations

import time

import pytest

from events import EventStore, Head, IncrementalVerifier, Metadata
from tests.events.tampering import tamper
from tests.events.test_integrity import rewrite_from
from tests.events.toy_events import happened, registry

ANA = Metadata(actor="ana@example.org")


@pytest.fixture
def store(engine, clock):
    s = EventStore(engine, registry, clock=clock)
    for i in range(1, 6):
        s.append(f"thing-{i}", [happened(f"t{i}", i), happened(f"t{i}b", i)], 0, ANA, tenant_id="forum-1")
    return s


@pytest.fixture
def verifier(store, engine, clock):
    return IncrementalVerifier(engine, clock)


def append(store: EventStore, n: int) -> None:
    store.append(f"more-{n}", [happened(f"m{n}", n)], 0, ANA, tenant_id="forum-1")


def test_is_the_whole_log_hashed_once_and_then_only_what_was_appended(store, verifier):
    """Given ten events, the first check re-hashes all ten; after two appends, the next re-hashes those two; with
    nothing new, none, and every answer names the same last full check."""
    first = verifier.check()
    assert (first.verification.ok, first.since, first.hashed, first.verification.events) == (True, 0, 10, 10)
    append(store, 1)
    append(store, 2)
    second = verifier.check()
    assert (second.verification.ok, second.since, second.hashed, second.verification.events) == (True, 10, 2, 12)
    assert second.verification.head == store.head()
    third = verifier.check()
    assert (third.since, third.hashed, third.full_check_at) == (12, 0, first.full_check_at)
    assert verifier.check(full=True).hashed == 12


def test_is_a_rewrite_with_recomputed_hashes_caught_by_the_next_check(store, engine, verifier):
    """Mallory edits event 3 and recomputes every hash after it: the stored hash at the verified head changed, so the
    check goes back to a full one, which (with no published head) sees an intact chain of other hashes, and the
    verified head it now holds differs from the one published before."""
    published = verifier.check().verification.head
    rewrite_from(engine, 3)
    again = verifier.check(against=published)
    assert not again.verification.ok and again.since == 0
    assert again.verification.first_bad_position == published.position


def test_is_a_new_event_chained_to_a_rewritten_log_caught(store, engine, verifier):
    """A rewrite followed by an append: the new event does not continue the head verified before."""
    before = verifier.check().verification.head
    rewrite_from(engine, 9)
    append(store, 3)
    result = verifier.check(against=before)
    assert not result.verification.ok and result.verification.first_bad_position == 10


def test_is_a_published_head_checked_without_rehashing_the_log(store, verifier):
    """Once verified, a published head is compared with the stored hash at its position: a wrong hash is a rewrite
    at or before it, a position past the end lost events, and neither re-hashes anything."""
    head = verifier.check().verification.head
    assert verifier.check(against=head).verification.ok
    wrong = verifier.check(against=Head(3, "f" * 64))
    assert (wrong.verification.ok, wrong.verification.first_bad_position, wrong.hashed) == (False, 3, 0)
    assert "rewritten at or before" in wrong.verification.reason
    beyond = verifier.check(against=Head(99, "f" * 64))
    assert (beyond.verification.ok, beyond.verification.first_bad_position, beyond.hashed) == (False, 11, 0)
    assert verifier.check(against=Head(0, "f" * 64)).verification.ok is False
    assert verifier.check().verification.ok  # a wrong published head breaks nothing for the next caller


def test_is_an_old_row_edited_in_place_caught_by_a_full_check_and_then_by_every_check(store, engine, verifier):
    """An edit of a verified row that leaves the hashes alone escapes an incremental check (it hashes only what is
    new); a full check finds it at its position, and every check after reports it until the log is intact."""
    assert verifier.check().verification.ok
    tamper(engine, "UPDATE events SET recorded_by = 'mallory' WHERE position = 5")
    assert verifier.check().hashed == 0
    full = verifier.check(full=True)
    assert (full.verification.ok, full.verification.first_bad_position, full.verification.events) == (False, 5, 4)
    after = verifier.check()
    assert (after.verification.ok, after.verification.first_bad_position, after.since) == (False, 5, 0)


def test_does_the_background_full_check_find_an_edit_and_make_the_next_check_report_it(store, engine, clock):
    """With full checks due at once, a check starts one in the background; the edit it finds is reported by the
    next check."""
    verifier = IncrementalVerifier(engine, clock, full_every_seconds=0)
    assert verifier.check().verification.ok
    tamper(engine, "UPDATE events SET recorded_by = 'mallory' WHERE position = 5")
    assert verifier.check().verification.ok  # incremental; starts the background full check
    deadline = time.monotonic() + 10
    while verifier._refreshing is not None and time.monotonic() < deadline:
        time.sleep(0.01)
    result = verifier.check()
    assert (result.verification.ok, result.verification.first_bad_position) == (False, 5)
