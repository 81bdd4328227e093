"""`POST /forums/{id}/policy`: a forum amends policy keys and its meeting rule from a day on (today or earlier).

Given a forum of Cajamarca established on 2025-02-10 (server clock: 2026-11-20), when the secretariat amends its
rules, then a ForumPolicyAmended occurring at the start of `effective_on`, and `GET /forums/{id}` shows the rules in
force today and the history; or the error, and nothing written."""
from __future__ import annotations

import pytest

from tests.api.conftest import event_count
from tests.support.builders import new_forum

BIMONTHLY = {"frequency": "bimonthly", "reminder_days_before": 5}


def events_of(app, stream_id: str) -> list:
    return list(app.extensions["tracker"].store.read_stream(stream_id))


def test_the_secretariat_amends_the_policy_and_the_forum_shows_the_rules_in_force(api, app, tokens):
    forum_id = new_forum(api)
    secretariat = tokens.make("secretaria@cajamarca.gob.pe", "secretariat", (forum_id,))
    response = api.as_(secretariat).call("POST", f"/forums/{forum_id}/policy", {
        "effective_on": "2025-07-01", "policy": {"advance_notice_days": 10, "response_days": 15},
        "meeting_rule": BIMONTHLY, "reason": "Acuerdo de la quinta sesión ordinaria"})
    assert response.status_code == 201
    body = response.get_json()
    assert body["id"] == forum_id and len(body["positions"]) == 1
    assert response.headers["Location"].endswith(f"/api/v1/forums/{forum_id}") and response.headers["ETag"]

    amended = events_of(app, forum_id)[-1]
    assert amended.type == "ForumPolicyAmended"
    assert amended.data == {"forum_id": forum_id, "effective_on": "2025-07-01",
                            "policy": {"advance_notice_days": 10, "response_days": 15}, "meeting_rule": BIMONTHLY,
                            "reason": "Acuerdo de la quinta sesión ordinaria"}
    assert amended.occurred_at.isoformat() == "2025-07-01T05:00:00+00:00"  # the start of 1 July in Lima

    forum = api.as_(None).get(f"/forums/{forum_id}")
    assert forum["policy"] == {"advance_notice_days": 10, "feedback_by_email": True, "response_days": 15}
    assert forum["meeting_rule"] == BIMONTHLY
    assert forum["policy_history"] == [{
        "effective_on": "2025-07-01", "policy": {"advance_notice_days": 10, "response_days": 15},
        "meeting_rule": BIMONTHLY, "reason": "Acuerdo de la quinta sesión ordinaria"}]


def test_only_the_meeting_rule_may_be_amended_and_a_forum_never_amended_has_no_history(api, app):
    forum_id = new_forum(api)
    assert api.get(f"/forums/{forum_id}")["policy_history"] == []
    api.post(f"/forums/{forum_id}/policy", {"effective_on": "2026-11-20", "meeting_rule": BIMONTHLY})
    assert events_of(app, forum_id)[-1].data["policy"] == {}
    forum = api.get(f"/forums/{forum_id}")
    assert forum["meeting_rule"] == BIMONTHLY
    assert forum["policy"] == {"advance_notice_days": 7, "feedback_by_email": True, "response_days": 30}


def test_an_earlier_amendment_recorded_later_corrects_history_and_the_latest_effective_rule_is_in_force(api):
    forum_id = new_forum(api)
    api.post(f"/forums/{forum_id}/policy", {"effective_on": "2025-09-01", "policy": {"response_days": 20}})
    api.post(f"/forums/{forum_id}/policy", {"effective_on": "2025-05-01", "policy": {"response_days": 10}})
    forum = api.get(f"/forums/{forum_id}")
    assert forum["policy"]["response_days"] == 20
    assert [(h["effective_on"], h["policy"]) for h in forum["policy_history"]] == [
        ("2025-05-01", {"response_days": 10}), ("2025-09-01", {"response_days": 20})]


@pytest.mark.parametrize("body, status, fields", [
    ({"effective_on": "2026-11-21", "policy": {"response_days": 15}}, 422, {"effective_on"}),
    ({"effective_on": "2025-02-09", "policy": {"response_days": 15}}, 409, {"effective_on"}),
    ({"effective_on": "2025-07-01"}, 422, {"policy", "meeting_rule"}),
    ({"effective_on": "2025-07-01", "policy": {}}, 422, {"policy", "meeting_rule"}),
    ({"effective_on": "2025-07-01", "policy": {"quorum": 5}}, 422, {"policy.quorum"}),
    ({"effective_on": "2025-07-01", "policy": {"response_days": 0, "advance_notice_days": 91,
                                               "feedback_by_email": "sometimes"}}, 422,
     {"policy.response_days", "policy.advance_notice_days", "policy.feedback_by_email"}),
    ({"effective_on": "2025-07-01", "meeting_rule": {"frequency": "weekly", "reminder_days_before": 3}}, 422,
     {"meeting_rule.frequency"}),
    ({"effective_on": "2025-07-01", "meeting_rule": {"frequency": "monthly"}}, 422,
     {"meeting_rule.reminder_days_before"}),
    ({"effective_on": "2025-07-01", "policy": {"response_days": 15}, "reason": ""}, 422, {"reason"}),
    ({"policy": {"response_days": 15}}, 422, {"effective_on"}),
    ({"effective_on": "julio", "policy": {"response_days": 15}}, 422, {"effective_on"}),
    ({"effective_on": "2025-07-01", "policy": {"response_days": 15}, "rules": "new"}, 422, {"rules"}),
])
def test_the_record_refuses_bad_amendments_with_per_field_messages_and_writes_nothing(api, app, body, status,
                                                                                       fields):
    """Not in the forum's future (422), not before its establishment (409), something amended, known policy keys
    within their bounds, a whole meeting rule: the establishment's own rules."""
    forum_id = new_forum(api)
    before = event_count(app)
    error = api.post(f"/forums/{forum_id}/policy", body, expect=status)
    assert error["code"] == status and set(error["errors"]) == fields and error["message"]
    assert all(error["errors"][f] for f in fields)
    assert event_count(app) == before


def test_unknown_keys_say_unknown_field(api):
    forum_id = new_forum(api)
    error = api.post(f"/forums/{forum_id}/policy", {"effective_on": "2025-07-01", "policy": {"quorum": 5}},
                     expect=422)
    assert error["errors"]["policy.quorum"] == ["Unknown field."]


def test_roles(api, app, tokens):
    """A secretariat amends only its own forum; an evaluator and the public amend none; an unknown forum is 404."""
    forum_a, forum_b = new_forum(api), new_forum(api, name="Foro de Piura", member="Piura, Peru")
    secretariat = tokens.make("secretaria@cajamarca.gob.pe", "secretariat", (forum_a,))
    body = {"effective_on": "2025-07-01", "policy": {"response_days": 15}}
    before = event_count(app)
    api.as_(secretariat).post(f"/forums/{forum_b}/policy", body, expect=403)
    api.as_(tokens.evaluator).post(f"/forums/{forum_a}/policy", body, expect=403)
    api.as_(None).post(f"/forums/{forum_a}/policy", body, expect=401)
    api.post("/forums/frm_nope/policy", body, expect=404)
    assert event_count(app) == before
    api.as_(secretariat).post(f"/forums/{forum_a}/policy", body)
    api.post(f"/forums/{forum_b}/policy", body)  # the admin, any forum
    assert event_count(app) == before + 2


def test_if_match_guards_against_stale_amendments(api, app):
    forum_id = new_forum(api)
    etag = api.call("GET", f"/forums/{forum_id}").headers["ETag"]
    body = {"effective_on": "2025-07-01", "policy": {"response_days": 15}}
    response = api.call("POST", f"/forums/{forum_id}/policy", body, headers={"If-Match": etag})
    assert response.status_code == 201 and response.headers["ETag"] != etag
    assert response.headers["ETag"] == api.call("GET", f"/forums/{forum_id}").headers["ETag"]
    before = event_count(app)
    stale = api.post(f"/forums/{forum_id}/policy", body, expect=412, headers={"If-Match": etag})
    assert stale["status"] == "Precondition Failed"
    assert event_count(app) == before


def test_the_openapi_document_describes_the_endpoint(api):
    spec = api.as_(None).get("/openapi.json")
    post = spec["paths"]["/api/v1/forums/{forum_id}/policy"]["post"]
    assert {"201", "401", "403", "404", "409", "412", "422"} <= set(post["responses"])
    schema = spec["components"]["schemas"]["PolicyAmendmentCreate"]
    assert schema["required"] == ["effective_on"]
    assert {"effective_on", "policy", "meeting_rule", "reason", "country"} == set(schema["properties"])
