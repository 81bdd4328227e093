"""The store's answers about the log and the key table that are not events (counts, probes, key states), on
SQLite and on PostgreSQL: what the projector, `tracker projections` and the people directory ask."""
from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

import pytest

from events import DomainEvent, EventRegistry, EventStore, Metadata, NewEvent
from events.personal import Keyring, Personal, decode_master_key, new_master_key
from tests.events.toy_events import WHEN, ThingRenamed, happened, registry

ANA = Metadata(actor="ana@cajamarca.gob.pe")


@pytest.fixture
def store(engine, clock) -> EventStore:
    return EventStore(engine, registry, clock=clock)


def log_three_things(store: EventStore) -> None:
    """Positions 1-6: each thing happened (odd positions), then was renamed (even positions)."""
    for i in range(3):
        store.append(f"thing-{i}", [happened(str(i)), NewEvent(ThingRenamed(name=f"r{i}"), WHEN)], 0, ANA,
                     tenant_id="forum-a" if i < 2 else "forum-b")


def test_count_after_counts_the_events_of_the_types_past_a_position_of_every_tenant(store):
    assert store.count_after(0, ["ThingHappened"]) == 0  # an empty log
    log_three_things(store)

    assert store.count_after(0, ["ThingHappened"]) == 3
    assert store.count_after(0, {"ThingHappened", "ThingRenamed"}) == 6
    assert store.count_after(3, ["ThingRenamed", "ThingRenamed"]) == 2  # positions 4 and 6; a repeat counts once
    assert store.count_after(4, (t for t in ["ThingHappened"])) == 1  # any iterable: position 5
    assert store.count_after(6, ["ThingHappened", "ThingRenamed"]) == 0
    assert store.count_after(0, ["NoSuchThing"]) == 0
    assert store.count_after(0, []) == 0
    for after in range(7):
        assert store.count_after(after, ["ThingRenamed"]) == len(list(store.read_all(after, types=["ThingRenamed"])))


def test_any_after_says_whether_an_event_of_the_types_follows_a_position(store):
    assert store.any_after(0, ["ThingHappened"]) is False  # an empty log
    log_three_things(store)

    assert store.any_after(0, ["ThingHappened"]) is True
    assert store.any_after(5, ["ThingHappened"]) is False  # the last one is at 5
    assert store.any_after(5, {"ThingHappened", "ThingRenamed"}) is True
    assert store.any_after(6, ["ThingHappened", "ThingRenamed"]) is False
    assert store.any_after(0, ["NoSuchThing"]) is False
    assert store.any_after(0, []) is False


def test_any_after_on_a_connection_is_asked_inside_its_transaction(store, engine):
    """Given a connection, the question is asked on it (a transaction begun if none was), so what the caller
    reads next on it is read in the same transaction the answer came from."""
    log_three_things(store)
    with engine.connect() as conn:
        assert not conn.in_transaction()
        assert store.any_after(5, ["ThingHappened"], conn=conn) is False
        assert conn.in_transaction()
        assert store.any_after(4, ["ThingHappened"], conn=conn) is True
    with engine.connect() as conn, conn.begin():
        assert store.any_after(0, ["ThingRenamed"], conn=conn) is True


@dataclass(frozen=True)
class MemberNamed(DomainEvent):
    """A person joined; their name is theirs."""

    PERSONAL: ClassVar = (Personal(subject="member_id", fields=("name",)),)
    member_id: str
    name: str


def test_person_keys_are_each_person_of_a_tenant_with_when_their_key_was_made_and_destroyed(engine, clock):
    personal = EventRegistry()
    personal.register(MemberNamed)
    store = EventStore(engine, personal, clock=clock, keyring=Keyring(decode_master_key(new_master_key())))
    assert store.person_keys("forum-1") == []
    named = [NewEvent(MemberNamed(member_id=person, name=person.title()), WHEN) for person in ("rep_1", "rep_2")]
    store.append("forum-1", named, 0, ANA, tenant_id="forum-1")
    store.append("forum-2", [NewEvent(MemberNamed(member_id="rep_3", name="Rep"), WHEN)], 0, ANA,
                 tenant_id="forum-2")
    made = store.person("rep_1").created_at
    clock.advance(minutes=5)
    with store.transaction() as tx:
        assert tx.forget("rep_2")

    keys = sorted(store.person_keys("forum-1"), key=lambda k: k.person_id)
    assert [(k.person_id, k.tenant_id, k.created_at) for k in keys] == [("rep_1", "forum-1", made),
                                                                        ("rep_2", "forum-1", made)]
    assert keys[0].forgotten_at is None and keys[1].forgotten_at is not None and keys[1].forgotten_at > made
    assert keys == [store.person("rep_1"), store.person("rep_2")]
    assert [k.person_id for k in store.person_keys("forum-2")] == ["rep_3"]
    assert store.person_keys("forum-3") == []
