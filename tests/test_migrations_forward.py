"""Upgrades run forward from the first release's schema: a database made at revision 0001, holding an event written
as 0001's table had it, migrates to the head revision with the event intact, its chain valid, and the application
reading it. A database at 0006 that built the retired `contribution_status` read model loses its table and its
checkpoint on the upgrade (0007)."""
from __future__ import annotations

from datetime import date

import pytest
import sqlalchemy as sa

from config import Config
from events import make_engine, verify
from tests.support.api import ApiClient
from tests.support.clock import ManualClock
from tracker import create_app
from tracker.auth import service as auth
from tracker.bootstrap import bootstrap
from tracker.database import current_revision, head_revision, upgrade

#: The columns of `events` as revision 0001 created them (tracker/migrations/versions/0001_event_store.py).
COLUMNS_0001 = ("position", "event_id", "stream_id", "stream_version", "tenant_id", "type", "schema_version", "data",
                "occurred_at", "recorded_at", "recorded_by", "correlation_id", "causation_id", "metadata", "hash")
FORUM = {"name": "Foro de Gobierno Abierto de Cajamarca", "member": "Cajamarca, Peru",
         "established_on": "2025-02-03", "timezone": "America/Lima", "language": "es",
         "meeting_rule": {"frequency": "monthly", "reminder_days_before": 3}}


#: The retired `contribution_status` read model's table, as its version 1 declared it (with its indexes).
CONTRIBUTION_STATUS = sa.Table(
    "contribution_status", sa.MetaData(),
    sa.Column("id", sa.String(100), primary_key=True),
    sa.Column("forum_id", sa.String(200), nullable=False),
    sa.Column("action_plan_id", sa.String(100), nullable=False),
    sa.Column("status", sa.String(20), nullable=False),
    sa.Column("received_on", sa.Date, nullable=False),
    sa.Column("responded_on", sa.Date, nullable=True),
    sa.Column("first_written_communication_on", sa.Date, nullable=True),
    sa.Column("received_position", sa.BigInteger().with_variant(sa.Integer, "sqlite"), nullable=False),
    sa.Index("ix_contribution_status_plan_status", "action_plan_id", "status"),
    sa.Index("ix_contribution_status_forum", "forum_id"),
)


def rows(engine: sa.Engine) -> list[dict]:
    with engine.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(sa.text("SELECT * FROM events ORDER BY position"))]


@pytest.fixture
def first_release_rows(tmp_path) -> list[dict]:
    """The events of a forum's establishment as a release writes them: through the API, on a scratch database,
    read back raw with 0001's columns only."""
    url = f"sqlite:///{tmp_path / 'source.db'}"
    services = bootstrap(url, clock=ManualClock())
    upgrade(services.engine)
    try:
        app = create_app(Config(DATABASE_URL=url, TESTING=True), services=services)
        auth.create_user(services.engine, services.clock, "admin@example.org", "admin")
        api = ApiClient(app.test_client(), auth.create_token(services.engine, services.clock, "admin@example.org"))
        api.post("/forums", FORUM)
        return [{c: row[c] for c in COLUMNS_0001} for row in rows(services.engine)]
    finally:
        services.engine.dispose()


@pytest.fixture
def at_0001(database_url):
    """A database (SQLite file, PostgreSQL schema) migrated to revision 0001 only."""
    engine = make_engine(database_url)
    upgrade(engine, "0001")
    yield engine
    engine.dispose()


def test_the_first_schema_is_revision_0001_and_the_code_has_newer_ones(at_0001):
    assert current_revision(at_0001) == "0001"
    assert head_revision() != "0001"
    with at_0001.connect() as conn:
        assert set(sa.inspect(conn).get_table_names()) >= {"events", "alembic_version"}
        assert "users" not in sa.inspect(conn).get_table_names()


def test_an_event_written_at_0001_survives_the_upgrade_and_the_application_reads_it(
        at_0001, database_url, first_release_rows):
    """Given a 0001 database holding a forum's events as 0001 stored them, when it is upgraded to the head,
    then the rows are byte for byte the same, the chain verifies, and the API shows the forum."""
    assert first_release_rows and first_release_rows[0]["type"] == "ForumEstablished"
    with at_0001.begin() as conn:
        columns = ", ".join(COLUMNS_0001)
        values = ", ".join(f":{c}" for c in COLUMNS_0001)
        conn.execute(sa.text(f"INSERT INTO events ({columns}) VALUES ({values})"), first_release_rows)
    head_before = verify(at_0001).head

    upgrade(at_0001)

    assert current_revision(at_0001) == head_revision()
    assert [{c: row[c] for c in COLUMNS_0001} for row in rows(at_0001)] == first_release_rows
    verification = verify(at_0001)
    assert verification.ok and verification.head == head_before
    upgrade(at_0001)  # safe to repeat
    assert current_revision(at_0001) == head_revision()

    services = bootstrap(database_url, clock=ManualClock())
    try:
        app = create_app(Config(DATABASE_URL=database_url, TESTING=True), services=services)
        forum_id = first_release_rows[0]["stream_id"]
        answer = app.test_client().get(f"/api/v1/forums/{forum_id}")
        assert answer.status_code == 200, answer.get_json()
        assert answer.get_json()["name"] == FORUM["name"]
    finally:
        services.engine.dispose()


@pytest.fixture
def at_0006(database_url):
    """A database (SQLite file, PostgreSQL schema) migrated to revision 0006, the last with `contribution_status`."""
    engine = make_engine(database_url)
    upgrade(engine, "0006")
    yield engine
    engine.dispose()


def checkpoints(engine: sa.Engine) -> dict[str, tuple[int, int]]:
    with engine.connect() as conn:
        return {name: (version, position) for name, version, position in conn.execute(
            sa.text("SELECT name, version, position FROM projection_checkpoints"))}


def tables_and_indexes(engine: sa.Engine) -> tuple[set[str], set[str]]:
    with engine.connect() as conn:
        inspector = sa.inspect(conn)
        names = set(inspector.get_table_names())
        return names, {i["name"] for table in names for i in inspector.get_indexes(table)}


def test_an_upgrade_from_0006_drops_the_retired_contribution_status_table_and_its_checkpoint(at_0006):
    """Given a 0006 database where `contribution_status` was built (its table, a row, its checkpoint) beside another
    read model's checkpoint, when it is upgraded to the head, then the table, its indexes and its checkpoint are gone
    and the other checkpoint is untouched; upgrading again changes nothing."""
    assert current_revision(at_0006) == "0006"
    with at_0006.begin() as conn:
        CONTRIBUTION_STATUS.metadata.create_all(conn)
        conn.execute(CONTRIBUTION_STATUS.insert().values(
            id="ctb_0000000000000000000001", forum_id="frm_0000000000000000000001",
            action_plan_id="pln_0000000000000000000001", status="received", received_on=date(2025, 5, 14),
            received_position=3))
        conn.execute(sa.text("INSERT INTO projection_checkpoints (name, version, position) VALUES "
                             "('contribution_status', 1, 3), ('forum_directory', 1, 1)"))
    tables, indexes = tables_and_indexes(at_0006)
    assert "contribution_status" in tables and "ix_contribution_status_forum" in indexes

    upgrade(at_0006)

    assert current_revision(at_0006) == head_revision()
    tables, indexes = tables_and_indexes(at_0006)
    assert "contribution_status" not in tables
    assert not {i for i in indexes if i.startswith("ix_contribution_status")}
    assert checkpoints(at_0006) == {"forum_directory": (1, 1)}
    upgrade(at_0006)  # safe to repeat
    assert current_revision(at_0006) == head_revision() and checkpoints(at_0006) == {"forum_directory": (1, 1)}


def test_an_upgrade_from_0006_where_contribution_status_was_never_built_succeeds(at_0006):
    """Read models are built on first use: a 0006 database may have neither the table nor the checkpoint."""
    upgrade(at_0006)
    assert current_revision(at_0006) == head_revision()
    assert "contribution_status" not in tables_and_indexes(at_0006)[0] and checkpoints(at_0006) == {}
