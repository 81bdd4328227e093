"""kill -9 of the server in the middle of a write load, then a restart: the log verifies, no command is
half-written, every answered write is there, and the read models catch up to equal a rebuild.

Given a forum in co-creation and a `tracker run` process on it (a SQLite file, and PostgreSQL), when a client
thread writes as fast as the server answers (contributions received, answered, sessions scheduled) and the server
is killed with SIGKILL mid-load three times and restarted each time, then every 201 answer's event is in the log,
each request without an answer (cut off by the kill) left either its whole command or nothing, every stream's
versions run 1..n without a gap, the chain verifies and, after the last restart, the read models equal a rebuild.
"""
from __future__ import annotations

import threading
import time
from collections import Counter, defaultdict

from tests.projections.test_read_models import rebuilt, tables
from tests.reliability.servers import Client, Server, verify_with_cli
from tests.support.builders_contributions import cocreation, representative, resident, response_body

CRASHES = 3
LOAD_SECONDS = (1.2, 0.7, 1.6)  # how long each round writes before the kill: varied, so kills land anywhere


def write_until(stop: threading.Event, client: Client, base: str, c) -> None:
    """Contributions, a response to each accepted one, and sessions, one after another until `stop`."""
    n = len(client.answers)
    while not stop.is_set():
        n += 1
        author = representative(c.ana) if n % 2 else resident(name=f"Vecina {n}")
        got = client.post(base, f"/action-plans/{c.plan}/contributions",
                          {"text": f"Aporte {n}", "received_on": "2025-05-12", "channel": "web_form",
                           "author": author}, "contribution", timeout=30)
        if got.status == 201 and not stop.is_set():
            client.post(base, f"/contributions/{got.body['id']}/response", response_body(), "response", timeout=30)
        if n % 3 == 0 and not stop.is_set():
            client.post(base, f"/forums/{c.forum}/sessions",
                        {"title": f"Sesión {n}", "kind": "forum_session",
                         "scheduled_at": "2025-06-10T15:00:00-05:00", "venue": "Sede", "modality": "in_person"},
                        "session", timeout=30)


def test_killing_the_server_mid_load_loses_no_answered_write_and_half_writes_nothing(api, app, tokens,
                                                                                       database_url, tmp_path):
    c = cocreation(api)
    store, projector = app.extensions["tracker"].store, app.extensions["tracker"].projector
    before = store.head().position
    client = Client(tokens.admin)
    server = Server(database_url, tmp_path)
    for seconds in LOAD_SECONDS[:CRASHES]:
        server.start()
        stop = threading.Event()
        writer = threading.Thread(target=write_until, args=(stop, client, server.url, c))
        writer.start()
        time.sleep(seconds)
        server.kill()  # SIGKILL while requests are in flight
        stop.set()
        writer.join(timeout=60)
        assert not writer.is_alive()
    server.start()  # the last restart: it catches the read models up before it serves
    server.stop()

    answers = client.answers
    statuses = Counter(a.status for a in answers)
    assert set(statuses) <= {201, None}, [(a.kind, a.status, a.body) for a in answers if a.status not in (201, None)]
    appended = list(store.read_all(after=before))
    by_correlation = defaultdict(list)
    for event in appended:
        by_correlation[event.correlation_id].append(event.position)
    sent = {a.correlation_id for a in answers}
    assert set(by_correlation) <= sent, "events no request asked for"
    for a in answers:
        if a.status == 201:  # answered: its event is there, exactly once
            assert by_correlation[a.correlation_id] == a.body["positions"], a
        else:  # cut off by the kill: the whole command (one event per API command) or nothing
            assert len(by_correlation[a.correlation_id]) in (0, 1), a
    unanswered_but_kept = sum(1 for a in answers if a.status is None and by_correlation[a.correlation_id])
    versions = defaultdict(list)
    for event in store.read_all():
        versions[event.stream_id].append(event.stream_version)
    assert all(v == list(range(1, len(v) + 1)) for v in versions.values()), "a stream with a gap"
    print(f"\ncrash recovery on {database_url.split(':')[0]}: {CRASHES} kill -9, sent {len(answers)}, "
          f"accepted {statuses[201]}, no answer {statuses[None]} (of which committed {unanswered_but_kept}), "
          f"records lost 0")
    assert statuses[201] >= 5 * CRASHES  # the load did run between the kills

    verified = verify_with_cli(database_url)
    assert verified.returncode == 0, verified.stdout + verified.stderr
    assert "read models are up to date" in server.log()
    assert tables(projector) == rebuilt(projector)
