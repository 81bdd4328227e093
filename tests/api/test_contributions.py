"""Contributions over the API: what happened to each one (OGP check 2.4), and who may see whose name."""
from __future__ import annotations

import pytest

from tests.api.conftest import event_count
from tests.support.builders import designate, open_plan
from tests.support.builders_contributions import (
    RESIDENT_EMAIL,
    RESIDENT_NAME,
    cocreation,
    communicate,
    consider,
    contribute,
    contribution_body,
    representative,
    resident,
    respond,
    response_body,
    schedule,
    seen,
)


@pytest.fixture
def story(api):
    return cocreation(api)


def stages(api, contribution_id):
    return api.get(f"/contributions/{contribution_id}")["status"]


@pytest.mark.both_engines  # this area's smoke test on PostgreSQL
def test_a_representative_and_a_resident_each_get_a_reasoned_answer_in_writing(api, story):
    """Does each contribution move received -> considered -> responded -> communicated, with its dates?"""
    body = contribution_body(representative(story.luis), channel="forum_session",
                             text="Abrir un debate público sobre gobierno abierto con los colegios.")
    response = api.call("POST", f"/action-plans/{story.plan}/contributions", body)
    assert response.status_code == 201
    youth_input = response.get_json()["id"]
    assert youth_input.startswith("ctb_")
    assert response.headers["Location"].endswith(f"/contributions/{youth_input}")
    assert response.headers["ETag"] == f'"{youth_input}.1"'
    resident_input = contribute(api, story.plan, resident(), received_on="2025-05-14")

    for contribution_id in (youth_input, resident_input):
        assert stages(api, contribution_id) == "received"
        consider(api, contribution_id, "2025-05-20", note="Se discutió en la tercera sesión.")
        assert stages(api, contribution_id) == "considered"
        respond(api, contribution_id)
        assert stages(api, contribution_id) == "responded"
        communicate(api, contribution_id, "2025-06-05", "email")
        assert stages(api, contribution_id) == "communicated"

    got = api.call("GET", f"/contributions/{youth_input}")
    assert got.headers["ETag"] == f'"{youth_input}.4"'
    body = got.get_json()
    assert body["author"] == {
        "kind": "representative", "representative_id": story.luis, "name": "Luis Chávez Mendoza",
        "organization_id": story.youth, "organization": "Consejo Regional de la Juventud de Cajamarca",
        "sector": "youth"}
    assert (body["action_plan_id"], body["forum_id"]) == (story.plan, story.forum)
    assert body["channel"] == "forum_session"
    assert body["considerations"] == [{"considered_on": "2025-05-20", "session_id": None,
                                       "note": "Se discutió en la tercera sesión."}]
    answer = body["response"]
    assert (answer["decision"], answer["responded_on"]) == ("partially_accepted", "2025-06-02")
    assert body["communications"] == [{"communicated_on": "2025-06-05", "channel": "email", "url": None,
                                       "written": True, "correction_reason": None}]
    assert (body["days_to_response"], body["days_to_written_communication"], body["late"]) == (21, 24, False)
    assert api.get(f"/contributions/{resident_input}")["author"]["email"] == RESIDENT_EMAIL


def test_only_written_channels_count_and_a_response_may_be_communicated_on_several(api, app, story):
    ctb = contribute(api, story.plan, resident())
    respond(api, ctb)
    communicate(api, ctb, "2025-06-03", "in_session")
    assert api.get(f"/contributions/{ctb}")["days_to_written_communication"] is None
    communicate(api, ctb, "2025-06-10", "published", url="https://www.regioncajamarca.gob.pe/informe-aportes")
    communicate(api, ctb, "2025-06-10", "email")
    body = api.get(f"/contributions/{ctb}")
    assert [c["channel"] for c in body["communications"]] == ["in_session", "published", "email"]
    assert body["days_to_written_communication"] == 29

    before = event_count(app)
    error = api.post(f"/contributions/{ctb}/communication",
                     {"communicated_on": "2025-06-10", "channel": "email"}, expect=409)
    assert "correction" in error["message"] and event_count(app) == before
    communicate(api, ctb, "2025-06-11", "email", correction={"reason": "El correo salió al día siguiente."})
    emails = [c for c in api.get(f"/contributions/{ctb}")["communications"] if c["channel"] == "email"]
    assert emails == [{"communicated_on": "2025-06-11", "channel": "email", "url": None, "written": True,
                       "correction_reason": "El correo salió al día siguiente."}]


def test_the_list_filters_by_stage_oldest_first(api, story):
    late = contribute(api, story.plan, resident(), received_on="2025-07-01")
    early = contribute(api, story.plan, representative(story.ana), received_on="2025-04-02")
    middle = contribute(api, story.plan, resident(name="Óscar Llanos"), received_on="2025-05-12")
    other_plan = contribute(api, cocreation(api).plan, resident())
    consider(api, middle, "2025-07-02")
    respond(api, early, responded_on="2025-04-20")

    path = f"/action-plans/{story.plan}/contributions"
    assert [c["id"] for c in api.get(path)] == [early, middle, late]
    assert other_plan not in [c["id"] for c in api.get(path)]
    assert [c["id"] for c in api.get(path + "?status=received")] == [late]
    assert [c["id"] for c in api.get(path + "?status=considered")] == [middle]
    assert [c["id"] for c in api.get(path + "?status=responded")] == [early]
    assert api.get(path + "?status=communicated") == []
    error = api.get(path + "?status=forgotten", expect=422)
    assert "status" in error["errors"]
    api.get("/action-plans/pln_00000000000000000000/contributions", expect=404)


def _refusals():
    """(what, setup(api, story, ctb) -> (path, body), status, field or None)."""
    ctb_path = "/contributions/{ctb}"
    return [
        ("response to a contribution that does not exist", 404, None,
         lambda api, s, c: ("/contributions/ctb_00000000000000000000/response", response_body())),
        ("response dated before the contribution was received", 409, "responded_on",
         lambda api, s, c: (f"{ctb_path}/response".format(ctb=c), response_body(responded_on="2025-05-01"))),
        ("second response without a correction", 409, None,
         lambda api, s, c: (respond(api, c),
                            (f"/contributions/{c}/response", response_body(decision="merged")))[1]),
        ("a correction when no response was recorded", 409, None,
         lambda api, s, c: (f"/contributions/{c}/response", response_body(correction={"reason": "errata"}))),
        ("communication before any response", 409, None,
         lambda api, s, c: (f"/contributions/{c}/communication",
                            {"communicated_on": "2025-06-05", "channel": "email"})),
        ("communication dated before the response", 409, "communicated_on",
         lambda api, s, c: (respond(api, c), (f"/contributions/{c}/communication",
                                              {"communicated_on": "2025-06-01", "channel": "letter"}))[1]),
        ("consideration before the contribution was received", 409, "considered_on",
         lambda api, s, c: (f"/contributions/{c}/consideration", {"considered_on": "2025-05-11"})),
        ("author withdrawn before received_on", 409, "author.representative_id",
         lambda api, s, c: (api.post(f"/forums/{s.forum}/representatives/{s.luis}/withdrawal",
                                     {"withdrawn_on": "2025-05-01", "reason": "Cumplió su periodo"}),
                            (f"/action-plans/{s.plan}/contributions",
                             contribution_body(representative(s.luis))))[1]),
        ("received before the forum was established", 409, "received_on",
         lambda api, s, c: (f"/action-plans/{s.plan}/contributions",
                            contribution_body(resident(), received_on="2025-01-15"))),
        ("received in the future", 422, "received_on",
         lambda api, s, c: (f"/action-plans/{s.plan}/contributions",
                            contribution_body(resident(), received_on="2026-12-01"))),
        ("unknown contribution channel", 422, "channel",
         lambda api, s, c: (f"/action-plans/{s.plan}/contributions",
                            contribution_body(resident(), channel="fax"))),
        ("unknown decision", 422, "decision",
         lambda api, s, c: (f"/contributions/{c}/response", response_body(decision="maybe"))),
        ("unknown communication channel", 422, "channel",
         lambda api, s, c: (f"/contributions/{c}/communication",
                            {"communicated_on": "2025-06-05", "channel": "fax"})),
        ("unknown sector", 422, "author.sector",
         lambda api, s, c: (f"/action-plans/{s.plan}/contributions",
                            contribution_body(resident(sector="church")))),
        ("blank reasoning", 422, "reasoning",
         lambda api, s, c: (f"/contributions/{c}/response", response_body(reasoning="   "))),
        ("a representative author with a name of its own", 422, "author.name",
         lambda api, s, c: (f"/action-plans/{s.plan}/contributions",
                            contribution_body({"representative_id": s.ana, "name": "Otra"}))),
        ("an author with neither", 422, "author.name",
         lambda api, s, c: (f"/action-plans/{s.plan}/contributions", contribution_body({"sector": "youth"}))),
        ("a session id of another kind", 422, "session_id",
         lambda api, s, c: (f"/action-plans/{s.plan}/contributions",
                            contribution_body(resident(), session_id=s.plan))),
        ("a commitment that is not this forum's", 422, "commitment_id",
         lambda api, s, c: (f"/contributions/{c}/response",
                            response_body(commitment_id="cmt_00000000000000000000"))),
        ("a consultation that is not this forum's", 422, "consultation_id",
         lambda api, s, c: (f"/action-plans/{s.plan}/contributions",
                            contribution_body(resident(), consultation_id="cns_00000000000000000000"))),
    ]


@pytest.mark.parametrize("what, status, field, setup", _refusals(), ids=[r[0] for r in _refusals()])
def test_each_rule_refuses_with_its_status_and_appends_nothing(api, app, story, what, status, field, setup):
    ctb = contribute(api, story.plan, resident())
    path, body = setup(api, story, ctb)
    before = event_count(app)
    error = api.post(path, body, expect=status)
    assert error["code"] == status and error["message"]
    if field:
        assert field in error["errors"], error
    assert event_count(app) == before


def test_writes_belong_to_the_forums_secretariat(api, tokens, story):
    ctb = contribute(api, story.plan, resident())
    other = tokens.make("otra@example.org", "secretariat", ("frm_00000000000000000000",))
    ours = tokens.make("secretaria@regioncajamarca.gob.pe", "secretariat", (story.forum,))
    api.as_(None).post(f"/contributions/{ctb}/response", response_body(), expect=401)
    api.as_(tokens.evaluator).post(f"/contributions/{ctb}/response", response_body(), expect=403)
    api.as_(other).post(f"/contributions/{ctb}/response", {}, expect=403)
    api.as_(ours).post(f"/contributions/{ctb}/response", response_body())


def test_a_stale_if_match_is_refused(api, app, story):
    ctb = contribute(api, story.plan, resident())
    tag = api.call("GET", f"/contributions/{ctb}").headers["ETag"]
    consider(api, ctb)
    before = event_count(app)
    api.post(f"/contributions/{ctb}/response", response_body(), headers={"If-Match": tag}, expect=412)
    assert event_count(app) == before
    fresh = api.call("GET", f"/contributions/{ctb}").headers["ETag"]
    api.post(f"/contributions/{ctb}/response", response_body(), headers={"If-Match": fresh})


def test_a_corrected_response_supersedes_and_the_trail_keeps_both(api, story, clock, tokens):
    """Does the trail show when each record occurred, when it was logged and who logged it?"""
    secretary = "secretaria@regioncajamarca.gob.pe"
    secretariat = tokens.make(secretary, "secretariat", (story.forum,))
    ctb = contribute(api.as_(secretariat), story.plan, representative(story.ana))
    respond(api.as_(secretariat), ctb, decision="rejected", reasoning="Fuera del periodo del plan.")
    respond(api, ctb, decision="merged", reasoning="Se fusiona con el compromiso de presupuesto abierto.",
            correction={"reason": "La primera respuesta se registró por error en otro aporte."})

    body = api.get(f"/contributions/{ctb}")
    assert body["response"]["decision"] == "merged"
    assert body["response"]["correction_reason"].startswith("La primera respuesta")
    trail = api.as_(tokens.evaluator).get(f"/contributions/{ctb}/trail")
    assert trail["contribution_id"] == ctb
    events = trail["events"]
    assert [e["type"] for e in events] == ["ContributionReceived", *["ContributionResponded"] * 2]
    assert [e["data"]["decision"] for e in events[1:]] == ["rejected", "merged"]
    assert events[0]["position"] < events[1]["position"] < events[2]["position"]
    assert [e["recorded_by"] for e in events] == [secretary, secretary, "admin@example.org"]
    assert events[0]["occurred_at"] == "2025-05-12T05:00:00+00:00"  # midnight in Lima
    assert events[0]["recorded_at"].startswith("2026-11-20T15:00")
    public = api.as_(None).get(f"/contributions/{ctb}/trail")["events"]
    assert all("recorded_by" not in e and e["recorded_at"] for e in public)
    assert public[0]["data"]["author"]["name"] == "Ana Quispe"


def test_anonymous_readers_never_see_a_residents_name_or_email(api, story):
    ctb = contribute(api, story.plan, resident())
    respond(api, ctb)
    public = api.as_(None)
    for path in (f"/contributions/{ctb}", f"/action-plans/{story.plan}/contributions",
                 f"/contributions/{ctb}/trail"):
        text = seen(public, path)
        assert RESIDENT_NAME not in text and RESIDENT_EMAIL not in text and "marisol" not in text.lower()
        assert "Junta Vecinal Barrio San Martín" in text
    assert public.get(f"/contributions/{ctb}")["author"] == {
        "kind": "public", "organization": "Junta Vecinal Barrio San Martín", "sector": "civil_society"}
    assert RESIDENT_NAME in seen(api, f"/contributions/{ctb}/trail")


def test_a_minor_representatives_name_stays_out_of_the_public_record(api, story):
    minor = designate(api, story.forum, story.youth, "Valeria Ruiz", role="alternate", is_minor=True)
    ctb = contribute(api, story.plan, representative(minor))
    for path in (f"/contributions/{ctb}", f"/action-plans/{story.plan}/contributions",
                 f"/contributions/{ctb}/trail"):
        assert "Valeria" not in seen(api.as_(None), path)
    assert api.get(f"/contributions/{ctb}")["author"]["name"] == "Valeria Ruiz"


def test_a_late_contribution_to_a_consultation_is_accepted_and_marked(api, story):
    consultation = api.post(f"/action-plans/{story.plan}/consultations", {
        "opens_on": "2025-05-01", "closes_on": "2025-05-31", "channel": "web_form",
        "url": "https://www.regioncajamarca.gob.pe/consulta-plan"})["id"]
    on_time = contribute(api, story.plan, resident(), consultation_id=consultation)
    late = contribute(api, story.plan, resident(), consultation_id=consultation, received_on="2025-06-03")
    assert api.get(f"/contributions/{on_time}")["late"] is False
    assert api.get(f"/contributions/{late}")["late"] is True
    assert api.get(f"/contributions/{late}/trail")["events"][0]["data"]["late"] is True
    early = contribution_body(resident(), consultation_id=consultation, received_on="2025-04-20")
    api.post(f"/action-plans/{story.plan}/contributions", early, expect=409)
    elsewhere = contribution_body(resident(), consultation_id=consultation)
    api.post(f"/action-plans/{open_plan(api, story.forum)}/contributions", elsewhere, expect=422)


def test_lateness_is_read_against_the_closing_day_the_record_knows_now(api, story):
    """Given a resident's input of 3 June to a consultation that closed on 31 May, when an extension to 10 June
    is logged the next day, then the input is no longer late in the list, the contribution, its trail and the
    inbox, while the stored event keeps the flag it was logged with."""
    consultation = api.post(f"/action-plans/{story.plan}/consultations", {
        "opens_on": "2025-05-01", "closes_on": "2025-05-31", "channel": "web_form",
        "url": "https://www.regioncajamarca.gob.pe/consulta-plan"})["id"]
    ctb = contribute(api, story.plan, resident(), consultation_id=consultation, received_on="2025-06-03")
    assert api.get(f"/contributions/{ctb}/trail")["late"] is True
    api.post(f"/consultations/{consultation}/extension", {"closes_on": "2025-06-10", "reason": "pedido vecinal",
                                                          "occurred_on": "2025-06-04"})
    assert api.get(f"/contributions/{ctb}")["late"] is False
    assert [c["late"] for c in api.get(f"/action-plans/{story.plan}/contributions")] == [False]
    trail = api.get(f"/contributions/{ctb}/trail")
    assert trail["late"] is False
    assert trail["events"][0]["data"]["late"] is True  # the bytes as logged


def test_the_trail_shows_commitments_drafted_from_the_contribution(api, story):
    ctb = contribute(api, story.plan, resident())
    commitment = api.post(f"/action-plans/{story.plan}/commitments", {
        "title": "Presupuesto participativo abierto", "ogp_values": ["transparency"],
        "from_contributions": [ctb]})["id"]
    respond(api, ctb, decision="accepted", commitment_id=commitment)
    types = [e["type"] for e in api.as_(None).get(f"/contributions/{ctb}/trail")["events"]]
    assert types == ["ContributionReceived", "CommitmentDrafted", "ContributionResponded"]


def test_sessions_bound_what_happened_in_them(api, app, story):
    """Once per session, not before it was held, never in a cancelled one."""
    held, cancelled = schedule(api, story.forum), schedule(api, story.forum)
    api.post(f"/sessions/{held}/record", {"held_at": "2025-05-20T15:00:00-05:00"})
    api.post(f"/sessions/{cancelled}/cancellation", {"reason": "Paro regional"})
    ctb = contribute(api, story.plan, resident(), session_id=held, received_on="2025-05-20",
                     channel="forum_session")
    consider(api, ctb, "2025-05-20", session_id=held)
    before = event_count(app)
    for path, body in [
        (f"/contributions/{ctb}/consideration", {"considered_on": "2025-05-21", "session_id": held}),
        (f"/contributions/{ctb}/consideration", {"considered_on": "2025-05-21", "session_id": cancelled}),
        (f"/action-plans/{story.plan}/contributions",
         contribution_body(resident(), session_id=held, received_on="2025-05-19")),
    ]:
        api.post(path, body, expect=409)
    assert event_count(app) == before
