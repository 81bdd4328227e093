"""GET /action-plans/{id}/compliance: who may read it, what it never shows, its query and its shape."""
from __future__ import annotations

import json

import pytest

from tests.compliance.support import compliance, meeting
from tests.support.builders_contributions import RESIDENT_EMAIL, RESIDENT_NAME, contribute, resident, respond
from tests.support.builders_plans import endorse, judge, plan_with_roster

NOVEMBER = "2025-11-14T10:20:00-05:00"
PLAN_CHECKS = ["1.1", "1.2", "1.3", "1.4", "2.1", "2.2", "2.3", "2.4", "2.5", "2.6",
               "S.cadence", "S.six_months", "S.alternates", "S.implementation", "S.response_time", "S.end_assessment"]


def told_story(api):
    """A forum with a minor, a resident's contribution, a session and an endorsement signed by the minor."""
    r = plan_with_roster(api)
    meeting(api, r.forum_id, NOVEMBER, attendees=[r.ana, r.luis])
    respond(api, contribute(api, r.plan, resident()))
    endorse(api, r.plan, signed_by=[r.ana, r.luis], session_id=None)
    return r


@pytest.mark.both_engines  # this area's smoke test on PostgreSQL
def test_anyone_may_read_the_answers_in_the_api_md_shape(api, app):
    """Anonymous callers read every check, in order, with the log position and head it was computed from."""
    r = told_story(api)
    body = compliance(api.as_(None), r.plan)
    assert body["action_plan_id"] == r.plan and body["known_at"]
    assert (body["as_of"], body["as_of_reason"]) == ("2025-11-30", "window_end")  # the window has passed
    head = app.extensions["tracker"].store.head()
    assert body["log"] == {"position": head.position, "head": head.hash}
    assert [c["id"] for c in body["checks"]] == PLAN_CHECKS
    sections = {c["id"]: c["section"] for c in body["checks"]}
    assert (sections["1.4"], sections["2.6"], sections["S.cadence"]) == (
        "minimum_requirements", "recommended_practices", "standards")
    for c in body["checks"]:
        assert {"question", "answer", "explanation", "explanations", "evidence", "judgement"} <= set(c)
        assert all(set(e) == {"position", "type", "occurred_at", "recorded_at", "summary", "logged_late"}
                   for e in c["evidence"])


def test_the_public_never_sees_contact_data_genders_minors_or_private_contributors(api):
    """No email, phone, minor's name or resident's name anywhere in what anonymous readers get."""
    r = told_story(api)
    judge(api, r.plan, "1.3", "yes")
    text = json.dumps(compliance(api.as_(None), r.plan), ensure_ascii=False)
    for secret in ("ana@regioncajamarca.gob.pe", RESIDENT_EMAIL, RESIDENT_NAME, "Luis Chávez", "admin@example.org"):
        assert secret not in text
    judged = next(c for c in compliance(api.as_(None), r.plan)["checks"] if c["id"] == "1.3")
    assert judged["judgement"]["answer"] == "yes" and judged["judgement"]["by"] is None


def test_the_answers_speak_the_forums_language_unless_asked_otherwise(api):
    """Cajamarca's forum speaks Spanish; ?lang=en gives English; both explanations are always there."""
    r = plan_with_roster(api)
    spanish = compliance(api, r.plan)["checks"][0]
    english = compliance(api, r.plan, lang="en")["checks"][0]
    assert spanish["question"] == "¿Existe un foro?" and english["question"] == "Does a forum exist?"
    assert spanish["explanation"] == spanish["explanations"]["es"] == english["explanations"]["es"]
    assert english["explanation"] == english["explanations"]["en"]


@pytest.mark.parametrize("query", ["as_of=2025-13-01", "as_of=yesterday", "known_at=2025-11-30T10:00:00",
                                   "as_of=9999-12-31", "lang=fr", "as_of="])
def test_a_bad_query_is_422(api, query):
    """An impossible date, a word, an instant without offset, a year out of range, an unknown language, an empty
    value: 422, never 500."""
    r = plan_with_roster(api)
    response = api.call("GET", f"/action-plans/{r.plan}/compliance?{query}")
    assert response.status_code == 422, response.get_json()
    assert response.get_json()["code"] == 422


def test_instants_are_accepted_as_well_as_days(api):
    """as_of and known_at take an instant with an offset."""
    r = plan_with_roster(api)
    body = compliance(api, r.plan, as_of="2025-11-30T23:00:00-05:00", known_at="2026-11-20T15:00:00Z")
    assert body["as_of"] == "2025-11-30T23:00:00-05:00"


def test_an_unknown_plan_or_one_not_yet_logged_at_known_at_is_404(api):
    """404 for an id that names no plan (a forum's id included), and for a plan logged after known_at."""
    r = plan_with_roster(api)
    for path in ("pln_doesnotexist", r.forum_id):
        assert api.call("GET", f"/action-plans/{path}/compliance").status_code == 404
    response = api.call("GET", f"/action-plans/{r.plan}/compliance?known_at=2026-11-19")
    assert response.status_code == 404 and response.get_json()["code"] == 404


def test_another_forums_sessions_do_not_count(api):
    """1.3 reads only the plan's forum: a session of another forum with civil society changes nothing."""
    r = plan_with_roster(api)
    other = plan_with_roster(api, name="Foro de Gobierno Abierto de San Martín")
    meeting(api, other.forum_id, NOVEMBER, attendees=[other.jorge])
    assert next(c for c in compliance(api, r.plan)["checks"] if c["id"] == "1.3")["answer"] == "no"


def test_the_openapi_document_describes_the_endpoint_and_its_body(app):
    """OpenAPI: the GET with its query parameters and the Compliance schema."""
    spec = app.test_client().get("/api/v1/openapi.json").get_json()
    get = spec["paths"]["/api/v1/action-plans/{plan_id}/compliance"]["get"]
    assert {p["name"] for p in get["parameters"] if p["in"] == "query"} == {"as_of", "known_at", "lang"}
    assert {"200", "404", "422"} <= set(get["responses"])
    schema = spec["components"]["schemas"]["Compliance"]
    assert {"action_plan_id", "as_of", "known_at", "log", "checks", "commitments"} <= set(schema["properties"])
