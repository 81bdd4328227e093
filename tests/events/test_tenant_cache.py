"""read_tenant: a tenant's whole log served from a per-process cache of decoded events, always as read_all says."""
from __future__ import annotations

import pytest

from events import EventStore, Metadata, NewEvent
from events.envelope import RecordedEvent
from events.personal import FORGOTTEN, Keyring, decode_master_key, new_master_key
from events.tenant_cache import TenantCache
from tests.events.test_personal import MeetingHeld, forget, name, registry
from tests.events.toy_events import WHEN

ANA = Metadata(actor="ana@cajamarca.gob.pe")


@pytest.fixture
def master() -> bytes:
    return decode_master_key(new_master_key())


@pytest.fixture
def store(engine, clock, master) -> EventStore:
    return EventStore(engine, registry, clock=clock, keyring=Keyring(master))


def fresh(store: EventStore, tenant: str) -> list:
    return list(store.read_all(tenant_id=tenant))


def meeting(guest: str) -> NewEvent:
    return NewEvent(MeetingHeld(attendance=[{"person_id": f"gst_{guest}", "name": guest}]), WHEN)


def test_a_tenant_reads_as_read_all_says_and_later_reads_fetch_only_what_is_new(store):
    """Given two forums' events, read_tenant gives one forum's, in order; after more are logged, the next read
    gives them too, from the kept events and one read of the new ones."""
    store.append("forum-1", [name("rep_1", "Rosa"), name("rep_2", "Julio")], 0, ANA, tenant_id="forum-1")
    store.append("forum-2", [name("rep_3", "Fidel")], 0, ANA, tenant_id="forum-2")
    assert store.read_tenant("forum-1") == fresh(store, "forum-1")
    assert [e.data["name"] for e in store.read_tenant("forum-1")] == ["Rosa", "Julio"]

    store.append("forum-1", [meeting("Nélida")], 2, ANA, tenant_id="forum-1")
    again = store.read_tenant("forum-1")
    assert again == fresh(store, "forum-1") and len(again) == 3
    assert store.tenant_cache.hits == 2 and store.tenant_cache.reloads == 0  # the first read kept them
    assert store.read_tenant("forum-2") == fresh(store, "forum-2")
    assert store.read_tenant("nobody") == []


def test_a_person_forgotten_by_another_process_reads_forgotten_at_once(store, engine, clock, master):
    """Given a forum read (and kept) by this process, when another process forgets a person of it, then this
    process's next read shows them forgotten: the tenant's keys moved, so it is read again."""
    store.append("forum-1", [name("rep_1", "Rosa", "rosa@example.pe"), name("rep_2", "Julio")], 0, ANA,
                 tenant_id="forum-1")
    assert store.read_tenant("forum-1")[0].data["name"] == "Rosa"

    other = EventStore(engine, registry, clock=clock, keyring=Keyring(master))
    assert forget(other, "rep_1")

    rosa, julio = store.read_tenant("forum-1")
    assert (rosa.data["name"], rosa.data["email"], julio.data["name"]) == (FORGOTTEN, None, "Julio")
    assert store.tenant_cache.reloads == 1


def test_a_person_forgotten_in_this_process_reads_forgotten_at_once(store):
    store.append("forum-1", [name("rep_1", "Rosa")], 0, ANA, tenant_id="forum-1")
    store.read_tenant("forum-1")
    forget(store, "rep_1")
    assert store.read_tenant("forum-1")[0].data["name"] == FORGOTTEN


def test_another_log_in_place_of_the_one_read_is_read_again():
    """Given a tenant kept, when the log is replaced by another one (a backup restored) whose event at the last
    kept position differs, then the tenant is read again from the start."""
    logs = {"a": [_event(1, "a"), _event(2, "a")]}
    cache = TenantCache(lambda tenant, after: [e for e in logs[tenant] if e.position > after], lambda tenant: 0)
    cache.events("a")
    logs["a"] = [_event(1, "a"), _event(2, "a")._replace(hash="other"), _event(3, "a")]
    assert cache.events("a") == logs["a"] and cache.reloads == 1


def test_the_cache_holds_at_most_its_bound_of_events():
    """Least recently read tenants go first; a tenant larger than the bound is read in full each time."""
    logs = {"a": [_event(1, "a"), _event(2, "a")], "b": [_event(3, "b")],
            "big": [_event(n, "big") for n in range(4, 9)]}
    reads: list[tuple[str, int]] = []

    def read_after(tenant: str, after: int) -> list:
        reads.append((tenant, after))
        return [e for e in logs[tenant] if e.position > after]

    cache = TenantCache(read_after, lambda tenant: 0, max_events=3)
    cache.events("a"), cache.events("b")
    cache.events("a")
    assert reads[-1] == ("a", 1)  # kept: only from its last event on
    cache.events("big"), cache.events("big")
    assert reads[-2:] == [("big", 0), ("big", 0)]  # never kept
    cache.events("a"), cache.events("b")
    assert reads[-2:] == [("a", 1), ("b", 2)]
    logs["c"] = [_event(9, "c"), _event(10, "c")]
    cache.events("c"), cache.events("a")
    assert reads[-1] == ("a", 0)  # c pushed a (least recently read) out
    assert cache.events("c") == logs["c"]


def _event(position: int, tenant: str) -> RecordedEvent:
    return RecordedEvent(position, f"e{position}", f"s-{tenant}", 1, tenant, "ThingHappened", 1, {}, WHEN, WHEN,
                         "ana", None, None, f"h{position}")


def test_the_application_bounds_the_cache_as_configured(tmp_path, monkeypatch):
    """TRACKER_TENANT_CACHE_EVENTS sets each process's bound (0 keeps nothing)."""
    from config import Config
    from tracker import create_app, extension

    monkeypatch.setenv("TRACKER_TENANT_CACHE_EVENTS", "0")
    app = create_app(Config(DATABASE_URL=f"sqlite:///{tmp_path / 'bound.db'}", TESTING=True))
    try:
        store = extension.services(app).store
        assert store.tenant_cache.max_events == 0
    finally:
        extension.services(app).engine.dispose()
