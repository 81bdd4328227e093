"""Backups: export to JSON Lines, import into an empty database, same log, same head."""
from __future__ import annotations

import contextlib
import io
import json

import pytest

from events import EventStore, ImportRefused, Metadata, export_events, import_events, make_engine, verify
from events.hashing import GENESIS_HASH, canonical_json
from events.integrity import row_hash
from events.schema import events_table
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
    head = import_events(target, io.StringIO(exported), registry=registry)
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


def forged(exported: str, index: int, **changes) -> str:
    """The export with line `index + 1` (index N: position N) changed and every hash recomputed from there on: a
    file whose chain verifies, as a careful forger would write it."""
    lines = exported.splitlines()
    previous = GENESIS_HASH
    for i in range(1, len(lines)):
        row = json.loads(lines[i])
        if "person_key" in row:
            break
        if i == index:
            row.update(changes)
        stored = {**row, "data": canonical_json(row["data"]), "metadata": canonical_json(row["metadata"])}
        with contextlib.suppress(TypeError):  # a value no hash takes (a null): refused before its hash is read
            row["hash"] = previous = row_hash(previous, stored)
        lines[i] = json.dumps(row)
    return "\n".join(lines) + "\n"


def column_length(name: str) -> int:
    length = events_table.c[name].type.length
    assert isinstance(length, int)
    return length


@pytest.mark.parametrize(("changes", "says"), [
    ({"type": "ThingVanished"}, "no event type named 'ThingVanished' is declared"),
    ({"schema_version": 7}, "ThingHappened version 7 is not known"),
    ({"data": {"nmae": "typo", "count": 1}}, "not the fields of ThingHappened version 1"),
    ({"data": {"count": 1}}, "not the fields of ThingHappened version 1"),
], ids=["unknown-type", "unknown-version", "unknown-field", "missing-field"])
def test_an_event_that_does_not_decode_is_refused_with_its_line_even_when_its_chain_holds(exported, target, changes,
                                                                                         says):
    """`tracker db upgrade` and `tracker run` read every event through the registry: an event none of its types
    reads would make them fail after the import, so the import refuses it."""
    with pytest.raises(ImportRefused, match=f"^line 13 \\(position 12\\): .*{says}"):
        import_events(target, io.StringIO(forged(exported, 12, **changes)), registry=registry)
    assert verify(target).events == 0


@pytest.mark.parametrize("column", ["correlation_id", "event_id", "stream_id", "tenant_id", "type", "recorded_by"])
def test_a_value_longer_than_its_column_is_refused_on_both_engines(exported, target, column):
    """SQLite stores a string of any length in a VARCHAR(36); PostgreSQL refuses it: the import refuses it on both,
    the column's length read from events/schema.py."""
    limit = column_length(column)
    with pytest.raises(ImportRefused, match=f"^line 9: its {column} is {limit + 1} characters long; "
                                            f"the column holds at most {limit}$"):
        import_events(target, io.StringIO(forged(exported, 8, **{column: "x" * (limit + 1)})), registry=registry)
    assert verify(target).events == 0


@pytest.mark.parametrize(("changes", "says"), [
    ({"stream_version": 2**31}, "its stream_version 2147483648 is out of the column's range"),
    ({"stream_version": "1"}, "its stream_version is not an integer"),
    ({"recorded_by": None}, "its recorded_by is null"),
    ({"recorded_by": "ana\x00"}, "its recorded_by holds a NUL character"),
    ({"data": ["not", "an", "object"]}, "its data is not a JSON object"),
])
def test_a_value_its_column_cannot_hold_is_refused_with_its_line(exported, target, changes, says):
    with pytest.raises(ImportRefused, match=f"^line 9: {says}"):
        import_events(target, io.StringIO(forged(exported, 8, **changes)), registry=registry)
    assert verify(target).events == 0


def test_a_stream_version_out_of_order_is_refused_with_its_line(exported, target):
    """Two events at the same version of a stream would fail the insert; a gap would read as a missing event."""
    with pytest.raises(ImportRefused, match="^line 11 \\(position 10\\): stream 'thing-1' version 5 follows its "
                                            "version 2$"):
        import_events(target, io.StringIO(forged(exported, 10, stream_version=5)), registry=registry)
    assert verify(target).events == 0


def test_an_event_after_the_person_keys_is_refused(exported, target):
    lines = exported.splitlines()
    key = json.dumps({"person_key": {"person_id": "p-1", "tenant_id": "f0", "wrapped_key": "c2VhbGVk",
                                     "created_at": "2026-02-01T15:30:00.000000+00:00", "forgotten_at": None}})
    lines.insert(len(lines) - 1, key)
    with pytest.raises(ImportRefused, match=f"^line {len(lines)}: an event after the person keys"):
        import_events(target, io.StringIO("\n".join(lines)), registry=registry)
    assert verify(target).events == 0
