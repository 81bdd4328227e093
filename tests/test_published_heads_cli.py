"""`tracker events publish-head`, `tracker events heads` and `tracker events verify --published`, run as a user
runs them: real processes on a real database."""
from __future__ import annotations

from datetime import UTC, datetime

from events import EventStore, Metadata
from tests.events.test_published_heads import rewrite_history
from tests.events.toy_events import happened, registry
from tests.support.cli import tracker
from tracker.published_heads import list_heads, publish_head

JANUARY = datetime(2026, 1, 10, 14, 0, tzinfo=UTC)


def append(store: EventStore, n: int) -> None:
    for i in range(n):
        store.append(f"thing-{i % 3}", [happened(f"t{i}", i)], None, Metadata(actor="cli-test"), tenant_id="f")


def test_publish_head_records_the_head_and_verify_published_checks_the_log_against_every_one(engine, database_url):
    store = EventStore(engine, registry)
    append(store, 4)
    january = publish_head(engine, store, JANUARY, "secretaria@example.org", "minutes of session 3")
    append(store, 6)
    head = store.head()

    published = tracker(database_url, "events", "publish-head", "--note", "forum website", "--by", "ana")
    assert published.returncode == 0, published.stderr
    lines = published.stdout.splitlines()
    assert lines[0].startswith(f"published head 10:{head.hash} at ")
    assert "in the next session's minutes, on the forum's website, or by email" in lines[1]
    assert lines[2].strip() == f"tracker events verify --against 10:{head.hash}"

    listed = tracker(database_url, "events", "heads")
    assert listed.returncode == 0, listed.stderr
    newest, oldest = listed.stdout.splitlines()
    assert f"  10:{head.hash}  ana  forum website" in newest
    assert oldest == f"2026-01-10T14:00:00+00:00  4:{january.hash}  secretaria@example.org  minutes of session 3"
    assert [h.position for h in list_heads(engine)] == [10, 4]

    intact = tracker(database_url, "events", "verify", "--published")
    assert intact.returncode == 0, intact.stderr
    assert "the log still hashes to every published head (2)" in intact.stdout

    rewrite_history(engine, 3)  # consistently: the chain alone still verifies
    broken = tracker(database_url, "events", "verify", "--published")
    assert broken.returncode == 1
    assert "rewritten at or before position: 4" in broken.stdout
    assert f"not to the published {january.hash}" in broken.stderr


def test_heads_says_when_none_was_published_and_asks_for_the_schema_first(engine, database_url, tmp_path):
    none = tracker(database_url, "events", "heads")
    assert none.returncode == 0 and "no head has been published yet" in none.stdout

    never_upgraded = tracker(f"sqlite:///{tmp_path / 'empty.db'}", "events", "publish-head")
    assert never_upgraded.returncode == 1 and "tracker db upgrade" in never_upgraded.stderr
