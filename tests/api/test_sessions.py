"""Sessions over the API: what the secretariat records of each session and what each reader sees."""
from __future__ import annotations

import pytest

from tests.api.conftest import event_count
from tests.support.builders import designate, join, new_forum, open_plan
from tests.support.builders_sessions import (
    AGENDA_DOC,
    MINUTES_DOC,
    announce_session,
    approve_minutes,
    cancel_session,
    forum_with_roster,
    hold_session,
    schedule_session,
)


def stream(app, stream_id: str) -> list:
    return app.extensions["tracker"].store.read_stream(stream_id)


@pytest.mark.both_engines  # this area's smoke test on PostgreSQL
def test_a_monthly_session_is_scheduled_announced_moved_held_and_minuted(api, app):
    r = forum_with_roster(api)
    plan = open_plan(api, r.forum_id)
    response = api.call("POST", f"/forums/{r.forum_id}/sessions", {
        "title": "Sesión ordinaria de abril", "kind": "forum_session",
        "scheduled_at": "2025-04-08T15:00:00-05:00", "venue": "Sala de sesiones del Gobierno Regional",
        "modality": "hybrid", "number": 3,
        "action_plan_id": plan, "agenda": [
            {"title": "Aprobación del acta anterior"},
            {"title": "Debate público sobre gobierno abierto", "proposed_by_organization": r.youth}]})
    assert response.status_code == 201
    session_id = response.get_json()["id"]
    assert session_id.startswith("ses_")
    assert response.headers["Location"].endswith(f"/api/v1/sessions/{session_id}")
    announce_session(api, session_id, materials=[AGENDA_DOC])
    api.post(f"/sessions/{session_id}/rescheduling",
             {"scheduled_at": "2025-04-10T16:00:00-05:00", "reason": "Coincidía con el Consejo Regional"})
    hold_session(api, session_id, held_at="2025-04-10T16:10:00-05:00", public_attendees=12, attendance=[
        {"representative_id": r.ana}, {"representative_id": r.jorge}, {"representative_id": r.luis},
        {"name": "María Huamán", "organization": "Ronda Campesina de Bambamarca", "sector": "civil_society"}])
    approve_minutes(api, session_id, approved_on="2025-04-24", signed_by=[r.ana, r.jorge])

    got = api.call("GET", f"/sessions/{session_id}")
    assert got.headers["ETag"] == f'"{session_id}.5"'
    s = got.get_json()
    assert (s["status"], s["forum_id"], s["action_plan_id"], s["number"]) == ("held", r.forum_id, plan, 3)
    assert s["agenda"][1] == {"title": "Debate público sobre gobierno abierto",
                              "proposed_by_organization": r.youth, "presents_progress_of": []}
    assert s["scheduled_at"] == "2025-04-10T16:00:00-05:00"
    assert s["reschedulings"] == [{"from": "2025-04-08T15:00:00-05:00", "to": "2025-04-10T16:00:00-05:00",
                                   "reason": "Coincidía con el Consejo Regional"}]
    assert s["announcement"] == {"announced_on": "2025-03-28", "channels": ["email", "whatsapp"],
                                 "materials": [{**AGENDA_DOC, "sha256": None}]}
    assert s["held_at"] == "2025-04-10T16:10:00-05:00" and s["public_attendees"] == 12
    assert s["attendance"][0] == {"representative_id": r.ana, "name": "Ana Quispe", "organization_id": r.gore,
                                  "organization": "Gobierno Regional de Cajamarca", "sector": "government"}
    assert s["attendance"][3] == {"representative_id": None, "name": "María Huamán", "organization_id": None,
                                  "organization": "Ronda Campesina de Bambamarca", "sector": "civil_society"}
    assert s["attendance_by_sector"] == {"government": 1, "civil_society": 2, "youth": 1}
    assert s["minutes"] == {"document": MINUTES_DOC, "approved_on": "2025-04-24",
                            "signed_by": [r.ana, r.jorge], "published_on": None, "comments": []}
    assert s["corrections"] == []

    events = stream(app, session_id)
    assert [e.type for e in events] == ["SessionScheduled", "SessionAnnounced", "SessionRescheduled",
                                        "SessionHeld", "MinutesRecorded"]
    held = events[3]
    assert held.data["attendance"][1] == {"representative_id": r.jorge, "organization_id": r.ong,
                                          "sector": "civil_society"}
    assert held.occurred_at.isoformat() == "2025-04-10T21:10:00+00:00"
    assert events[1].occurred_at.isoformat() == "2025-03-28T05:00:00+00:00"  # the forum's day, in Lima


def test_the_list_is_ordered_by_schedule_and_future_sessions_are_plans(api):
    r = forum_with_roster(api)
    december = schedule_session(api, r.forum_id, title="Sesión de diciembre",
                                scheduled_at="2026-12-15T10:00:00-05:00")
    april = schedule_session(api, r.forum_id)
    cancelled = schedule_session(api, r.forum_id, title="Taller", kind="cocreation_workshop",
                                 scheduled_at="2025-05-06T09:00:00-05:00", modality="in_person")
    cancel_session(api, cancelled)
    other_forum = forum_with_roster(api, name="Foro de Piura", member="Piura, Peru")
    schedule_session(api, other_forum.forum_id)

    listed = api.as_(None).get(f"/forums/{r.forum_id}/sessions")
    assert [(s["id"], s["status"]) for s in listed] == [(april, "scheduled"), (cancelled, "cancelled"),
                                                        (december, "scheduled")]
    assert listed[1]["cancellation_reason"] == "Paro regional de transportistas"
    assert api.get(f"/sessions/{december}")["announcement"] is None


def test_writes_without_a_date_of_their_own_occur_now_or_when_they_say(api, app, clock):
    r = forum_with_roster(api)
    now_scheduled = schedule_session(api, r.forum_id)
    backdated = schedule_session(api, r.forum_id, occurred_on="2025-03-20")
    assert stream(app, now_scheduled)[0].occurred_at == clock()
    assert stream(app, backdated)[0].occurred_at.isoformat() == "2025-03-20T05:00:00+00:00"
    api.post(f"/sessions/{backdated}/cancellation",
             {"reason": "Sin quórum", "occurred_at": "2025-04-01T09:00:00-05:00"})
    assert stream(app, backdated)[1].occurred_at.isoformat() == "2025-04-01T14:00:00+00:00"
    before = event_count(app)
    cancellation = f"/sessions/{now_scheduled}/cancellation"
    api.post(cancellation, {"reason": "x", "occurred_on": "2026-12-01"}, expect=422)
    both = {"occurred_on": "2025-04-01", "occurred_at": "2025-04-01T09:00:00-05:00"}
    api.post(cancellation, {"reason": "x", **both}, expect=422)
    api.post(cancellation, {"reason": "x", "occurred_on": "2024-04-01"}, expect=409)
    assert event_count(app) == before


@pytest.fixture
def story(api):
    """A roster, and sessions in each state: scheduled, announced, held (announced), minuted, cancelled."""
    r = forum_with_roster(api)
    r.plan = open_plan(api, r.forum_id)
    r.scheduled = schedule_session(api, r.forum_id)
    r.announced = schedule_session(api, r.forum_id)
    announce_session(api, r.announced)
    r.held = schedule_session(api, r.forum_id)
    announce_session(api, r.held)
    hold_session(api, r.held, attendance=[{"representative_id": r.ana}])
    r.minuted = schedule_session(api, r.forum_id)
    hold_session(api, r.minuted)
    approve_minutes(api, r.minuted)
    r.cancelled = schedule_session(api, r.forum_id)
    cancel_session(api, r.cancelled)
    api.post(f"/forums/{r.forum_id}/representatives/{r.rosa}/withdrawal",
             {"withdrawn_on": "2025-04-01", "reason": "Dejó el cargo"})
    other = new_forum(api, name="Foro de Piura", member="Piura, Peru")
    r.other_org = join(api, other, "Municipalidad de Piura", "government")
    r.other_rep = designate(api, other, r.other_org, "Pedro Ramos")
    r.other_plan = open_plan(api, other)
    return r


DOC = MINUTES_DOC
AT = "2025-04-08T15:20:00-05:00"  # the day the story's sessions were held
FIX = {"correction": {"reason": "x"}}
GUEST = {"name": "María Huamán", "sector": "civil_society"}
REP = "attendance.0.representative_id"


def held(**body):
    return {"held_at": AT, **body}


def announced(day="2025-03-28", channels=("web",), **body):
    return {"announced_on": day, "channels": list(channels), **body}


def minutes(day="2025-04-22", **body):
    return {"document": DOC, "approved_on": day, **body}


REFUSALS = [
    # scheduling
    ("forum", "sessions", {"scheduled_at": "2025-01-15T10:00:00-05:00"}, 409, "scheduled_at"),
    ("forum", "sessions", {"scheduled_at": "2025-04-08T15:00:00"}, 422, "scheduled_at"),
    ("forum", "sessions", {"kind": "assembly"}, 422, "kind"),
    ("forum", "sessions", {"modality": "radio"}, 422, "modality"),
    ("forum", "sessions", {"number": 0}, 422, "number"),
    ("forum", "sessions", {"action_plan_id": "{other_plan}"}, 422, "action_plan_id"),
    ("forum", "sessions", {"action_plan_id": "{forum_id}"}, 422, "action_plan_id"),
    ("forum", "sessions", {"action_plan_id": "pln_nope"}, 422, "action_plan_id"),
    ("forum", "sessions", {"agenda": [{"title": "x", "proposed_by_organization": "{other_org}"}]}, 422,
     "agenda.0.proposed_by_organization"),
    ("forum", "sessions", {"agenda": [{"proposed_by_organization": "{ong}"}]}, 422, "agenda.0.title"),
    # announcement
    ("scheduled", "announcement", announced("2026-11-21"), 422, "announced_on"),
    ("scheduled", "announcement", announced(channels=[]), 422, "channels"),
    ("scheduled", "announcement", announced(channels=["fax"]), 422, "channels.0"),
    ("scheduled", "announcement", announced(channels=["web", "web"]), 422, "channels"),
    ("scheduled", "announcement", announced(**FIX), 409, "correction"),
    ("announced", "announcement", announced("2025-03-29"), 409, "correction"),
    ("held", "announcement", announced("2025-04-09", **FIX), 409, "announced_on"),
    ("cancelled", "announcement", announced(), 409, None),
    # rescheduling and cancellation
    ("cancelled", "rescheduling", {"scheduled_at": "2025-04-15T15:00:00-05:00"}, 409, None),
    ("held", "rescheduling", {"scheduled_at": "2025-04-15T15:00:00-05:00"}, 409, None),
    ("scheduled", "rescheduling", {"scheduled_at": "2025-04-08T20:00:00Z"}, 409, "scheduled_at"),
    ("scheduled", "rescheduling", {"scheduled_at": "2024-04-08T20:00:00Z"}, 409, "scheduled_at"),
    ("held", "cancellation", {"reason": "x"}, 409, None),
    ("cancelled", "cancellation", {"reason": "x"}, 409, None),
    ("scheduled", "cancellation", {}, 422, "reason"),
    # record
    ("scheduled", "record", {"held_at": "2026-11-20T15:00:01Z"}, 422, "held_at"),
    ("scheduled", "record", {"held_at": "2025-02-09T10:00:00-05:00"}, 409, "held_at"),
    ("cancelled", "record", held(), 409, None),
    ("held", "record", held(), 409, "correction"),
    ("announced", "record", {"held_at": "2025-03-27T15:20:00-05:00"}, 409, "held_at"),
    ("minuted", "record", {"held_at": "2025-04-23T15:20:00-05:00", **FIX}, 409, "held_at"),
    ("scheduled", "record", held(attendance=[{"representative_id": "{rosa}"}]), 409, REP),
    ("scheduled", "record", held(attendance=[{"representative_id": "{other_rep}"}]), 409, REP),
    ("scheduled", "record", held(attendance=[{"representative_id": "{ana}"}, {"representative_id": "{ana}"}]),
     422, "attendance.1.representative_id"),
    ("scheduled", "record", held(attendance=[{"name": "María"}]), 422, "attendance.0.sector"),
    ("scheduled", "record", held(attendance=[{**GUEST, "sector": "church"}]), 422, "attendance.0.sector"),
    ("scheduled", "record", held(attendance=[{"representative_id": "{ana}", "name": "Ana"}]), 422,
     "attendance.0.name"),
    ("scheduled", "record", held(public_attendees=-1), 422, "public_attendees"),
    # minutes
    ("scheduled", "minutes", minutes(), 409, None),
    ("cancelled", "minutes", minutes(), 409, None),
    ("held", "minutes", minutes("2025-04-07"), 409, "approved_on"),
    ("held", "minutes", minutes("2026-11-21"), 422, "approved_on"),
    ("held", "minutes", minutes(signed_by=["{rosa}"]), 409, "signed_by.0"),
    ("held", "minutes", minutes(signed_by=["{ana}", "{ana}"]), 422, "signed_by.1"),
    ("held", "minutes", minutes(document={"title": "Acta", "url": "ftp://x"}), 422, "document.url"),
    ("minuted", "minutes", minutes("2025-04-23"), 409, "correction"),
    ("held", "minutes", minutes(**FIX), 409, "correction"),
    ("held", "minutes", minutes(published_on="2025-04-21"), 422, "published_on"),
    ("held", "minutes", minutes(published_on="2026-11-21"), 422, "published_on"),
]


def fill(value, ids: dict):
    if isinstance(value, str):
        return value.format(**ids) if value.startswith("{") and value.endswith("}") else value
    if isinstance(value, list):
        return [fill(v, ids) for v in value]
    if isinstance(value, dict):
        return {k: fill(v, ids) for k, v in value.items()}
    return value


@pytest.mark.parametrize("target, action, body, status, field", REFUSALS)
def test_the_record_refuses_what_contradicts_it_and_appends_nothing(api, app, story, target, action, body,
                                                                    status, field):
    ids = vars(story)
    if target == "forum":
        path = f"/forums/{story.forum_id}/sessions"
        body = {"title": "Sesión", "kind": "forum_session", "scheduled_at": "2025-04-08T15:00:00-05:00",
                "venue": "Sala", "modality": "virtual", **body}
    else:
        path = f"/sessions/{ids[target]}/{action}"
    before = event_count(app)
    error = api.post(path, fill(body, ids), expect=status)
    assert error["code"] == status and error["message"]
    if field is not None:
        assert field in error["errors"], error
    assert event_count(app) == before


def test_minutes_may_be_approved_the_day_the_session_was_held_by_those_present(api, story):
    approve_minutes(api, story.held, approved_on="2025-04-08", signed_by=[story.ana, story.jorge, story.luis])
    assert api.get(f"/sessions/{story.held}")["minutes"]["approved_on"] == "2025-04-08"


def test_a_corrected_record_keeps_both_events_and_shows_the_latest(api, app, story):
    api.post(f"/sessions/{story.held}/record", {
        "held_at": "2025-04-08T15:45:00-05:00", "public_attendees": 4,
        "attendance": [{"representative_id": story.ana}, {"representative_id": story.jorge}],
        "correction": {"reason": "Faltaba la asistencia de la sociedad civil"}})
    held = [e for e in stream(app, story.held) if e.type == "SessionHeld"]
    assert len(held) == 2 and held[0].data["correction_reason"] is None
    assert held[1].data["correction_reason"] == "Faltaba la asistencia de la sociedad civil"
    s = api.get(f"/sessions/{story.held}")
    assert [a["representative_id"] for a in s["attendance"]] == [story.ana, story.jorge]
    assert s["held_at"] == "2025-04-08T15:45:00-05:00" and s["public_attendees"] == 4
    assert [(c["of"], c["reason"], c["position"]) for c in s["corrections"]] == [
        ("record", "Faltaba la asistencia de la sociedad civil", held[1].position)]

    approve_minutes(api, story.minuted, correction={"reason": "Se añadió la firma faltante"},
                    signed_by=[story.ana])
    announce_session(api, story.announced, channels=["web"], correction={"reason": "Fue publicada en la web"})
    assert api.get(f"/sessions/{story.minuted}")["minutes"]["signed_by"] == [story.ana]
    assert api.get(f"/sessions/{story.announced}")["announcement"]["channels"] == ["web"]


def test_the_public_reads_sessions_without_guests_or_minors_names(api, story):
    hold_session(api, story.scheduled, attendance=[
        {"representative_id": story.luis}, {"representative_id": story.jorge},
        {"name": "María Huamán", "organization": "Ronda Campesina de Bambamarca", "sector": "civil_society"}])
    full = api.get(f"/sessions/{story.scheduled}")
    assert [a["name"] for a in full["attendance"]] == ["Luis Chávez", "Jorge Díaz", "María Huamán"]

    response = api.as_(None).call("GET", f"/sessions/{story.scheduled}")
    assert response.status_code == 200 and response.headers["ETag"]
    text = response.get_data(as_text=True)
    assert "Luis Chávez" not in text and "María Huamán" not in text and "ana@" not in text
    public = response.get_json()["attendance"]
    assert [(a["name"], a["sector"]) for a in public] == [(None, "youth"), ("Jorge Díaz", "civil_society"),
                                                          (None, "civil_society")]
    assert public[2]["organization"] == "Ronda Campesina de Bambamarca"
    listed = api.as_(None).call("GET", f"/forums/{story.forum_id}/sessions").get_data(as_text=True)
    assert "Luis Chávez" not in listed and "María Huamán" not in listed


def test_roles(api, app, tokens, story):
    """The forum's secretariat writes its sessions; another forum's secretariat and evaluators may not."""
    own = tokens.make("secretaria@cajamarca.gob.pe", "secretariat", (story.forum_id,))
    stranger = tokens.make("secretaria@piura.gob.pe", "secretariat", ("frm_other",))
    schedule_session(api.as_(own), story.forum_id)
    before = event_count(app)
    body = {"reason": "Sin quórum"}
    api.as_(stranger).post(f"/sessions/{story.scheduled}/cancellation", body, expect=403)
    api.as_(stranger).post(f"/forums/{story.forum_id}/sessions", {}, expect=403)
    api.as_(tokens.evaluator).post(f"/sessions/{story.scheduled}/cancellation", body, expect=403)
    api.as_(None).post(f"/sessions/{story.scheduled}/cancellation", body, expect=401)
    assert event_count(app) == before
    api.as_(own).post(f"/sessions/{story.scheduled}/cancellation", body)


def test_unknown_sessions_and_forums_are_404(api, app, story):
    before = event_count(app)
    api.get("/sessions/ses_nope", expect=404)
    api.get("/forums/frm_nope/sessions", expect=404)
    api.get(f"/forums/{story.plan}/sessions", expect=404)
    api.get(f"/sessions/{story.forum_id}", expect=404)
    api.post(f"/sessions/{story.forum_id}/cancellation", {"reason": "x"}, expect=404)
    api.post(f"/sessions/{story.plan}/record", {"held_at": "2025-04-08T15:20:00-05:00"}, expect=404)
    api.post("/sessions/ses_nope/cancellation", {"reason": "x"}, expect=404)
    assert event_count(app) == before


def test_if_match_guards_session_writes(api, story):
    etag = api.call("GET", f"/sessions/{story.scheduled}").headers["ETag"]
    moved = api.call("POST", f"/sessions/{story.scheduled}/rescheduling",
                     {"scheduled_at": "2025-04-09T15:00:00-05:00"}, headers={"If-Match": etag})
    assert moved.status_code == 201 and moved.headers["ETag"] == f'"{story.scheduled}.2"'
    api.post(f"/sessions/{story.scheduled}/cancellation", {"reason": "x"}, headers={"If-Match": etag},
             expect=412)
