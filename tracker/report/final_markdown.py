"""The final report as CommonMark (with GFM pipe tables), in the report's language, with labels and never a code.

`to_final_markdown(report)` prints the dict `tracker.report.final_content.build_final_report` makes (the JSON of
the final report endpoint) in the order of the HTML: the draft notice, the overview, each commitment's
implementation, co-creation during implementation, the final assessment, the recommendations with what became of
them, the evidence annex and the log it was computed from. Text from the record passes through `inline`, as in
the inception report's Markdown (`tracker.report.markdown`), whose blocks it reuses.
"""
from __future__ import annotations

from typing import Any

from tracker.report.final_words import FINAL_HEADINGS
from tracker.report.markdown import (
    annex,
    check_block,
    commitment_text,
    evidence_numbers,
    field,
    inline,
    link,
    record,
    table,
)
from tracker.report.render import known_at_words
from tracker.report.words import evaluator_names

__all__ = ["to_final_markdown"]


def _refs(numbers: list[Any], h: dict[str, Any]) -> list[str]:
    return field(h["see_annex"], evidence_numbers({"evidence_refs": numbers}, h))


def _links(items: list[dict[str, Any]]) -> str:
    return "; ".join(f"{inline(d.get('kind_label'))}: {link(d.get('title'), d.get('url'))}"
                     if d.get("kind") != "unknown" else inline(d.get("kind_label")) for d in items)


def _overview(report: dict[str, Any], h: dict[str, Any]) -> list[str]:
    o = report["overview"]
    evaluators = inline(evaluator_names(o.get("evaluators") or [], h["no_evaluators"]))
    items = [(h["member"], inline(o.get("member"))), (h["forum"], inline(o.get("forum"))),
             (h["plan"], inline(o.get("plan"))), (h["period"], inline(o["period"]["words"])),
             (h["evaluators"], evaluators), (h["reference"], inline(o["reference"]["sentence"])),
             (h["known_at"], inline(known_at_words(report))), (h["time_zone"], inline(o["time_zone"]["words"]))]
    return [f"## {inline(h['overview'])}", "", *(f"- **{inline(k)}:** {v}" for k, v in items), ""]


def _end_assessment(a: dict[str, Any] | None, h: dict[str, Any]) -> list[str]:
    out = [f"#### {inline(h['end_assessment'])}", ""]
    if not a:
        return out + [inline(h["not_end_assessed"]), ""]
    out += field(h["completion_assessed"], f"{inline(a['completion_label'])} ({inline(h['assessed'])} "
                                           f"{inline(a['assessed'])})")
    if a.get("early_results"):
        out += [f"**{inline(h['early_results'])}**", ""]
        out += table([h["value"], h["rating"]], [[r["value_label"], r["rating_label"]] for r in a["early_results"]])
    out += field(h["explanation"], inline(a.get("explanation")))
    if a.get("references"):
        out += field(h["references"], "; ".join(link(r, r) for r in a["references"]))
    if a.get("recommendations"):
        out += [f"**{inline(h['recommendations'])}:**", "", *(f"- {inline(r)}" for r in a["recommendations"]), ""]
    return out + _refs(a.get("evidence_refs") or [], h)


def _amendments(c: dict[str, Any], h: dict[str, Any]) -> list[str]:
    out = [f"#### {inline(h['amendments'])}", ""]
    if c.get("endorsed_text"):
        out += [f"**{inline(h['endorsed_text'])}: {inline(c['endorsed_text'].get('title'))}**", ""]
        out += commitment_text(c["endorsed_text"], h)
    for m in c.get("amendments") or []:
        out += [f"**{inline(m['heading'])}**", ""]
        out += field(h["reason"], inline(m.get("reason")))
        out += field(h["approved_in"], inline(m.get("approved_words")))
        out += [f"**{inline(h['what_changed'])}:**", "",
                *(f"- {inline(ch['field_label'])}: {inline(ch['value'])}" for ch in m.get("changes") or []), ""]
        out += _refs(m.get("evidence_refs") or [], h)
    if not c.get("amendments"):
        out += [inline(h["no_amendments"]), ""]
    if c.get("endorsed_text"):
        out += [f"**{inline(h['current_text'])}: {inline(c['text'].get('title'))}**", ""]
        out += commitment_text(c["text"], h)
    return out


def _commitment(c: dict[str, Any], h: dict[str, Any]) -> list[str]:
    out = [f"### {int(c['number'])}\\. {inline(c.get('title'))}", ""]
    completion, assessed = c["completion"], c.get("end_assessment")
    out += field(h["completion_computed"], f"**{inline(completion['label'])}** — {inline(completion['sentence'])}")
    out += field(h["completion_assessed"], f"**{inline(assessed['completion_label'])}**" if assessed
                 else inline(h["not_end_assessed"]))
    if c.get("milestones"):
        rows = []
        for m in c["milestones"]:
            status = inline(m["status_label"]) + (f" (**{inline(h['overdue'])}**)" if m.get("overdue") else "")
            last = m.get("last_report")
            said = f"{inline(last['summary'])} ({inline(last['reported'])})" if last else "—"
            rows.append([inline(m.get("title")), inline(m.get("due")), status, said])
        out += [f"**{inline(h['milestones'])}**", ""]
        out += table([h["milestone"], h["due"], h["status"], h["last_report"]], rows, escaped=True)
    if c.get("note"):
        note = c["note"]
        out += field(h["note"], f"{inline(note['status_label'])} — {inline(note['summary'])} "
                                f"({inline(note['reported'])})")
    out += field(h["progress_evidence"], _links(c.get("evidence") or []) or inline(h["no_progress_evidence"]))
    out += _refs(c.get("progress_refs") or [], h)
    return out + _end_assessment(assessed, h) + _amendments(c, h)


def _final(report: dict[str, Any], h: dict[str, Any]) -> list[str]:
    out = [f"## {inline(h['final_assessment'])}", ""]
    f = report.get("final_assessment")
    if not f:
        return out + [inline(h["no_final_assessment"]), ""]
    out += field(h["assessed"], inline(f["assessed"]))
    out += field(h["summary"], inline(f["summary"]))
    if f.get("recommendations"):
        out += [f"**{inline(h['recommendations'])}:**", "", *(f"- {inline(r)}" for r in f["recommendations"]), ""]
    return out + _refs(f.get("evidence_refs") or [], h)


def _follow_up(report: dict[str, Any], h: dict[str, Any]) -> list[str]:
    out = [f"## {inline(h['follow_up'])}", "", inline(h["follow_up_intro"]), ""]
    for r in report.get("recommendations") or []:
        out += [f"- **{inline(r['text'])}** — {inline(h['made_in'])}: {inline(r['source_label'])}; "
                f"{inline(h['about'])}: {inline(r['about'])}"]
        for a in r.get("answers") or []:
            refs = ", ".join(str(int(n)) for n in a.get("evidence_refs") or [])
            out.append(f"    - {inline(a['sentence'])}" + (f" ({inline(h['see_annex'])}: {refs})" if refs else ""))
        if not r.get("answers"):
            out.append(f"    - **{inline(r.get('status'))}**")
    if not report.get("recommendations"):
        out.append(inline(h["no_recommendations"]))
    return out + [""]


def to_final_markdown(report: dict[str, Any]) -> str:
    """The final report as Markdown (CommonMark with GFM pipe tables), in the report's language."""
    lang = str(report.get("language") if report.get("language") in FINAL_HEADINGS else "en")
    h = FINAL_HEADINGS[lang]
    out = [f"# {inline(h['title'])}: {inline(report.get('title'))}", ""]
    if report.get("draft"):
        out += [f"> **{inline(report.get('draft_notice'))}**", ">", f"> {inline(report.get('draft_detail'))}", ""]
    out += _overview(report, h)
    out += [f"## {inline(h['implementation'])}", ""]
    for commitment in report.get("commitments") or []:
        out += _commitment(commitment, h)
    if not report.get("commitments"):
        out += [inline(h["none"]), ""]
    out += [f"## {inline(h['cocreation'])}", "", inline(h["cocreation_intro"]), ""]
    for check in report.get("cocreation") or []:
        out += check_block(check, h)
        out += [f"- {int(n)}\\. {inline(fact)}" for n, fact in zip(check["evidence_refs"], check.get("facts") or [],
                                                                    strict=False)] + [""]
    out += _final(report, h)
    out += _follow_up(report, h)
    out += annex(report, h, lang)
    return "\n".join(out + record(report, h))
