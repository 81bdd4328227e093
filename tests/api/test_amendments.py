"""Amendments during implementation (issue 19): a commitment of an endorsed plan is amended with a reason and the
forum's approval, recorded by the held session it happened in; the commitment reads its endorsed text, its current
text and each amendment with its session side by side. Revisions stay accepted as before."""
from __future__ import annotations

import pytest

from tests.api.conftest import event_count
from tests.compliance.support import check
from tests.support.builders import new_forum
from tests.support.builders_plans import (
    draft_commitment,
    endorse,
    held_session,
    plan_with_roster,
    revise,
    withdraw_endorsement,
)
from tests.support.builders_sessions import cancel_session, schedule_session

MARCH = "2026-03-10T10:00:00-05:00"  # the session at which the forum approves the amendment
FIRST = "Diagnóstico de la información disponible"
SECOND = "Primer reporte trimestral en datos abiertos"


def stream(app, stream_id):
    return app.extensions["tracker"].store.read_stream(stream_id)


def endorsed_commitment(api):
    """A Cajamarca plan endorsed on 2025-11-14 holding a commitment of two milestones, and a session of the forum
    held on 2026-03-10; the server's today is 2026-11-20."""
    r = plan_with_roster(api)
    r.commitment = draft_commitment(api, r.plan)
    r.endorsement = endorse(api, r.plan, signed_by=[r.ana, r.jorge])
    r.session = held_session(api, r.forum_id, held_at=MARCH, title="Sesión ordinaria de marzo")
    return r


def amend(api, commitment, expect=201, **body):
    defaults = {"changes": {"description": "Publicar cada mes, en datos abiertos, la ejecución por distrito."},
                "reason": "La Gerencia puede publicar mensualmente", "occurred_on": "2026-03-12"}
    return api.post(f"/commitments/{commitment}/amendment", {**defaults, **body}, expect=expect)


@pytest.mark.both_engines  # this area's smoke test on PostgreSQL
def test_an_approved_amendment_is_read_beside_the_endorsed_and_the_current_text(api, app):
    r = endorsed_commitment(api)
    created = amend(api, r.commitment, approved_in_session_id=r.session, changes={
        "description": "Publicar cada mes, en datos abiertos, la ejecución por distrito.",
        "lead_institution": "Gerencia Regional de Planeamiento y Presupuesto",  # unchanged: not stored
        "milestones": [{"title": FIRST, "deliverable": "Informe publicado", "due_on": "2026-05-31"}]})
    assert created["id"] == r.commitment

    response = api.as_(None).call("GET", f"/commitments/{r.commitment}")
    assert response.status_code == 200 and response.headers["ETag"] == f'"{r.commitment}.2"'
    c = response.get_json()
    assert c["description"] == "Publicar cada mes, en datos abiertos, la ejecución por distrito."
    assert c["milestones"] == [{"title": FIRST, "deliverable": "Informe publicado", "due_on": "2026-05-31"}]
    assert (c["revision"], c["revisions"], c["endorsed_revision"], c["endorsed_text_differs"]) == (1, [], 0, True)
    endorsed = c["endorsed_text"]
    assert endorsed["description"] == "Publicar cada trimestre, en datos abiertos, la ejecución por distrito y obra."
    assert [(m["title"], m["due_on"]) for m in endorsed["milestones"]] == [
        (FIRST, "2026-04-30"), (SECOND, "2026-07-31")]
    assert endorsed["title"] == c["title"] and endorsed["ogp_values"] == c["ogp_values"]
    [amendment] = c["amendments"]
    assert amendment["changed_fields"] == ["description", "milestones"]
    assert amendment["reason"] == "La Gerencia puede publicar mensualmente" and amendment["revision"] == 1
    assert amendment["changes"]["milestones"] == [
        {"title": FIRST, "deliverable": "Informe publicado", "due_on": "2026-05-31"}]
    assert (amendment["approved_in_session_id"], amendment["approved_in_session_title"],
            amendment["approved_in_session_held_on"]) == (r.session, "Sesión ordinaria de marzo", "2026-03-10")
    assert amendment["occurred_at"].startswith("2026-03-12T05:00:00") and amendment["recorded_at"]

    event = stream(app, r.commitment)[-1]
    assert event.type == "CommitmentAmended" and event.tenant_id == r.forum_id
    assert event.data == {
        "commitment_id": r.commitment, "revision": 1, "reason": "La Gerencia puede publicar mensualmente",
        "changes": {"description": "Publicar cada mes, en datos abiertos, la ejecución por distrito.",
                    "milestones": [{"title": FIRST, "deliverable": "Informe publicado", "due_on": "2026-05-31"}]},
        "approved_in_session_id": r.session}
    assert event.occurred_at.isoformat() == "2026-03-12T05:00:00+00:00"  # the day's start in America/Lima


def test_an_amendment_without_a_session_is_recorded_with_no_approval(api):
    r = endorsed_commitment(api)
    amend(api, r.commitment)
    [amendment] = api.get(f"/commitments/{r.commitment}")["amendments"]
    assert (amendment["approved_in_session_id"], amendment["approved_in_session_title"],
            amendment["approved_in_session_held_on"]) == (None, None, None)


def test_a_commitment_the_standing_endorsement_does_not_hold_is_revised_not_amended(api, app):
    r = plan_with_roster(api)
    commitment = draft_commitment(api, r.plan)
    before = event_count(app)
    error = amend(api, commitment, expect=409)
    assert "no standing endorsement" in error["message"] and "revis" in error["message"]
    assert event_count(app) == before

    endorsement = endorse(api, r.plan, signed_by=[r.ana, r.jorge])
    withdraw_endorsement(api, endorsement)
    before = event_count(app)
    assert "no standing endorsement" in amend(api, commitment, expect=409)["message"]
    endorse(api, r.plan, endorsed_on="2025-11-25", signed_by=[r.ana, r.jorge])
    later = draft_commitment(api, r.plan, title="Compras públicas abiertas", occurred_on="2025-12-01")
    before = event_count(app)
    assert "does not hold this commitment" in amend(api, later, expect=409)["message"]
    assert event_count(app) == before
    assert api.get(f"/commitments/{later}")["endorsed_text"] is None


def test_the_approving_session_must_be_held_by_then_and_of_this_forum(api, app):
    r = endorsed_commitment(api)
    cancelled = schedule_session(api, r.forum_id, scheduled_at="2026-03-05T10:00:00-05:00")
    cancel_session(api, cancelled)
    future = schedule_session(api, r.forum_id, scheduled_at="2026-12-10T10:00:00-05:00")
    later = held_session(api, r.forum_id, held_at="2026-03-20T10:00:00-05:00")
    elsewhere = schedule_session(api, new_forum(api, name="Foro de Gobierno Abierto de Piura"),
                                 scheduled_at="2026-03-05T10:00:00-05:00")
    before = event_count(app)

    error = amend(api, r.commitment, approved_in_session_id=cancelled, expect=409)
    assert error["errors"]["approved_in_session_id"] == ["it was cancelled"]
    error = amend(api, r.commitment, approved_in_session_id=future, expect=409)
    assert error["errors"]["approved_in_session_id"] == ["it is not recorded as held"]
    error = amend(api, r.commitment, approved_in_session_id=later, expect=409)
    assert "after the amendment's day 2026-03-12" in error["message"]
    error = amend(api, r.commitment, approved_in_session_id=elsewhere, expect=422)
    assert "approved_in_session_id" in error["errors"]
    amend(api, r.commitment, approved_in_session_id="ses_nope", expect=422)
    assert event_count(app) == before
    amend(api, r.commitment, approved_in_session_id=later, occurred_on="2026-03-20")  # the same day is allowed


def test_a_malformed_or_empty_amendment_is_refused(api, app):
    r = endorsed_commitment(api)
    before = event_count(app)
    error = api.post(f"/commitments/{r.commitment}/amendment", {"changes": {"title": "Otro"}}, expect=422)
    assert "reason" in error["errors"]
    amend(api, r.commitment, reason="", expect=422)
    amend(api, r.commitment, changes={}, expect=422)
    amend(api, r.commitment, changes={"revision": 3}, expect=422)  # not a field of the text
    amend(api, r.commitment, changes={"ogp_values": []}, expect=422)
    api.post(f"/commitments/{r.commitment}/amendment", {"reason": "x"}, expect=422)  # no changes
    error = amend(api, r.commitment, changes={"title": "Presupuesto participativo abierto y trimestral"},
                  expect=409)
    assert "changes nothing" in error["message"]
    error = amend(api, r.commitment, occurred_on="2025-11-10", expect=409)  # before the endorsement
    assert "endorsed on 2025-11-14" in error["message"]
    amend(api, r.commitment, occurred_on="2026-12-01", expect=422)  # the forum's future
    assert event_count(app) == before


def test_only_the_forums_secretariat_amends(api, app, tokens):
    r = endorsed_commitment(api)
    other = api.as_(tokens.make("secretaria@piura.gob.pe", "secretariat", (new_forum(api, name="Foro de Piura"),)))
    before = event_count(app)
    body = {"changes": {"title": "Otro"}, "reason": "x", "approved_in_session_id": r.session}
    api.as_(tokens.evaluator).post(f"/commitments/{r.commitment}/amendment", body, expect=403)
    api.as_(None).post(f"/commitments/{r.commitment}/amendment", body, expect=401)
    other.post(f"/commitments/{r.commitment}/amendment", body, expect=403)
    assert event_count(app) == before
    mine = api.as_(tokens.make("secretaria@regioncajamarca.gob.pe", "secretariat", (r.forum_id,)))
    mine.post(f"/commitments/{r.commitment}/amendment", body)
    api.post("/commitments/cmt_00000000000000000000000000/amendment", body, expect=404)


def test_milestone_ids_and_their_progress_survive_an_amendment_that_keeps_the_milestone(api):
    r = endorsed_commitment(api)
    first, second = (m["id"] for m in api.get(f"/commitments/{r.commitment}")["progress"]["milestones"])
    api.post(f"/commitments/{r.commitment}/progress", {
        "milestone_id": first, "status": "in_progress", "reported_on": "2026-03-01",
        "summary": "Se levantó la información de los ocho distritos."})
    amend(api, r.commitment, approved_in_session_id=r.session, changes={"milestones": [
        {"title": "Capacitación a juntas vecinales", "deliverable": "Diez talleres", "due_on": "2026-10-31"},
        {"title": f"  {FIRST.upper()} ", "deliverable": "Informe publicado", "due_on": "2026-06-30"}]})

    milestones = api.get(f"/commitments/{r.commitment}")["progress"]["milestones"]
    hex_part = r.commitment.removeprefix("cmt_")
    assert [m["id"] for m in milestones] == [f"mls_{hex_part}_3", first]
    assert second not in [m["id"] for m in milestones]
    kept = milestones[1]
    assert (kept["due_on"], kept["status"]) == ("2026-06-30", "in_progress")
    assert kept["last_report"]["summary"] == "Se levantó la información de los ocho distritos."
    api.post(f"/commitments/{r.commitment}/progress", {
        "milestone_id": first, "status": "completed", "reported_on": "2026-06-20",
        "summary": "Informe publicado.", "reason": "Se publicará con el informe anual."})
    api.post(f"/commitments/{r.commitment}/progress", {
        "milestone_id": second, "status": "in_progress", "reported_on": "2026-06-21", "summary": "x"}, expect=422)


def test_revisions_stay_accepted_and_share_the_numbering_with_amendments(api, app):
    r = endorsed_commitment(api)
    revise(api, r.commitment, title="Presupuesto participativo abierto", occurred_on="2026-02-01")
    amend(api, r.commitment, approved_in_session_id=r.session)
    revise(api, r.commitment, problem="Sin datos por distrito.", occurred_on="2026-04-01")

    c = api.get(f"/commitments/{r.commitment}")
    assert c["revision"] == 3 and [x["revision"] for x in c["revisions"]] == [1, 3]
    assert [x["revision"] for x in c["amendments"]] == [2]
    assert (c["title"], c["problem"]) == ("Presupuesto participativo abierto", "Sin datos por distrito.")
    assert c["description"] == "Publicar cada mes, en datos abiertos, la ejecución por distrito."
    assert c["endorsed_text"]["title"] == "Presupuesto participativo abierto y trimestral"
    assert [e.type for e in stream(app, r.commitment)][-3:] == [
        "CommitmentRevised", "CommitmentAmended", "CommitmentRevised"]

    # endorsed again after the amendment: the new endorsement holds the amended text
    withdraw_endorsement(api, r.endorsement, withdrawn_on="2026-05-01")
    endorse(api, r.plan, endorsed_on="2026-05-02", signed_by=[r.ana, r.jorge])
    c = api.get(f"/commitments/{r.commitment}")
    assert (c["endorsed_revision"], c["endorsed_text_differs"]) == (3, False)
    assert c["endorsed_text"]["description"] == "Publicar cada mes, en datos abiertos, la ejecución por distrito."
    assert c["endorsed_text"]["problem"] == "Sin datos por distrito."


def test_1_4_counts_an_amendment_as_a_change_since_the_endorsement(api):
    r = endorsed_commitment(api)
    amend(api, r.commitment, approved_in_session_id=r.session)
    found = check(api, r.plan, "1.4", as_of="2026-11-20")
    assert found["answer"] == "yes"
    assert found["details"]["changed_since_endorsement"] == [
        {"commitment_id": r.commitment, "number": 1, "title": "Presupuesto participativo abierto y trimestral",
         "endorsed_revision": 0, "revision": 1, "fields": ["description"]}]
    [amended] = [e for e in found["evidence"] if e["type"] == "CommitmentAmended"]
    assert amended["occurred_at"].startswith("2026-03-12")
    assert check(api, r.plan, "1.4", as_of="2026-03-11")["details"]["changed_since_endorsement"] == []
