"""The backup carries the person keys, wrapped by the master key: restored elsewhere it reads the same names;
a person forgotten before the backup stays forgotten after the restore; without the master key nothing opens."""
from __future__ import annotations

import io

import pytest

from events import ImportRefused, export_events, import_events, make_engine
from events.personal import FORGOTTEN, Keyring, decode_master_key, new_master_key
from tests.api.test_personal_data import MINOR, record  # noqa: F401  (the fixture)
from tests.support.builders_contributions import RESIDENT_EMAIL, RESIDENT_NAME
from tests.support.databases import fresh_database
from tracker.bootstrap import bootstrap
from tracker.database import upgrade
from tracker.people.forget import forget
from tracker.read_models.records import record as read_record

#: The engine matters here: every test runs on SQLite and PostgreSQL.
pytestmark = pytest.mark.both_engines


def other_engine(database_url: str) -> str:
    return "postgresql" if database_url.startswith("sqlite") else "sqlite"


def backup(app) -> str:
    out = io.StringIO()
    export_events(app.extensions["tracker"].engine, out)
    return out.getvalue()


def restore(text: str, url: str, keyring: Keyring):
    services = bootstrap(url, keyring=keyring)
    upgrade(services.engine)
    import_events(services.engine, io.StringIO(text), keyring)
    services.projector.catch_up()
    return services


def test_a_restore_on_the_other_engine_reads_the_same_people_and_the_forgotten_stay_forgotten(
        app, clock, record, database_url, tmp_path):  # noqa: F811
    c, minor, public, *_ = record
    source = app.extensions["tracker"]
    forget(source, minor, reason="request", actor="admin", now=clock())
    text = backup(app)
    assert MINOR not in text and RESIDENT_NAME not in text and RESIDENT_EMAIL not in text
    assert '"person_key"' in text

    with fresh_database(other_engine(database_url), tmp_path) as url:
        restored = restore(text, url, source.store.keyring)
        try:
            assert restored.store.head() == source.store.head()
            contribution, _ = read_record(restored.projector, "contribution", public)
            assert (contribution.author["name"], contribution.author["email"]) == (RESIDENT_NAME, RESIDENT_EMAIL)
            forum, _ = read_record(restored.projector, "forum", c.forum)
            assert forum.representatives[minor].name == FORGOTTEN and forum.representatives[minor].email is None
            assert forum.representatives[c.ana].name == "Ana Quispe"
            assert restored.store.person(minor).forgotten_at is not None
        finally:
            restored.engine.dispose()


def test_a_backup_does_not_open_with_another_master_key(app, record, database_url, tmp_path):  # noqa: F811
    text = backup(app)
    stranger = Keyring(decode_master_key(new_master_key()))
    with fresh_database(other_engine(database_url), tmp_path) as url:
        engine = make_engine(url)
        upgrade(engine)
        with pytest.raises(ImportRefused, match="TRACKER_MASTER_KEY"):
            import_events(engine, io.StringIO(text), stranger)
        with engine.connect() as conn:
            assert conn.exec_driver_sql("SELECT count(*) FROM events").scalar() == 0  # nothing written
        engine.dispose()
