"""An event type whose shape changed, end to end on both engines: events stored by the old code at version 1 stay
as they were stored (bytes, version, hash), and every reader of the new code (the store, a read model, an
export and import) sees the newest shape through the registry's upcasters.

No event type of the process's catalog has changed shape yet (every one is at version 1), so this proves the
mechanism with a type declared here, twice: as the old code declared it and as the new code declares it.
"""
from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import ClassVar

import pytest
import sqlalchemy as sa

from events import DomainEvent, EventRegistry, EventStore, Metadata, NewEvent, export_events, import_events, verify
from events.database import make_engine
from events.errors import UnknownEventType
from projections import Projection, Projector
from tests.support.databases import fresh_database
from tracker.database import upgrade

ANA = Metadata(actor="ana@example.org")
WHEN = datetime(2026, 3, 2, 14, 0, tzinfo=UTC)
STREAM = "pub-1"

old_code = EventRegistry()


@old_code.register
@dataclass(frozen=True)
class MaterialPublished(DomainEvent):
    """Version 1, as the first release wrote it: one link, named `url`."""

    url: str


new_code = EventRegistry()


@new_code.register
@dataclass(frozen=True)
class MaterialPublished(DomainEvent):  # noqa: F811 - the same type, as the new code declares it
    """Version 3: several links (v2), each with the language it is in (v3)."""

    VERSION: ClassVar[int] = 3
    links: list
    languages: list


@new_code.upcaster("MaterialPublished", from_version=1)
def _one_link_becomes_a_list(data: dict) -> dict:
    return {"links": [data["url"]]}


@new_code.upcaster("MaterialPublished", from_version=2)
def _links_get_a_language(data: dict) -> dict:
    return {**data, "languages": ["es"] * len(data["links"])}


class LinksByStream(Projection):
    """A read model of the new code: how many links each stream published."""

    name = "links_by_stream"
    version = 1
    handles = frozenset({"MaterialPublished"})
    metadata = sa.MetaData()
    table = sa.Table("test_links_by_stream", metadata, sa.Column("stream_id", sa.String(50), primary_key=True),
                     sa.Column("links", sa.Integer, nullable=False))

    def apply(self, conn, event):
        new_code.load(event.type, event.data)  # the read model gets the newest shape, or this raises
        found = conn.execute(sa.select(self.table.c.links).where(self.table.c.stream_id == event.stream_id)).first()
        count = len(event.data["links"]) + (found.links if found else 0)
        if found:
            conn.execute(self.table.update().where(self.table.c.stream_id == event.stream_id).values(links=count))
        else:
            conn.execute(self.table.insert().values(stream_id=event.stream_id, links=count))


def stored(engine) -> list[tuple]:
    with engine.connect() as conn:
        return [tuple(r) for r in conn.execute(sa.text(
            "SELECT position, schema_version, data, hash FROM events ORDER BY position"))]


@pytest.fixture
def log_of_both_releases(engine, clock):
    """Given one event stored by the old code (version 1), then one by the new code (version 3), in one stream."""
    EventStore(engine, old_code, clock=clock).append(
        STREAM, [NewEvent(old_code.class_for("MaterialPublished")(url="https://example.org/acta.pdf"), WHEN)],
        0, ANA, tenant_id="forum-1")
    EventStore(engine, new_code, clock=clock).append(
        STREAM, [NewEvent(new_code.class_for("MaterialPublished")(links=["https://example.org/a.pdf",
                                                                         "https://example.org/b.pdf"],
                                                                  languages=["es", "qu"]), WHEN)],
        1, ANA, tenant_id="forum-1")
    return engine


def test_the_old_event_stays_stored_as_version_1_in_its_old_shape(log_of_both_releases):
    (old_position, old_version, old_data, _), (_, new_version, new_data, _) = stored(log_of_both_releases)
    assert (old_version, new_version) == (1, 3)
    assert old_data == '{"url":"https://example.org/acta.pdf"}'
    assert '"languages"' in new_data


def test_the_store_reads_the_old_event_in_the_newest_shape(log_of_both_releases):
    store = EventStore(log_of_both_releases, new_code)
    old, new = store.read_stream(STREAM)
    assert old.schema_version == 1  # as stored
    assert old.data == {"links": ["https://example.org/acta.pdf"], "languages": ["es"]}
    assert new_code.load(old.type, old.data) == new_code.class_for("MaterialPublished")(
        links=["https://example.org/acta.pdf"], languages=["es"])
    assert [e.data for e in store.read_all()] == [old.data, new.data]
    assert [e.data for e in store.read_all(types=["MaterialPublished"], tenant_id="forum-1")] == [old.data, new.data]


def test_the_old_code_cannot_read_what_the_new_code_wrote_and_says_so(log_of_both_releases):
    with pytest.raises(UnknownEventType, match="MaterialPublished version 3 is not known"):
        EventStore(log_of_both_releases, old_code).read_stream(STREAM)


def test_a_read_model_folds_both_versions_as_the_newest_shape(log_of_both_releases):
    projector = Projector(log_of_both_releases, EventStore(log_of_both_releases, new_code), [LinksByStream()])
    projector.ensure_ready()
    with log_of_both_releases.connect() as conn:
        assert conn.execute(sa.select(LinksByStream.table)).all() == [(STREAM, 3)]


def test_upcasting_rewrites_nothing_so_the_chain_still_verifies(log_of_both_releases):
    before = stored(log_of_both_releases)
    list(EventStore(log_of_both_releases, new_code).read_all())
    assert stored(log_of_both_releases) == before
    assert verify(log_of_both_releases).ok


def test_an_export_carries_the_old_version_and_the_imported_log_upcasts_alike(log_of_both_releases, tmp_path):
    exported = io.StringIO()
    head = export_events(log_of_both_releases, exported)
    (tmp_path / "target").mkdir()
    with fresh_database("sqlite", tmp_path / "target") as url:
        target = make_engine(url)
        try:
            upgrade(target)
            assert import_events(target, exported.getvalue().splitlines()) == head
            assert stored(target) == stored(log_of_both_releases)
            assert ([e.data for e in EventStore(target, new_code).read_all()]
                    == [e.data for e in EventStore(log_of_both_releases, new_code).read_all()])
        finally:
            target.dispose()


def test_a_version_1_designation_reads_as_consent_not_recorded():
    """The catalog's first changed shape: RepresentativeDesignated v2 added `guardian_consent`."""
    from events.catalog import registry as catalog

    old = {"representative_id": "rep_1", "organization_id": "org_1", "name": "Luis", "role": "primary",
           "designated_on": "2025-02-10", "email": None, "phone": None, "gender": None, "is_minor": True}
    assert catalog.current_version("RepresentativeDesignated") == 2
    new = catalog.upcast("RepresentativeDesignated", 1, old)
    assert new == {**old, "guardian_consent": None}
    assert catalog.load("RepresentativeDesignated", new).guardian_consent is None
