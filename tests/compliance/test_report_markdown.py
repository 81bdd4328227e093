"""The inception report in Markdown: the template's order in the report's language, and no text from the record
able to become Markdown syntax (a heading, list, quote, code, link, emphasis, table or HTML)."""
from __future__ import annotations

import re
from typing import Any
from urllib.parse import unquote

import pytest
from hypothesis import given
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from tests.support.builders import new_forum, open_plan
from tests.support.builders_plans import ACT, assess, draft_commitment, endorse, held_session, judge, publish, revise
from tracker.report.markdown import inline, to_markdown
from tracker.report.words import HEADINGS

HOSTILE = ("# x\n- y\n1. z\n> q [a](http://evil) <script>alert(1)</script> `code` *em* | pipe | _u_ ~~s~~ &amp; "
           "<http://evil2> \\\n\n# second\n    indented\n---\n===\n```")
REFERENCE = "https://example.org/ref_(1)?a=1&b=2"


#: The same in one line, for names and titles (the contract refuses line breaks in them).
HOSTILE_LINE = " ".join(HOSTILE.split())


def hostile_report(api: Any, lang: str) -> dict[str, Any]:
    """A plan whose every text written by people is hostile Markdown (names and titles in one line), endorsed,
    then changed, assessed and judged; its report as the API's JSON."""
    forum = new_forum(api, name=f"Foro {HOSTILE_LINE}", member=f"Miembro {HOSTILE_LINE}")
    plan = open_plan(api, forum, title=HOSTILE_LINE)
    milestone = {"title": HOSTILE_LINE, "deliverable": HOSTILE_LINE, "due_on": "2026-04-30"}
    commitment = draft_commitment(api, plan, title=HOSTILE_LINE, problem=HOSTILE, description=HOSTILE,
                                  lead_institution=HOSTILE_LINE, milestones=[milestone])
    publish(api, plan, title=HOSTILE_LINE, url="https://example.org/a_(c)?q=1&r=2")
    held_session(api, forum)
    endorse(api, plan, document={**ACT, "title": HOSTILE_LINE})
    revise(api, commitment, title=f"{HOSTILE_LINE} 2", occurred_on="2025-11-20")
    assess(api, commitment, explanation=HOSTILE, recommendations=HOSTILE)
    judge(api, plan, "2.6", "somewhat", explanation=HOSTILE, references=[REFERENCE, "https://example.org/ref"])
    return api.get(f"/action-plans/{plan}/report?format=json&lang={lang}")


def parser() -> MarkdownIt:
    return MarkdownIt("commonmark").enable("table")


def plain(token: Any) -> str:
    """The text an inline token renders to."""
    return "".join(c.content for c in token.children or [] if c.type in ("text", "code_inline"))


def flat(text: str) -> str:
    return " ".join(str(text).split())


def every_check(report: dict[str, Any]) -> list[dict[str, Any]]:
    sections = report["sections"]
    return [*sections["minimum_requirements"], *sections["recommended_practices"], *sections["standards"],
            *[k for c in report["commitments"] for k in c["checks"]]]


def own_headings(report: dict[str, Any]) -> set[str]:
    """Every heading the report may print: its own words, the questions, the commitments' titles."""
    h = HEADINGS[report["language"]]
    found = {flat(f"{h['title']}: {report['title']}")}
    found |= {h[k] for k in ("overview", "documents", "minimum_requirements", "recommended_practices",
                             "commitments", "standards", "contributions", "annex", "endorsed_text")}
    for check in every_check(report):
        found.add(flat(check["question"] if check["id"].startswith("S.") else f"{check['id']} {check['question']}"))
    found |= {flat(f"{c['number']}. {c['title']}") for c in report["commitments"]}
    return found


def own_links(report: dict[str, Any]) -> set[str]:
    urls = {d["url"] for d in report["overview"]["documents"]} | {e["link"] for e in report["annex"] if e["link"]}
    urls |= {r for c in every_check(report) if c["judgement"] for r in c["judgement"]["references"]}
    return {unquote(u) for u in urls}


@pytest.mark.parametrize("lang", ["es", "en"])
def test_can_no_text_from_the_record_become_markdown_syntax(api, lang):
    report = hostile_report(api, lang)
    assert report["commitments"][0]["changed_since_endorsement"] and report["commitments"][0]["assessment"]
    text = to_markdown(report)
    tokens = parser().parse(text)
    headings = [plain(tokens[i + 1]) for i, t in enumerate(tokens) if t.type == "heading_open"]
    assert set(headings) <= own_headings(report), set(headings) - own_headings(report)
    assert [t.tag for t in tokens if t.type == "heading_open"].count("h1") == 1
    assert sum(flat(HOSTILE) in h for h in headings) == 2  # the title and the commitment's, each one heading
    kinds = {t.type for t in tokens} | {c.type for t in tokens for c in t.children or []}
    assert not kinds & {"html_block", "html_inline", "code_block", "fence", "code_inline", "blockquote_open",
                        "ordered_list_open", "em_open", "image"}
    links = [c.attrGet("href") for t in tokens for c in t.children or [] if c.type == "link_open"]
    assert links and {unquote(str(href)) for href in links} <= own_links(report)
    assert not any("evil" in str(href) for href in links)
    # Every text of the record reads as it was written, in paragraphs, items or cells, never as syntax.
    inlines = [plain(t) for t in tokens if t.type == "inline"]
    assert sum(flat(HOSTILE) in t for t in inlines) >= 10
    # Lists are the report's own: overview, documents, contributions.
    items = [plain(tokens[i + 2]) for i, t in enumerate(tokens) if t.type == "list_item_open"]
    assert all(flat(HOSTILE) not in i.split(":", 1)[0] for i in items)


@pytest.mark.parametrize("lang", ["es", "en"])
def test_does_the_markdown_read_like_the_template_in_its_language(api, lang):
    report = hostile_report(api, lang)
    h = HEADINGS[lang]
    text = to_markdown(report)
    rendered = " ".join(plain(t) for t in parser().parse(text) if t.type == "inline")
    order = [h["overview"], h["minimum_requirements"], h["recommended_practices"], h["commitments"],
             h["standards"], h["contributions"], h["annex"]]
    assert [rendered.index(o) for o in order] == sorted(rendered.index(o) for o in order)
    for check in every_check(report):
        assert check["answer_label"] in rendered
        assert flat(check["explanation"]) in rendered
    judged = next(c for c in report["sections"]["recommended_practices"] if c["id"] == "2.6")
    assert f"{h['judgement']}: {judged['judgement']['answer_label']} — {flat(HOSTILE)}" in rendered
    assessment = report["commitments"][0]["assessment"]
    for label in ("verifiable_label", "relevance_label", "commitment_type_label", "potential_label"):
        assert assessment[label] in rendered
    assert report["commitments"][0]["changed_since_endorsement"]["sentence"] in rendered
    assert h["log"].format(**report["log"]) in rendered and report["verify"] in rendered
    assert f"{h['see_annex']}: " in rendered
    for code in ("somewhat", "unclear", "new_regulation_policy_practice", "positive_change_not_binding", "UTC",
                 "frm_", "pln_", "cmt_", "ForumEstablished", "SessionHeld", "S.cadence"):
        assert code not in rendered, code


def normal(text: str) -> str:
    """The text as a paragraph shows it: runs of ASCII whitespace, control characters (CR, LF, NUL, NEL...) and
    line or paragraph separators as one space, the ends trimmed of whitespace (Unicode's too, and the BOM, as
    markdown-it trims)."""
    spaced = re.sub("[\t\n\v\f\r \x00-\x1f\x7f-\x9f\u2028\u2029]+", " ", text)
    return re.sub(r"^[\s\ufeff]+|[\s\ufeff]+$", "", spaced)


@given(st.text())
def test_does_escaped_text_render_as_exactly_that_text(text):
    expected = normal(text)
    tokens = parser().parse(f"**Label:** {inline(text)}\n\nx {inline(text)}\n\n{inline(text)}\n")
    if not expected:
        assert inline(text) == ""
        return
    assert [t.type for t in tokens] == ["paragraph_open", "inline", "paragraph_close"] * 3
    first, second, third = (tokens[i] for i in (1, 4, 7))
    assert [c.type for c in first.children if c.content or c.type != "text"][:3] == [
        "strong_open", "text", "strong_close"]
    assert plain(first) == f"Label: {expected}"
    assert plain(second) == f"x {expected}"
    assert plain(third) == expected
    for token in (first, second, third):
        assert {c.type for c in token.children} <= {"text", "strong_open", "strong_close"}


@given(st.text())
def test_is_escaped_text_one_cell_of_a_table(text):
    expected = normal(text)
    tokens = parser().parse(f"| a | b |\n| --- | --- |\n| {inline(text) or ' '} | z |\n")
    cells = [plain(tokens[i + 1]) for i, t in enumerate(tokens) if t.type == "td_open"]
    assert cells == [expected, "z"]
