"""Backups: export to JSON Lines, import into an empty database, same log, same head."""
from __future__ import annotations

import io
import json

import pytest

from events import EventStore, ImportRefused, Metadata, export_events, import_events, make_engine, verify
from tests.events.toy_events import happened, registry
from tests.support.databases import fresh_database
from tracker.database import upgrade

ANA = Metadata(actor="ana@example.org", extra={"ip": "127.0.0.1"})


@pytest.fixture
def exported(engine, clock) -> str:
    store = EventStore(engine, registry, clock=clock)
    for i in range(30):
        clock.advance(minutes=1)
        store.append(f"thing-{i % 4}", [happened(f"ñandú «{i}» \u2028", i)], None, ANA, tenant_id=f"f{i % 4}")
    out = io.StringIO()
    head = export_events(engine, out)
    assert head == store.head()
    return out.getvalue()


@pytest.fixture(params=["sqlite", "postgresql"])
def target(request, tmp_path):
    """A second, empty database (crossing engines: SQLite to PostgreSQL and back)."""
    with fresh_database(request.param, tmp_path / "target") as url:
        eng = make_engine(url)
        upgrade(eng)
        yield eng
        eng.dispose()


def test_import_reproduces_the_log_and_its_head(engine, exported, target):
    head = import_events(target, io.StringIO(exported))
    assert head == verify(engine).head == verify(target).head
    assert list(EventStore(target, registry).read_all()) == list(EventStore(engine, registry).read_all())
    again = io.StringIO()
    export_events(target, again)
    assert again.getvalue() == exported


def test_postgresql_has_the_planners_statistics_of_an_imported_log(exported, target):
    """As after any restore: without them the planner read a large imported log as if it were empty."""
    import_events(target, io.StringIO(exported))
    if target.dialect.name != "postgresql":
        pytest.skip("SQLite plans without statistics")
    with target.connect() as conn:
        analyzed = conn.exec_driver_sql("SELECT relname FROM pg_stat_user_tables WHERE schemaname = current_schema() "
                                        "AND last_analyze IS NOT NULL").scalars().all()
    assert {"events", "person_keys"} <= set(analyzed)


def test_an_edited_file_is_refused_and_nothing_is_imported(exported, target):
    lines = exported.splitlines()
    row = json.loads(lines[10])
    row["data"]["count"] = 999
    lines[10] = json.dumps(row)
    with pytest.raises(ImportRefused, match="line 11"):
        import_events(target, io.StringIO("\n".join(lines)))
    assert verify(target).events == 0


def test_a_file_with_a_line_removed_is_refused(exported, target):
    lines = exported.splitlines()
    del lines[5]
    with pytest.raises(ImportRefused, match="missing"):
        import_events(target, io.StringIO("\n".join(lines)))
    assert verify(target).events == 0


def test_import_only_into_an_empty_log(engine, exported):
    with pytest.raises(ImportRefused, match="empty"):
        import_events(engine, io.StringIO(exported))


@pytest.mark.parametrize("content", ["", "not json\n", '{"format": "other"}\n',
                                     '{"format": "cocreation-tracker/events", "version": 1}\n{"x": 1}\n'])
def test_a_file_that_is_not_an_export_is_refused(target, content):
    with pytest.raises(ImportRefused):
        import_events(target, io.StringIO(content))
