"""Compliance answers are computed once and served again while nothing new is logged in the plan's forum; a new
event in the forum, another audience, another query or another quarter hour gets a fresh answer."""
from __future__ import annotations

import pytest

from tests.support.builders import new_forum
from tests.support.builders_plans import draft_commitment, judge, plan_with_roster
from tests.support.builders_sessions import schedule_session

#: The engine matters here: every test runs on SQLite and PostgreSQL.
pytestmark = pytest.mark.both_engines


@pytest.fixture
def r(api, tokens):
    r = plan_with_roster(api)
    r.evaluator = api.as_(tokens.evaluator)
    return r


def cache(app):
    return app.extensions["compliance_answers"]


def test_an_answer_is_served_again_until_the_forum_logs_something(app, api, r):
    url = f"/action-plans/{r.plan}/compliance"
    first = api.get(url)
    hits = cache(app).hits
    assert api.get(url) == first and cache(app).hits == hits + 1

    new_forum(api)  # another forum's events change nothing here
    assert api.get(url) == first and cache(app).hits == hits + 2

    draft_commitment(api, r.plan)  # this forum's: a fresh answer, with the commitment
    fresh = api.get(url)
    assert cache(app).hits == hits + 2
    assert len(fresh["commitments"]) == len(first["commitments"]) + 1
    assert fresh["log"]["position"] > first["log"]["position"]


def test_each_audience_query_and_quarter_hour_has_its_own_answer(app, api, r, clock):
    url = f"/action-plans/{r.plan}/compliance"
    judge(r.evaluator, r.plan, "2.4", "unclear")
    full = api.get(url)
    public = api.as_(None).get(url)
    judged = [c for c in full["checks"] if c["id"] == "2.4"][0]["judgement"]
    assert judged["by"] == "evaluator@example.org"
    assert [c for c in public["checks"] if c["id"] == "2.4"][0]["judgement"]["by"] is None
    assert api.get(url) == full  # the public answer did not replace the full one

    assert api.get(url + "?lang=es")["language"] == "es"
    assert api.get(url + "?as_of=2025-06-30")["as_of"] == "2025-06-30"

    misses = cache(app).misses
    clock.advance(minutes=15)
    later = api.get(url)
    assert cache(app).misses == misses + 1 and later["known_at"] != full["known_at"]


def test_an_unknown_plan_is_still_404(api):
    assert api.call("GET", "/action-plans/pln_nothing/compliance").status_code == 404


def test_a_session_scheduled_in_the_forum_is_seen_at_once(api, r):
    url = f"/action-plans/{r.plan}/compliance"
    before = api.get(url)["log"]["position"]
    schedule_session(api, r.forum_id)
    assert api.get(url)["log"]["position"] > before


def test_the_body_served_is_exactly_what_the_schema_documents(app, api, r, clock):
    """The endpoint sends `compute`'s body without dumping it through ComplianceSchema: they must be equal."""
    import json

    from tracker.compliance import compute
    from tracker.contract.compliance import ComplianceSchema

    draft_commitment(api, r.plan)
    judge(r.evaluator, r.plan, "2.4", "unclear")
    store = app.extensions["tracker"].store
    for query in ({}, {"as_of": clock().date()}, {"lang": "es"}):
        body = compute(store, r.plan, now=clock(), **query)
        assert ComplianceSchema().dump(body) == json.loads(json.dumps(body))
    served = api.get(f"/action-plans/{r.plan}/compliance")  # lang: the forum's
    assert served == json.loads(json.dumps(compute(store, r.plan, now=clock(), lang=None)))


def test_a_client_holding_the_answer_is_told_it_has_not_changed_until_the_forum_logs_something(api, r):
    """Given an answer with its entity tag, when asked again with If-None-Match, then 304 and no body; once the
    forum logs something, 200 with a new tag. The tag is weak and names the forum's position."""
    url = f"/action-plans/{r.plan}/compliance"
    first = api.call("GET", url)
    tag = first.headers["ETag"]
    assert first.status_code == 200 and tag.startswith('W/"')
    assert {"Accept-Encoding", "Authorization"} <= set(first.headers["Vary"].replace(" ", "").split(","))

    again = api.call("GET", url, headers={"If-None-Match": tag})
    assert (again.status_code, again.data, again.headers["ETag"]) == (304, b"", tag)
    assert api.call("GET", url + "?lang=es", headers={"If-None-Match": tag}).status_code == 200  # another query

    draft_commitment(api, r.plan)
    changed = api.call("GET", url, headers={"If-None-Match": tag})
    assert changed.status_code == 200 and changed.headers["ETag"] != tag


def test_an_answer_served_again_goes_gzipped_to_a_client_that_accepts_it(api, r):
    """The computed answer goes as is (no compression on the slow path); served again, gzipped (about a tenth
    of the bytes here), the same JSON once unzipped; a client that does not accept gzip gets it plain."""
    import gzip

    url = f"/action-plans/{r.plan}/compliance"
    for _ in range(30):  # a plan with some evidence to compress
        schedule_session(api, r.forum_id)
    accepts = {"Accept-Encoding": "gzip, deflate"}
    computed = api.call("GET", url, headers=accepts)
    assert "Content-Encoding" not in computed.headers
    zipped = api.call("GET", url, headers=accepts)
    assert zipped.headers["Content-Encoding"] == "gzip" and zipped.headers["ETag"] == computed.headers["ETag"]
    assert gzip.decompress(zipped.data) == computed.data and len(zipped.data) < len(computed.data) / 4
    plain = api.call("GET", url)
    assert "Content-Encoding" not in plain.headers and plain.data == computed.data
