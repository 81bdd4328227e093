"""The evaluator's pages after implementation: the end-of-commitment assessment form (the computed completion shown
beside the choice, a rating per OGP value in the IRM's words) and the plan's final assessment form, linked from the
compliance page; refusals in Spanish beside their fields, nothing recorded."""
from __future__ import annotations

import re

import pytest

from tests.support.api import ApiClient
from tests.support.builders_plans import endorse
from tests.web import story
from tests.web.conftest import sign_in
from tests.web.test_compliance_pages import events_of, form_token, text_of
from tracker.auth import service as auth
from tracker.compliance import compute


@pytest.fixture
def endorsed(web_app, told):
    """The story's plan endorsed on 2025-11-14; its commitment (transparency, public accountability)."""
    services = web_app.extensions["tracker"]
    api = ApiClient(web_app.test_client(), auth.create_token(services.engine, services.clock, story.ADMIN))
    endorse(api, told.plan)
    return compute(services.store, told.plan, now=services.clock())["commitments"][0]["id"]


def test_the_end_assessment_form_shows_the_computed_completion_and_the_irms_words(client, told, endorsed):
    sign_in(client, story.EVALUATOR)
    compliance = text_of(client.get(f"/action-plans/{told.plan}/compliance?lang=es"))
    assert f"/commitments/{endorsed}/end-assessment" in compliance
    assert f"/action-plans/{told.plan}/final-assessment" in compliance
    page = text_of(client.get(f"/commitments/{endorsed}/end-assessment?lang=es"))
    assert "Calculado a partir del avance informado: Sin evidencia disponible." in page
    for words in ("Sin evidencia disponible", "No iniciado", "Limitado", "Sustancial", "Completo", "Empeoró",
                  "No cambió", "Marginal", "Significativo", "Sobresaliente"):
        assert f">{words}</option>" in page, words
    assert 'name="early_results.transparency"' in page and 'name="early_results.public_accountability"' in page
    assert 'name="early_results.civic_participation"' not in page
    assert "La evaluación de fin de compromiso vence el 31 de enero de 2028." in page


@pytest.mark.both_engines  # this area's smoke test on PostgreSQL
def test_an_end_assessment_is_recorded_with_its_recommendations_one_per_line(web_app, client, told, endorsed):
    sign_in(client, story.EVALUATOR)
    path = f"/commitments/{endorsed}/end-assessment"
    posted = client.post(path, data={
        "csrf_token": form_token(client, path), "completion": "substantial",
        "early_results.transparency": "major", "early_results.public_accountability": "marginal",
        "explanation": "Se publicó la ejecución de tres trimestres.",
        "recommendations": "Publicar los contratos.\n\nFormar al personal.\n", "occurred_on": "2026-11-02"})
    assert posted.status_code == 302 and posted.headers["Location"].endswith(f"#commitment-{endorsed}")
    [event] = events_of(web_app, told.forum, "CommitmentEndAssessed")
    assert (event.data["completion"], event.data["early_results"], event.data["recommendations"]) == (
        "substantial", {"transparency": "major", "public_accountability": "marginal"},
        ["Publicar los contratos.", "Formar al personal."])
    assert event.recorded_by == story.EVALUATOR
    again = text_of(client.get(path + "?lang=es"))
    assert 'name="correction.reason"' in again  # a second one is a correction


def test_an_invalid_end_assessment_is_refused_in_spanish_beside_its_fields(web_app, client, told, endorsed):
    sign_in(client, story.EVALUATOR)
    path = f"/commitments/{endorsed}/end-assessment"
    answer = client.post(path + "?lang=es", data={
        "csrf_token": form_token(client, path + "?lang=es"), "completion": "complete",
        "early_results.transparency": "major", "explanation": "Texto que se conserva."})
    assert answer.status_code == 422
    page = text_of(answer)
    assert re.search(r'id="early_results.public_accountability-error">Califique este valor', page)
    assert "Texto que se conserva." in page and "early_results" not in re.sub(r"<[^>]+>", " ", page)
    assert events_of(web_app, told.forum, "CommitmentEndAssessed") == []


def test_a_commitment_of_a_plan_not_endorsed_is_refused_in_spanish(web_app, client, told):
    sign_in(client, story.EVALUATOR)
    services = web_app.extensions["tracker"]
    commitment = compute(services.store, told.plan, now=services.clock())["commitments"][0]["id"]
    path = f"/commitments/{commitment}/end-assessment"
    answer = client.post(path + "?lang=es", data={
        "csrf_token": form_token(client, path + "?lang=es"), "completion": "complete",
        "early_results.transparency": "major", "early_results.public_accountability": "major",
        "explanation": "Cumplido."})
    assert answer.status_code == 409
    assert "El plan no tiene una aprobación vigente" in text_of(answer)


def test_the_final_assessment_is_recorded_and_a_secretariat_may_not(web_app, client, told):
    path = f"/action-plans/{told.plan}/final-assessment"
    secretariat = web_app.test_client()
    sign_in(secretariat, story.SECRETARIAT)
    assert secretariat.get(path).status_code == 403
    sign_in(client, story.EVALUATOR)
    refused = client.post(path + "?lang=es", data={"csrf_token": form_token(client, path + "?lang=es"),
                                                   "recommendations": "Sumar a las rondas campesinas."})
    assert refused.status_code == 422 and 'id="summary-error">Este campo es obligatorio.' in text_of(refused)
    posted = client.post(path, data={"csrf_token": form_token(client, path), "summary": "Se abrió el presupuesto.",
                                      "recommendations": "Sumar a las rondas campesinas."})
    assert posted.status_code == 302
    [event] = events_of(web_app, told.forum, "PlanFinalAssessed")
    assert event.data["recommendations"] == ["Sumar a las rondas campesinas."]
