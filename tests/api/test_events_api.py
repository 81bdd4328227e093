"""The event log over the API: /events page by page, for whom, and /events/verification for anyone."""
from __future__ import annotations

from types import SimpleNamespace

import pytest

from tests.events.tampering import tamper
from tests.support.builders import new_forum
from tests.support.builders_contributions import (
    cocreation,
    communicate,
    consider,
    contribute,
    representative,
    resident,
    respond,
)

#: The engine matters here: every test runs on SQLite and PostgreSQL.
pytestmark = pytest.mark.both_engines

FIELDS = {"position", "stream_id", "type", "occurred_at", "recorded_at", "recorded_by", "data"}


@pytest.fixture
def record(api, app):
    """Two forums: Cajamarca in co-creation with contributions at every stage, and a second forum in Jaén."""
    c = cocreation(api)
    answered = contribute(api, c.plan, representative(c.luis))
    consider(api, answered)
    respond(api, answered)
    communicate(api, answered)
    public = contribute(api, c.plan, resident(), received_on="2025-05-14")
    jaen = new_forum(api, name="Foro de Gobierno Abierto de Jaén", member="Jaén, Peru")
    store = app.extensions["tracker"].store
    return SimpleNamespace(c=c, answered=answered, public=public, jaen=jaen, store=store,
                           head=store.head().position)


def read_to_the_end(api, query: str = "", limit: int = 100) -> list[dict]:
    """Every event the caller may read, following next_after page by page."""
    events, after = [], 0
    while after is not None:
        page = api.get(f"/events?after={after}&limit={limit}{query}")
        assert len(page["events"]) <= limit
        events += page["events"]
        after = page["next_after"]
        if after is not None:
            assert len(page["events"]) == limit and after == page["events"][-1]["position"]
    return events


def test_does_an_admin_read_the_whole_log_in_order_page_by_page(api, record):
    events = read_to_the_end(api, limit=7)
    assert [e["position"] for e in events] == list(range(1, record.head + 1))
    assert all(set(e) >= FIELDS for e in events)
    stored = list(record.store.read_all())
    assert [(e["stream_id"], e["type"], e["data"], e["recorded_by"]) for e in events] == [
        (s.stream_id, s.type, s.data, s.recorded_by) for s in stored]
    assert events[0]["type"] == "ForumEstablished" and events[0]["occurred_at"].startswith("2025-02-10T05:00:00")
    assert events[0]["recorded_at"].startswith("2026-11-20T15:00:00")


def test_is_next_after_null_when_the_page_is_not_full_and_the_last_position_when_it_is(api, record):
    whole = api.get("/events")  # limit 100 by default; the record is shorter
    assert len(whole["events"]) == record.head < 100 and whole["next_after"] is None
    full = api.get(f"/events?limit={record.head}")
    assert full["next_after"] == record.head
    assert api.get(f"/events?after={record.head}") == {"events": [], "next_after": None}
    assert len(api.get("/events?limit=1000")["events"]) == record.head


@pytest.mark.parametrize("query, field", [
    ("limit=1001", "limit"), ("limit=0", "limit"), ("limit=-1", "limit"), ("limit=ten", "limit"),
    ("limit=1.5", "limit"), ("limit=", "limit"), ("after=-1", "after"), ("after=1.5", "after"),
    ("after=99999999999999999999", "after"), ("type=NoSuchEvent", "type"), ("stream=" + "x" * 201, "stream"),
])
def test_is_a_bad_limit_position_or_filter_a_422_in_json(api, record, query, field):
    response = api.call("GET", f"/events?{query}")
    assert response.status_code == 422, response.get_json()
    body = response.get_json()
    assert set(body) == {"code", "status", "message", "errors"}
    assert [key.split(".")[0] for key in body["errors"]] == [field]


def test_do_the_stream_type_and_forum_filters_keep_only_their_events(api, record):
    trail = read_to_the_end(api, f"&stream={record.answered}")
    assert [e["type"] for e in trail] == ["ContributionReceived", "ContributionConsidered",
                                          "ContributionResponded", "ResponseCommunicated"]
    received = read_to_the_end(api, "&type=ContributionReceived&type=ForumEstablished")
    assert [e["type"] for e in received] == ["ForumEstablished", "ContributionReceived", "ContributionReceived",
                                             "ForumEstablished"]
    jaen = read_to_the_end(api, f"&tenant={record.jaen}")
    assert [(e["stream_id"], e["type"]) for e in jaen] == [(record.jaen, "ForumEstablished")]
    assert read_to_the_end(api, f"&tenant={record.jaen}&stream={record.answered}") == []


def test_is_an_unknown_forum_a_404_and_a_resource_id_no_forum(api, record):
    assert api.call("GET", "/events?tenant=frm_nosuchforum").status_code == 404
    assert api.call("GET", f"/events?tenant={record.answered}").status_code == 404


def test_is_the_log_closed_to_anonymous_callers_even_with_a_bad_query(api, record):
    for query in ("", "?limit=5000", f"?tenant={record.jaen}"):
        response = api.as_(None).call("GET", "/events" + query)
        assert response.status_code == 401 and response.headers["WWW-Authenticate"].startswith("Bearer")


def test_does_each_reader_see_only_the_forums_it_may_read_in_full(api, tokens, record):
    cajamarca = record.c.forum
    everyone = read_to_the_end(api.as_(tokens.evaluator))
    assert len(everyone) == record.head

    granted = read_to_the_end(api.as_(tokens.make("ivonne@ogp.example", "evaluator", (record.jaen,))))
    assert {e["stream_id"] for e in granted} == {record.jaen}

    secretariat = api.as_(tokens.make("secretaria@cajamarca.gob.pe", "secretariat", (cajamarca,)))
    own = read_to_the_end(secretariat, limit=5)
    assert len(own) == record.head - 1 and record.jaen not in {e["stream_id"] for e in own}
    assert [e["position"] for e in own] == sorted(e["position"] for e in own)
    assert secretariat.call("GET", f"/events?tenant={record.jaen}").status_code == 403
    assert read_to_the_end(secretariat, f"&stream={record.jaen}") == []

    both = api.as_(tokens.make("both@ogp.example", "secretariat", (cajamarca, record.jaen)))
    assert [e["position"] for e in read_to_the_end(both, limit=4)] == list(range(1, record.head + 1))
    assert read_to_the_end(api.as_(tokens.make("nadie@example.org", "secretariat"))) == []


def test_may_anyone_verify_the_chain_and_is_a_tampered_event_named(api, app, record):
    head = record.store.head()
    public = api.as_(None)
    first = public.get("/events/verification")
    assert first == {
        "ok": True, "events": head.position, "head": head.hash, "head_position": head.position,
        "first_bad_position": None, "reason": None, "verified_since": 0, "hashed": head.position,
        "full_check_at": first["full_check_at"]}
    assert public.get(f"/events/verification?against={head.position}:{head.hash}")["ok"] is True
    rewritten = public.get(f"/events/verification?against=3:{'f' * 64}")
    assert rewritten["ok"] is False and rewritten["first_bad_position"] == 3
    assert public.call("GET", "/events/verification?against=3:abc").status_code == 422

    tamper(app.extensions["tracker"].engine, "UPDATE events SET recorded_by = 'mallory' WHERE position = 5")
    incremental = public.get("/events/verification")  # re-hashes only what is new: nothing
    assert (incremental["verified_since"], incremental["hashed"]) == (head.position, 0)
    assert public.call("GET", "/events/verification?full=true").status_code == 401
    broken = api.get("/events/verification?full=true")
    assert broken["ok"] is False and broken["first_bad_position"] == 5 and broken["events"] == 4
    assert broken["reason"]
    assert public.get("/events/verification")["first_bad_position"] == 5  # and so does every check after it


def test_is_the_anonymous_verification_rate_limited_per_address_and_a_signed_in_caller_not(api, app, record):
    app.config["VERIFICATION_RATE_LIMIT"] = "3/minute"
    public = api.as_(None)
    answers = [public.call("GET", "/events/verification") for _ in range(4)]
    assert [a.status_code for a in answers] == [200, 200, 200, 429]
    assert set(answers[-1].get_json()) == {"code", "status", "message", "errors"}
    assert api.call("GET", "/events/verification").status_code == 200


def test_does_the_openapi_document_describe_the_log_endpoints(api):
    spec = api.client.get("/api/v1/openapi.json").get_json()
    events = spec["paths"]["/api/v1/events"]["get"]
    assert {p["name"] for p in events["parameters"]} >= {"after", "limit", "stream", "type", "tenant"}
    assert {"200", "401", "403", "422"} <= set(events["responses"])
    assert "200" in spec["paths"]["/api/v1/events/verification"]["get"]["responses"]
