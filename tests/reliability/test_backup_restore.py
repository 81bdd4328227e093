"""Backup and restore across engines: `tracker events export` of a live SQLite database while writes go on,
`tracker events import` into a fresh PostgreSQL schema, and back into a new SQLite file.

Given a realistic record (`tracker demo`) and a secretariat still writing into another forum, when the export runs
and is restored, then the restored log ends at the export's stated head and verifies against it, and every
answer a reader gets from the restored database (compliance, rosters with names and emails, read models) is the
one the source gave for the same events.
"""
from __future__ import annotations

import io
import json
import re
import threading
from datetime import date, timedelta
from pathlib import Path

import pytest
from flask import Flask
from sqlalchemy import text

from events import EventStore, Head, Metadata, NewEvent, export_events, import_events, integrity, make_engine, verify
from events.catalog import registry as catalog
from events.catalog.people import PersonForgotten
from tests.events.toy_events import WHEN, happened, registry
from tests.projections.test_read_models import tables
from tests.support.api import ApiClient
from tests.support.apps import app_on
from tests.support.builders import forum_body
from tests.support.cli import tracker
from tests.support.databases import fresh_database
from tracker import extension
from tracker.auth import service as auth
from tracker.database import upgrade
from tracker.demo import load
from tracker.published_heads import publish_head

HEAD = re.compile(r"(\d+) events, head (\d+):([0-9a-f]{64})")
DEMO_ADMIN = "admin@altomaranon.example"


def admin_client(app: Flask) -> ApiClient:
    """A client calling as the demo's admin, with a token made for it in that database."""
    services = extension.services(app)
    return ApiClient(app.test_client(), auth.create_token(services.engine, services.clock, DEMO_ADMIN))


def stated_head(output: str) -> tuple[int, str]:
    """The (position, hash) a `tracker events export|import` printed."""
    match = HEAD.search(output)
    assert match, output
    assert match.group(1) == match.group(2)
    return int(match.group(2)), match.group(3)


class Secretariat(threading.Thread):
    """Keeps writing into its own forum through the API (an organization joins, its representative is
    designated) until told to stop: the live traffic the export must cope with."""

    def __init__(self, app: Flask) -> None:
        super().__init__(daemon=True)
        self.api = admin_client(app)
        self.forum = self.api.post("/forums", forum_body(name="Foro de Jaén", member="Jaén, Peru"))["id"]
        self.commands = 0
        self.stop = threading.Event()
        self.failure: BaseException | None = None

    def run(self) -> None:
        try:
            while not self.stop.is_set():
                n = self.commands
                org = self.api.post(f"/forums/{self.forum}/organizations",
                                    {"name": f"Colectivo {n}", "sector": "civil_society", "joined_on": "2025-02-10"})
                self.api.post(f"/forums/{self.forum}/organizations/{org['id']}/representatives",
                              {"name": f"Persona {n}", "role": "primary", "designated_on": "2025-02-10",
                               "email": f"persona{n}@jaen.example"})
                self.commands += 2
        except BaseException as exc:  # reported by the test, never swallowed
            self.failure = exc

    def wait_for(self, commands: int) -> None:
        """Block until it has written at least `commands` more commands."""
        target = self.commands + commands
        while self.commands < target and self.failure is None and self.is_alive():
            self.stop.wait(0.02)


def compliance(api: ApiClient, plan: str, as_of: str) -> dict:
    """The plan's compliance answers, without the fields that depend on when and on what log they were asked
    (`known_at`, the log head the answers were computed from)."""
    body = api.get(f"/action-plans/{plan}/compliance?as_of={as_of}")
    return {k: v for k, v in body.items() if k not in ("known_at", "log")}


def rosters(api: ApiClient) -> dict[str, dict]:
    """Each forum (by id): its name, its organizations' names and its representatives' names and emails."""
    out = {}
    for forum in api.get("/forums"):
        orgs = {o["id"]: o["name"] for o in forum["organizations"]}
        out[forum["id"]] = {"name": forum["name"], "organizations": sorted(orgs.values()),
                            "representatives": sorted((orgs[r["organization_id"]], r["name"], r["email"])
                                                      for r in forum["representatives"])}
    return out


def read_models(app: Flask, *, without: str | None = None) -> dict[str, list[tuple]]:
    """Every read model table's rows (rebuilt first), leaving out rows that mention `without`."""
    projector = extension.services(app).projector
    for name in projector.names():
        projector.rebuild(name)
    return {name: [r for r in rows if without is None or not any(without in str(cell) for cell in r)]
            for name, rows in tables(projector).items()}


def restore(source_url: str, target_url: str, backup: Path) -> tuple[int, str]:
    """`tracker events export` from source and `tracker events import` on target, as the README's procedure
    says; the head both printed (asserted equal), the target verified against it, its admin made again."""
    exported = tracker(source_url, "events", "export", str(backup))
    assert exported.returncode == 0, exported.stderr
    head = stated_head(exported.stderr)
    imported = tracker(target_url, "events", "import", str(backup))
    assert imported.returncode == 0, imported.stderr
    assert stated_head(imported.stdout) == head
    with app_on(target_url) as restored:
        services = extension.services(restored)
        assert verify(services.engine, against=Head(*head)).ok
        with services.engine.connect() as conn:  # operational tables are not in the export
            assert conn.execute(text("SELECT count(*) FROM users")).scalar() == 0
            assert conn.execute(text("SELECT count(*) FROM published_heads")).scalar() == 0
        auth.create_user(services.engine, services.clock, DEMO_ADMIN, "admin")
    return head


def test_a_live_sqlite_log_restored_on_postgresql_and_back_answers_the_same(tmp_path):
    source = f"sqlite:///{tmp_path / 'live.db'}"
    as_of = (date.today() - timedelta(days=1)).isoformat()
    with fresh_database("postgresql", tmp_path) as postgres, app_on(source) as live:
        services = extension.services(live)
        upgrade(services.engine)
        demo = load(services)
        publish_head(services.engine, services.store, services.clock(), "ops", "before the backup")
        writer = Secretariat(live)
        writer.start()
        try:
            writer.wait_for(4)
            before = services.store.head().position
            head = restore(source, postgres, tmp_path / "live.jsonl")
            writer.wait_for(4)
        finally:
            writer.stop.set()
            writer.join(30)
        assert writer.failure is None, writer.failure
        after = services.store.head().position
        assert before < head[0] < after, "the export ran while the log grew"

        # The file is exactly the source's log up to the stated head, which ends at a whole command.
        now = io.StringIO()
        export_events(services.engine, now)
        backed_up = (tmp_path / "live.jsonl").read_text().splitlines()
        keys = [line for line in backed_up if line.startswith('{"person_key"')]
        assert now.getvalue().splitlines()[:head[0] + 1] == backed_up[:len(backed_up) - len(keys)]
        assert keys and backed_up[-len(keys):] == keys  # the person keys come after the events
        snapshot = [e.data for e in services.store.read_all(tenant_id=writer.forum, types=["RepresentativeDesignated"])
                    if e.position <= head[0]]  # opened with the live database's keys
        written = sorted((d["name"], d["email"]) for d in snapshot)

        live_api = admin_client(live)
        with app_on(postgres) as restored:
            restored_api = admin_client(restored)
            assert compliance(restored_api, demo.plan_id, as_of) == compliance(live_api, demo.plan_id, as_of)
            restored_rosters = rosters(restored_api)
            assert restored_rosters[demo.forum_id] == rosters(live_api)[demo.forum_id]  # untouched by the writer
            assert sorted(r[1:] for r in restored_rosters[writer.forum]["representatives"]) == written
            assert len(written) >= 2 and restored_rosters[writer.forum]["name"] == "Foro de Jaén"
            assert read_models(restored, without=writer.forum) == read_models(live, without=writer.forum)
            on_postgres = {"compliance": compliance(restored_api, demo.plan_id, as_of),
                           "rosters": restored_rosters, "read_models": read_models(restored)}

        # And back, from the (now quiet) PostgreSQL to a new SQLite file: everything equal, byte for byte.
        back = f"sqlite:///{tmp_path / 'back.db'}"
        assert restore(postgres, back, tmp_path / "postgres.jsonl") == head
        assert (tmp_path / "postgres.jsonl").read_bytes() == (tmp_path / "live.jsonl").read_bytes()
        with app_on(back) as again:
            api = admin_client(again)
            assert {"compliance": compliance(api, demo.plan_id, as_of), "rosters": rosters(api),
                    "read_models": read_models(again)} == on_postgres


def test_a_backup_whose_chain_was_tampered_with_is_refused_by_the_cli_and_nothing_is_imported(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'source.db'}")
    upgrade(engine)
    store = EventStore(engine, catalog)  # events the application reads: the command decodes every one
    for i in range(30):
        forgotten = PersonForgotten(f"rep_{i}", "2026-11-20", "request")
        store.append(f"forgotten-rep_{i}", [NewEvent(forgotten, WHEN)], None, Metadata(actor="ana@example.org"),
                     tenant_id="f")
    backup = tmp_path / "backup.jsonl"
    with backup.open("w", encoding="utf-8") as out:
        export_events(engine, out)
    lines = backup.read_text(encoding="utf-8").splitlines()
    row = json.loads(lines[20])
    row["recorded_by"] = "someone-else@example.org"  # who logged it, rewritten in the file
    lines[20] = json.dumps(row)
    backup.write_text("\n".join(lines) + "\n", encoding="utf-8")

    target = f"sqlite:///{tmp_path / 'target.db'}"
    refused = tracker(target, "events", "import", str(backup))
    assert refused.returncode == 1
    assert "import refused: line 21 (position 20)" in refused.stderr
    assert "intact: 0 events" in tracker(target, "events", "verify").stdout
    engine.dispose()


def test_a_backup_of_events_the_application_does_not_declare_is_refused_by_the_cli(tmp_path):
    """Its chain verifies, but `tracker db upgrade` and `tracker run` could not read it: refused at its first line."""
    engine = make_engine(f"sqlite:///{tmp_path / 'source.db'}")
    upgrade(engine)
    store = EventStore(engine, registry)  # the store's own toy types, unknown to the application
    for i in range(3):
        store.append(f"thing-{i}", [happened(str(i), i)], None, Metadata(actor="ana@example.org"), tenant_id="f")
    backup = tmp_path / "backup.jsonl"
    with backup.open("w", encoding="utf-8") as out:
        export_events(engine, out)
    engine.dispose()

    target = f"sqlite:///{tmp_path / 'target.db'}"
    refused = tracker(target, "events", "import", str(backup))
    assert refused.returncode == 1
    assert refused.stderr == ("import refused: line 2 (position 1): no event type named 'ThingHappened' is "
                              "declared\n")
    assert "intact: 0 events" in tracker(target, "events", "verify").stdout


@pytest.fixture
def small_pages(monkeypatch):
    """Pages of 7 rows, so an export of a few hundred events reads the log in many separate queries."""
    monkeypatch.setattr(integrity, "PAGE", 7)


def test_an_export_read_page_by_page_during_writes_ends_at_a_whole_command(engine, small_pages, tmp_path):
    """Each command appends three events in one transaction; the export, read in pages while commands commit,
    must hold whole commands only and verify: a prefix of the log as it stood at one moment."""
    store = EventStore(engine, registry)
    actor = Metadata(actor="writer@example.org")
    stop = threading.Event()
    commands = 0

    def write() -> None:
        nonlocal commands
        while not stop.is_set():
            events = [happened(f"{commands}.{k}", k) for k in range(3)]
            store.append(f"thing-{commands}", events, 0, actor, tenant_id="f")
            commands += 1

    for i in range(30):
        store.append(f"seed-{i}", [happened(f"seed.{k}", k) for k in range(3)], 0, actor, tenant_id="f")
    writer = threading.Thread(target=write, daemon=True)
    writer.start()
    try:
        while commands < 5:
            stop.wait(0.005)
        for _ in range(50):  # on a loaded machine the writer may not get a turn during one export: try again
            started = store.head().position
            out = io.StringIO()
            head = export_events(engine, out)
            if started < head.position:
                break
    finally:
        stop.set()
        writer.join(30)
    rows = [json.loads(line) for line in out.getvalue().splitlines()[1:]]
    assert head.position == len(rows) and head.position % 3 == 0
    assert started < head.position <= store.head().position, "the writer committed while the export read"
    streams: dict[str, int] = {}
    for row in rows:
        streams[row["stream_id"]] = streams.get(row["stream_id"], 0) + 1
    assert set(streams.values()) == {3}, "a command's events were split by the export"
    with fresh_database("sqlite", tmp_path / "target") as url:
        target = make_engine(url)
        upgrade(target)
        assert import_events(target, io.StringIO(out.getvalue())) == head == verify(target, against=head).head
        target.dispose()

