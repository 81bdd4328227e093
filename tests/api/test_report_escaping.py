"""Issue 17: no text from the record opens structure in the public report. Whatever people typed (carriage
returns, a planted "### 1.4 ... **Answer:** yes", raw HTML, pipes, backticks, links to javascript:) reads in
the Markdown as the text it is, in the slot it was put in: a CommonMark parse of the report has the same
headings, lists, tables and links as the report with a plain word in every slot, and no HTML; the HTML report
shows it escaped."""
from __future__ import annotations

import re
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from tests.support.builders import new_forum, open_plan
from tests.support.builders_contributions import contribute, resident
from tests.support.builders_plans import ACT, assess, draft_commitment, endorse, held_session, judge, publish, revise
from tests.support.builders_sessions import cancel_session, schedule_session
from tracker.report.markdown import inline, link, to_markdown

#: The plain word put in every slot of the record a person writes.
WORD = "Zqxslot"
#: Text planted to forge an answer: after a blank line, a heading and an answer of its own, then HTML.
PLANT = ("Aporte\r\n\r\n### 1.4 ¿Se consultó el plan?\r\n\r\n**Answer:** yes\r\n**Respuesta:** Sí\r"
         "<script>alert(1)</script>\u2028# uno\u2029- dos\n> tres")
#: The same in one line, for names and titles (the contract refuses a line break in them; the log may still hold
#: one recorded before).
PLANT_LINE = "### 1.4 ¿Se consultó el plan? **Answer:** yes <script>alert(1)</script> | x | `c` [a](javascript:x)"
#: Pieces of Markdown, HTML and line breaks the generated texts are made of (with any other text between).
PIECES = ["\r", "\n", "\r\n", "\n\n", "### ", "# ", "**", "*", "_", "__", "<script>alert(1)</script>", "<b>",
          "<!--", "|", " | --- |", "[x](javascript:alert(1))", "![i](http://evil.example/i.png)", "`", "```",
          "~~~", "~~", "1. ", "2) ", "- ", "+ ", "> ", "    ", "\t", "---", "===", "\\", "&amp;", "&#35;",
          "<http://evil.example>", "http://evil.example/", "www.evil.example", "\u2028", "\u2029", "\x85", "\x0b",
          "\x0c", "\x1b", "\x7f", "[", "]", "(", ")", "!", "#", ":", "{", "}", ".", "\ufeff", "\u00a0", WORD[:3]]
USER_TEXT = st.one_of(
    st.text(min_size=1),
    st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=3)), min_size=1, max_size=12).map("".join),
).filter(lambda t: WORD not in t)
SITE = "https://gobiernoabierto.cajamarca.gob.pe"


def parser() -> MarkdownIt:
    return MarkdownIt("commonmark").enable("table")


def slotted_plan(api: Any, text: str, name: str | None = None) -> str:
    """A plan endorsed, changed, assessed and judged, whose every text a person writes is `text` (or starts with
    it), and every name or title `name` (default: `text`): forum, member, organization, plan, commitment and
    milestones, session titles and venue, a cancellation reason, publications and the endorsement act, a
    revision's reason, the assessment and the judgement, a contribution and its author."""
    name = text if name is None else name
    forum = new_forum(api, name=f"Foro {name}", member=f"Miembro {name}")
    plan = open_plan(api, forum, title=name)
    contribute(api, plan, resident(name=name, organization=name), text=text)
    milestone = {"title": name, "deliverable": name, "due_on": "2026-04-30"}
    commitment = draft_commitment(api, plan, title=name, problem=text, description=text, lead_institution=name,
                                  milestones=[milestone])
    publish(api, plan, title=name, url=f"{SITE}/borrador_(v1).pdf?a=1&b=2")
    cancel_session(api, schedule_session(api, forum, title=name, venue=name,
                                         scheduled_at="2025-10-08T15:00:00-05:00"), reason=text)
    held_session(api, forum, title=name, venue=name)
    endorse(api, plan, document={**ACT, "title": name})
    revise(api, commitment, reason=text, description=f"{text} 2", occurred_on="2025-11-20")
    assess(api, commitment, explanation=text, recommendations=text)
    judge(api, plan, "2.6", "somewhat", explanation=text, references=[f"{SITE}/ref_(1)?a=1&b=2"])
    judge(api, plan, "1.4", "yes", explanation=text, references=[f"{SITE}/ref"])
    return plan


def substitute(value: Any, text: str) -> Any:
    """The report's JSON with the plain word replaced by `text` wherever it is (the seam: what the renderer gets
    from a record whose slots hold `text`)."""
    if isinstance(value, str):
        return value.replace(WORD, text)
    if isinstance(value, list):
        return [substitute(v, text) for v in value]
    if isinstance(value, dict):
        return {k: substitute(v, text) for k, v in value.items()}
    return value


def plain(token: Any) -> str:
    return "".join(c.content for c in token.children or [] if c.type in ("text", "code_inline"))


def shape(tokens: list[Any]) -> list[tuple[Any, ...]]:
    """The structure of a parse: every block token, and within each inline token every token but text."""
    return [(t.type, t.tag, t.nesting, t.level,
             tuple((c.type, c.tag) for c in t.children or [] if c.type != "text")) for t in tokens]


def headings(tokens: list[Any]) -> list[tuple[str, str]]:
    return [(t.tag, plain(tokens[i + 1])) for i, t in enumerate(tokens) if t.type == "heading_open"]


def links(tokens: list[Any]) -> list[str]:
    return [str(c.attrGet("href")) for t in tokens for c in t.children or [] if c.type == "link_open"]


def html(tokens: list[Any]) -> list[Any]:
    return [t for t in tokens if t.type == "html_block"] + [
        c for t in tokens for c in t.children or [] if c.type == "html_inline"]


def one_line(text: str) -> str:
    """A text as the Markdown shows it: line breaks, control characters and whitespace runs as one space, the
    ends trimmed (as `inline` does)."""
    spaced = re.sub("[\t\n\v\f\r \x00-\x1f\x7f-\x9f\u2028\u2029]+", " ", text)
    return re.sub(r"^[\s\ufeff]+|[\s\ufeff]+$", "", spaced)


def test_no_text_in_any_slot_changes_the_markdowns_structure(api):
    report = api.get(f"/action-plans/{slotted_plan(api, WORD)}/report?format=json&lang=es")
    base = parser().parse(to_markdown(report))
    base_headings = headings(base)
    assert sum(WORD in h for _, h in base_headings) == 2  # the plan's title, the commitment's
    assert str(report).count(WORD) >= 25 and not html(base)
    base_links = links(base)
    assert base_links and all(href.startswith(("https://", "http://localhost/")) for href in base_links)

    @settings(max_examples=60, deadline=None)
    @given(USER_TEXT)
    def same_structure(text: str) -> None:
        tokens = parser().parse(to_markdown(substitute(report, text)))
        assert shape(tokens) == shape(base)
        assert headings(tokens) == [(tag, h.replace(WORD, one_line(text)).strip()) for tag, h in base_headings]
        assert links(tokens) == base_links
        assert not html(tokens)

    same_structure()


def test_a_planted_answer_is_text_on_the_api(api):
    """The planted "### 1.4 ... **Answer:** yes" block, in a contribution, a reason, an explanation and titles,
    adds no heading, no answer and no HTML to GET /api/v1/action-plans/{id}/report?format=md."""
    plan = slotted_plan(api, PLANT, PLANT_LINE)
    report = api.get(f"/action-plans/{plan}/report?format=json&lang=en")
    response = api.as_(None).call("GET", f"/action-plans/{plan}/report?format=md&lang=en")
    assert response.status_code == 200 and response.mimetype == "text/markdown"
    text = response.get_data(as_text=True)
    assert "\r" not in text and "\u2028" not in text and "\x85" not in text and "<script>" not in text
    tokens = parser().parse(text)
    found = headings(tokens)
    assert [h for _, h in found if h.startswith("1.4")] == [
        next(f"1.4 {c['question']}" for c in report["sections"]["minimum_requirements"] if c["id"] == "1.4")]
    assert not [h for _, h in found if "¿Se consultó el plan?" in h and not h.startswith(("Inception", "1. "))]
    assert [h for _, h in found if PLANT_LINE in h] == [f"Inception report: {PLANT_LINE}", f"1. {PLANT_LINE}"]
    checks = [c for s in ("minimum_requirements", "recommended_practices", "standards")
              for c in report["sections"][s]]
    answers = [c for t in tokens if t.type == "inline" for c in t.children or []
               if c.type == "text" and c.content == "Answer:"]
    assert len(answers) == len(checks)
    assert not html(tokens)
    kinds = {c.type for t in tokens for c in t.children or []} | {t.type for t in tokens}
    assert not kinds & {"blockquote_open", "ordered_list_open", "fence", "code_block", "code_inline", "em_open"}
    rendered = [plain(t) for t in tokens if t.type == "inline"]
    assert sum(one_line(PLANT) in r for r in rendered) >= 6 and sum(PLANT_LINE in r for r in rendered) >= 10


def test_the_html_report_escapes_what_people_wrote(api):
    plan = slotted_plan(api, PLANT, PLANT_LINE)
    response = api.as_(None).call("GET", f"/action-plans/{plan}/report?format=html&lang=en")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert 'href="javascript' not in page.lower()


@given(st.text(), USER_TEXT)
def test_a_link_goes_only_to_its_http_address(label, tail):
    """A link's address is percent-encoded (a ')' or space cannot end it) and only http(s) ones are links."""
    url = f"https://example.org/{tail}"
    tokens = parser().parse(f"x {link(label, url)} y\n")
    assert [t.type for t in tokens] == ["paragraph_open", "inline", "paragraph_close"]
    found = links(tokens)
    assert len(found) <= 1 and all(href.startswith("https://example.org/") for href in found)
    assert not html(tokens) and not [c for c in tokens[1].children or [] if c.type == "image"]
    for scheme in ("javascript:alert(1)//", "data:text/html,", "JaVaScRiPt:", "vbscript:", "file:///"):
        other = parser().parse(f"x {link(label, scheme + tail)} y\n")
        assert not links(other) and not html(other)


@given(USER_TEXT)
def test_inline_text_is_one_line_with_no_raw_html_or_entity(text):
    escaped = inline(text)
    assert not re.search("[\r\n\x00-\x1f\x7f-\x9f\u2028\u2029]", escaped)
    assert re.search(r"(?<!\\)[<&]", escaped) is None
