"""The final report in Markdown, HTML and Word with hostile text everywhere a person writes (the plan's and the
commitment's titles, a progress summary, an amendment's reason, the evaluator's explanation and recommendations,
the final summary, a later plan's answer): it reads as written, and never becomes syntax, markup or a link."""
from __future__ import annotations

from io import BytesIO
from typing import Any
from urllib.parse import unquote

import pytest
from docx import Document

from tests.compliance.test_final_report import end_assessment
from tests.compliance.test_report_markdown import HOSTILE, HOSTILE_LINE, flat, parser, plain
from tests.support.builders import open_plan
from tests.support.builders_plans import draft_commitment, endorse, held_session, plan_with_roster
from tracker.domain.recommendations import FINAL, recommendation_id
from tracker.report.final_docx import to_final_docx
from tracker.report.final_markdown import to_final_markdown
from tracker.report.final_render import to_final_html
from tracker.report.final_words import FINAL_HEADINGS

#: A reference the API takes (an http(s) URL) that is Markdown and HTML syntax all the same; the hostile line
#: itself is no URL, and the API refuses it as a reference.
HOSTILE_URL = "https://example.org/ref_(2)/*em*/_u_/~~s~~/`code`?q=<b>&r=[a](b)"


def hostile_final_report(api, tokens, lang: str) -> dict[str, Any]:
    """A plan titled in hostile Markdown, endorsed, amended for a hostile reason in a session, reported on with a
    hostile summary, assessed at its end and as a whole in hostile words, a recommendation answered in hostile
    words by the next plan; its final report as the API's JSON, after the period."""
    r = plan_with_roster(api, name=f"Foro {HOSTILE_LINE}")
    plan = open_plan(api, r.forum_id, title=HOSTILE_LINE, period_start="2026-01-01", period_end="2026-06-30")
    commitment = draft_commitment(api, plan, title=HOSTILE_LINE)
    endorse(api, plan, signed_by=[r.ana, r.jorge])
    session = held_session(api, r.forum_id, held_at="2026-03-10T10:00:00-05:00", title=HOSTILE_LINE)
    api.post(f"/commitments/{commitment}/amendment", {"changes": {"description": HOSTILE}, "reason": HOSTILE,
                                                      "occurred_on": "2026-03-12", "approved_in_session_id": session})
    milestone = api.get(f"/commitments/{commitment}")["progress"]["milestones"][0]["id"]
    api.post(f"/commitments/{commitment}/progress", {"milestone_id": milestone, "status": "in_progress",
                                                     "reported_on": "2026-03-15", "summary": HOSTILE})
    end_assessment(api.as_(tokens.evaluator), commitment, completion="limited",
                   early_results={"transparency": "marginal", "public_accountability": "marginal"},
                   explanation=HOSTILE, references=["https://example.org/informe_(1)?a=1&b=2", HOSTILE_URL],
                   recommendations=[HOSTILE], occurred_on="2026-07-10")
    api.as_(tokens.evaluator).post(f"/action-plans/{plan}/final-assessment", {
        "summary": HOSTILE, "recommendations": [HOSTILE_LINE], "occurred_on": "2026-07-12"})
    later = open_plan(api, r.forum_id, title="Plan 2027-2028", period_start="2027-01-01", period_end="2028-12-31")
    api.post(f"/action-plans/{later}/recommendation-responses", {
        "recommendation_id": recommendation_id(FINAL, plan, HOSTILE_LINE), "response": HOSTILE,
        "occurred_on": "2026-07-15"})
    return api.get(f"/action-plans/{plan}/final-report?format=json&lang={lang}")


@pytest.mark.parametrize("lang", ["es", "en"])
def test_no_text_from_the_record_becomes_markdown_syntax(api, tokens, lang):
    report = hostile_final_report(api, tokens, lang)
    h = FINAL_HEADINGS[lang]
    parsed = parser().parse(to_final_markdown(report))
    headings = [plain(parsed[i + 1]) for i, t in enumerate(parsed) if t.type == "heading_open"]
    assert [t.tag for t in parsed if t.type == "heading_open"].count("h1") == 1
    ours = {h[k] for k in ("overview", "implementation", "end_assessment", "amendments", "cocreation",
                           "final_assessment", "follow_up", "annex")}
    assert set(headings) - ours == {flat(f"{h['title']}: {HOSTILE_LINE}"), flat(f"1. {HOSTILE_LINE}")} | {
        c["question"] if c["id"].startswith("S.") else f"{c['id']} {c['question']}" for c in report["cocreation"]}
    kinds = {t.type for t in parsed} | {c.type for t in parsed for c in t.children or []}
    assert not kinds & {"html_block", "html_inline", "code_block", "fence", "code_inline", "ordered_list_open",
                        "em_open", "image"}
    links = {unquote(str(c.attrGet("href"))) for t in parsed for c in t.children or [] if c.type == "link_open"}
    assert "https://example.org/informe_(1)?a=1&b=2" in links and not any("evil" in href for href in links)
    inlines = [plain(t) for t in parsed if t.type == "inline"]
    assert sum(flat(HOSTILE) in t for t in inlines) >= 6  # summary, reason, explanation, recommendations, answer


@pytest.mark.parametrize("lang", ["es", "en"])
def test_the_html_escapes_and_the_word_document_keeps_every_hostile_text(api, tokens, lang):
    report = hostile_final_report(api, tokens, lang)
    page = to_final_html(report)
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert 'href="http://evil' not in page and "<http://evil2>" not in page
    document = Document(BytesIO(to_final_docx(report)))
    text = flat(" ".join(t.text or "" for t in document.element.body.iter(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}t")))
    assert text.count(flat(HOSTILE)) >= 6
    assert FINAL_HEADINGS[lang]["no_answer"] in text  # the final assessment's recommendation was not answered
