"""The `tracker` command line, run as a user runs it (in this process: tests/support/cli.py) on a real database."""
from __future__ import annotations

from datetime import UTC, datetime

import pytest

from events import EventStore, Metadata, NewEvent, make_engine
from events.catalog import registry
from events.catalog.people import PersonForgotten
from tests.events.tampering import tamper
from tests.support.cli import tracker


def test_db_upgrade_is_safe_to_repeat_and_an_empty_log_verifies(database_url):
    assert tracker(database_url, "db", "upgrade").returncode == 0
    assert tracker(database_url, "db", "upgrade").returncode == 0
    result = tracker(database_url, "events", "verify")
    assert result.returncode == 0, result.stderr
    assert "intact: 0 events, head 0:" + "0" * 64 in result.stdout


def test_verify_export_import_round_trip_and_tamper_detection(database_url, tmp_path):
    assert tracker(database_url, "db", "upgrade").returncode == 0
    engine = make_engine(database_url)
    store = EventStore(engine, registry)  # the application's own events: an import decodes every one
    for i in range(12):
        forgotten = NewEvent(PersonForgotten(f"rep_{i}", "2026-11-20", "request"), datetime(2026, 11, 20, tzinfo=UTC))
        store.append(f"forgotten-rep_{i}", [forgotten], None, Metadata(actor="cli-test"), tenant_id="f")
    head = store.head()

    ok = tracker(database_url, "events", "verify", "--against", f"{head.position}:{head.hash}")
    assert ok.returncode == 0 and f"intact: 12 events, head 12:{head.hash}" in ok.stdout

    backup = tmp_path / "backup.jsonl"
    assert tracker(database_url, "events", "export", str(backup)).returncode == 0
    fresh = f"sqlite:///{tmp_path / 'restored.db'}"
    restored = tracker(fresh, "events", "import", str(backup))
    assert restored.returncode == 0, restored.stderr
    assert f"head 12:{head.hash}" in restored.stdout
    assert tracker(fresh, "events", "import", str(backup)).returncode == 1  # not into a non-empty log

    tamper(engine, "UPDATE events SET data = replace(data, '7', '8') WHERE position = 8")
    broken = tracker(database_url, "events", "verify")
    assert broken.returncode != 0
    assert "first bad position: 8" in broken.stdout
    engine.dispose()


@pytest.mark.parametrize("against", ["12", "x:y", "3:abc"])
def test_a_malformed_published_head_is_a_usage_error(database_url, against):
    tracker(database_url, "db", "upgrade")
    result = tracker(database_url, "events", "verify", "--against", against)
    assert result.returncode == 2 and "POSITION:HASH" in result.stderr
