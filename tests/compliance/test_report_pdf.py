"""The inception report as a person reads it: the Spanish HTML in the words of OGP Local's template (never a code,
an event type or a UTC instant), the PDF made from it (every answer, its language, its title, its fonts) and the
Word document."""
from __future__ import annotations

import io
import re
import sys
from html.parser import HTMLParser

import docx
import pytest
from pypdf import PdfReader

from tests.compliance.test_story import Recorder
from tests.compliance.test_story import tell_the_story as tell
from tracker.domain.vocabulary import ANSWERS, COMMITMENT_TYPES, INCLUSIVENESS, POTENTIALS

#: Every answer code: none may stand where the report gives an answer.
CODES = {*ANSWERS, *INCLUSIVENESS, *COMMITMENT_TYPES, *POTENTIALS, "unclear"}
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@pytest.fixture
def story(api):
    """The story told through the API; the first plan's id."""
    recorder = Recorder(api.client, api.token)
    tell(recorder)
    return recorder.plans[0]


def report(api, plan_id, **params):
    query = "&".join(f"{k}={v}" for k, v in params.items())
    return api.call("GET", f"/action-plans/{plan_id}/report?{query}")


def every_check(body):
    return [*(c for name in ("minimum_requirements", "recommended_practices", "standards")
              for c in body["sections"][name]), *(k for c in body["commitments"] for k in c["checks"])]


def labels(body):
    """Every answer label the report gives: the computed answers' and the judgements'."""
    found = [c["answer_label"] for c in every_check(body)]
    found += [c["judgement"]["answer_label"] for c in every_check(body) if c["judgement"]]
    return found


class _Page(HTMLParser):
    """The visible text of the report, and the text of each element that shows an answer (class "answer")."""

    def __init__(self):
        super().__init__()
        self.text, self.answers, self._depth, self._in_style = [], [], 0, False

    def handle_starttag(self, tag, attrs):
        self._in_style = tag == "style"
        if self._depth:
            self._depth += 1
        elif "answer" in (dict(attrs).get("class") or "").split():
            self._depth = 1
            self.answers.append("")

    def handle_endtag(self, tag):
        self._in_style = False
        if self._depth:
            self._depth -= 1

    def handle_data(self, data):
        if self._in_style:
            return
        self.text.append(data)
        if self._depth:
            self.answers[-1] += data


def read(page: str) -> _Page:
    parser = _Page()
    parser.feed(page)
    parser.visible = " ".join(" ".join(parser.text).split())
    return parser


def test_does_the_spanish_html_read_like_an_inception_report_without_internal_codes(api, story):
    body = report(api, story, format="json", lang="es").get_json()
    page = report(api, story, format="html", lang="es").get_data(as_text=True)
    assert '<html lang="es">' in page
    parsed = read(page)
    text = parsed.visible
    assert "Resumen" in text and "Sección 1: Requisitos mínimos" in text and "Anexo: evidencia" in text
    assert body["overview"]["reference"]["sentence"] in text
    assert body["overview"]["time_zone"]["words"] in text
    for label in labels(body):
        assert label in text
    for check in every_check(body):
        if check["id"].startswith("S."):  # the standards' ids are the tracker's, not the template's: not shown
            assert check["question"] in text and f"{check['id']} " not in text
        else:
            assert f"{check['id']} {check['question']}" in text
    median = body["contributions"]["days_to_response"]["median"]
    if median is not None and median != int(median):
        assert f"mediana {str(median).replace('.', ',')}" in text  # numbers written the Spanish way
    assert text.index("Sección 1") < text.index("Sección 2") < text.index("Sección 3") < text.index("Anexo")
    # never a code where an answer stands, nor anywhere as a word; never an event type, a UTC instant or a dict
    assert parsed.answers and not [a for a in parsed.answers if a.strip() in CODES]
    assert {a.strip() for a in parsed.answers} <= {*labels(body), *(
        v for c in body["commitments"] if c.get("assessment") for k, v in c["assessment"].items()
        if k.endswith("_label")), "Sí", "No"}
    assert not re.search(r"\b(yes|unclear|somewhat|very|new_regulation_policy_practice|"
                         r"continuation_of_ongoing_practice|positive_change_not_binding|"
                         r"binding_or_institutionalized)\b", text)
    event_types = {e["type"] for e in body["annex"]} | {"SessionHeld", "ForumEstablished"}
    assert not [t for t in event_types if t in text]
    assert "UTC" not in text and not re.search(r"\d{4}-\d\d-\d\dT\d\d:\d\d", text)
    assert "{'" not in text and '{"' not in text


def test_does_the_html_link_the_evidence_to_the_annex_and_the_annex_to_the_log(api, story):
    body = report(api, story, format="json", lang="es").get_json()
    page = report(api, story, format="html", lang="es").get_data(as_text=True)
    for entry in body["annex"]:
        assert f'id="annex-{entry["number"]}"' in page
    cited = every_check(body)[0]["evidence_refs"][0]
    assert f'href="#annex-{cited}"' in page and "Evidencia (anexo):" in page
    assert body["annex"][0]["link"] and f'href="{body["annex"][0]["link"]}"' in page


def test_is_every_answer_in_the_pdf_in_spanish_with_its_language_title_and_embedded_fonts(api, story):
    body = report(api, story, format="json", lang="es").get_json()
    response = report(api, story, format="pdf", lang="es")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert response.headers["Content-Disposition"] == f'attachment; filename="inception-report-{story}.pdf"'
    pdf = PdfReader(io.BytesIO(response.get_data()))
    assert pdf.trailer["/Root"]["/Lang"] == "es"
    assert pdf.metadata.title == f"Informe de inicio: {body['title']}"
    text = " ".join(" ".join(page.extract_text() or "" for page in pdf.pages).split())
    for label in labels(body):
        assert label in text
    assert "Resumen" in text and body["overview"]["reference"]["sentence"] in text
    fonts = [font.get_object() for page in pdf.pages[:2]
             for font in page["/Resources"]["/Font"].values()]
    assert fonts
    for font in fonts:
        descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
        descriptor = descendant["/FontDescriptor"].get_object()
        assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")), font


def test_without_weasyprint_is_the_pdf_a_503_that_says_why(api, story, monkeypatch):
    monkeypatch.setitem(sys.modules, "weasyprint", None)  # `import weasyprint` now raises ImportError
    response = report(api, story, format="pdf", lang="es")
    assert response.status_code == 503
    assert "PDF" in response.get_json()["message"] and "HTML" in response.get_json()["message"]


def test_does_the_word_document_open_and_hold_every_answer(api, story):
    body = report(api, story, format="json", lang="es").get_json()
    response = report(api, story, format="docx", lang="es")
    assert response.status_code == 200 and response.mimetype == DOCX
    assert response.headers["Content-Disposition"] == f'attachment; filename="inception-report-{story}.docx"'
    document = docx.Document(io.BytesIO(response.get_data()))
    text = "\n".join([p.text for p in document.paragraphs]
                     + [c.text for t in document.tables for r in t.rows for c in r.cells])
    for label in labels(body):
        assert label in text
