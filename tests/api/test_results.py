"""After implementation over the API (issue 19): the evaluator's end-of-commitment assessment (completion, early
results per OGP value, recommendations with ids) and final assessment of the plan, the next plan's answers to the
recommendations, and a commitment's lead contact."""
from __future__ import annotations

from io import BytesIO

import pytest
from docx import Document

from tests.api.conftest import event_count
from tests.support.builders import open_plan
from tests.support.builders_plans import assess, draft_commitment, endorse, plan_with_roster


def stream(app, stream_id):
    return app.extensions["tracker"].store.read_stream(stream_id)


@pytest.fixture
def r(api, tokens):
    """A Cajamarca plan (period 2026-2027) endorsed on 2025-11-20 with a commitment for transparency and public
    accountability, two milestones; the server's today is 2026-11-20."""
    r = plan_with_roster(api)
    r.commitment = draft_commitment(api, r.plan)
    endorse(api, r.plan, signed_by=[r.ana, r.jorge])
    r.first, r.second = (m["id"] for m in api.get(f"/commitments/{r.commitment}")["progress"]["milestones"])
    r.evaluator = api.as_(tokens.evaluator)
    r.secretariat = api.as_(tokens.make("secretaria@regioncajamarca.gob.pe", "secretariat", (r.forum_id,)))
    return r


def end_body(**overrides):
    return {"completion": "complete",
            "early_results": {"transparency": "major", "public_accountability": "marginal"},
            "explanation": "Los dos hitos se cumplieron; la ejecución por distrito se publica cada trimestre.",
            "references": ["https://gobiernoabierto.cajamarca.gob.pe/datos/ejecucion.csv"],
            "recommendations": ["Publicar también los contratos de obra.", "Formar al personal de las UGEL."],
            "occurred_on": "2026-08-20", **overrides}


def assess_end(api, commitment, expect=201, **overrides):
    return api.post(f"/commitments/{commitment}/end-assessment", end_body(**overrides), expect=expect)


def complete(api, r, day="2026-07-15"):
    for milestone in (r.first, r.second):
        api.post(f"/commitments/{r.commitment}/progress",
                 {"milestone_id": milestone, "status": "completed", "reported_on": day,
                  "summary": "Entregable publicado.", "reason": "Publicado en el portal"})


@pytest.mark.both_engines  # this area's smoke test on PostgreSQL
def test_an_evaluator_assesses_a_commitment_at_its_end_and_anyone_reads_it(api, app, r):
    complete(api, r)
    created = assess_end(r.evaluator, r.commitment)
    assert created["id"] == r.commitment
    c = api.as_(None).get(f"/commitments/{r.commitment}")
    a = c["end_assessment"]
    assert (a["completion"], a["early_results"]) == (
        "complete", {"transparency": "major", "public_accountability": "marginal"})
    assert [x["text"] for x in a["recommendations"]] == ["Publicar también los contratos de obra.",
                                                          "Formar al personal de las UGEL."]
    assert all(x["id"].startswith("rec_") for x in a["recommendations"])
    assert a["correction_reason"] is None and a["references"] == end_body()["references"]
    assert c["computed_completion"] == "complete"
    assert c["end_assessment_due_on"] == "2026-08-15"  # a month after the day it became complete
    event = stream(app, r.commitment)[-1]
    assert event.type == "CommitmentEndAssessed" and event.recorded_by == "evaluator@example.org"


def test_a_commitment_never_completed_is_due_a_month_after_the_period_and_a_plan_not_endorsed_refuses(api, app, r):
    c = api.get(f"/commitments/{r.commitment}")
    assert (c["computed_completion"], c["end_assessment_due_on"]) == ("no_evidence", "2028-01-31")
    other = draft_commitment(api, r.plan, title="Registro abierto de obras")  # drafted after the endorsement
    assert api.get(f"/commitments/{other}")["end_assessment_due_on"] is None
    fresh = plan_with_roster(api)
    unendorsed = draft_commitment(api, fresh.plan)
    before = event_count(app)
    error = assess_end(r.evaluator, other, expect=409)
    assert "does not hold this commitment" in error["message"]
    assert "no standing endorsement" in assess_end(r.evaluator, unendorsed, expect=409)["message"]
    assert event_count(app) == before


def test_every_ogp_value_of_the_commitment_is_rated_and_no_other(api, app, r):
    before = event_count(app)
    error = assess_end(r.evaluator, r.commitment, early_results={"transparency": "major",
                                                                 "civic_participation": "marginal"}, expect=422)
    assert set(error["errors"]) == {"early_results.civic_participation", "early_results.public_accountability"}
    error = assess_end(r.evaluator, r.commitment, early_results={"transparency": "great",
                                                                 "public_accountability": "major"}, expect=422)
    assert list(error["errors"]) == ["early_results.transparency"]
    assert event_count(app) == before


def test_the_values_the_design_assessment_named_are_those_rated(api, r):
    assess(api, r.commitment, ogp_values=["transparency"])
    error = assess_end(r.evaluator, r.commitment, expect=422)
    assert list(error["errors"]) == ["early_results.public_accountability"]
    assess_end(r.evaluator, r.commitment, early_results={"transparency": "outstanding"})


@pytest.mark.parametrize("overrides, field", [
    ({"completion": "done"}, "completion"),
    ({"explanation": ""}, "explanation"),
    ({"references": ["no es una url"]}, "references.0"),
    ({"correction": {}}, "correction.reason"),
    ({"occurred_on": "2026-12-01"}, "occurred_on"),
])
def test_bad_end_assessments_are_refused(app, r, overrides, field):
    before = event_count(app)
    assert field in assess_end(r.evaluator, r.commitment, expect=422, **overrides)["errors"]
    assert event_count(app) == before


def test_a_second_end_assessment_needs_a_correction_which_supersedes(api, app, r):
    assess_end(r.evaluator, r.commitment)
    assert assess_end(r.evaluator, r.commitment, expect=409)["message"].startswith("already recorded")
    assess_end(r.evaluator, r.commitment, completion="substantial",
               correction={"reason": "El segundo hito se publicó incompleto"})
    c = api.get(f"/commitments/{r.commitment}")
    assert [a["completion"] for a in c["end_assessments"]] == ["complete", "substantial"]
    assert c["end_assessment"]["correction_reason"] == "El segundo hito se publicó incompleto"


def test_only_an_evaluator_or_admin_assesses(api, app, r):
    r.secretariat.post(f"/commitments/{r.commitment}/end-assessment", end_body(), expect=403)
    api.as_(None).post(f"/commitments/{r.commitment}/end-assessment", end_body(), expect=401)
    r.secretariat.post(f"/action-plans/{r.plan}/final-assessment", {"summary": "x", "recommendations": []},
                       expect=403)


def next_plan(api, r):
    """The forum's next plan (2028-2029)."""
    return open_plan(api, r.forum_id, title="Plan de Acción de Gobierno Abierto de Cajamarca 2028-2029",
                     period_start="2028-01-01", period_end="2029-12-31", cocreation_starts_on="2026-06-01",
                     cocreation_ends_on="2026-11-30")


def test_the_final_assessment_recommends_and_the_next_plan_answers(api, app, r):
    assess_end(r.evaluator, r.commitment)
    r.evaluator.post(f"/action-plans/{r.plan}/final-assessment",
                     {"summary": "El plan abrió la ejecución presupuestal.", "recommendations": [
                         "Incluir a las rondas campesinas en el foro."], "occurred_on": "2026-09-01"})
    assert r.evaluator.post(f"/action-plans/{r.plan}/final-assessment",
                            {"summary": "Otra vez.", "recommendations": []}, expect=409)
    items = api.as_(None).get(f"/action-plans/{r.plan}/recommendations")["recommendations"]
    assert [(i["source"], i["commitment_title"]) for i in items] == [
        ("end_of_commitment", "Presupuesto participativo abierto y trimestral"),
        ("end_of_commitment", "Presupuesto participativo abierto y trimestral"), ("final", None)]
    assert all(i["answers"] == [] for i in items)

    following = next_plan(api, r)
    adopted = draft_commitment(api, following, title="Rondas campesinas en el foro", occurred_on="2026-07-01")
    earlier = api.get(f"/action-plans/{following}/recommendation-responses")
    assert [i["answer"] for i in earlier["recommendations"]] == [None, None, None]
    assert earlier["log"]["position"] == event_count(app)
    final = items[2]["id"]
    r.secretariat.post(f"/action-plans/{following}/recommendation-responses",
                       {"recommendation_id": final, "response": "Se incorporan como miembros plenos.",
                        "commitment_id": adopted})
    r.secretariat.post(f"/action-plans/{following}/recommendation-responses",
                       {"recommendation_id": final, "response": "Se incorporan como miembros plenos.",
                        "commitment_id": adopted}, expect=409)
    answered = api.get(f"/action-plans/{following}/recommendation-responses")["recommendations"][2]["answer"]
    assert (answered["response"], answered["commitment_title"]) == ("Se incorporan como miembros plenos.",
                                                                    "Rondas campesinas en el foro")
    answers = api.get(f"/action-plans/{r.plan}/recommendations")["recommendations"][2]["answers"]
    assert [a["action_plan_id"] for a in answers] == [following]
    # as of the end of August: the end assessment's two, before the final assessment and any answer
    then = api.get(f"/action-plans/{r.plan}/recommendations?as_of=2026-08-31")
    assert [i["source"] for i in then["recommendations"]] == ["end_of_commitment"] * 2
    assert then["as_of"] == "2026-08-31" and all(i["answers"] == [] for i in then["recommendations"])


def test_an_answer_names_a_recommendation_of_an_earlier_plan_and_a_commitment_of_this_one(api, app, r):
    assess_end(r.evaluator, r.commitment)
    recommendation = api.get(f"/commitments/{r.commitment}")["end_assessment"]["recommendations"][0]["id"]
    following = next_plan(api, r)
    before = event_count(app)
    error = api.post(f"/action-plans/{r.plan}/recommendation-responses",
                     {"recommendation_id": recommendation, "response": "Lo haremos."}, expect=422)
    assert "recommendation_id" in error["errors"]  # a plan does not answer its own
    error = api.post(f"/action-plans/{following}/recommendation-responses",
                     {"recommendation_id": recommendation, "response": "Lo haremos.",
                      "commitment_id": r.commitment}, expect=422)
    assert "commitment_id" in error["errors"]  # the earlier plan's commitment
    error = api.post(f"/action-plans/{following}/recommendation-responses",
                     {"recommendation_id": "rec_0123456789abcdef", "response": "Lo haremos."}, expect=422)
    assert "recommendation_id" in error["errors"]
    assert event_count(app) == before


def test_a_lead_contact_is_a_current_representative_named_at_draft_or_later(api, app, r):
    drafted = draft_commitment(api, r.plan, title="Registro abierto de obras", lead_representative_id=r.jorge)
    assert api.get(f"/commitments/{drafted}")["lead_representative_id"] == r.jorge
    path = f"/commitments/{r.commitment}/lead-contact"
    assert api.get(f"/commitments/{r.commitment}")["lead_representative_id"] is None
    r.secretariat.call("PUT", path, {"lead_representative_id": r.ana})
    response = r.secretariat.call("PUT", path, {"lead_representative_id": r.ana})
    assert response.status_code == 409
    response = r.secretariat.call("PUT", path, {"lead_representative_id": "rep_0000"})
    assert response.status_code == 422 and "lead_representative_id" in response.get_json()["errors"]
    assert r.evaluator.call("PUT", path, {"lead_representative_id": r.jorge}).status_code == 403
    assert api.get(f"/commitments/{r.commitment}")["lead_representative_id"] == r.ana
    assert r.secretariat.call("PUT", path, {"lead_representative_id": None}).status_code == 201
    assert api.get(f"/commitments/{r.commitment}")["lead_representative_id"] is None
    error = api.post(f"/action-plans/{r.plan}/commitments",
                     {"title": "Otro", "ogp_values": ["transparency"], "lead_representative_id": "rep_0000"},
                     expect=422)
    assert "lead_representative_id" in error["errors"]


def test_the_next_plans_inception_report_shows_the_recommendations_and_its_answers(api, r):
    assess_end(r.evaluator, r.commitment)
    following = next_plan(api, r)
    adopted = draft_commitment(api, following, title="Contratos de obra en datos abiertos", occurred_on="2026-07-01")
    first = api.get(f"/action-plans/{following}/recommendation-responses")["recommendations"][0]
    api.post(f"/action-plans/{following}/recommendation-responses",
             {"recommendation_id": first["id"], "response": "El compromiso 1 publica los contratos.",
              "commitment_id": adopted})
    as_of = "as_of=2026-11-20"
    body = api.get(f"/action-plans/{following}/report?format=json&lang=es&{as_of}")
    assert [(x["text"], x["answer"], x["commitment"]) for x in body["previous_recommendations"]] == [
        ("Publicar también los contratos de obra.", "El compromiso 1 publica los contratos.",
         "Contratos de obra en datos abiertos"),
        ("Formar al personal de las UGEL.", None, None)]
    assert "evaluación de fin de compromiso (Presupuesto participativo" in body["previous_recommendations"][0][
        "made_in"]
    markdown = api.client.get(f"/api/v1/action-plans/{following}/report?format=md&lang=es&{as_of}").get_data(
        as_text=True)
    assert "## Recomendaciones del plan anterior y cómo las atiende este plan" in markdown
    assert "aún sin respuesta" in markdown and adopted not in markdown and "rec_" not in markdown
    html = api.client.get(f"/api/v1/action-plans/{following}/report?format=html&lang=en&{as_of}").get_data(
        as_text=True)
    assert "Recommendations of the previous plan and how this plan answers them" in html
    assert "Contratos de obra en datos abiertos" in html and "rec_" not in html
    docx = api.client.get(f"/api/v1/action-plans/{following}/report?format=docx&lang=es&{as_of}")
    assert docx.status_code == 200
    document = Document(BytesIO(docx.data))
    assert "Recomendaciones del plan anterior y cómo las atiende este plan" in [p.text for p in document.paragraphs]
    assert any("Contratos de obra en datos abiertos" in cell.text for t in document.tables for row in t.rows
               for cell in row.cells)
    own = api.client.get(f"/api/v1/action-plans/{r.plan}/report?format=md&lang=es").get_data(as_text=True)
    assert "Recomendaciones del plan anterior" not in own
