"""The application's read models: kept up to date by every write, equal to a rebuild, and never lost to a crash.

The record is built as the secretariat builds it, through the API (the year of co-creation in Cajamarca, and a
second forum whose contributions pass through every stage, corrections included), on SQLite and PostgreSQL.
"""
from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select

from events import Metadata, NewEvent
from events.catalog.forums import ForumEstablished
from projections import projector as projector_module
from tests.api import conftest as api_fixtures
from tests.api.test_story import test_a_year_of_co_creation_in_cajamarca as tell_the_story
from tests.support.builders import new_forum
from tests.support.builders_contributions import (
    cocreation,
    communicate,
    consider,
    contribute,
    representative,
    resident,
    respond,
)
from tracker.commands import contributions as commands
from tracker.commands.base import Context
from tracker.read_models import ForumDirectory, ReadModels, Records, ReminderQueue, read_models
from tracker.read_models.forum_directory import forum_ids

# The API tests' fixtures: an app on each engine, a token per role, an admin's client, the server's clock.
app, tokens, api, clock = api_fixtures.app, api_fixtures.tokens, api_fixtures.api, api_fixtures.clock

CORRECTION = {"reason": "Se registró por error; la respuesta se leyó en sesión"}


def tables(projector: ReadModels) -> dict[str, list[tuple]]:
    """Every read model table's rows, in primary-key order."""
    out = {}
    with projector.engine.connect() as conn:
        for projection in projector.projections.values():
            for table in projection.metadata.sorted_tables:
                out[table.name] = [tuple(r) for r in conn.execute(
                    select(table).order_by(*table.primary_key.columns))]
    return out


def rebuilt(projector: ReadModels) -> dict[str, list[tuple]]:
    for name in projector.names():
        projector.rebuild(name)
    return tables(projector)


def contributions_at_every_stage(api) -> dict[str, str]:
    """A forum in co-creation whose contributions stop at each stage; a response and a communication corrected."""
    c = cocreation(api)
    ids = {"received": contribute(api, c.plan, resident(), received_on="2025-05-14"),
           "considered": contribute(api, c.plan, representative(c.luis)),
           "responded": contribute(api, c.plan, representative(c.ana)),
           "communicated": contribute(api, c.plan, resident(name="Rosa Tello"), received_on="2025-05-10"),
           "told_in_session": contribute(api, c.plan, representative(c.luis), received_on="2025-05-11")}
    for stage in ("considered", "responded", "communicated", "told_in_session"):
        consider(api, ids[stage])
    for stage in ("responded", "communicated", "told_in_session"):
        respond(api, ids[stage])
    respond(api, ids["responded"], decision="accepted", responded_on="2025-06-03", correction=CORRECTION)
    communicate(api, ids["communicated"], "2025-06-09", "in_session")
    communicate(api, ids["communicated"], "2025-06-07", "letter")
    communicate(api, ids["communicated"], "2025-06-05", "email")
    communicate(api, ids["told_in_session"], "2025-06-05", "email")
    communicate(api, ids["told_in_session"], "2025-06-05", "in_session", correction=CORRECTION)
    return {"plan": c.plan, "forum": c.forum, **ids}


@pytest.fixture
def projector(app) -> ReadModels:
    return app.extensions["tracker"].projector


def test_do_the_read_models_kept_by_every_write_equal_a_full_rebuild_table_by_table(api, projector):
    tell_the_story(api)
    contributions_at_every_stage(api)
    incremental = tables(projector)
    answered = {e.stream_id for e in projector.store.read_all(types={"ContributionResponded"})}
    assert len(incremental["forum_directory"]) == 2 and len(incremental["reminder_feedback"]) == len(answered) > 3
    streams = {e.stream_id for e in projector.store.read_all()}
    assert [row[0] for row in incremental["records"]] == sorted(streams)  # a row per stream, no other
    assert rebuilt(projector) == incremental
    # every checkpoint is the head, also of a read model whose types the last events are not: each write catches
    # every read model up, and a checkpoint moves to the end of what was read; the rebuild leaves them there too
    head = projector.store.head().position
    last_forum = max(e.position for e in projector.store.read_all(types=ForumDirectory.handles))
    assert last_forum < head
    for model in (ForumDirectory, ReminderQueue, Records):
        assert projector.checkpoint(model.name) == (model.version, head)
        assert not projector.behind(model.name)


@pytest.mark.parametrize("batch", [1, 7, 50])
def test_does_a_rebuild_in_small_batches_equal_the_read_models_kept_by_every_write(api, projector, monkeypatch,
                                                                                   batch):
    """Streams that run across a rebuild's batches: their rows are replaced batch after batch (an upsert), their
    earlier history read back, and one fold serves every read model of a batch; the tables end as the writes
    left them. On SQLite the connections keep the engine's settings afterwards."""
    tell_the_story(api)
    contributions_at_every_stage(api)
    incremental = tables(projector)
    monkeypatch.setattr(projector_module, "REBUILD_BATCH", batch)
    assert rebuilt(projector) == incremental
    if projector.engine.dialect.name == "sqlite":
        with projector.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL, as the engine set it
            assert conn.exec_driver_sql("PRAGMA wal_autocheckpoint").scalar() == 1000  # SQLite's default


def test_is_a_crash_between_append_and_projection_caught_up_by_the_next_catch_up(api, app, projector, clock):
    ids = contributions_at_every_stage(api)
    before = tables(projector)
    store = app.extensions["tracker"].store
    # The process dies right after each append: the events are logged, the read models never heard of them.
    forum = ForumEstablished("frm_appended0directly00", "Foro de Jaén", "Jaén, Peru", "2025-03-01", "America/Lima",
                             {"frequency": "monthly", "reminder_days_before": 3}, "es", {})
    store.append(forum.forum_id, [NewEvent(forum, datetime(2025, 3, 1, 5, tzinfo=UTC))], 0,
                 Metadata(actor="admin@example.org"), tenant_id=forum.forum_id)
    no_projector = Context(store=store, now=clock(), actor="secretaria@cajamarca.gob.pe")
    commands.respond_to_contribution(no_projector, ids["considered"], {
        "decision": "rejected", "reasoning": "Excede las competencias del gobierno regional.",
        "responded_on": date(2025, 6, 10)})
    assert tables(projector) == before
    assert ids["considered"] not in {r[0] for r in before["reminder_feedback"]}

    # both events by records, the forum by forum_directory, the response by reminder_queue
    assert projector.catch_up() == 4
    after = tables(projector)
    assert ids["considered"] in {r[0] for r in after["reminder_feedback"]}  # answered now
    assert "frm_appended0directly00" in {r[0] for r in after["forum_directory"]}
    assert rebuilt(projector) == after


def test_does_the_forum_listing_come_from_the_directory_and_see_forums_it_had_not_heard_of(api, app, projector):
    first, second = new_forum(api), new_forum(api, name="Foro de Jaén", member="Jaén, Peru")
    assert [f["id"] for f in api.as_(None).get("/forums")] == [first, second] == forum_ids(projector)
    forum = ForumEstablished("frm_appended0directly00", "Foro de Celendín", "Celendín, Peru", "2025-03-01",
                             "America/Lima", {"frequency": "monthly", "reminder_days_before": 3}, "es", {})
    app.extensions["tracker"].store.append(forum.forum_id, [NewEvent(forum, datetime(2025, 3, 1, 5, tzinfo=UTC))],
                                           0, Metadata(actor="admin@example.org"), tenant_id=forum.forum_id)
    listed = api.as_(None).get("/forums")
    assert [f["id"] for f in listed] == [first, second, forum.forum_id]
    assert listed[2]["name"] == "Foro de Celendín" and listed[2]["organizations"] == []


def test_is_a_read_model_of_another_version_rebuilt_on_its_first_use(api, app, projector):
    contributions_at_every_stage(api)
    before = tables(projector)
    assert projector.checkpoint("reminder_queue")[0] == ReminderQueue.version

    class ReminderQueueNext(ReminderQueue):
        version = ReminderQueue.version + 1

    services = app.extensions["tracker"]
    with services.engine.begin() as conn:  # rows lost that only a rebuild from the log brings back
        conn.execute(ReminderQueue.feedback.delete())
    newer = ReadModels(services.engine, services.store,
                       [ReminderQueueNext(services.store) if p.name == ReminderQueue.name else p
                        for p in read_models(services.store)])
    assert newer.catch_up() == 0  # the rebuild at first use brought it to the log; nothing was left to apply
    assert newer.checkpoint("reminder_queue") == (ReminderQueueNext.version, services.store.head().position)
    assert newer.checkpoint("forum_directory") == projector.checkpoint("forum_directory")
    assert tables(newer) == before


def test_does_a_write_stand_when_a_read_model_cannot_catch_up_and_the_others_still_do(api, projector):
    new_forum(api)
    with projector.engine.begin() as conn:  # a read model's tables lost behind the projector's back
        ReminderQueue.metadata.drop_all(conn)
    ids = contributions_at_every_stage(api)  # every write is 201 all the same
    assert api.get(f"/contributions/{ids['responded']}")["status"] == "responded"  # records kept up
    with projector.engine.connect() as conn:
        directory = ForumDirectory.table
        assert ids["forum"] in set(conn.execute(select(directory.c.id)).scalars())
    assert projector.behind("reminder_queue") and not projector.behind("records")  # stuck at the first response
    projector.rebuild("reminder_queue")
    assert {r[0] for r in tables(projector)["reminder_feedback"]} == {
        ids[stage] for stage in ("responded", "communicated", "told_in_session")}
