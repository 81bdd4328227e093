"""Progress with evidence (issue 19): milestones have ids; a commitment's milestones are reported on with a
status, a summary and evidence; completing needs evidence or a reason, cancelling a reason; corrections supersede;
a milestone past its due day and not completed reads overdue."""
from __future__ import annotations

import hashlib

import pytest

from tests.api.conftest import event_count
from tests.api.test_documents import PDF, upload
from tests.support.builders_plans import draft_commitment, endorse, plan_with_roster, publish, revise
from tracker.queries.implementation import completion_level
from tracker.read_models.records import Records


def stream(app, stream_id):
    return app.extensions["tracker"].store.read_stream(stream_id)


def endorsed_commitment(api):
    """A Cajamarca plan (period 2026-2027), endorsed, with a commitment of two milestones due 2026-04-30 and
    2026-07-31; the server's today is 2026-11-20."""
    r = plan_with_roster(api)
    r.commitment = draft_commitment(api, r.plan)
    endorse(api, r.plan, signed_by=[r.ana, r.jorge])
    r.first, r.second = (m["id"] for m in api.get(f"/commitments/{r.commitment}")["progress"]["milestones"])
    return r


def report(api, commitment, expect=201, **body):
    defaults = {"status": "in_progress", "reported_on": "2026-03-15",
                "summary": "Se levantó la información de los ocho distritos."}
    return api.post(f"/commitments/{commitment}/progress", {**defaults, **body}, expect=expect)


def progress(api, commitment):
    return api.as_(None).get(f"/commitments/{commitment}")["progress"]


@pytest.mark.both_engines  # this area's smoke test on PostgreSQL
def test_progress_is_reported_with_evidence_and_anyone_reads_each_milestones_status(api, app):
    r = endorsed_commitment(api)
    hex_part = r.commitment.removeprefix("cmt_")
    assert (r.first, r.second) == (f"mls_{hex_part}_1", f"mls_{hex_part}_2")
    publication = publish(api, r.plan, kind="repository", title="Informe de diagnóstico",
                          url="https://gobiernoabierto.cajamarca.gob.pe/diagnostico.pdf", published_on="2026-04-20")
    sha = upload(api, r.forum_id, PDF).get_json()["sha256"]
    assert sha == hashlib.sha256(PDF).hexdigest()

    report(api, r.commitment, milestone_id=r.first)
    done = report(api, r.commitment, milestone_id=r.first, status="completed", reported_on="2026-04-25",
                  summary="Informe de diagnóstico publicado.", evidence=[publication, sha.upper()],
                  reported_by_organization=r.gore)
    assert done["id"] == r.commitment
    report(api, r.commitment, status="in_progress", reported_on="2026-05-02",
           summary="El compromiso avanza según lo previsto.")

    p = progress(api, r.commitment)
    assert p["as_of"] == "2026-11-20"
    first, second = p["milestones"]
    assert (first["id"], first["title"], first["due_on"]) == (
        r.first, "Diagnóstico de la información disponible", "2026-04-30")
    assert (first["status"], first["overdue"], first["evidence"]) == ("completed", False, [publication, sha])
    assert first["last_report"]["summary"] == "Informe de diagnóstico publicado."
    assert first["last_report"]["reported_by_organization"] == r.gore
    assert (second["id"], second["status"], second["last_report"], second["evidence"]) == (r.second, None, None, [])
    assert second["overdue"] is True  # due 2026-07-31, nothing reported, read on 2026-11-20
    assert p["note"]["summary"] == "El compromiso avanza según lo previsto." and p["note"]["milestone_id"] is None
    assert [x["status"] for x in p["reports"]] == ["in_progress", "completed", "in_progress"]

    event = stream(app, r.commitment)[-2]
    assert event.type == "ProgressReported" and event.tenant_id == r.forum_id
    assert event.data["evidence"] == [publication, sha] and event.data["milestone_id"] == r.first
    assert event.occurred_at.isoformat() == "2026-04-25T05:00:00+00:00"  # the day's start in America/Lima


def test_completing_needs_evidence_or_a_reason_and_cancelling_needs_a_reason(api, app):
    r = endorsed_commitment(api)
    before = event_count(app)
    error = report(api, r.commitment, 422, milestone_id=r.first, status="completed")
    assert "evidence" in error["errors"]
    error = report(api, r.commitment, 422, milestone_id=r.second, status="cancelled",
                   summary="Se cancela porque ya no es necesario.")
    assert "reason" in error["errors"]
    report(api, r.commitment, 422, milestone_id=r.second, status="cancelled", reason="")  # blank is no reason
    report(api, r.commitment, 422, milestone_id=r.first, status="finished")  # not a status
    assert event_count(app) == before

    report(api, r.commitment, milestone_id=r.first, status="completed",
           reason="El informe contiene datos personales; se publicará una versión anonimizada.")
    report(api, r.commitment, milestone_id=r.second, status="cancelled",
           reason="La ley regional de presupuesto cambió el formato de los reportes.")
    first, second = progress(api, r.commitment)["milestones"]
    assert (first["status"], first["overdue"], second["status"], second["overdue"]) == (
        "completed", False, "cancelled", False)
    assert second["last_report"]["reason"] == "La ley regional de presupuesto cambió el formato de los reportes."


def test_progress_dated_before_the_period_starts_in_the_future_or_naming_unknown_ids_is_refused(api, app):
    r = endorsed_commitment(api)
    other = draft_commitment(api, r.plan, title="Otro compromiso")
    other_milestone = progress(api, other)["milestones"][0]["id"]
    before = event_count(app)
    error = report(api, r.commitment, 409, milestone_id=r.first, reported_on="2025-12-31")
    assert "reported_on" in error["errors"] and "2026-01-01" in error["message"]
    assert "reported_on" in report(api, r.commitment, 422, reported_on="2026-11-21")["errors"]  # the future
    assert "evidence" in report(api, r.commitment, 422, evidence=["pub_00000000000000000000"])["errors"]
    assert "evidence" in report(api, r.commitment, 422, evidence=["a" * 64])["errors"]  # no such document
    assert "milestone_id" in report(api, r.commitment, 422, milestone_id=other_milestone)["errors"]
    assert "milestone_id" in report(api, r.commitment, 422, milestone_id="mls_nothing_1")["errors"]
    assert "reported_by_organization" in report(
        api, r.commitment, 422, reported_by_organization="org_00000000000000000000")["errors"]
    api.post("/commitments/cmt_00000000000000000000/progress",
             {"status": "in_progress", "reported_on": "2026-03-15", "summary": "x"}, expect=404)
    assert event_count(app) == before


def test_a_correction_supersedes_the_report_that_stands_and_a_repeat_needs_one(api, app):
    r = endorsed_commitment(api)
    report(api, r.commitment, 409, milestone_id=r.first, correction={"reason": "nada que corregir"})
    report(api, r.commitment, milestone_id=r.first, status="delayed", reported_on="2026-04-10",
           summary="La consultora entregará en mayo.")
    error = report(api, r.commitment, 409, milestone_id=r.first, reported_on="2026-04-10")
    assert "correction" in error["message"]
    report(api, r.commitment, milestone_id=r.first, status="in_progress", reported_on="2026-04-10",
           summary="La consultora entregará a tiempo.", correction={"reason": "Se informó el hito equivocado"})

    p = progress(api, r.commitment)
    first = p["milestones"][0]
    assert (first["status"], first["last_report"]["correction_reason"]) == (
        "in_progress", "Se informó el hito equivocado")
    assert [(x["status"], x["superseded"]) for x in p["reports"]] == [("delayed", True), ("in_progress", False)]
    delayed, corrected = stream(app, r.commitment)[-2:]
    assert corrected.data["corrects_version"] == delayed.stream_version


def test_a_past_due_milestone_reads_overdue_until_completed(api, clock):
    r = endorsed_commitment(api)
    clock.advance(days=-220)  # 2026-04-14: neither milestone is due yet
    assert [m["overdue"] for m in progress(api, r.commitment)["milestones"]] == [False, False]
    clock.advance(days=30)  # 2026-05-14: the first milestone was due on 2026-04-30
    report(api, r.commitment, milestone_id=r.first, status="delayed", reported_on="2026-05-10",
           summary="Se entregará en junio.")
    assert [m["overdue"] for m in progress(api, r.commitment)["milestones"]] == [True, False]
    report(api, r.commitment, milestone_id=r.first, status="completed", reported_on="2026-05-14",
           summary="Informe publicado.", reason="Publicado solo en físico en mesa de partes.")
    assert [m["overdue"] for m in progress(api, r.commitment)["milestones"]] == [False, False]


def test_an_evaluator_or_an_anonymous_caller_may_not_report_progress(api, app, tokens):
    r = endorsed_commitment(api)
    body = {"status": "in_progress", "reported_on": "2026-03-15", "summary": "x", "milestone_id": r.first}
    before = event_count(app)
    api.as_(tokens.evaluator).post(f"/commitments/{r.commitment}/progress", body, expect=403)
    api.as_(None).post(f"/commitments/{r.commitment}/progress", body, expect=401)
    other = tokens.make("otro@example.org", "secretariat", ("frm_00000000000000000000",))
    api.as_(other).post(f"/commitments/{r.commitment}/progress", body, expect=403)
    assert event_count(app) == before
    secretariat = tokens.make("secretaria@example.org", "secretariat", (r.forum_id,))
    api.as_(secretariat).post(f"/commitments/{r.commitment}/progress", body)


def test_milestone_ids_are_stable_across_reads_revisions_and_a_rebuild(api, app):
    r = endorsed_commitment(api)
    report(api, r.commitment, milestone_id=r.second, summary="Se diseñó el formato de datos.")
    revise(api, r.commitment, reason="Se añade un hito y se retira el diagnóstico", milestones=[
        {"title": "Primer reporte trimestral en datos abiertos", "deliverable": "Conjunto de datos",
         "due_on": "2026-07-31"},
        {"title": "Capacitación a juntas vecinales", "deliverable": "Diez talleres", "due_on": "2026-10-31"}],
        occurred_on="2026-02-01")
    hex_part = r.commitment.removeprefix("cmt_")
    ids = [m["id"] for m in progress(api, r.commitment)["milestones"]]
    assert ids == [r.second, f"mls_{hex_part}_3"]  # kept by title; a new one takes the next position
    assert "milestone_id" in report(api, r.commitment, 422, milestone_id=r.first)["errors"]  # no longer one
    before = api.get(f"/commitments/{r.commitment}")
    assert api.get(f"/commitments/{r.commitment}") == before

    app.extensions["tracker"].projector.rebuild(Records.name)
    assert api.get(f"/commitments/{r.commitment}") == before
    assert before["progress"]["milestones"][0]["status"] == "in_progress"


# -- the plan's implementation view -------------------------------------------------------------------------


def milestone(status):
    return {"status": status}


@pytest.mark.parametrize(("statuses", "level"), [
    ([], "no_evidence"), ([None, None], "no_evidence"), (["not_started", None], "not_started"),
    (["in_progress", "not_started"], "limited"), (["completed", "in_progress", "delayed"], "limited"),
    (["completed", "cancelled"], "substantial"), (["completed", "completed", "delayed"], "substantial"),
    (["completed", "completed"], "complete"),
])
def test_the_completion_level_follows_the_share_of_milestones_completed(statuses, level):
    assert completion_level([milestone(s) for s in statuses]) == level


def test_the_implementation_view_gives_each_commitments_progress_and_the_plans_shares(api, clock):
    r = endorsed_commitment(api)
    other = draft_commitment(api, r.plan, title="Mesas de seguimiento con sociedad civil")
    clock.advance(days=1)  # 2026-11-21: what follows is recorded a day after the rest
    report(api, r.commitment, milestone_id=r.first, status="completed", reported_on="2026-04-25",
           summary="Informe publicado.", reason="Solo en físico.")
    report(api, r.commitment, milestone_id=r.second, status="in_progress", reported_on="2026-06-01")

    view = api.as_(None).get(f"/action-plans/{r.plan}/implementation")
    assert (view["action_plan_id"], view["as_of"]) == (r.plan, "2026-11-21")
    assert view["milestones"] == {"total": 4, "completed": 1, "overdue": 3, "completed_share": 0.25,
                                  "overdue_share": 0.75}
    mine, theirs = view["commitments"]
    assert (mine["id"], mine["number"], mine["completion"], mine["completed_share"]) == (
        r.commitment, 1, "substantial", 0.5)
    assert [(m["id"], m["status"], m["overdue"]) for m in mine["milestones"]] == [
        (r.first, "completed", False), (r.second, "in_progress", True)]
    assert mine["milestones"][0]["last_report"]["reason"] == "Solo en físico."
    assert (theirs["id"], theirs["completion"]) == (other, "no_evidence")

    # As of 2026-05-31 only the completion had occurred; the second milestone was not due yet.
    then = api.get(f"/action-plans/{r.plan}/implementation?as_of=2026-05-31")
    assert then["as_of"] == "2026-05-31" and then["milestones"]["overdue"] == 1  # the other commitment's first
    assert [(m["status"], m["overdue"]) for m in then["commitments"][0]["milestones"]] == [
        ("completed", False), (None, False)]
    assert then["commitments"][0]["completion"] == "substantial"
    # As the record stood on 2026-11-20, nothing had been reported.
    known = api.get(f"/action-plans/{r.plan}/implementation?known_at=2026-11-20")
    assert [c["completion"] for c in known["commitments"]] == ["no_evidence", "no_evidence"]
    assert known["milestones"]["completed"] == 0
    api.get(f"/action-plans/{r.plan}/implementation?known_at=2025-01-01", expect=404)
    api.get(f"/action-plans/{r.plan}/implementation?as_of=someday", expect=422)
    api.get("/action-plans/pln_00000000000000000000/implementation", expect=404)
