"""The inception report (GET /action-plans/{id}/report) for the Cajamarca story, in HTML, Markdown and JSON (PDF
and Word: test_report_pdf.py).

The report is the compliance answers in the template's order, with a summary of contributions; every format
names the log position and head hash it came from, and that pair verifies against the log.
"""
from __future__ import annotations

import re
from collections import Counter
from html.parser import HTMLParser

import pytest

from tests.compliance.support import compliance
from tests.compliance.test_story import Recorder
from tests.compliance.test_story import tell_the_story as tell
from tests.support.builders import new_forum, open_plan
from tests.support.builders_plans import draft_commitment
from tracker.cli import main


@pytest.fixture
def story(api):
    """The story told through the API; the first plan's id."""
    recorder = Recorder(api.client, api.token)
    tell(recorder)
    return recorder.plans[0]


def report(api, plan_id, expect=200, **params):
    query = "&".join(f"{k}={v}" for k, v in params.items())
    return api.call("GET", f"/action-plans/{plan_id}/report?{query}")


@pytest.mark.both_engines  # this area's smoke test on PostgreSQL
def test_does_the_json_report_follow_the_template_and_say_what_compliance_says(api, app, story):
    response = report(api, story, format="json", as_of="2025-11-30")
    assert response.status_code == 200 and response.mimetype == "application/json"
    body = response.get_json()
    checks = compliance(api, story, as_of="2025-11-30")
    assert [c["id"] for c in body["sections"]["minimum_requirements"]] == ["1.1", "1.2", "1.3", "1.4"]
    assert [c["id"] for c in body["sections"]["recommended_practices"]] == [f"2.{n}" for n in range(1, 7)]
    everything = [*body["sections"]["minimum_requirements"], *body["sections"]["recommended_practices"],
                  *body["sections"]["standards"]]
    assert {c["id"]: c["answer"] for c in everything} == {c["id"]: c["answer"] for c in checks["checks"]}
    assert all(c["answer_label"] and isinstance(c["tables"], list) for c in everything)
    assert [(c["id"], c["number"], [(k["id"], k["answer"]) for k in c["checks"]]) for c in body["commitments"]] == [
        (c["id"], c["number"], [(k["id"], k["answer"]) for k in c["checks"]]) for c in checks["commitments"]]
    assert all(c["text"]["title"] == c["title"] for c in body["commitments"])
    cited = {n for c in everything + [k for c in body["commitments"] for k in c["checks"]] for n in c["evidence_refs"]}
    assert cited == {e["number"] for e in body["annex"]} and body["annex"][0]["number"] == 1
    assert body["overview"]["plan"] == body["title"] and body["overview"]["reference"]["sentence"]
    head = app.extensions["tracker"].store.head()
    assert body["log"] == {"position": head.position, "head": head.hash}
    assert body["verify"] == f"tracker events verify --against {head.position}:{head.hash}"


def test_does_the_summary_count_the_contributions_as_the_contribution_listing_does(api, story):
    body = report(api, story, format="json").get_json()
    listed = api.get(f"/action-plans/{story}/contributions")
    assert body["contributions"]["total"] == len(listed) > 0
    assert body["contributions"]["by_status"] == {s: Counter(c["status"] for c in listed)[s]
                                                  for s in ("received", "considered", "responded", "communicated")}
    feedback = sorted(c["days_to_written_communication"] for c in listed
                      if c["days_to_written_communication"] is not None)
    assert body["contributions"]["days_to_written_feedback"]["maximum"] == max(feedback)
    assert body["contributions"]["waiting"] == len(listed) - len(feedback)


class _Text(HTMLParser):
    """The visible text of a page, and whether any script or external resource is in it."""

    def __init__(self):
        super().__init__()
        self.text, self.external = [], []

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "link", "iframe", "object") or any(k == "src" for k, v in attrs):
            self.external.append((tag, attrs))

    def handle_data(self, data):
        self.text.append(data)


def test_is_the_html_report_a_standalone_a4_page_with_every_question_answer_and_the_log_it_came_from(api, app,
                                                                                                      story):
    response = report(api, story, format="html", as_of="2025-11-30", lang="en")
    assert response.status_code == 200 and response.mimetype == "text/html"
    page = response.get_data(as_text=True)
    assert "@page { size: A4" in page
    parser = _Text()
    parser.feed(page)
    assert parser.external == []
    text = " ".join(" ".join(parser.text).split())
    checks = compliance(api, story, as_of="2025-11-30", lang="en")
    for check in checks["checks"] + [k for c in checks["commitments"] for k in c["checks"]]:
        # the template's questions with their numbers; the standards (S.*) by their question alone
        assert (check["question"] if check["id"].startswith("S.") else f"{check['id']} {check['question']}") in text
        assert " ".join(check["explanation"].split()) in text
    head = app.extensions["tracker"].store.head()
    assert f"tracker events verify --against {head.position}:{head.hash}" in text
    assert text.index("Section 1") < text.index("Section 2") < text.index("Section 3")


def test_is_the_markdown_report_in_the_template_order_with_each_answer(api, story):
    response = report(api, story, format="md", as_of="2025-11-30", lang="en")
    assert response.status_code == 200 and response.mimetype == "text/markdown"
    text = response.get_data(as_text=True)
    headings = re.findall(r"^## (.+)$", text, flags=re.M)
    assert headings[:4] == ["Overview", "Section 1: Minimum requirements", "Section 2: Recommended practices",
                            "Section 3: Commitments"]
    assert "### 1.4 " in text and "**Answer:** Yes" in text and "**Answer:** yes" not in text
    assert re.search(r"^\| received \| \d+ \|$", text, flags=re.M)


def test_does_the_report_speak_the_language_asked_for(api, story):
    text = report(api, story, format="md", lang="es").get_data(as_text=True)
    assert "## Sección 1: Requisitos mínimos" in text and "Informe de inicio" in text


def test_before_the_endorsement_is_the_report_as_of_that_day_a_no_for_1_4(api, story):
    body = report(api, story, format="json", as_of="2025-03-01").get_json()
    answers = {c["id"]: c["answer"] for c in body["sections"]["minimum_requirements"]}
    assert answers["1.4"] == "no"


def test_does_the_pair_the_report_states_verify_against_the_log(api, app, story, database_url):
    body = report(api, story, format="json").get_json()
    result = app.test_cli_runner().invoke(main, ["events", "verify", "--against", body["verify"].split()[-1]])
    assert result.exit_code == 0, result.output
    assert f"head {body['log']['position']}:{body['log']['head']}" in result.output


def test_is_text_from_the_record_escaped_in_html(api):
    forum = new_forum(api)
    plan = open_plan(api, forum, title="<script>alert('plan')</script>")
    draft_commitment(api, plan, title="<img src=x onerror=alert(1)>")
    page = report(api, plan).get_data(as_text=True)
    assert "<script>alert" not in page and "<img src=x" not in page
    assert "&lt;script&gt;alert" in page and "&lt;img src=x onerror=alert(1)&gt;" in page


@pytest.mark.parametrize("params, field, accepted", [
    ({"format": "xls"}, "format", "html, md, json, pdf, docx"), ({"as_of": "soon"}, "as_of", None),
    ({"lang": "fr"}, "lang", "en, es")])
def test_is_a_bad_query_a_422_naming_the_field_and_the_accepted_values(api, story, params, field, accepted):
    response = report(api, story, **params)
    assert response.status_code == 422
    body = response.get_json()
    assert body["message"] and list(body["errors"]) == [field]
    if accepted:
        assert accepted in " ".join(body["errors"][field])


def test_is_an_unknown_plan_a_404_in_json(api):
    response = report(api, "pln_nothing", format="html")
    assert response.status_code == 404 and response.get_json()["message"]


def test_does_the_openapi_document_describe_the_five_formats(api):
    doc = api.client.get("/api/v1/openapi.json").get_json()
    operation = doc["paths"]["/api/v1/action-plans/{plan_id}/report"]["get"]
    content = operation["responses"]["200"]["content"]
    assert set(content) == {"application/json", "text/html", "text/markdown", "application/pdf",
                            "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}
    assert "$ref" in content["application/json"]["schema"]
    assert content["application/pdf"]["schema"] == {"type": "string", "format": "binary",
                                                    "description": content["application/pdf"]["schema"]["description"]}
    assert "503" in operation["responses"]
    fmt = next(p for p in operation["parameters"] if p["name"] == "format")
    assert fmt["schema"]["enum"] == ["html", "md", "json", "pdf", "docx"]


def test_the_overview_names_the_evaluators_with_their_organization_and_their_email_to_full_readers(api, app,
                                                                                                     clock):
    """Given an evaluator account with a name and an organization who judged a check, the overview names them
    with the organization; the email only to a full reader; an evaluator who recorded nothing is not listed."""
    from tracker.auth import service as auth
    engine = app.extensions["tracker"].engine
    auth.create_user(engine, clock, "eva@example.org", "evaluator", (), "Eva Ríos",
                     organization="Centro de Estudios Regionales Andinos")
    eva = api.as_(auth.create_token(engine, clock, "eva@example.org"))
    plan = open_plan(api, new_forum(api))
    eva.post(f"/action-plans/{plan}/judgements", {"check": "1.1", "answer": "yes", "explanation": "Existe.",
                                                  "references": []})
    full = report(api, plan, format="json").get_json()["overview"]["evaluators"]
    assert full == [{"name": "Eva Ríos", "organization": "Centro de Estudios Regionales Andinos",
                     "email": "eva@example.org"}]
    public = report(api.as_(None), plan, format="json").get_json()["overview"]["evaluators"]
    assert public == [{"name": "Eva Ríos", "organization": "Centro de Estudios Regionales Andinos", "email": None}]
    assert "Eva Ríos (Centro de Estudios Regionales Andinos)" in report(api.as_(None), plan, format="md",
                                                                        lang="es").get_data(as_text=True)


def test_the_report_counts_late_contributions_against_the_closing_day_it_knows(api, clock):
    """Given an input of 3 June to a consultation closed on 31 May, the report counts it late; once an extension
    to 10 June is logged, it does not, while the report as known before the extension still does."""
    from tests.support.builders_contributions import contribute, resident
    plan = open_plan(api, new_forum(api))
    consultation = api.post(f"/action-plans/{plan}/consultations", {
        "opens_on": "2025-05-01", "closes_on": "2025-05-31", "channel": "web_form",
        "url": "https://www.regioncajamarca.gob.pe/consulta-plan"})["id"]
    contribute(api, plan, resident(), consultation_id=consultation, received_on="2025-06-03")
    assert report(api, plan, format="json").get_json()["contributions"]["late"] == 1
    before = clock.now.isoformat()
    clock.advance(hours=1)
    api.post(f"/consultations/{consultation}/extension", {"closes_on": "2025-06-10", "reason": "pedido vecinal",
                                                          "occurred_on": "2025-06-04"})
    assert report(api, plan, format="json").get_json()["contributions"]["late"] == 0
    assert report(api, plan, format="json", known_at=before.replace("+00:00", "Z")).get_json()[
        "contributions"]["late"] == 1
    markdown = report(api, plan, format="md", lang="es").get_data(as_text=True)
    assert "- Recibidos después del cierre de su consulta (contando las prórrogas): 0\n" in markdown
