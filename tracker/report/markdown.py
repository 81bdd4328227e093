"""The inception report as CommonMark (with GFM pipe tables), read like an OGP Local inception report.

`to_markdown(report)` prints the dict `tracker.report.content.build_report` makes (the JSON of the report
endpoint), in its language, with the template's labels and never a code. Every text that comes from the record
(titles, names, explanations, recommendations, cells) passes through `inline`, so none of it can open a heading,
list, quote, code, link, emphasis, table or HTML; links are only the report's own, to http(s) addresses.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from tracker.report.words import HEADINGS, evaluator_names, figure, in_stage_order, web_address

__all__ = ["annex", "check_block", "commitment_text", "field", "inline", "link", "record", "table", "to_markdown"]

#: Characters escaped wherever they are: they open emphasis, code, links, HTML, entities, tables, strikethrough,
#: or close an ATX heading, or (a backslash) escape what follows.
_ALWAYS = frozenset("\\`*_[]<>&|~#!")
_PUNCTUATION = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
#: What becomes one space: runs of ASCII whitespace, every control character (C0, DEL and C1, NUL and NEL among
#: them: a renderer may read a CR, NEL or other control as a line break) and the Unicode line and paragraph
#: separators (U+2028, U+2029), so text from the record is always one line.
_SPACES = re.compile("[\t\n\v\f\r \x00-\x1f\x7f-\x9f\u2028\u2029]+")
#: Whitespace at either end, as parsers trim it (markdown-it trims Unicode spaces and the BOM, like JavaScript).
_ENDS = re.compile(r"^[\s\ufeff]+|[\s\ufeff]+$")
_ORDERED = re.compile(r"(\d+)([.)])")
#: Characters of a URL kept as they are in a link destination (the rest is percent-encoded).
_URL_SAFE = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~:/?#@!$'*+,;=%&[]")


def inline(text: Any) -> str:
    """Text from the record as one line of inline Markdown that renders as exactly that text: whitespace runs,
    line breaks of every kind (CR, LF, NEL, U+2028, U+2029) and other control characters become one space, the
    ends are stripped, and every character that could start Markdown syntax is backslash-escaped (its first
    character, too, if it is punctuation, and the dot or parenthesis of a leading "1." or "1)")."""
    if text is None:
        return ""
    flat = _ENDS.sub("", _SPACES.sub(" ", str(text)))
    if not flat:
        return ""
    out = [f"\\{c}" if c in _ALWAYS else c for c in flat]
    ordered = _ORDERED.match(flat)
    if ordered:
        at = len(ordered.group(1))
        out[at] = f"\\{flat[at]}"
    elif flat[0] in _PUNCTUATION and not out[0].startswith("\\"):
        out[0] = f"\\{flat[0]}"
    return "".join(out)


def _destination(url: str) -> str:
    """A URL as a link destination: what is not plainly safe percent-encoded, '&' backslash-escaped (so no
    entity is decoded in it)."""
    encoded = "".join(c if c in _URL_SAFE else "".join(f"%{b:02X}" for b in c.encode()) for c in url)
    return encoded.replace("&", "\\&")


def link(text: Any, url: Any) -> str:
    """A link with escaped text, when `url` is an http(s) address; otherwise the text (and the address, if it
    is not the text) as plain escaped text."""
    label = inline(text) or inline(url)
    if web_address(url):
        return f"[{label}]({_destination(str(url).strip())})"
    if url and str(url).strip() != str(text or "").strip():
        return f"{label} ({inline(url)})" if text else inline(url)
    return label


def table(columns: Iterable[Any], rows: Iterable[Iterable[str]], *, escaped: bool = False) -> list[str]:
    """A GFM pipe table; cells escaped unless `escaped` (then they are Markdown already)."""
    def cell(value: Any) -> str:
        text = value if escaped else inline(value)
        return text or " "
    heads = [inline(c) or " " for c in columns]
    out = ["| " + " | ".join(heads) + " |", "|" + "|".join(" --- " for _ in heads) + "|"]
    for row in rows:
        cells = list(row)
        cells += [""] * (len(heads) - len(cells))
        out.append("| " + " | ".join(cell(c) for c in cells[:len(heads)]) + " |")
    return out + [""]


def field(label: str, value: str) -> list[str]:
    """A labelled paragraph: "**Label:** value" (`value` already Markdown)."""
    return [f"**{inline(label)}:** {value}".rstrip(), ""]


def evidence_numbers(check: dict[str, Any], h: dict[str, Any]) -> str:
    refs = check.get("evidence_refs") or []
    return ", ".join(str(int(n)) for n in refs) if refs else inline(h["none"])


def _references(refs: Iterable[Any]) -> str:
    return "; ".join(link(r, r) for r in refs if r)


def _judgement(check: dict[str, Any], h: dict[str, Any]) -> list[str]:
    judgement = check.get("judgement")
    if not judgement:
        return []
    text = inline(judgement.get("answer_label"))
    if judgement.get("explanation"):
        text += f" — {inline(judgement['explanation'])}"
    out = field(h["judgement"], text)
    refs = _references(judgement.get("references") or [])
    if refs:
        out += field(h["references"], refs)
    return out


def _number(check_id: Any) -> str:
    """A template number (1.1, 3.2.4) as it is; anything else escaped."""
    text = str(check_id)
    return text if re.fullmatch(r"\d+(\.\d+)*", text) else inline(text)


def check_block(check: dict[str, Any], h: dict[str, Any]) -> list[str]:
    """A check of sections 1, 2 or the standards: its question, answer, explanation, tables, evidence and
    the evaluator's judgement."""
    number = check["id"] if not str(check["id"]).startswith("S.") else ""
    question = inline(check.get("question"))
    out = [f"### {_number(number)} {question}" if number else f"### {question}", ""]
    out += field(h["answer"], inline(check.get("answer_label")))
    out += field(h["explanation"], inline(check.get("explanation")))
    for details in check.get("tables") or []:
        out += [f"**{inline(details['caption'])}**", ""]
        out += table(details["columns"], details["rows"])
    out += field(h["see_annex"], evidence_numbers(check, h))
    if check.get("recommendations"):
        out += field(h["recommendations"], inline(check["recommendations"]))
    return out + _judgement(check, h)


def commitment_text(text: dict[str, Any], h: dict[str, Any]) -> list[str]:
    """A commitment's text: problem, description, lead institution, OGP values, milestones."""
    out: list[str] = []
    for key, name in (("problem", "problem"), ("description", "description"), ("lead", "lead_institution")):
        out += field(h[key], inline(text.get(name)) or inline(h["none"]))
    out += field(h["values"], inline(text.get("ogp_values_words")) or inline(h["none"]))
    milestones = text.get("milestones") or []
    out += [f"**{inline(h['milestones'])}**", ""]
    if milestones:
        out += table([h["milestone"], h["deliverable"], h["due"]],
                     [[m.get("title") or "—", m.get("deliverable") or "—", m.get("due") or h["no_due"]]
                      for m in milestones])
    else:
        out += [inline(h["none"]), ""]
    return out


#: Section 3's questions, by the last part of their id: the assessment's label beside each.
def _computed(check: dict[str, Any], h: dict[str, Any]) -> str:
    text = f"**{inline(check.get('answer_label'))}**"
    if check.get("irm_label"):
        text += f" ({inline(h['irm'])}: {inline(check['irm_label'])})"
    if check.get("explanation"):
        text += f" — {inline(check['explanation'])}"
    return f"{text} ({inline(h['see_annex'])}: {inline(_plain_refs(check, h))})"


def _plain_refs(check: dict[str, Any], h: dict[str, Any]) -> str:
    refs = check.get("evidence_refs") or []
    return ", ".join(str(int(n)) for n in refs) if refs else h["none"]


def _commitment(commitment: dict[str, Any], h: dict[str, Any], lang: str) -> list[str]:
    out = [f"### {int(commitment['number'])}\\. {inline(commitment.get('title'))}", ""]
    if commitment.get("text"):
        out += commitment_text(commitment["text"], h)
    changed = commitment.get("changed_since_endorsement")
    if changed:
        out += field(h["changed"], inline(changed.get("sentence")))
        if changed.get("endorsed_text"):
            out += [f"#### {inline(h['endorsed_text'])}", ""]
            endorsed = changed["endorsed_text"]
            out += field(h["field_names"]["title"].capitalize(), inline(endorsed.get("title")))
            out += commitment_text(endorsed, h)
    assessment = commitment.get("assessment")
    rows = [[f"{_number(c['id'])} {inline(c.get('question'))}", _computed(c, h),
             inline(c.get("assessment_label") or "—")] for c in commitment.get("checks") or []]
    out += table([h["question"], h["computed"], h["assessment"]], rows, escaped=True)
    for check in commitment.get("checks") or []:
        judged = _judgement(check, h)
        if judged:
            out += [f"**{_number(check['id'])}**", "", *judged]
    if assessment:
        out += field(f"{h['assessment']} ({assessment.get('assessed') or '—'})",
                     inline(assessment.get("explanation")))
        out += field(h["recommendations"], inline(assessment.get("recommendations")) or inline(h["none"]))
    return out


def _overview(report: dict[str, Any], h: dict[str, Any]) -> list[str]:
    o = report["overview"]
    evaluators = inline(evaluator_names(o.get("evaluators") or [], h["no_evaluators"]))
    items = [(h["member"], inline(o.get("member"))), (h["forum"], inline(o.get("forum"))),
             (h["plan"], inline(o.get("plan"))), (h["period"], inline((o.get("period") or {}).get("words"))),
             (h["window"], inline((o.get("window") or {}).get("words"))),
             (h["submitted"], inline(o.get("submitted"))), (h["evaluators"], evaluators),
             (h["reference"], inline((o.get("reference") or {}).get("sentence"))),
             (h["time_zone"], inline((o.get("time_zone") or {}).get("words")))]
    out = [f"## {inline(h['overview'])}", ""]
    out += [f"- **{inline(label)}:** {value}" for label, value in items if label]
    out.append("")
    documents = o.get("documents") or []
    out += [f"### {inline(h['documents'])}", ""]
    if documents:
        for d in documents:
            when = f" — {inline(d['date'])}" if d.get("date") else ""
            out.append(f"- {inline(d.get('kind_label'))}: {link(d.get('title') or d.get('url'), d.get('url'))}"
                       f"{when}")
    else:
        out.append(inline(h["none"]))
    return out + [""]


def _contributions(summary: dict[str, Any], h: dict[str, Any], lang: str) -> list[str]:
    out = [f"## {inline(h['contributions'])}", ""]
    out += table([h["status"], h["count"]],
                 [[h["statuses"].get(s, s), str(n)] for s, n in in_stage_order(summary.get("by_status") or {})])
    for key, name in (("days_response", "days_to_response"), ("days", "days_to_written_feedback")):
        spread = summary.get(name) or {}
        out.append(f"- {inline(h[key])}: {inline(h['median'])} {inline(figure(spread.get('median'), lang, h['none']))}"
                   f", {inline(h['maximum'])} {inline(figure(spread.get('maximum'), lang, h['none']))}")
    out.append(f"- {inline(h['waiting'])}: {int(summary.get('waiting') or 0)}")
    out.append(f"- {inline(h['late_contributions'])}: {int(summary.get('late') or 0)}")
    return out + [""]


def _previous_recommendations(items: list[dict[str, Any]], h: dict[str, Any]) -> list[str]:
    """The earlier plans' recommendations with this plan's answers; nothing when there are none."""
    if not items:
        return []
    rows = [[r["text"], r["made_in"], r["answer"] or h["not_answered"], r["commitment"] or "—"] for r in items]
    return [f"## {inline(h['previous_recommendations'])}", "",
            *table([h["recommendation"], h["made_in"], h["this_answer"], h["taken_up_by"]], rows), ""]


def annex(report: dict[str, Any], h: dict[str, Any], lang: str) -> list[str]:
    zone = (report["overview"].get("time_zone") or {}).get("words") or ""
    out = [f"## {inline(h['annex'])}", "", inline(h["annex_intro"].format(zone=zone)), ""]
    rows = []
    for entry in report.get("annex") or []:
        fact = inline(entry.get("described"))
        if entry.get("logged_late"):
            fact += f" (**{inline(h['logged_late'])}**)"
        position = str(int(entry["position"]))
        rows.append([str(int(entry["number"])), fact, inline(entry.get("occurred")), inline(entry.get("recorded")),
                     link(position, entry.get("link")) if entry.get("link") else position])
    out += table([h["number"], h["fact"], h["occurred"], h["recorded"], h["position"]], rows,
                 escaped=True)
    return out


def to_markdown(report: dict[str, Any]) -> str:
    """The inception report as Markdown (CommonMark with GFM pipe tables), in the report's language."""
    lang = report.get("language") if report.get("language") in HEADINGS else "en"
    h = HEADINGS[str(lang)]
    out = [f"# {inline(h['title'])}: {inline(report.get('title'))}", ""]
    out += _overview(report, h)
    for name in ("minimum_requirements", "recommended_practices"):
        out += [f"## {inline(h[name])}", ""]
        for check in report["sections"][name]:
            out += check_block(check, h)
    out += [f"## {inline(h['commitments'])}", ""]
    for commitment in report.get("commitments") or []:
        out += _commitment(commitment, h, str(lang))
    if not report.get("commitments"):
        out += [inline(h["none"]), ""]
    out += _previous_recommendations(report.get("previous_recommendations") or [], h)
    out += [f"## {inline(h['standards'])}", ""]
    for check in report["sections"].get("standards") or []:
        out += check_block(check, h)
    out += _contributions(report.get("contributions") or {}, h, str(lang))
    out += annex(report, h, str(lang))
    out += record(report, h)
    return "\n".join(out)


def record(report: dict[str, Any], h: dict[str, Any]) -> list[str]:
    """The log position and head hash the report was computed from, and the command that verifies them."""
    log = report["log"]
    values = {"position": int(log["position"]), "head": str(log["head"])}
    return ["---", "", inline(h["log"].format(**values)), "", inline(h["verify"].format(**values)), ""]
