"""The inception report as a Word document: the template's answers in the report's language, real headings and
tables, the title in the document's properties, A4, and no code of the record."""
from __future__ import annotations

from io import BytesIO

import pytest
from docx import Document
from docx.oxml.ns import qn

from tests.compliance.test_report_markdown import HOSTILE, every_check, flat, hostile_report
from tracker.report.docx_file import to_docx
from tracker.report.words import HEADINGS


def text_of(document) -> str:
    """Every paragraph and table cell, hyperlinks' text included."""
    body = document.element.body
    return flat(" ".join(t.text or "" for t in body.iter(qn("w:t"))))


@pytest.mark.parametrize("lang", ["es", "en"])
def test_does_the_docx_hold_every_answer_under_real_headings(api, lang):
    report = hostile_report(api, lang)
    h = HEADINGS[lang]
    document = Document(BytesIO(to_docx(report)))
    text = text_of(document)
    for check in every_check(report):
        assert check["answer_label"] in text and flat(check["explanation"]) in text
    assessment = report["commitments"][0]["assessment"]
    for label in ("verifiable_label", "relevance_label", "commitment_type_label", "potential_label"):
        assert assessment[label] in text
    assert flat(HOSTILE) in text and h["log"].format(**report["log"]) in text and report["verify"] in text
    headings = {p.text: p.style.name for p in document.paragraphs if p.style.name.startswith("Heading")}
    for key in ("overview", "minimum_requirements", "recommended_practices", "commitments", "standards",
                "contributions", "annex"):
        assert headings.get(h[key]) == "Heading 1", key
    assert headings.get(f"1. {flat(report['commitments'][0]['title'])}") == "Heading 2"
    assert all(t.style.name == "Table Grid" for t in document.tables) and document.tables
    order = [text.index(h[k]) for k in ("minimum_requirements", "recommended_practices", "commitments",
                                         "standards", "annex")]
    assert order == sorted(order)
    for code in ("somewhat", "unclear", "new_regulation_policy_practice", "UTC", "frm_", "pln_", "cmt_",
                 "ForumEstablished", "SessionHeld", "S.cadence", "S.alternates"):
        assert code not in text, code


@pytest.mark.parametrize("lang, language", [("es", "es-ES"), ("en", "en-US")])
def test_is_the_docx_an_a4_document_titled_in_its_language_with_links(api, lang, language):
    report = hostile_report(api, lang)
    document = Document(BytesIO(to_docx(report)))
    assert document.core_properties.title == flat(f"{HEADINGS[lang]['title']}: {report['title']}")
    assert document.core_properties.language == language
    section = document.sections[0]
    assert round(section.page_width.mm) == 210 and round(section.page_height.mm) == 297
    links = {r.target_ref for r in document.part.rels.values() if r.reltype.endswith("/hyperlink")}
    assert "https://example.org/ref_(1)?a=1&b=2" in links and not any("evil" in u for u in links)
    anchors = {e.get(qn("w:anchor")) for e in document.element.body.iter(qn("w:hyperlink"))} - {None}
    marks = {e.get(qn("w:name")) for e in document.element.body.iter(qn("w:bookmarkStart"))}
    assert anchors and anchors <= marks
