"""Action plans over the API."""
from __future__ import annotations

import pytest

from tests.api.conftest import event_count
from tests.support.builders import new_forum, open_plan
from tests.support.builders_contributions import contribute, representative
from tests.support.builders_plans import (
    ACT,
    SITE,
    extend,
    held_session,
    open_consultation,
    plan_with_roster,
    publish,
)


@pytest.mark.both_engines  # this area's smoke test on PostgreSQL
def test_a_plan_opens_with_its_window_and_reads_back(api):
    forum_id = new_forum(api)
    plan_id = open_plan(api, forum_id)
    plan = api.as_(None).get(f"/action-plans/{plan_id}")
    assert plan["forum_id"] == forum_id
    assert (plan["cocreation_starts_on"], plan["cocreation_ends_on"]) == ("2025-03-01", "2025-11-30")


def test_a_window_before_the_forum_or_backwards_is_refused(api, app):
    forum_id = new_forum(api)
    before = event_count(app)
    api.post(f"/forums/{forum_id}/action-plans", {
        "title": "x", "period_start": "2026-01-01", "period_end": "2027-12-31",
        "cocreation_starts_on": "2024-03-01", "cocreation_ends_on": "2025-11-30"}, expect=409)
    api.post(f"/forums/{forum_id}/action-plans", {
        "title": "x", "period_start": "2026-01-01", "period_end": "2027-12-31",
        "cocreation_starts_on": "2025-12-01", "cocreation_ends_on": "2025-11-30"}, expect=409)
    assert event_count(app) == before


# -- submission, publications, consultations --------------------------------------------------------------


def plan_stream(app, plan_id):
    return app.extensions["tracker"].store.read_stream(plan_id)


def test_a_plan_is_submitted_once(api, app):
    r = plan_with_roster(api)
    api.post(f"/action-plans/{r.plan}/submission", {"submitted_on": "2025-12-10", "document": ACT})
    plan = api.as_(None).get(f"/action-plans/{r.plan}")
    assert plan["submission"] == {"submitted_on": "2025-12-10", "document": ACT}
    assert plan_stream(app, r.plan)[-1].occurred_at.isoformat() == "2025-12-10T05:00:00+00:00"
    before = event_count(app)
    error = api.post(f"/action-plans/{r.plan}/submission", {"submitted_on": "2025-12-11"}, expect=409)
    assert "already submitted on 2025-12-10" in error["message"]
    assert event_count(app) == before


@pytest.mark.parametrize("body, status, field", [
    ({"submitted_on": "2027-01-01"}, 422, "submitted_on"),
    ({"submitted_on": "2025-02-20"}, 409, "submitted_on"),  # before co-creation started
    ({"submitted_on": "2025-12-10", "document": {"title": "x"}}, 422, "document.url"),
])
def test_a_submission_in_the_future_or_before_cocreation_is_refused(api, app, body, status, field):
    r = plan_with_roster(api)
    before = event_count(app)
    assert field in api.post(f"/action-plans/{r.plan}/submission", body, expect=status)["errors"]
    assert event_count(app) == before


def test_publications_are_listed_and_a_sessions_minutes_name_the_session(api, app):
    r = plan_with_roster(api)
    webpage = publish(api, r.plan, sha256="d" * 64)
    session = held_session(api, r.forum_id, held_at="2025-04-08T15:20:00-05:00")
    minutes = publish(api, r.plan, kind="minutes", title="Acta de la sesión de abril",
                      url=f"{SITE}/acta-4.pdf", published_on="2025-04-25", session_id=session)
    assert webpage.startswith("pub_") and minutes.startswith("pub_")
    publications = api.as_(None).get(f"/action-plans/{r.plan}")["publications"]
    assert [(p["id"], p["kind"], p["session_id"]) for p in publications] == [
        (webpage, "ogp_webpage", None), (minutes, "minutes", session)]
    assert publications[0]["sha256"] == "d" * 64
    assert [e.type for e in plan_stream(app, r.plan)][1:] == ["PublicationMade", "PublicationMade"]


@pytest.mark.parametrize("overrides, status, field", [
    ({"kind": "ogp_webpage", "session_id": "ses_0123456789abcdef0123"}, 422, "session_id"),
    ({"kind": "minutes", "session_id": "ses_0123456789abcdef0123"}, 422, "session_id"),  # no such session
    ({"kind": "minutes", "session_id": "PLAN"}, 422, "session_id"),  # an id of another kind
    ({"kind": "press_release"}, 422, "kind"),
    ({"published_on": "2026-12-01"}, 422, "published_on"),
    ({"published_on": "2025-01-01"}, 409, "published_on"),  # before the forum was established
    ({"url": "javascript:alert(1)"}, 422, "url"),
])
def test_bad_publications_are_refused_and_append_nothing(api, app, overrides, status, field):
    r = plan_with_roster(api)
    if overrides.get("session_id") == "PLAN":
        overrides = {**overrides, "session_id": r.plan}
    before = event_count(app)
    body = {"kind": "ogp_webpage", "title": "Página", "url": f"{SITE}/", "published_on": "2025-03-01",
            **overrides}
    assert field in api.post(f"/action-plans/{r.plan}/publications", body, expect=status)["errors"]
    assert event_count(app) == before


def test_a_consultation_opens_and_its_deadline_moves_later_at_a_members_request(api, app, clock):
    r = plan_with_roster(api)
    consultation = open_consultation(api, r.plan)
    asked = contribute(api, r.plan, representative(r.luis), received_on="2025-06-20", channel="email",
                       text="Pedimos ampliar el plazo para llegar a las provincias.")
    extend(api, consultation, requested_by_contribution=asked)
    response = api.call("GET", f"/consultations/{consultation}")
    assert response.status_code == 200 and response.headers["ETag"] == f'"{consultation}.2"'
    c = response.get_json()
    assert (c["opens_on"], c["original_closes_on"], c["closes_on"]) == (
        "2025-06-01", "2025-06-30", "2025-07-15")
    assert c["extensions"][0]["requested_by_contribution"] == asked
    assert c["extensions"][0]["previous_closes_on"] == "2025-06-30"
    events = app.extensions["tracker"].store.read_stream(consultation)
    assert [e.type for e in events] == ["ConsultationOpened", "ConsultationExtended"]
    assert events[0].occurred_at.isoformat() == "2025-06-01T05:00:00+00:00"
    assert events[1].occurred_at == clock()  # no date of its own: now
    assert [x["id"] for x in api.as_(None).get(f"/action-plans/{r.plan}")["consultations"]] == [consultation]


def test_a_consultation_may_be_planned_ahead_and_occurs_when_announced(api, app, clock):
    r = plan_with_roster(api)
    consultation = open_consultation(api, r.plan, opens_on="2026-12-01", closes_on="2027-01-15")
    assert app.extensions["tracker"].store.read_stream(consultation)[0].occurred_at == clock()


def test_an_extension_must_move_the_deadline_later_and_name_a_contribution_of_the_forum(api, app):
    r = plan_with_roster(api)
    consultation = open_consultation(api, r.plan)
    before = event_count(app)
    for closes_on in ("2025-06-30", "2025-06-15"):
        error = extend_refused(api, consultation, 409, closes_on=closes_on)
        assert "closes_on" in error["errors"] and "later than 2025-06-30" in error["message"]
    extend_refused(api, consultation, 422, requested_by_contribution="ctb_0123456789abcdef0123")
    extend_refused(api, consultation, 422, requested_by_contribution=consultation)
    extend_refused(api, consultation, 422, occurred_on="2026-12-25")
    api.post(f"/action-plans/{r.plan}/consultations",
             {"opens_on": "2025-06-01", "closes_on": "2025-05-31", "channel": "web_form"}, expect=422)
    api.post(f"/action-plans/{r.plan}/consultations",
             {"opens_on": "2025-06-01", "closes_on": "2025-06-30", "channel": "fax"}, expect=422)
    assert event_count(app) == before


def extend_refused(api, consultation, status, **body):
    return api.post(f"/consultations/{consultation}/extension",
                    {"closes_on": "2025-07-15", "reason": "Más tiempo", **body}, expect=status)


def test_if_match_guards_the_plan_and_its_consultations(api, app):
    r = plan_with_roster(api)
    consultation = open_consultation(api, r.plan)
    stale = {"If-Match": f'"{consultation}.0"'}
    api.post(f"/consultations/{consultation}/extension", {"closes_on": "2025-07-15", "reason": "x"},
             headers=stale, expect=412)
    current = api.call("GET", f"/consultations/{consultation}").headers["ETag"]
    api.post(f"/consultations/{consultation}/extension", {"closes_on": "2025-07-15", "reason": "x"},
             headers={"If-Match": current})
    etag = api.call("GET", f"/action-plans/{r.plan}").headers["ETag"]
    assert etag == f'"{r.plan}.1"'
    api.post(f"/action-plans/{r.plan}/submission", {"submitted_on": "2025-12-10"},
             headers={"If-Match": '"x.9"'}, expect=412)
    api.post(f"/action-plans/{r.plan}/submission", {"submitted_on": "2025-12-10"}, headers={"If-Match": etag})


def test_only_the_forums_secretariat_or_an_admin_writes_the_plan(api, app, tokens):
    r = plan_with_roster(api)
    other = plan_with_roster(api, name="Foro de Piura", member="Piura, Peru")
    secretariat = api.as_(tokens.make("secretaria@regioncajamarca.gob.pe", "secretariat", (r.forum_id,)))
    consultation = open_consultation(secretariat, r.plan)
    publish(secretariat, r.plan)
    before = event_count(app)
    evaluator = api.as_(tokens.evaluator)
    body = {"opens_on": "2025-06-01", "closes_on": "2025-06-30", "channel": "web_form"}
    for caller, status in ((evaluator, 403), (api.as_(None), 401)):
        caller.post(f"/action-plans/{r.plan}/submission", {"submitted_on": "2025-12-10"}, expect=status)
        caller.post(f"/action-plans/{r.plan}/publications", {}, expect=status)
        caller.post(f"/action-plans/{r.plan}/consultations", body, expect=status)
        caller.post(f"/consultations/{consultation}/extension", {}, expect=status)
    secretariat.post(f"/action-plans/{other.plan}/consultations", body, expect=403)
    api.post("/action-plans/pln_0123456789abcdef0123/consultations", body, expect=404)
    api.post("/consultations/cns_0123456789abcdef0123/extension", {}, expect=404)
    api.get("/consultations/cns_0123456789abcdef0123", expect=404)
    api.get(f"/consultations/{r.plan}", expect=404)
    assert event_count(app) == before
