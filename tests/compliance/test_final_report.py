"""The final report (GET /action-plans/{id}/final-report), written by the Local Monitoring Body after
implementation: per commitment the completion computed from its milestones beside the evaluator's end-of-commitment
assessment, the evidence of progress, the amendments beside the endorsed text; co-creation during implementation;
the final assessment; the recommendations with what became of each; the evidence annex. A draft, and saying so,
until the plan's period ends.

Everything goes through the API: the evaluator records the end-of-commitment and final assessments, the
secretariat (here the admin) a later plan's answer to a recommendation.
"""
from __future__ import annotations

import io
import re
from html.parser import HTMLParser
from types import SimpleNamespace

import docx
import pytest
from pypdf import PdfReader

from tests.api.test_documents import PDF, upload
from tests.compliance.test_report_pdf import CODES
from tests.support.builders import open_plan
from tests.support.builders_plans import assess, draft_commitment, endorse, plan_with_roster, publish
from tests.support.builders_sessions import hold_session, schedule_session
from tracker.domain.recommendations import INCEPTION, recommendation_id
from tracker.report.final_words import FINAL_HEADINGS

SITE = "https://gobiernoabierto.cajamarca.gob.pe"
FIRST, SECOND = "Diagnóstico de la información disponible", "Primer reporte trimestral en datos abiertos"
DESIGN_ADVICE = "Precisar el formato de datos abiertos y el responsable de la publicación."
FINAL_ADVICE = ["Institucionalizar la publicación trimestral por ordenanza regional.",
                "Incluir a los municipios provinciales en el próximo plan."]
END_EXPLANATION = "Los cuatro reportes trimestrales se publicaron; la ciudadanía los usó en dos audiencias."
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def end_assessment(evaluator, commitment, **body):
    """The evaluator's end-of-commitment assessment, through the API."""
    return evaluator.post(f"/commitments/{commitment}/end-assessment", body)


def progress(api, commitment, **body):
    return api.post(f"/commitments/{commitment}/progress", body)


def implemented(api) -> SimpleNamespace:
    """A Cajamarca plan for 2026-2027 endorsed on 14 November 2025 with two commitments; during 2026 (the server's
    today is 20 November 2026) the forum meets with civil society in March and September, amends the first
    commitment in its March session, and reports progress: the first commitment's first milestone in progress on
    15 March, completed with a publication and a stored document on 25 April, its second completed on 20 July; the
    second commitment nothing. The evaluator assessed the first commitment's design (naming both its OGP
    values) with a recommendation."""
    r = plan_with_roster(api)
    r.first = draft_commitment(api, r.plan)
    r.second = draft_commitment(api, r.plan, title="Mesa regional de integridad con la sociedad civil",
                                ogp_values=["civic_participation"], milestones=[
                                    {"title": "Instalación de la mesa", "deliverable": "Acta de instalación",
                                     "due_on": "2026-06-30"}])
    endorse(api, r.plan, signed_by=[r.ana, r.jorge])
    assess(api, r.first, recommendations=DESIGN_ADVICE, ogp_values=["transparency", "public_accountability"])
    r.march = schedule_session(api, r.forum_id, title="Sesión ordinaria de marzo",
                               scheduled_at="2026-03-10T10:00:00-05:00")
    hold_session(api, r.march, held_at="2026-03-10T10:00:00-05:00",
                 attendance=[{"representative_id": r.ana}, {"representative_id": r.jorge}])
    september = schedule_session(api, r.forum_id, title="Sesión ordinaria de setiembre",
                                 scheduled_at="2026-09-08T10:00:00-05:00")
    hold_session(api, september, held_at="2026-09-08T10:00:00-05:00",
                 attendance=[{"representative_id": r.ana}, {"representative_id": r.jorge}])
    api.post(f"/commitments/{r.first}/amendment", {
        "changes": {"description": "Publicar cada mes, en datos abiertos, la ejecución por distrito."},
        "reason": "La Gerencia puede publicar mensualmente", "occurred_on": "2026-03-12",
        "approved_in_session_id": r.march})
    r.m1, r.m2 = (m["id"] for m in api.get(f"/commitments/{r.first}")["progress"]["milestones"])
    r.publication = publish(api, r.plan, kind="repository", title="Informe de diagnóstico",
                            url=f"{SITE}/diagnostico.pdf", published_on="2026-04-20")
    r.sha = upload(api, r.forum_id, PDF, filename="anexo-diagnostico.pdf").get_json()["sha256"]
    progress(api, r.first, milestone_id=r.m1, status="in_progress", reported_on="2026-03-15",
             summary="Se levantó la información de los ocho distritos.")
    progress(api, r.first, milestone_id=r.m1, status="completed", reported_on="2026-04-25",
             summary="Informe de diagnóstico publicado.", evidence=[r.publication, r.sha])
    progress(api, r.first, milestone_id=r.m2, status="completed", reported_on="2026-07-20",
             summary="Primer reporte trimestral publicado en datos abiertos.", evidence=[r.publication])
    return r


def assessed_after_the_period(api, tokens, clock, r) -> None:
    """In January 2028, after the plan's period: the evaluator assesses the first commitment's end (dated the 15th,
    recorded on the 20th) and the plan as a whole; the forum's next plan answers the design recommendation."""
    clock.advance(days=426)  # 2028-01-20
    evaluator = api.as_(tokens.evaluator)
    end_assessment(evaluator, r.first, completion="complete",
                   early_results={"transparency": "major", "public_accountability": "marginal"},
                   explanation=END_EXPLANATION, references=[f"{SITE}/reportes"],
                   recommendations=["Mantener la periodicidad mensual."], occurred_on="2028-01-15")
    evaluator.post(f"/action-plans/{r.plan}/final-assessment", {
        "summary": "El plan cumplió la mayoría de sus hitos y abrió la ejecución presupuestal.",
        "recommendations": FINAL_ADVICE, "occurred_on": "2028-01-18"})
    r.next_plan = open_plan(api, r.forum_id, title="Plan de Acción de Gobierno Abierto de Cajamarca 2028-2029",
                            period_start="2028-01-01", period_end="2029-12-31", cocreation_starts_on="2027-06-01",
                            cocreation_ends_on="2027-12-15")
    api.post(f"/action-plans/{r.next_plan}/recommendation-responses", {
        "recommendation_id": recommendation_id(INCEPTION, r.first, DESIGN_ADVICE),
        "response": "Se adoptó el estándar de datos abiertos de la región.", "occurred_on": "2028-01-19"})


def final(api, plan_id, **params):
    query = "&".join(f"{k}={v}" for k, v in params.items())
    return api.call("GET", f"/action-plans/{plan_id}/final-report?{query}")


class _Text(HTMLParser):
    """The visible text of a page (no style)."""

    def __init__(self):
        super().__init__()
        self.text, self._style = [], False

    def handle_starttag(self, tag, attrs):
        self._style = tag == "style"

    def handle_endtag(self, tag):
        self._style = False

    def handle_data(self, data):
        if not self._style:
            self.text.append(data)


def visible(page: str) -> str:
    parser = _Text()
    parser.feed(page)
    return " ".join(" ".join(parser.text).split())


def flat(text: str) -> str:
    return " ".join(text.split())


def docx_text(data: bytes) -> str:
    document = docx.Document(io.BytesIO(data))
    body = document.element.body
    return flat(" ".join(t.text or "" for t in body.iter(docx.oxml.ns.qn("w:t"))))


def pdf_text(data: bytes) -> str:
    return flat(" ".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages))


#: What a person must never read in the report: internal ids, codes of the record, event types, UTC instants.
NEVER = ("pln_", "cmt_", "mls_", "rec_", "pub_", "frm_", "ses_", "UTC", "S.implementation", "S.end_assessment",
         "no_evidence", "not_started", "in_progress", "did_not_change", "end_of_commitment", "civic_participation",
         "public_accountability", "ProgressReported", "CommitmentEndAssessed", "PlanFinalAssessed",
         "CommitmentAmended", "RecommendationAnswered", "SessionHeld")


def assert_no_codes(text: str, r) -> None:
    for code in NEVER:
        assert code not in text, code
    assert r.sha not in text  # a stored document by its file name, never its hash
    assert not re.search(r"\d{4}-\d\d-\d\dT\d\d:\d\d", text)
    assert not [w for w in re.findall(r"\b\w+\b", text) if w in CODES - {"no", "not"} and w.islower()
                and w not in ("very",)], "an answer code"


@pytest.mark.both_engines
def test_before_the_period_ends_the_report_is_a_draft_and_says_so_in_every_format(api):
    r = implemented(api)
    body = final(api, r.plan, format="json", lang="es").get_json()
    notice = "Borrador: el periodo del plan termina el 31 de diciembre de 2027"
    assert body["draft"] is True and body["draft_notice"] == notice and body["as_of"] == "2026-11-20"
    assert notice in visible(final(api, r.plan, format="html", lang="es").get_data(as_text=True))
    assert f"> **{notice}**" in final(api, r.plan, format="md", lang="es").get_data(as_text=True)
    assert notice in docx_text(final(api, r.plan, format="docx", lang="es").get_data())
    english = final(api, r.plan, format="json", lang="en").get_json()
    assert english["draft_notice"] == "Draft: the plan's period ends on December 31, 2027"


def test_after_the_period_ends_it_is_no_draft_and_holds_the_assessments_and_the_recommendations(
        app, api, tokens, clock):
    r = implemented(api)
    assessed_after_the_period(api, tokens, clock, r)
    body = final(api, r.plan, format="json", lang="es").get_json()
    assert (body["draft"], body["draft_notice"]) == (False, None)
    assert "Borrador" not in visible(final(api, r.plan, format="html", lang="es").get_data(as_text=True))
    assert final(api, r.plan, format="json", lang="es", as_of="2027-12-31").get_json()["draft"] is True

    first, second = body["commitments"]
    assert [(c["number"], c["title"]) for c in body["commitments"]] == [
        (1, "Presupuesto participativo abierto y trimestral"), (2, "Mesa regional de integridad con la sociedad civil")]
    assert (first["completion"]["level"], first["completion"]["label"]) == ("complete", "Completo")
    assert (second["completion"]["level"], second["completion"]["label"]) == ("no_evidence",
                                                                             "Sin evidencia disponible")
    assert second["milestones"][0]["overdue"] is True and second["completion"]["milestones_overdue"] == 1
    end = first["end_assessment"]
    assert (end["completion_label"], end["explanation"]) == ("Completo", END_EXPLANATION)
    assert [(x["value_label"], x["rating_label"]) for x in end["early_results"]] == [
        ("Transparencia", "Significativo"), ("Rendición de cuentas", "Marginal")]
    assert second["end_assessment"] is None
    assert [(e["kind"], e["title"]) for e in first["evidence"]] == [
        ("publication", "Informe de diagnóstico"), ("document", "anexo-diagnostico.pdf")]
    assert first["evidence"][1]["url"].endswith(f"/api/v1/documents/{r.sha}")
    [amendment] = first["amendments"]
    assert amendment["reason"] == "La Gerencia puede publicar mensualmente"
    assert amendment["approved_words"] == "Sesión ordinaria de marzo, realizada el 10 de marzo de 2026"
    assert [(c["field_label"], c["value"]) for c in amendment["changes"]] == [
        ("Descripción", "Publicar cada mes, en datos abiertos, la ejecución por distrito.")]
    assert first["endorsed_text"]["description"].startswith("Publicar cada trimestre")
    assert body["final_assessment"]["recommendations"] == FINAL_ADVICE

    follow_up = {x["text"]: x for x in body["recommendations"]}
    assert [a["response"] for a in follow_up[DESIGN_ADVICE]["answers"]] == [
        "Se adoptó el estándar de datos abiertos de la región."]
    assert follow_up[DESIGN_ADVICE]["status"] is None
    assert follow_up[FINAL_ADVICE[0]]["status"] == "Sin respuesta registrada"
    assert follow_up["Mantener la periodicidad mensual."]["source_label"] == "Valoración al término del compromiso"

    assert [c["id"] for c in body["cocreation"]][:2] == ["S.implementation", "2.1"]
    assert "Sesión «Sesión ordinaria de marzo» realizada el 10 de marzo de 2026 con 2 asistentes (sociedad civil 1, " \
           "gobierno 1)" in body["cocreation"][0]["facts"]
    cited = {n for c in body["commitments"] for n in c["progress_refs"] + (c["end_assessment"] or {}).get(
        "evidence_refs", []) + [k for a in c["amendments"] for k in a["evidence_refs"]]}
    cited |= {n for c in body["cocreation"] for n in c["evidence_refs"]}
    cited |= set(body["final_assessment"]["evidence_refs"])
    cited |= {n for x in body["recommendations"] for a in x["answers"] for n in a["evidence_refs"]}
    assert cited == {e["number"] for e in body["annex"]}
    head = app.extensions["tracker"].store.head()
    assert body["log"] == {"position": head.position, "head": head.hash}


def test_as_of_shows_the_completion_as_it_was_then(api):
    r = implemented(api)
    level = {day: final(api, r.plan, format="json", as_of=day).get_json()["commitments"][0]["completion"]["level"]
             for day in ("2026-03-01", "2026-03-31", "2026-05-01", "2026-11-20")}
    assert level == {"2026-03-01": "no_evidence", "2026-03-31": "limited", "2026-05-01": "substantial",
                     "2026-11-20": "complete"}


def test_known_at_hides_an_end_assessment_recorded_later(api, tokens, clock):
    r = implemented(api)
    assessed_after_the_period(api, tokens, clock, r)
    before = final(api, r.plan, format="json", lang="es", known_at="2028-01-19").get_json()
    assert before["commitments"][0]["end_assessment"] is None
    assert "El evaluador aún no ha valorado" in final(api, r.plan, format="md", lang="es",
                                                      known_at="2028-01-19").get_data(as_text=True)
    assert final(api, r.plan, format="json", known_at="2028-01-20").get_json()["commitments"][0]["end_assessment"]


@pytest.mark.parametrize("lang", ["es", "en"])
def test_every_format_says_the_same_facts_in_words_never_codes(api, tokens, clock, lang):
    r = implemented(api)
    assessed_after_the_period(api, tokens, clock, r)
    body = final(api, r.plan, format="json", lang=lang).get_json()
    first = body["commitments"][0]
    facts = [body["title"], first["completion"]["label"], first["completion"]["sentence"],
             first["end_assessment"]["completion_label"], END_EXPLANATION,
             *(x["rating_label"] for x in first["end_assessment"]["early_results"]),
             "Informe de diagnóstico", "anexo-diagnostico.pdf", first["amendments"][0]["approved_words"],
             "La Gerencia puede publicar mensualmente", body["final_assessment"]["summary"], *FINAL_ADVICE,
             body["recommendations"][0]["answers"][0]["sentence"],
             "Sin respuesta registrada" if lang == "es" else "No answer recorded",
             *(c["explanation"] for c in body["cocreation"]), *(c["answer_label"] for c in body["cocreation"]),
             *(fact for c in body["cocreation"] for fact in c["facts"]),
             body["verify"], body["annex"][0]["described"], body["annex"][0]["occurred"],
             *(FINAL_HEADINGS[lang][k] for k in ("title", "overview", "known_at", "implementation", "cocreation",
                                                 "final_assessment", "follow_up", "annex"))]
    page = final(api, r.plan, format="html", lang=lang)
    assert page.mimetype == "text/html" and "@page { size: A4" in page.get_data(as_text=True)
    assert f'<html lang="{lang}">' in page.get_data(as_text=True)
    markdown = final(api, r.plan, format="md", lang=lang)
    assert markdown.mimetype == "text/markdown"
    word = final(api, r.plan, format="docx", lang=lang)
    assert word.mimetype == DOCX_TYPE
    assert word.headers["Content-Disposition"] == f'attachment; filename="final-report-{r.plan}.docx"'
    texts = {"html": visible(page.get_data(as_text=True)), "docx": docx_text(word.get_data()),
             "md": flat(re.sub(r"\\(.)", r"\1", re.sub(r"\]\((?:[^()\\]|\\.)*\)", "]",  # links' text only
                                                          markdown.get_data(as_text=True))))}
    for name, text in texts.items():
        for fact in facts:
            assert flat(fact) in text, (name, fact)
        assert_no_codes(text, r)
    assert texts["html"].index(first["title"]) < texts["html"].index(body["final_assessment"]["summary"])


def test_the_pdf_is_made_from_the_html(api, tokens, clock):
    pytest.importorskip("weasyprint")
    r = implemented(api)
    assessed_after_the_period(api, tokens, clock, r)
    body = final(api, r.plan, format="json", lang="es").get_json()
    response = final(api, r.plan, format="pdf", lang="es")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert response.get_data().startswith(b"%PDF")
    pdf = PdfReader(io.BytesIO(response.get_data()))
    assert pdf.trailer["/Root"]["/Lang"] == "es" and pdf.metadata.title == f"Informe final: {body['title']}"
    text = pdf_text(response.get_data())
    for fact in ("Informe final", "Completo", "Significativo", "Sin respuesta registrada", body["verify"]):
        assert fact in text, fact


def test_an_unknown_plan_is_a_404_and_a_bad_query_a_422_naming_the_field(api):
    assert final(api, "pln_nothing", format="html").status_code == 404
    r = plan_with_roster(api)
    response = final(api, r.plan, format="xls")
    assert response.status_code == 422 and list(response.get_json()["errors"]) == ["format"]
    empty = final(api, r.plan, format="json", lang="es").get_json()
    assert empty["commitments"] == [] and empty["recommendations"] == [] and empty["final_assessment"] is None
    assert "El evaluador aún no hizo recomendaciones" in visible(final(api, r.plan, lang="es").get_data(
        as_text=True))


def test_the_openapi_document_describes_the_final_report(api):
    doc = api.client.get("/api/v1/openapi.json").get_json()
    operation = doc["paths"]["/api/v1/action-plans/{plan_id}/final-report"]["get"]
    assert set(operation["responses"]["200"]["content"]) == {"application/json", "text/html", "text/markdown",
                                                             "application/pdf", DOCX_TYPE}
    assert "503" in operation["responses"]


def test_the_overview_names_the_evaluator_who_assessed_and_their_email_to_full_readers_only(app, api, clock):
    """Given an evaluator account with a name and an organization who assessed a commitment's end, the overview
    names them with the organization; the email only to a full reader; the report itself is public."""
    from tracker.auth import service as auth
    auth.create_user(app.extensions["tracker"].engine, clock, "eva@example.org", "evaluator", (), "Eva Ríos",
                     organization="Centro de Estudios Regionales Andinos")
    r = implemented(api)
    eva = api.as_(auth.create_token(app.extensions["tracker"].engine, clock, "eva@example.org"))
    end_assessment(eva, r.first, completion="substantial",
                   early_results={"transparency": "marginal", "public_accountability": "marginal"},
                   explanation=END_EXPLANATION, occurred_on="2026-11-18")
    full = final(api, r.plan, format="json").get_json()["overview"]["evaluators"]
    assert full == [{"name": "Eva Ríos", "organization": "Centro de Estudios Regionales Andinos",
                     "email": "eva@example.org"}]
    public = final(api.as_(None), r.plan, format="json")
    assert public.status_code == 200 and public.get_json()["overview"]["evaluators"][0]["email"] is None
    page = visible(final(api.as_(None), r.plan, format="html", lang="es").get_data(as_text=True))
    assert "Eva Ríos (Centro de Estudios Regionales Andinos)" in page and "eva@example.org" not in page


def test_without_weasyprint_the_pdf_is_a_503_that_says_why(api, monkeypatch):
    import sys
    r = plan_with_roster(api)
    monkeypatch.setitem(sys.modules, "weasyprint", None)  # `import weasyprint` now raises ImportError
    response = final(api, r.plan, format="pdf", lang="es")
    assert response.status_code == 503
    assert "PDF" in response.get_json()["message"] and "HTML" in response.get_json()["message"]


@pytest.mark.parametrize("lang", ["es", "en"])
def test_the_word_document_has_real_headings_an_a4_page_and_its_title_in_its_language(api, tokens, clock, lang):
    r = implemented(api)
    assessed_after_the_period(api, tokens, clock, r)
    body = final(api, r.plan, format="json", lang=lang).get_json()
    document = docx.Document(io.BytesIO(final(api, r.plan, format="docx", lang=lang).get_data()))
    h = FINAL_HEADINGS[lang]
    headings = {p.text: p.style.name for p in document.paragraphs if p.style.name.startswith("Heading")}
    for key in ("overview", "implementation", "cocreation", "final_assessment", "follow_up", "annex"):
        assert headings.get(h[key]) == "Heading 1", key
    assert headings.get(f"1. {body['commitments'][0]['title']}") == "Heading 2"
    assert document.core_properties.title == f"{h['title']}: {body['title']}"
    section = document.sections[0]
    assert round(section.page_width.mm) == 210 and round(section.page_height.mm) == 297
    links = {rel.target_ref for rel in document.part.rels.values() if rel.reltype.endswith("/hyperlink")}
    assert f"{SITE}/diagnostico.pdf" in links and any(u.endswith(f"/api/v1/documents/{r.sha}") for u in links)
