"""What the report says, independent of its format.

`build_report(compliance, snap, ...)` turns the compliance answers and the snapshot they were computed from into
the report every format prints: an overview (member, plan, period, co-creation window, submission, evaluators,
reference date, documents); each answer with the template's option label beside its code; the details as tables;
section 3 per commitment with its text, the text the forum endorsed when it changed since, and the evaluator's
assessment beside each computed answer; the recommendations of the forum's earlier plans with this plan's answers
(only when there are some); the evidence as a numbered annex described in words, dates and times in
the forum's time zone. The keys of the JSON before labels were added (`id`, `answer`, ...) keep their meaning.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from statistics import median
from typing import Any

from tracker.compliance.snapshot import Snapshot
from tracker.compliance.texts import WORDS
from tracker.domain import commitment as commitments
from tracker.domain.commitment import CommitmentState
from tracker.domain.consultation import ConsultationState
from tracker.domain.contribution import ContributionState
from tracker.domain.vocabulary import CONTRIBUTION_STATUSES
from tracker.queries.recommendations import earlier_recommendations
from tracker.report.annex import Annex
from tracker.report.details import tables
from tracker.report.words import HEADINGS, IRM, REASONS, answer_label, day, moment, pick, zone_name

__all__ = ["HEADINGS", "build_report", "commitment_text", "contribution_summary", "named_evaluators"]

SECTIONS = ("minimum_requirements", "recommended_practices", "standards")
#: The documents of the record the overview lists, by publication kind, (English, Spanish).
DOCUMENT_KINDS: dict[str, tuple[str, str]] = {
    "legal_basis": ("Forum's founding resolution", "Resolución de creación del foro"),
    "ogp_webpage": ("OGP webpage", "Página web de OGP"), "repository": ("Repository", "Repositorio"),
    "timeline": ("Calendar", "Cronograma"), "agenda": ("Agenda", "Agenda"), "materials": ("Materials", "Materiales"),
    "minutes": ("Minutes", "Acta"), "draft_action_plan": ("Draft action plan", "Borrador del plan de acción"),
    "action_plan": ("Action plan", "Plan de acción"), "feedback_report": ("Feedback report",
                                                                           "Informe de retroalimentación"),
    "other": ("Document", "Documento"), "endorsement": ("Endorsement act", "Acta de aprobación"),
    "submission": ("Plan as submitted", "Plan presentado"),
}

#: Who an evaluator is, from the email recorded on their judgements and assessments: (name, organization), or
#: None when unknown. The API passes one that reads the accounts; without it, evaluators are not named.
EvaluatorLookup = Callable[[str], tuple[str | None, str | None] | None]


def _spread(days: list[int]) -> dict[str, Any]:
    return {"median": median(days) if days else None, "maximum": max(days) if days else None, "count": len(days)}


def contribution_summary(contributions: Iterable[ContributionState],
                         consultations: Iterable[ConsultationState] = ()) -> dict[str, Any]:
    """Contributions by status, and the days from receipt to the response and to the first written feedback
    (median and maximum over those that have one); `waiting` counts those without written feedback yet, `late`
    those received after their consultation closed, against its closing day as the `consultations` say."""
    contributions = list(contributions)
    closing = {c.id: c for c in consultations}
    by_status = Counter(c.status for c in contributions)
    to_response = [d for d in (c.days_to_response for c in contributions) if d is not None]
    to_feedback = [d for d in (c.days_to_written_communication for c in contributions) if d is not None]
    return {
        "total": len(contributions),
        "by_status": {s: by_status.get(s, 0) for s in CONTRIBUTION_STATUSES},
        "days_to_response": _spread(to_response),
        "days_to_written_feedback": _spread(to_feedback),
        "waiting": len(contributions) - len(to_feedback),
        "late": sum(c.late_against(closing.get(c.consultation_id or "")) for c in contributions),
    }


def build_report(compliance: dict[str, Any], snap: Snapshot, *, evaluators: EvaluatorLookup | None = None,
                 log_link: Callable[[int], str] | None = None) -> dict[str, Any]:
    """The report's content from the compliance body and the snapshot it was computed from.

    `evaluators` names the evaluators by the email their records carry; `log_link` is the address of the audit
    log at an event's position (no links without it)."""
    lang = compliance["language"] if compliance["language"] in HEADINGS else "en"
    log = compliance["log"]
    annex = Annex(snap, lang, log_link)
    sections = {name: [_labelled(c, snap, lang, annex) for c in compliance["checks"] if c["section"] == name]
                for name in SECTIONS}
    by_id = {c.id: (n, c) for n, c in snap.commitments}
    return {
        "action_plan_id": compliance["action_plan_id"],
        "title": compliance["title"],
        "forum_id": compliance["forum_id"],
        "language": lang,
        "as_of": compliance["as_of"],
        "as_of_reason": compliance["as_of_reason"],
        "known_at": compliance["known_at"],
        "window": compliance["window"],
        "log": log,
        "verify": f"tracker events verify --against {log['position']}:{log['head']}",
        "overview": _overview(compliance, snap, lang, evaluators),
        "sections": sections,
        "commitments": [_commitment(c, by_id.get(c["id"]), snap, lang, annex) for c in compliance["commitments"]],
        "previous_recommendations": _previous_recommendations(snap, lang),
        "contributions": contribution_summary(snap.contributions, snap.consultations),
        "annex": annex.entries,
    }


def _labelled(check: dict[str, Any], snap: Snapshot, lang: str, annex: Annex) -> dict[str, Any]:
    """A check with its option label, its tables, its evidence numbered in the annex, its judgement labelled."""
    out = {**check, "answer_label": answer_label(check["id"], check["answer"], lang),
           "tables": tables(check, snap, lang), "evidence_refs": sorted(annex.number(e) for e in check["evidence"])}
    judgement = check.get("judgement")
    if judgement:
        out["judgement"] = {**judgement, "answer_label": answer_label(check["id"], judgement["answer"], lang)}
    if "irm" in (check.get("details") or {}):
        out["irm_label"] = pick(IRM.get(check["details"]["irm"], IRM["unclear"]), lang)
    return out


def _overview(compliance: dict[str, Any], snap: Snapshot, lang: str,
              evaluators: EvaluatorLookup | None) -> dict[str, Any]:
    h, plan, forum = HEADINGS[lang], snap.plan, snap.settings
    reference = compliance["as_of"]
    reason = compliance["as_of_reason"]
    reference_words = day(reference, lang) if reference else h["reference_now"]
    return {
        "member": forum.member, "forum": forum.name, "plan": plan.title,
        "period": {"start": plan.period_start.isoformat(), "end": plan.period_end.isoformat(),
                   "words": f"{day(plan.period_start, lang)} – {day(plan.period_end, lang)}"},
        "window": {**compliance["window"], "words": f"{day(plan.cocreation_starts_on, lang)} – "
                                                    f"{day(plan.cocreation_ends_on, lang)}"},
        "submitted_on": plan.submitted_on.isoformat() if plan.submitted_on else None,
        "submitted": day(plan.submitted_on, lang) if plan.submitted_on else h["not_submitted"],
        "evaluators": _evaluators(snap, evaluators),
        "reference": {"date": reference, "reason": reason, "words": reference_words,
                      "sentence": h["judged_at"].format(day=reference_words, reason=pick(REASONS[reason], lang))},
        "time_zone": {"id": snap.tz, "words": zone_name(snap.tz, lang)},
        "documents": _documents(snap, lang),
    }


def _evaluators(snap: Snapshot, lookup: EvaluatorLookup | None) -> list[dict[str, Any]]:
    """The evaluators whose judgements and assessments stand, in the order they first recorded one."""
    emails: list[str] = []
    for j in sorted((j for j in snap.plan.judgements if j.current), key=lambda j: j.recorded_at):
        emails.append(j.recorded_by)
    for _, c in snap.commitments:
        if c.assessment is not None:
            emails.append(c.assessment.recorded_by)
    return named_evaluators(emails, lookup)


def named_evaluators(emails: Iterable[str], lookup: EvaluatorLookup | None) -> list[dict[str, Any]]:
    """The evaluators behind these emails, once each in the order given, as the accounts name them (name,
    organization, email); those the lookup does not name are left out."""
    found = []
    for email in dict.fromkeys(emails):
        who = lookup(email) if lookup else None
        if who is not None and who[0]:
            found.append({"name": who[0], "organization": who[1], "email": email})
    return found


def _documents(snap: Snapshot, lang: str) -> list[dict[str, Any]]:
    """The documents of the record, as links: the forum's resolution, the plan's publications (minutes and
    materials named with their session), the endorsement act and the plan as submitted."""
    docs: list[dict[str, Any]] = []

    def add(kind: str, title: str, url: str | None, on: Any = None) -> None:
        if url:
            docs.append({"kind": kind, "kind_label": pick(DOCUMENT_KINDS[kind], lang), "title": title, "url": url,
                         "date": day(on, lang) if on else None})

    legal = snap.settings.legal_basis
    if legal:
        add("legal_basis", legal.get("title") or "", legal.get("url"))
    for p in sorted(snap.plan.publications, key=lambda p: (p.published_on, p.id)):
        add(p.kind if p.kind in DOCUMENT_KINDS else "other", p.title, p.url, p.published_on)
    standing = snap.plan.standing_endorsement()
    if standing and standing.document:
        add("endorsement", standing.document.get("title") or "", standing.document.get("url"), standing.endorsed_on)
    if snap.plan.submission_document:
        add("submission", snap.plan.submission_document.get("title") or "", snap.plan.submission_document.get("url"),
            snap.plan.submitted_on)
    return docs


def _commitment(body: dict[str, Any], numbered: tuple[int, CommitmentState] | None, snap: Snapshot, lang: str,
                annex: Annex) -> dict[str, Any]:
    """A commitment of section 3: its checks labelled, its text at the reference date, the text the forum
    endorsed when it changed since, and the evaluator's assessment."""
    out = {**body, "checks": [_labelled(k, snap, lang, annex) for k in body["checks"]]}
    if numbered is None:
        return out
    _, c = numbered
    out["text"] = commitment_text(c.text(), lang)
    standing = snap.plan.standing_endorsement()
    endorsed = standing.commitment_revisions.get(c.id) if standing else None
    out["changed_since_endorsement"] = None
    if standing is not None and c.differs_from_endorsed(endorsed):
        h = HEADINGS[lang]
        if endorsed is None:
            out["changed_since_endorsement"] = {"added": True, "sentence": h["added"], "endorsed_text": None}
        else:
            fields = c.fields_changed_since(endorsed)
            names = ", ".join(h["field_names"].get(f, f) for f in fields)
            before = _text_at(snap, c.id, endorsed)
            out["changed_since_endorsement"] = {
                "added": False, "endorsed_revision": endorsed, "revision": c.revision, "fields": fields,
                "sentence": h["changed_fields"].format(fields=names),
                "endorsed_text": commitment_text(before.text(), lang) if before else None}
    a = c.assessment
    if a is not None:  # each question's assessed option, beside the computed one
        assessed = {"1": a.verifiable, "2": a.relevance, "3": a.commitment_type, "4": a.potential,
                    "5": "yes" if (a.recommendations or "").strip() else "no"}
        for check in out["checks"]:
            code = assessed[check["id"].rsplit(".", 1)[-1]]
            check.update(assessment_answer=code, assessment_label=answer_label(check["id"], code, lang))
    out["assessment"] = None if a is None else {
        "verifiable": a.verifiable, "verifiable_label": answer_label("3.1", a.verifiable, lang),
        "relevance": a.relevance, "relevance_label": answer_label("3.2", a.relevance, lang),
        "commitment_type": a.commitment_type, "commitment_type_label": answer_label("3.n.3", a.commitment_type, lang),
        "potential": a.potential, "potential_label": answer_label("3.n.4", a.potential, lang),
        "explanation": a.explanation, "recommendations": a.recommendations,
        "assessed": moment(a.occurred_at, snap.tz, lang)}
    return out


def _previous_recommendations(snap: Snapshot, lang: str) -> list[dict[str, Any]]:
    """The standing recommendations of the forum's earlier plans, newest plan first, each with where it was made
    (the plan's title and the commitment's, or the plan as a whole) and this plan's answer with the title of the
    commitment that takes it up (None when not answered): the words every format prints, no id."""
    h = HEADINGS[lang]
    out = []
    for r in earlier_recommendations(snap):
        about = r["commitment_title"] or h["whole_plan"]
        answer = r["answer"]
        out.append({"text": r["text"], "plan": r["action_plan_title"], "source": r["source"],
                    "made_in": f"{r['action_plan_title']}: {h['sources'].get(r['source'], r['source'])} ({about})",
                    "answer": answer["response"] if answer else None,
                    "commitment": answer["commitment_title"] if answer else None})
    return out


def _text_at(snap: Snapshot, commitment_id: str, revision: int) -> CommitmentState | None:
    """The commitment as it stood at a revision (0: as drafted)."""
    events = [e for e in snap.streams.get(commitment_id, [])
              if e.type == "CommitmentDrafted"
              or (e.type in ("CommitmentRevised", "CommitmentAmended") and e.data["revision"] <= revision)]
    return commitments.fold(events)


def commitment_text(text: dict[str, Any], lang: str) -> dict[str, Any]:
    """A commitment's text as the report prints it: values and milestones' due dates in words."""
    return {
        "title": text["title"], "problem": text["problem"], "description": text["description"],
        "lead_institution": text["lead_institution"], "ogp_values": text["ogp_values"],
        "ogp_values_words": ", ".join(pick(WORDS[v], lang) if v in WORDS else v for v in text["ogp_values"]),
        "milestones": [{"title": m.get("title"), "deliverable": m.get("deliverable"), "due_on": m.get("due_on"),
                        "due": day(m["due_on"], lang) if m.get("due_on") else HEADINGS[lang]["no_due"]}
                       for m in text["milestones"]],
    }
