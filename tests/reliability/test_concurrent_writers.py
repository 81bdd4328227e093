"""Several server processes writing to one forum at once on PostgreSQL: every accepted command is in the log exactly
once, every refused one is a 409 or 412 (never a 5xx), the chain verifies and the read models equal a rebuild.

Given a forum in co-creation, three `tracker run` processes on loopback (each its own process and connection pool)
on the same PostgreSQL database, when eight client threads send a bounded load of writes to that one forum
(contributions received, sessions scheduled, the same contribution answered twice at once, considerations racing
on the same fresh If-Match, and writes with a stale If-Match), then the log holds exactly the events of the 201
answers, each once, and nothing else.
"""
from __future__ import annotations

import queue
import threading
import time
from collections import Counter

import pytest

from tests.projections.test_read_models import rebuilt, tables
from tests.reliability.servers import Answer, Client, Server, verify_with_cli
from tests.support.builders_contributions import (
    cocreation,
    consider,
    contribute,
    representative,
    resident,
    response_body,
)

SERVERS = 3
THREADS = 8
CONTRIBUTIONS = 120
SESSIONS = 40
ANSWERED_TWICE = 25  # contributions whose response is sent twice at the same time: one 201, one 409
IF_MATCH_RACES = 20  # considerations sent twice with the same fresh If-Match: one 201, one 409 or 412
STALE_TARGETS, STALE = 5, 30  # responses sent with an If-Match the record has moved past (6 per target): 412


def _tasks(c, fresh, raced, stale_tags) -> list[tuple]:
    """The load, as (kind, path, body, key, headers), interleaved so that each conflicting pair is adjacent
    (taken by two threads at about the same time, and sent to two different servers)."""
    singles: list[tuple] = []
    for i in range(CONTRIBUTIONS):
        author = representative(c.ana if i % 2 else c.luis) if i % 3 else resident(name=f"Vecina {i}")
        singles.append(("contribution", f"/action-plans/{c.plan}/contributions",
                        {"text": f"Aporte {i}: publicar la ejecución presupuestal por distrito.",
                         "received_on": "2025-05-12", "channel": "web_form", "author": author}, "", None))
    for i in range(SESSIONS):
        singles.append(("session", f"/forums/{c.forum}/sessions",
                        {"title": f"Sesión ordinaria {i}", "kind": "forum_session",
                         "scheduled_at": f"2025-{6 + i % 6:02d}-{1 + i % 28:02d}T15:00:00-05:00",
                         "venue": "Sede del Gobierno Regional", "modality": "in_person"}, "", None))
    for n in range(STALE):
        ctb, tag = stale_tags[n % len(stale_tags)]
        singles.append(("stale", f"/contributions/{ctb}/response", response_body(), ctb, {"If-Match": tag}))
    pairs: list[tuple] = []
    for ctb in fresh:
        pairs += [("answered_twice", f"/contributions/{ctb}/response", response_body(), ctb, None)] * 2
    for ctb, tag in raced:
        pairs += [("if_match_race", f"/contributions/{ctb}/consideration", {"considered_on": "2025-05-20"}, ctb,
                   {"If-Match": tag})] * 2
    tasks, step = [], max(1, len(singles) // (len(pairs) // 2 + 1))
    for n in range(0, len(pairs), 2):
        tasks += singles[:step] + pairs[n:n + 2]
        singles = singles[step:]
    return tasks + singles


@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
def test_three_servers_writing_to_one_forum_lose_nothing_and_duplicate_nothing(api, app, tokens, database_url,
                                                                                tmp_path):
    c = cocreation(api)
    fresh = [contribute(api, c.plan, resident(name=f"Autor {i}")) for i in range(ANSWERED_TWICE)]
    raced = []
    for i in range(IF_MATCH_RACES):
        ctb = contribute(api, c.plan, resident(name=f"Vecino {i}"))
        raced.append((ctb, api.call("GET", f"/contributions/{ctb}").headers["ETag"]))
    stale_tags = []
    for i in range(STALE_TARGETS):
        ctb = contribute(api, c.plan, resident(name=f"Lectora {i}"))
        stale_tags.append((ctb, api.call("GET", f"/contributions/{ctb}").headers["ETag"]))
        consider(api, ctb)  # the record moves on after the tag was read
    store, projector = app.extensions["tracker"].store, app.extensions["tracker"].projector
    before = store.head().position
    tasks = _tasks(c, fresh, raced, stale_tags)

    servers = [Server(database_url, tmp_path).launch() for _ in range(SERVERS)]
    try:
        for server in servers:
            server.ready()
        work: queue.Queue = queue.Queue()
        for n, task in enumerate(tasks):
            work.put((servers[n % SERVERS].url, task))
        clients = [Client(tokens.admin) for _ in range(THREADS)]

        def drain(client: Client) -> None:
            while True:
                try:
                    base, (kind, path, body, key, headers) = work.get_nowait()
                except queue.Empty:
                    return
                client.post(base, path, body, kind, key=key, headers=headers)

        threads = [threading.Thread(target=drain, args=(client,)) for client in clients]
        started = time.monotonic()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=300)
        assert not any(thread.is_alive() for thread in threads), "the load did not finish in 5 minutes"
        elapsed = time.monotonic() - started
    finally:
        for server in servers:
            server.stop()
    answers: list[Answer] = [a for client in clients for a in client.answers]

    by_status = Counter(a.status for a in answers)
    print(f"\nconcurrent writers on PostgreSQL: {SERVERS} servers, {THREADS} threads, sent {len(answers)}, "
          f"accepted {by_status[201]}, rejected {dict((s, n) for s, n in by_status.items() if s != 201)}, "
          f"in {elapsed:.1f} s")
    assert len(answers) == len(tasks)
    assert set(by_status) <= {201, 409, 412}, [(a.kind, a.status, a.body) for a in answers
                                                if a.status not in (201, 409, 412)]
    kinds = Counter((a.kind, a.status) for a in answers)
    assert kinds[("contribution", 201)] == CONTRIBUTIONS and kinds[("session", 201)] == SESSIONS
    assert kinds[("stale", 412)] == STALE
    for kind in ("answered_twice", "if_match_race"):
        pairs: dict[str, list[int | None]] = {}
        for a in answers:
            if a.kind == kind:
                pairs.setdefault(a.key, []).append(a.status)
        allowed = [[201, 409]] if kind == "answered_twice" else [[201, 409], [201, 412]]
        assert all(sorted(statuses) in allowed for statuses in pairs.values()), (kind, pairs)

    # Every 201's events are in the log exactly once, under its correlation id; nothing else was appended.
    appended = list(store.read_all(after=before))
    accepted = {a.correlation_id: a.body["positions"] for a in answers if a.status == 201}
    assert sorted(p for positions in accepted.values() for p in positions) == [e.position for e in appended]
    assert all(e.correlation_id in accepted and e.position in accepted[e.correlation_id] for e in appended)
    assert Counter(e.correlation_id for e in appended) == Counter(
        {cid: len(positions) for cid, positions in accepted.items()})

    verified = verify_with_cli(database_url)
    assert verified.returncode == 0, verified.stdout + verified.stderr
    as_left = tables(projector)  # what the servers' catch-ups left, before anything else touches them
    assert as_left == rebuilt(projector)
