"""What the final report says, independent of its format.

After implementation the Local Monitoring Body reports how the plan went. `final_report(store, plan_id, ...)`
computes, from one snapshot of the log (as of a day, default today; as known at a moment, default now): the plan
and its period; per commitment (numbered as the inception report numbers them) its completion computed from the
milestones' progress beside the completion the evaluator assessed, the early results per OGP value, the
evaluator's explanation in their own words, the evidence of progress as links, and each amendment beside the text
the forum endorsed; co-creation during implementation (the compliance answers of S.implementation, 2.1 and, when
present, S.end_assessment, rendered generically); the evaluator's final assessment; every recommendation made on
the plan with what later plans answered; and the evidence annex. Until the plan's period ends (on the day judged)
the report is a draft, and says so.
"""
from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from events import EventStore
from tracker.compliance import answer
from tracker.compliance.snapshot import Snapshot, build
from tracker.compliance.texts import WORDS
from tracker.domain.commitment import Amendment, CommitmentState
from tracker.domain.session import SessionState
from tracker.queries.implementation import completion_level, milestone_progress, present_report
from tracker.queries.recommendations import forum_plans, recommendations_with_answers
from tracker.report.annex import Annex
from tracker.report.content import EvaluatorLookup, commitment_text, named_evaluators
from tracker.report.final_words import COMPLETION, EARLY_RESULTS, FINAL_HEADINGS, SOURCES, STATUSES, described, label
from tracker.report.words import answer_label, day, moment, pick, zone_name

__all__ = ["COCREATION_CHECKS", "build_final_report", "final_report"]

#: The compliance answers the report shows under co-creation during implementation, in this order, when present.
COCREATION_CHECKS = ("S.implementation", "2.1", "S.end_assessment")


def final_report(store: EventStore, plan_id: str, *, as_of: date | datetime | None = None,
                 known_at: date | datetime | None = None, lang: str | None = None, now: datetime | None = None,
                 evaluators: EvaluatorLookup | None = None, log_link: Callable[[int], str] | None = None,
                 document_link: Callable[[str], str] | None = None) -> dict[str, Any]:
    """The final report's content for a plan, as of `as_of` (default: now) and as known at `known_at` (default:
    now); NotFound when the plan was unknown at `known_at`. `evaluators` and `log_link` as for the inception
    report; `document_link` is the address of a stored document by its SHA-256 (no links without it)."""
    snap = build(store, plan_id, as_of=as_of, known_at=known_at, now=now, default_reference=False)
    compliance = answer(snap, as_of=as_of, known_at=known_at, lang=lang)
    return build_final_report(compliance, snap, evaluators=evaluators, log_link=log_link,
                              document_link=document_link)


def build_final_report(compliance: dict[str, Any], snap: Snapshot, *, evaluators: EvaluatorLookup | None = None,
                       log_link: Callable[[int], str] | None = None,
                       document_link: Callable[[str], str] | None = None) -> dict[str, Any]:
    """The final report's content from the compliance body and the snapshot it was computed from."""
    lang = compliance["language"] if compliance["language"] in FINAL_HEADINGS else "en"
    h, plan, log = FINAL_HEADINGS[lang], snap.plan, compliance["log"]
    annex = Annex(snap, lang, log_link)
    judged = snap.reference_day
    evidence = _Evidence(snap, lang, document_link)
    commitments = [_commitment(n, c, snap, lang, annex, evidence) for n, c in snap.commitments]
    by_id = {c["id"]: c for c in compliance["checks"]}
    cocreation = [_check(by_id[i], lang, annex) for i in COCREATION_CHECKS if i in by_id]
    final = plan.final_assessment
    final_event = snap.last(plan.id, "PlanFinalAssessed")
    draft = judged <= plan.period_end
    emails = [*(c.end_assessment.recorded_by for _, c in snap.commitments if c.end_assessment is not None),
              *([final.recorded_by] if final is not None else []),
              *(c["judgement"]["by"] for c in cocreation if c["judgement"] and c["judgement"].get("by"))]
    return {
        "action_plan_id": plan.id, "title": plan.title, "forum_id": plan.forum_id, "language": lang,
        "as_of": judged.isoformat(), "known_at": compliance["known_at"], "log": log,
        "verify": f"tracker events verify --against {log['position']}:{log['head']}",
        "draft": draft,
        "draft_notice": h["draft"].format(day=day(plan.period_end, lang)) if draft else None,
        "draft_detail": h["draft_detail"].format(day=day(judged, lang)) if draft else None,
        "overview": {
            "member": snap.settings.member, "forum": snap.settings.name, "plan": plan.title,
            "period": {"start": plan.period_start.isoformat(), "end": plan.period_end.isoformat(),
                       "words": f"{day(plan.period_start, lang)} – {day(plan.period_end, lang)}"},
            "reference": {"date": judged.isoformat(), "words": day(judged, lang),
                          "sentence": h["as_of_sentence"].format(day=day(judged, lang))},
            "time_zone": {"id": snap.tz, "words": zone_name(snap.tz, lang)},
            "evaluators": named_evaluators(emails, evaluators),
        },
        "commitments": commitments,
        "cocreation": cocreation,
        "final_assessment": None if final is None or final_event is None else {
            "summary": final.summary, "recommendations": list(final.recommendations),
            "assessed": moment(final.occurred_at, snap.tz, lang),
            "evidence_refs": [annex.cite(final_event, described(final_event, snap, lang, plan.title))]},
        "recommendations": _recommendations(snap, lang, annex),
        "annex": annex.entries,
    }


def _check(check: dict[str, Any], lang: str, annex: Annex) -> dict[str, Any]:
    """A compliance answer as the report prints it, whatever its rule: its question, option, explanation,
    evidence in the annex, the facts it rests on in words (the sessions held, the webpage published) and the
    evaluator's judgement (the details stay in the compliance answer)."""
    judgement = check.get("judgement")
    refs = sorted({annex.number(e) for e in check["evidence"]})
    return {"id": check["id"], "question": check["question"], "answer": check["answer"],
            "answer_label": answer_label(check["id"], check["answer"], lang), "explanation": check["explanation"],
            "evidence_refs": refs, "facts": [annex.entries[n - 1]["described"] for n in refs],
            "judgement": {**judgement, "answer_label": answer_label(check["id"], judgement["answer"], lang)}
            if judgement else None}


class _Evidence:
    """The evidence a progress report cites, as links: a publication of the plan by its title and address, a
    document the forum stored by its file name and its address on this server."""

    def __init__(self, snap: Snapshot, lang: str, document_link: Callable[[str], str] | None) -> None:
        self.lang, self.document_link = lang, document_link
        self.publications = {p.id: p for p in snap.plan.publications}
        self.documents = {e.data["sha256"]: e.data["filename"] for events in snap.streams.values()
                          for e in events if e.type == "DocumentStored"}

    def link(self, cited: str) -> dict[str, Any]:
        h = FINAL_HEADINGS[self.lang]
        publication = self.publications.get(cited)
        if publication is not None:
            return {"kind": "publication", "kind_label": h["publication"], "title": publication.title,
                    "url": publication.url, "date": day(publication.published_on, self.lang)}
        sha = cited.lower()
        if sha in self.documents:
            return {"kind": "document", "kind_label": h["stored_document"], "title": self.documents[sha],
                    "url": self.document_link(sha) if self.document_link else None, "date": None}
        return {"kind": "unknown", "kind_label": h["unknown_evidence"], "title": h["unknown_evidence"], "url": None,
                "date": None}


def _report(r: dict[str, Any], lang: str) -> dict[str, Any]:
    """A progress report (as `tracker.queries.implementation.present_report` gives it) in the report's words."""
    return {"status": r["status"], "status_label": label(STATUSES, r["status"], lang), "summary": r["summary"],
            "reason": r["reason"], "reported_on": r["reported_on"].isoformat(),
            "reported": day(r["reported_on"], lang)}


def _commitment(number: int, c: CommitmentState, snap: Snapshot, lang: str, annex: Annex,
                evidence: _Evidence) -> dict[str, Any]:
    """One commitment: its completion computed and assessed, its milestones, its evidence and its amendments."""
    h, judged = FINAL_HEADINGS[lang], snap.reference_day
    milestones = milestone_progress(c, judged)
    level = completion_level(milestones)
    completed = sum(m["status"] == "completed" for m in milestones)
    overdue = sum(m["overdue"] for m in milestones)
    events = {e.stream_version: e for e in snap.streams.get(c.id, [])}
    standing = [r for r in c.progress if not r.superseded]
    progress_refs = [annex.cite(events[r.version], described(events[r.version], snap, lang, c.title, c))
                     for r in standing if r.version in events]
    cited = list(dict.fromkeys(e for r in standing for e in r.evidence))
    note = c.last_report(None)
    standing_endorsement = snap.plan.standing_endorsement()
    endorsed = standing_endorsement.commitment_revisions.get(c.id) if standing_endorsement else None
    return {
        "id": c.id, "number": number, "title": c.title,
        "text": commitment_text(c.text(), lang),
        "endorsed_text": commitment_text(c.text_at(endorsed), lang)
        if endorsed is not None and c.text_changed_since(endorsed) else None,
        "completion": {
            "level": level, "label": label(COMPLETION, level, lang), "milestones_total": len(milestones),
            "milestones_completed": completed, "milestones_overdue": overdue,
            "sentence": h["milestones_done"].format(completed=completed, total=len(milestones), overdue=overdue,
                                                   day=day(judged, lang))},
        "milestones": [{
            "title": m["title"], "deliverable": m["deliverable"], "due_on": m["due_on"],
            "due": day(m["due_on"], lang) if m["due_on"] else h["no_due"], "status": m["status"],
            "status_label": label(STATUSES, m["status"], lang), "overdue": m["overdue"],
            "last_report": _report(m["last_report"], lang) if m["last_report"] else None,
            "evidence": [evidence.link(e) for e in m["evidence"]]} for m in milestones],
        "note": _report(present_report(note), lang) if note else None,
        "progress_refs": progress_refs,
        "evidence": [evidence.link(e) for e in cited],
        "end_assessment": _end_assessment(c, snap, lang, annex),
        "amendments": [_amendment(c, a, snap, lang, annex) for a in c.amendments],
    }


def _end_assessment(c: CommitmentState, snap: Snapshot, lang: str, annex: Annex) -> dict[str, Any] | None:
    a, event = c.end_assessment, snap.last(c.id, "CommitmentEndAssessed")
    if a is None or event is None:
        return None
    return {
        "completion": a.completion, "completion_label": label(COMPLETION, a.completion, lang),
        "early_results": [{"value": value, "value_label": pick(WORDS[value], lang).capitalize()
                           if value in WORDS else value, "rating": rating,
                           "rating_label": label(EARLY_RESULTS, rating, lang)}
                          for value, rating in sorted(a.early_results.items(), key=lambda vr: _value_order(c, vr[0]))],
        "explanation": a.explanation, "references": list(a.references),
        "recommendations": list(a.recommendations), "assessed": moment(a.occurred_at, snap.tz, lang),
        "evidence_refs": [annex.cite(event, described(event, snap, lang, c.title, c))],
    }


def _value_order(c: CommitmentState, value: str) -> tuple[int, str]:
    """The commitment's OGP values in the order its text lists them (others after, by name)."""
    return (c.ogp_values.index(value) if value in c.ogp_values else len(c.ogp_values), value)


def _amendment(c: CommitmentState, a: Amendment, snap: Snapshot, lang: str, annex: Annex) -> dict[str, Any]:
    """An amendment: what changed (each field with its new value in words), why, and the session of the forum
    that approved it, by its title and the day it was held."""
    h = FINAL_HEADINGS[lang]
    session = snap.states.get(a.approved_in_session_id or "")
    held = session.held_day(snap.tz) if isinstance(session, SessionState) else None
    approved = None
    if isinstance(session, SessionState):
        approved = {"title": session.title, "held_on": held.isoformat() if held else None,
                    "words": h["approved_session"].format(title=session.title, day=day(held, lang))}
    text = commitment_text(c.text_at(a.revision), lang)
    event = snap.last(c.id, "CommitmentAmended", revision=a.revision)
    return {
        "revision": a.revision, "reason": a.reason, "occurred": moment(a.occurred_at, snap.tz, lang),
        "heading": h["amendment"].format(day=moment(a.occurred_at, snap.tz, lang)),
        "changes": [{"field": f, "field_label": h["field_names"].get(f, f).capitalize(),
                     "value": _field_words(f, text)} for f in sorted(a.changes)],
        "approved_in": approved, "approved_words": approved["words"] if approved else h["no_session"],
        "evidence_refs": [annex.cite(event, described(event, snap, lang, c.title, c))] if event is not None else [],
    }


def _field_words(name: str, text: dict[str, Any]) -> str:
    """A field of a commitment's text (as `commitment_text` words it) in one line."""
    if name == "ogp_values":
        return str(text["ogp_values_words"])
    if name == "milestones":
        return "; ".join(f"{m['title']} ({m['due']})" for m in text["milestones"])
    return str(text.get(name) or "—")


def _recommendations(snap: Snapshot, lang: str, annex: Annex) -> list[dict[str, Any]]:
    """Every standing recommendation of the plan, where it was made, and what later plans answered."""
    h = FINAL_HEADINGS[lang]
    numbers = {c.id: n for n, c in snap.commitments}
    titles = {c.id: c.title for _, cs in forum_plans(snap).values() for c in cs}
    out = []
    for r in recommendations_with_answers(snap):
        answers = []
        for a in r["answers"]:
            event = snap.last(a["action_plan_id"], "RecommendationAnswered", recommendation_id=r["id"])
            response = a["response"]
            if a["commitment_id"] in titles:
                response += f" ({h['taken_up_by'].format(title=titles[a['commitment_id']])})"
            answers.append({
                "action_plan_title": a["action_plan_title"], "response": a["response"],
                "commitment_title": titles.get(a["commitment_id"] or ""),
                "answered": moment(a["occurred_at"], snap.tz, lang),
                "sentence": h["answered"].format(plan=a["action_plan_title"],
                                                 day=moment(a["occurred_at"], snap.tz, lang), response=response),
                "evidence_refs": [annex.cite(event, described(event, snap, lang, a["action_plan_title"]))]
                if event is not None else []})
        commitment = r["commitment_id"]
        out.append({
            "id": r["id"], "source": r["source"], "source_label": label(SOURCES, r["source"], lang),
            "commitment_number": numbers.get(commitment) if commitment else None,
            "about": f"{numbers[commitment]}. {titles.get(commitment, '')}" if commitment in numbers
            else h["whole_plan"],
            "text": r["text"], "answers": answers, "status": None if answers else h["no_answer"]})
    return out
