"""The report on the evaluator's pages: the compliance page's buttons (HTML, PDF, Word, Markdown, JSON and the
form view), the PDF and Word downloads, and the form view: every question of OGP's inception template in order,
with the option to choose and the text to paste, each with a copy button, in the page's language."""
from __future__ import annotations

import io
import re
from html import unescape

import docx
from pypdf import PdfReader

from tests.web import story
from tests.web.conftest import html_lang, sign_in
from tracker.report import form_items

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def text_of(response) -> str:
    return response.get_data(as_text=True)


def test_the_compliance_page_has_a_button_for_each_format_and_a_link_to_the_form_view(client, told):
    sign_in(client, story.EVALUATOR)
    page = text_of(client.get(f"/action-plans/{told.plan}/compliance?lang=es"))
    for fmt, label in (("html", "Informe (HTML)"), ("pdf", "Informe (PDF)"), ("docx", "Informe (Word, DOCX)"),
                       ("md", "Informe (Markdown)"), ("json", "Informe (JSON)")):
        assert re.search(rf'<a class="button[^"]*" href="/action-plans/{told.plan}/report\.{fmt}\?lang=es" '
                         rf'download>{re.escape(label)}</a>', page), fmt
    assert f'href="/action-plans/{told.plan}/report/form"' in page
    assert "El formulario en línea de OGP, pregunta por pregunta" in page


def test_the_pdf_and_word_downloads_are_attachments_that_open(client, told):
    sign_in(client, story.EVALUATOR)
    pdf = client.get(f"/action-plans/{told.plan}/report.pdf?lang=es")
    assert pdf.status_code == 200 and pdf.mimetype == "application/pdf"
    assert pdf.headers["Content-Disposition"] == f'attachment; filename="inception-report-{told.plan}.pdf"'
    assert PdfReader(io.BytesIO(pdf.get_data())).trailer["/Root"]["/Lang"] == "es"
    word = client.get(f"/action-plans/{told.plan}/report.docx?lang=es")
    assert word.status_code == 200 and word.mimetype == DOCX
    assert word.headers["Content-Disposition"] == f'attachment; filename="inception-report-{told.plan}.docx"'
    assert docx.Document(io.BytesIO(word.get_data())).paragraphs


def test_the_form_view_is_for_full_readers_signed_in(client, told):
    path = f"/action-plans/{told.plan}/report/form"
    answer = client.get(path)
    assert answer.status_code == 302 and answer.headers["Location"].startswith("/login?next=")
    sign_in(client, story.OTHER_SECRETARIAT)
    assert client.get(path).status_code == 403


def test_the_form_view_lists_every_question_in_order_with_its_option_text_and_copy_button(client, told):
    sign_in(client, story.EVALUATOR)
    answer = client.get(f"/action-plans/{told.plan}/report/form?lang=es")
    assert answer.status_code == 200 and html_lang(answer) == "es"
    page = text_of(answer)
    body = client.get(f"/action-plans/{told.plan}/report.json?lang=es").get_json()
    expected = [c["id"] for c in body["sections"]["minimum_requirements"] + body["sections"]["recommended_practices"]]
    expected += [k["id"] for c in body["commitments"] for k in c["checks"]]
    assert expected[:10] == ["1.1", "1.2", "1.3", "1.4", "2.1", "2.2", "2.3", "2.4", "2.5", "2.6"]
    assert expected[10:15] == ["3.1.1", "3.1.2", "3.1.3", "3.1.4", "3.1.5"]
    shown = re.findall(r'<section class="field form-question" id="question-([0-9.]+)"', page)
    assert shown == expected
    checks = {c["id"]: c for c in body["sections"]["minimum_requirements"] + body["sections"][
        "recommended_practices"] + [k for c in body["commitments"] for k in c["checks"]]}
    text = unescape(page)
    for check_id in expected:
        check = checks[check_id]
        option = (check["judgement"] or check)["answer_label"]
        section = text[text.index(f'id="question-{check_id}"'):]
        section = section[:section.index("</section>")]
        assert f"{check_id} {check['question']}" in section
        assert f"Opción: <strong class=\"answer answer-{(check['judgement'] or check)['answer']}\">{option}</strong>" \
            in section
        assert ("según el juicio del evaluador" if check["judgement"] else "según el cálculo del registro") in section
        area = re.search(rf'<textarea id="text-{re.escape(check_id)}" rows="\d+" readonly>(.*?)</textarea>', section,
                         flags=re.S)
        assert area and check["explanation"] in area.group(1)
        if check["judgement"]:
            assert check["judgement"]["explanation"] in area.group(1)
        if check_id.startswith("3.") and check_id.endswith(".5") and check.get("recommendations"):
            assert check["recommendations"] in area.group(1)
        assert (f'<button type="button" class="button copy-button" data-copy="text-{check_id}" '
                f'data-copied="Copiado" hidden>Copiar</button>') in section
    assert "Opción" in page and "Texto para pegar" in page
    assert '<script src="/static/copy.js" defer></script>' in page
    assert not re.search(r"<script(?![^>]*\bsrc=)", page) and not re.search(r"\sstyle=|\son[a-z]+=", page)


def test_the_form_view_speaks_english_when_asked(client, told):
    sign_in(client, story.EVALUATOR)
    page = text_of(client.get(f"/action-plans/{told.plan}/report/form?lang=en"))
    assert "The inception template, question by question" in page and ">Copy</button>" in page
    assert 'data-copied="Copied"' in page and "Text to paste" in page


def test_the_copy_script_is_served_from_the_site(client):
    with client.get("/static/copy.js") as script:
        assert script.status_code == 200 and "navigator.clipboard.writeText" in text_of(script)
        assert "data-copied" in text_of(script)


def test_form_items_put_the_judgement_first_and_the_recommendations_in_3_n_5():
    check = {"id": "2.6", "question": "¿Inclusivo?", "answer": "very", "answer_label": "Muy",
             "explanation": "Siete sectores.", "judgement": {"answer": "somewhat", "answer_label": "Algo",
                                                             "explanation": "Pocas comunidades."}}
    five = {"id": "3.1.5", "question": "¿Cambios?", "answer": "yes", "answer_label": "Sí",
            "explanation": "Recomienda cambios.", "judgement": None, "recommendations": "Aprobar una ordenanza."}
    report = {"language": "es", "sections": {"minimum_requirements": [], "recommended_practices": [check]},
              "commitments": [{"id": "cmt_1", "number": 1, "title": "Obras", "checks": [five],
                               "assessment": None}]}
    first, second = form_items(report)
    assert (first["option"], first["answer"], first["source"]) == ("Algo", "somewhat", "según el juicio del evaluador")
    assert first["text"] == "Pocas comunidades.\n\nSiete sectores."
    assert second["option"] == "Sí" and second["source"] == "según el cálculo del registro"
    assert second["text"] == "Recomienda cambios.\n\nAprobar una ordenanza."
