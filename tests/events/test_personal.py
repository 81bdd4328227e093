"""Crypto-shredding in the event store: personal values sealed per person, forgotten by destroying one key."""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, ClassVar

import pytest
from sqlalchemy import text

from events import ConcurrencyError, DomainEvent, EventRegistry, EventStore, Metadata, NewEvent, verify
from events.personal import (
    FORGOTTEN,
    Keyring,
    MasterKeyError,
    Personal,
    decode_master_key,
    new_master_key,
    open_sealed,
)
from tests.events.toy_events import WHEN

ANA = Metadata(actor="ana@cajamarca.gob.pe")
registry = EventRegistry()


@registry.register
@dataclass(frozen=True)
class MemberNamed(DomainEvent):
    """A person joined, with contact data."""

    PERSONAL: ClassVar = (Personal(subject="member_id", fields=("name",), contact=("email",)),)
    member_id: str
    name: str
    email: str | None = None
    sector: str = "civil_society"


@registry.register
@dataclass(frozen=True)
class MeetingHeld(DomainEvent):
    """A meeting, its guests named (each their own person) and its members by id only."""

    PERSONAL: ClassVar = (Personal(subject="person_id", fields=("name",), within="attendance"),)
    attendance: list[dict[str, Any]] = field(default_factory=list)


@pytest.fixture
def master() -> bytes:
    return decode_master_key(new_master_key())


@pytest.fixture
def keyring(master) -> Keyring:
    return Keyring(master)


@pytest.fixture
def store(engine, clock, keyring) -> EventStore:
    return EventStore(engine, registry, clock=clock, keyring=keyring)


def stored_data(engine) -> list[dict[str, Any]]:
    with engine.connect() as conn:
        return [json.loads(t) for t in conn.execute(text("SELECT data FROM events ORDER BY position")).scalars()]


def name(person: str, who: str, email: str | None = None) -> NewEvent:
    return NewEvent(MemberNamed(member_id=person, name=who, email=email), WHEN)


def forget(store: EventStore, person: str) -> bool:
    with store.transaction() as tx:
        return tx.forget(person)


def test_personal_values_are_stored_sealed_and_read_back_in_clear(store, engine):
    """Given a member named with an email, the stored text holds neither; every read gives both back."""
    store.append("forum-1", [name("rep_1", "Rosa Quispe", "rosa@example.pe")], 0, ANA, tenant_id="forum-1")

    (stored,) = stored_data(engine)
    assert "Rosa" not in json.dumps(stored) and "rosa@" not in json.dumps(stored)
    assert stored["name"]["sealed"] == "rep_1" and stored["sector"] == "civil_society"
    (event,) = store.read_stream("forum-1")
    assert (event.data["name"], event.data["email"]) == ("Rosa Quispe", "rosa@example.pe")
    assert list(store.read_all())[0].data == event.data


def test_forgetting_a_person_destroys_only_their_data_and_the_chain_still_verifies(store, engine):
    """Given two members and a meeting with a guest, when one member is forgotten, then their name reads as
    forgotten and their email as None, the other member and the guest read as before, and the log verifies."""
    store.append("forum-1", [name("rep_1", "Rosa", "rosa@example.pe"), name("rep_2", "Julio", "julio@example.pe"),
                             NewEvent(MeetingHeld(attendance=[{"representative_id": "rep_1"},
                                                              {"person_id": "gst_1", "name": "Fidel"}]), WHEN)],
                 0, ANA, tenant_id="forum-1")
    head = store.head()

    assert forget(store, "rep_1") is True
    assert forget(store, "rep_1") is False  # once

    rosa, julio, meeting = store.read_stream("forum-1")
    assert (rosa.data["name"], rosa.data["email"]) == (FORGOTTEN, None)
    assert (julio.data["name"], julio.data["email"]) == ("Julio", "julio@example.pe")
    assert meeting.data["attendance"] == [{"representative_id": "rep_1"}, {"person_id": "gst_1", "name": "Fidel"}]
    assert verify(engine).ok and store.head() == head
    assert store.person("rep_1").forgotten_at is not None and store.person("rep_2").forgotten_at is None


def test_a_forgotten_person_is_forgotten_for_another_process_at_once(store, engine, clock, master):
    """A second store (another process) that already read the person reads them as forgotten after the forget."""
    store.append("forum-1", [name("rep_1", "Rosa")], 0, ANA, tenant_id="forum-1")
    other = EventStore(engine, registry, clock=clock, keyring=Keyring(master))
    assert other.read_stream("forum-1")[0].data["name"] == "Rosa"
    forget(store, "rep_1")
    assert other.read_stream("forum-1")[0].data["name"] == FORGOTTEN


def test_new_data_about_a_forgotten_person_is_not_kept(store, engine):
    """Once forgotten, a person's new personal values are stored as forgotten: no new key is made."""
    store.append("forum-1", [name("rep_1", "Rosa")], 0, ANA, tenant_id="forum-1")
    forget(store, "rep_1")
    store.append("forum-1", [name("rep_1", "Rosa again", "rosa@example.pe")], 1, ANA, tenant_id="forum-1")
    assert stored_data(engine)[1]["name"] == FORGOTTEN and stored_data(engine)[1]["email"] is None


def test_a_rolled_back_append_leaves_no_key(store, engine):
    """A key is made in the append's own transaction: a refused append leaves none behind."""
    store.append("forum-1", [name("rep_1", "Rosa")], 0, ANA, tenant_id="forum-1")
    with pytest.raises(ConcurrencyError), store.transaction() as tx:
        tx.append("forum-2", [name("rep_9", "Nadie")], 0, ANA, tenant_id="forum-2")  # makes rep_9's key
        tx.append("forum-1", [name("rep_1", "Rosa")], 0, ANA, tenant_id="forum-1")  # stale: all rolls back
    assert store.person("rep_9") is None


def test_the_wrong_master_key_is_refused_not_read_as_forgotten(store, engine, clock):
    """Reading with another master key is a configuration error, never a silent 'forgotten'."""
    store.append("forum-1", [name("rep_1", "Rosa")], 0, ANA, tenant_id="forum-1")
    stranger = EventStore(engine, registry, clock=clock, keyring=Keyring(decode_master_key(new_master_key())))
    with pytest.raises(MasterKeyError, match="TRACKER_MASTER_KEY"):
        stranger.read_stream("forum-1")


def test_a_sealed_value_copied_to_another_person_does_not_open(store, engine, keyring):
    """The person's id and the field are bound to each sealed value: a sealed name pasted onto another person
    reads as nothing, not as someone else's name (the log's triggers refuse the edit itself; this is the backstop)."""
    store.append("forum-1", [name("rep_1", "Rosa"), name("rep_2", "Julio")], 0, ANA, tenant_id="forum-1")
    rosa, julio = stored_data(engine)
    pasted = {**julio, "name": {**rosa["name"], "sealed": "rep_2"}}
    specs = registry.personal["MemberNamed"]
    assert open_sealed(pasted, specs, store.ciphers({"rep_2"}), keyring)["name"] == FORGOTTEN
    assert open_sealed(julio, specs, store.ciphers({"rep_2"}), keyring)["name"] == "Julio"


@pytest.mark.parametrize("text_key", ["", "short", "!" * 44])
def test_a_malformed_master_key_is_refused_with_a_sentence(text_key):
    with pytest.raises(MasterKeyError, match="32 bytes"):
        decode_master_key(text_key)
