"""Read benchmark: the time of the API's listings on a forum with many sessions and a plan with many contributions.

    python bench/reads.py [--sessions 200] [--contributions 500] [--repeat 30] [--postgres URL]

Builds the record through the API itself (a forum, two organizations, a plan, SESSIONS sessions scheduled in
shuffled order, CONTRIBUTIONS contributions received over shuffled days, every third one considered and
answered) on a fresh SQLite file, then times `GET /forums/{id}/sessions` and `GET /action-plans/{id}/contributions`
REPEAT times each (after one warm-up call) and prints the median and 90th percentile in milliseconds.
With --postgres (or TRACKER_TEST_POSTGRES_URL set) the same runs on PostgreSQL in a scratch schema.
"""
from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import create_engine, text

from config import Config
from events import normalize_url
from tracker import create_app
from tracker.auth import service as auth
from tracker.bootstrap import bootstrap
from tracker.database import upgrade

NOW = datetime(2026, 11, 20, 15, 0, tzinfo=UTC)


class Client:
    """The API as an admin calls it, every answer's status checked."""

    def __init__(self, app, token: str) -> None:
        self.http, self.headers = app.test_client(), {"Authorization": f"Bearer {token}"}

    def post(self, path: str, body: dict) -> str:
        response = self.http.post("/api/v1" + path, json=body, headers=self.headers)
        assert response.status_code == 201, (path, response.status_code, response.get_json())
        return response.get_json()["id"]

    def get(self, path: str) -> list:
        response = self.http.get("/api/v1" + path, headers=self.headers)
        assert response.status_code == 200, (path, response.status_code)
        return response.get_json()


def build_record(api: Client, sessions: int, contributions: int) -> tuple[str, str]:
    """A forum with `sessions` sessions and a plan with `contributions` contributions; their ids."""
    rng = random.Random(7)
    forum = api.post("/forums", {
        "name": "Foro Multiactor de Gobierno Abierto de Cajamarca", "member": "Cajamarca, Peru",
        "established_on": "2025-02-10", "timezone": "America/Lima", "language": "es",
        "meeting_rule": {"frequency": "monthly", "reminder_days_before": 3}})
    gore = api.post(f"/forums/{forum}/organizations",
                    {"name": "Gobierno Regional de Cajamarca", "sector": "government", "joined_on": "2025-02-10"})
    rep = api.post(f"/forums/{forum}/organizations/{gore}/representatives",
                   {"name": "Ana Quispe", "role": "primary", "designated_on": "2025-02-10"})
    plan = api.post(f"/forums/{forum}/action-plans", {
        "title": "Plan de Acción 2026-2027", "period_start": "2026-01-01", "period_end": "2027-12-31",
        "cocreation_starts_on": "2025-03-01", "cocreation_ends_on": "2026-10-30"})
    starts = datetime(2025, 3, 3, 20, 0, tzinfo=UTC)
    for k in rng.sample(range(sessions), sessions):
        api.post(f"/forums/{forum}/sessions", {
            "title": f"Sesión {k + 1}", "kind": "forum_session", "venue": "Sede del Gobierno Regional",
            "modality": "in_person", "scheduled_at": (starts + timedelta(days=2 * k)).isoformat()})
    for k in range(contributions):
        received = date(2025, 3, 3) + timedelta(days=rng.randrange(500))
        author = ({"representative_id": rep} if k % 2 else
                  {"name": f"Vecino {k}", "sector": "civil_society", "email": f"vecino{k}@example.pe"})
        ctb = api.post(f"/action-plans/{plan}/contributions", {
            "text": f"Propuesta {k}: publicar la ejecución del presupuesto participativo por distrito.",
            "received_on": received.isoformat(), "channel": "web_form", "author": author})
        if k % 3 == 0:
            api.post(f"/contributions/{ctb}/consideration", {"considered_on": received.isoformat()})
            api.post(f"/contributions/{ctb}/response", {
                "decision": "accepted", "reasoning": "Se incorpora al compromiso 2.",
                "responded_on": received.isoformat()})
    return forum, plan


def timed(api: Client, path: str, repeat: int, expect: int) -> tuple[float, float]:
    """Median and 90th percentile milliseconds of GET `path` (one warm-up call first)."""
    assert len(api.get(path)) == expect
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        api.get(path)
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples), statistics.quantiles(samples, n=10)[-1]


def run(label: str, url: str, sessions: int, contributions: int, repeat: int) -> dict[str, object]:
    services = bootstrap(url, clock=lambda: NOW, sqlite_synchronous="NORMAL")
    upgrade(services.engine)
    app = create_app(Config(DATABASE_URL=url), services=services)
    auth.create_user(services.engine, services.clock, "admin@example.org", "admin", [], None)
    api = Client(app, auth.create_token(services.engine, services.clock, "admin@example.org"))
    start = time.perf_counter()
    forum, plan = build_record(api, sessions, contributions)
    built = time.perf_counter() - start
    result = {"engine": label, "events": services.store.head().position, "built_s": built,
              "sessions": timed(api, f"/forums/{forum}/sessions", repeat, sessions),
              "contributions": timed(api, f"/action-plans/{plan}/contributions", repeat, contributions)}
    services.engine.dispose()
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sessions", type=int, default=200)
    parser.add_argument("--contributions", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--postgres", default=os.environ.get("TRACKER_TEST_POSTGRES_URL"))
    args = parser.parse_args()
    sizes = (args.sessions, args.contributions, args.repeat)

    results = []
    with tempfile.TemporaryDirectory() as tmp:
        results.append(run("SQLite WAL", f"sqlite:///{tmp}/bench.db", *sizes))
    if args.postgres:
        base = normalize_url(args.postgres)
        schema = f"bench_{uuid.uuid4().hex[:8]}"
        admin = create_engine(base, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text(f"CREATE SCHEMA {schema}"))
        try:
            sep = "&" if "?" in base else "?"
            results.append(run("PostgreSQL", f"{base}{sep}options={quote(f'-csearch_path={schema}')}", *sizes))
        finally:
            with admin.connect() as conn:
                conn.execute(text(f"DROP SCHEMA {schema} CASCADE"))
            admin.dispose()

    print(f"\n{args.sessions} sessions, {args.contributions} contributions; {args.repeat} calls each (ms)")
    print(f"{'engine':<12} {'events':>7} {'built in':>9} {'sessions p50':>13} {'p90':>8} "
          f"{'contributions p50':>18} {'p90':>8}")
    for r in results:
        (s50, s90), (c50, c90) = r["sessions"], r["contributions"]
        print(f"{r['engine']:<12} {r['events']:>7} {r['built_s']:>8.1f}s {s50:>13.1f} {s90:>8.1f} "
              f"{c50:>18.1f} {c90:>8.1f}")


if __name__ == "__main__":
    main()
