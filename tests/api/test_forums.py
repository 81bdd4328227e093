"""Forums and rosters over the API: what the secretariat records and what each reader sees."""
from __future__ import annotations

import pytest

from tests.api.conftest import event_count
from tests.support.builders import designate, forum_body, join, new_forum


@pytest.mark.both_engines  # this area's smoke test on PostgreSQL
def test_an_admin_establishes_a_forum_and_anyone_reads_it(api, client):
    response = api.call("POST", "/forums", forum_body())
    assert response.status_code == 201
    forum_id = response.get_json()["id"]
    assert response.headers["Location"].endswith(f"/api/v1/forums/{forum_id}")

    public = api.as_(None).get(f"/forums/{forum_id}")
    assert public["name"] == "Foro Multiactor de Gobierno Abierto de Cajamarca"
    assert public["policy"] == {"advance_notice_days": 7, "feedback_by_email": True, "response_days": 30}
    assert public["meeting_rule"] == {"frequency": "monthly", "reminder_days_before": 3}
    assert [f["id"] for f in api.as_(None).get("/forums")] == [forum_id]


def test_the_secretariat_warnings_are_part_of_the_policy_and_checked(api, app):
    forum_id = new_forum(api, policy={"cadence_warning_day": 20, "minutes_warning_days": 14})
    assert api.get(f"/forums/{forum_id}")["policy"] == {
        "advance_notice_days": 7, "feedback_by_email": True, "response_days": 30, "cadence_warning_day": 20,
        "minutes_warning_days": 14}
    before = event_count(app)
    response = api.call("POST", "/forums", forum_body(policy={"cadence_warning_day": 31, "minutes_warning_days": 0}))
    assert response.status_code == 422
    assert set(response.get_json()["errors"]) == {"policy.cadence_warning_day", "policy.minutes_warning_days"}
    assert event_count(app) == before


def test_a_forum_sets_its_response_days_when_it_is_established(api):
    """`response_days` (S.response_time's limit) is a policy key: given, the forum's policy keeps it."""
    forum_id = new_forum(api, policy={"response_days": 15})
    assert api.as_(None).get(f"/forums/{forum_id}")["policy"]["response_days"] == 15


@pytest.mark.parametrize("days", [0, 366, "x"])
def test_response_days_outside_1_to_365_is_refused_and_nothing_is_written(api, app, days):
    before = event_count(app)
    response = api.call("POST", "/forums", forum_body(policy={"response_days": days}))
    assert response.status_code == 422
    assert set(response.get_json()["errors"]) == {"policy.response_days"}
    assert event_count(app) == before


def test_the_roster_shows_primaries_and_alternates_and_hides_contact_data_from_the_public(api):
    forum_id = new_forum(api)
    gore = join(api, forum_id, "Gobierno Regional de Cajamarca", "government")
    youth = join(api, forum_id, "Consejo Regional de la Juventud", "youth")
    ana = designate(api, forum_id, gore, "Ana Quispe", email="ana@regioncajamarca.gob.pe",
                    phone="+51 976 000 111", gender="female")
    luis = designate(api, forum_id, youth, "Luis Chávez", is_minor=True, gender="male")
    rosa = designate(api, forum_id, gore, "Rosa Vargas", role="alternate")

    full = api.get(f"/forums/{forum_id}")
    orgs = {o["id"]: o for o in full["organizations"]}
    assert orgs[gore]["primary_representative_id"] == ana
    assert orgs[gore]["alternate_representative_ids"] == [rosa]
    reps = {r["id"]: r for r in full["representatives"]}
    assert reps[ana]["email"] == "ana@regioncajamarca.gob.pe" and reps[luis]["name"] == "Luis Chávez"

    public = api.as_(None).call("GET", f"/forums/{forum_id}")
    text = public.get_data(as_text=True)
    for secret in ("ana@regioncajamarca.gob.pe", "976 000 111", "Luis Chávez", "female", "is_minor"):
        assert secret not in text
    assert {r["id"]: r["name"] for r in public.get_json()["representatives"]}[luis] is None


def test_a_withdrawn_representative_and_a_departed_organization_are_no_longer_current(api):
    forum_id = new_forum(api)
    org = join(api, forum_id, "Colegio de Abogados de Cajamarca", "civil_society")
    rep = designate(api, forum_id, org, "Jorge Díaz")
    api.post(f"/forums/{forum_id}/representatives/{rep}/withdrawal",
             {"withdrawn_on": "2025-06-01", "reason": "Cambio de junta directiva"})
    api.post(f"/forums/{forum_id}/organizations/{org}/withdrawal", {"left_on": "2025-07-01", "reason": "Renuncia"})
    forum = api.get(f"/forums/{forum_id}")
    assert forum["organizations"][0]["current"] is False
    assert forum["representatives"][0]["current"] is False
    assert forum["representatives"][0]["withdrawn_on"] == "2025-06-01"


@pytest.mark.parametrize("path_suffix, body, status, field", [
    ("organizations", {"name": "ONG", "sector": "civil_society", "joined_on": "2025-01-01"}, 409, "joined_on"),
    ("organizations", {"name": "ONG", "sector": "civil_society", "joined_on": "2027-01-01"}, 422, "joined_on"),
    ("organizations", {"name": "ONG", "sector": "church", "joined_on": "2025-03-01"}, 422, "sector"),
    ("organizations", {"name": "", "sector": "academia", "joined_on": "2025-03-01"}, 422, "name"),
])
def test_the_record_refuses_bad_organizations_and_appends_nothing(api, app, path_suffix, body, status, field):
    """Nothing happens before the forum was established; nothing in the future; enumerations are closed."""
    forum_id = new_forum(api)
    before = event_count(app)
    error = api.post(f"/forums/{forum_id}/{path_suffix}", body, expect=status)
    assert error["code"] == status and field in error["errors"] and error["message"]
    assert event_count(app) == before


def test_one_primary_at_a_time_and_designations_only_while_a_member(api, app):
    forum_id = new_forum(api)
    org = join(api, forum_id, "Universidad Nacional de Cajamarca", "academia")
    designate(api, forum_id, org, "Carmen Rojas")
    before = event_count(app)
    error = api.post(f"/forums/{forum_id}/organizations/{org}/representatives",
                     {"name": "Pedro Díaz", "role": "primary", "designated_on": "2025-03-01"}, expect=409)
    assert "already has a primary" in error["message"]
    api.post(f"/forums/{forum_id}/organizations/{org}/withdrawal", {"left_on": "2025-04-01", "reason": "x"})
    api.post(f"/forums/{forum_id}/organizations/{org}/representatives",
             {"name": "Pedro Díaz", "role": "alternate", "designated_on": "2025-05-01"}, expect=409)
    assert event_count(app) == before + 1


def test_unknown_ids_are_404(api):
    forum_id = new_forum(api)
    assert api.get("/forums/frm_nope", expect=404)["code"] == 404
    api.post(f"/forums/{forum_id}/organizations/org_nope/withdrawal", {"left_on": "2025-04-01", "reason": "x"},
             expect=404)
    api.post("/forums/frm_nope/organizations", {"name": "x", "sector": "media", "joined_on": "2025-04-01"},
             expect=404)


def test_roles(api, tokens):
    """Only an admin creates forums; a secretariat writes only its own forum; an evaluator writes no roster."""
    forum_a, forum_b = new_forum(api), new_forum(api, name="Foro de Piura", member="Piura, Peru")
    secretariat = tokens.make("secretaria@cajamarca.gob.pe", "secretariat", (forum_a,))
    org = {"name": "Cámara de Comercio", "sector": "private_sector", "joined_on": "2025-03-01"}
    api.as_(secretariat).post(f"/forums/{forum_a}/organizations", org)
    api.as_(secretariat).post(f"/forums/{forum_b}/organizations", org, expect=403)
    api.as_(secretariat).post("/forums", forum_body(), expect=403)
    api.as_(tokens.evaluator).post(f"/forums/{forum_a}/organizations", {**org, "name": "Otra"}, expect=403)
    api.as_(None).post(f"/forums/{forum_a}/organizations", {**org, "name": "Otra"}, expect=401)
    api.as_("not-a-token").get(f"/forums/{forum_a}", expect=401)


def test_if_match_guards_against_stale_writes(api, client):
    forum_id = new_forum(api)
    etag = api.call("GET", f"/forums/{forum_id}").headers["ETag"]
    org = {"name": "Defensoría del Pueblo", "sector": "government", "joined_on": "2025-03-01"}
    response = api.call("POST", f"/forums/{forum_id}/organizations", org, headers={"If-Match": etag})
    assert response.status_code == 201 and response.headers["ETag"] != etag
    stale = api.post(f"/forums/{forum_id}/organizations", {**org, "name": "Otra"}, expect=412,
                     headers={"If-Match": etag})
    assert stale["status"] == "Precondition Failed"


def test_malformed_json_is_400_and_wrong_shapes_are_422(api):
    forum_id = new_forum(api)
    bad = api.call("POST", f"/forums/{forum_id}/organizations", raw="{not json")
    assert bad.status_code == 400 and bad.get_json()["message"]
    assert api.call("POST", f"/forums/{forum_id}/organizations", raw="[1, 2]").status_code == 422
    nested = api.post("/forums", forum_body(meeting_rule={"frequency": "weekly", "reminder_days_before": -1}),
                      expect=422)
    assert set(nested["errors"]) == {"meeting_rule.frequency", "meeting_rule.reminder_days_before"}


@pytest.mark.parametrize("name", ["Ana\u0000Quispe", "Ana \ud800"])
def test_text_with_nul_or_a_lone_surrogate_is_refused(api, app, name):
    forum_id = new_forum(api)
    before = event_count(app)
    error = api.post(f"/forums/{forum_id}/organizations", {"name": name, "sector": "media", "joined_on": "2025-03-01"},
                     expect=422)
    assert "not text" in error["errors"]["name"][0]
    assert event_count(app) == before
