"""The inception report's questions answered from the event log, each with the events that decided it, as of
any date (`as_of`, world time) and as the record stood at any moment (`known_at`, log time).

`compute(store, plan_id, as_of=..., known_at=..., lang=...)` returns the body of
`GET /action-plans/{id}/compliance` (docs/api.md). The rules are those of docs/compliance.md, one module per section:
`minimum` (1.1-1.4), `practices` and `inclusion` (2.1-2.6), `commitments` (3.n.1-3.n.5), `standards` (S.*).
An evaluator's judgement of a check is shown beside the computed answer, never instead of it.
"""
from __future__ import annotations

from datetime import date, datetime
from typing import Any

from events import EventStore, RecordedEvent
from tracker.compliance import commitments, minimum, practices, standards
from tracker.compliance.check import Check, say
from tracker.compliance.snapshot import LATE, Snapshot, build
from tracker.compliance.summaries import summary
from tracker.compliance.texts import LANGUAGES, question, render
from tracker.domain.plan import Judgement

__all__ = ["answer", "compute", "glance", "judged_as_of"]

#: How many late-logged positions an explanation lists (the evidence flags every one).
LATE_SHOWN = 5


def compute(store: EventStore, plan_id: str, *, as_of: date | datetime | None = None,
            known_at: date | datetime | None = None, lang: str | None = "en",
            now: datetime | None = None) -> dict[str, Any]:
    """Every check of the plan's inception report, with explanations (in `lang`, and in both languages under
    `explanations`), evidence and the evaluator's judgement beside each.

    `as_of`/`known_at`: a date (the end of that day in the forum's timezone) or an aware instant; `known_at`
    defaults to `now` (the store's clock). `lang` None means the forum's language. Raises NotFound when the
    plan was unknown at `known_at`.
    """
    if lang is not None and lang not in LANGUAGES:
        raise ValueError(f"lang must be one of {LANGUAGES}")
    snap = build(store, plan_id, as_of=as_of, known_at=known_at, now=now)
    return answer(snap, as_of=as_of, known_at=known_at, lang=lang)


def glance(store: EventStore, plan_id: str, *, lang: str = "en", now: datetime | None = None) -> dict[str, Any]:
    """The plan's checks as they stand now, each only as `{id, question, answer}` (the plan's under `checks`,
    each commitment's `{title, checks}` under `commitments`), with `title` and `log`: the answers `compute`
    gives, without the explanations and the evidence's summaries that make most of its cost (what the forum's
    public page shows at a glance). Raises NotFound for an unknown plan."""
    if lang not in LANGUAGES:
        raise ValueError(f"lang must be one of {LANGUAGES}")
    snap = build(store, plan_id, now=now)

    def said(checks: list[Check]) -> list[dict[str, Any]]:
        return [{"id": c.id, "question": question(c.id, lang), "answer": c.answer} for c in checks]

    return {"title": snap.plan.title, "log": {"position": snap.head.position, "head": snap.head.hash},
            "checks": said(minimum.checks(snap) + practices.checks(snap) + standards.checks(snap)),
            "commitments": [{"title": c.title, "checks": said(commitments.checks(snap, n, c))}
                            for n, c in snap.commitments]}


def judged_as_of(snap: Snapshot, as_of: date | datetime | None) -> str | None:
    """The `as_of` an answer states: the one asked, else the reference date (None: now)."""
    if as_of is not None:
        return as_of.isoformat()
    return snap.reference_on.isoformat() if snap.reference_on is not None else None


def answer(snap: Snapshot, *, as_of: date | datetime | None = None, known_at: date | datetime | None = None,
           lang: str | None = "en") -> dict[str, Any]:
    """The compliance body for a snapshot already built (`tracker.compliance.snapshot.build`) with the same
    `as_of` and `known_at`; what `compute` returns."""
    lang = lang or (snap.settings.language if snap.settings.language in LANGUAGES else "en")
    judgements = {j.check: j for j in snap.plan.judgements if j.current}
    plan_checks = minimum.checks(snap) + practices.checks(snap) + standards.checks(snap)
    seen: dict[int, dict[str, Any]] = {}  # an event is evidence of several checks: summarized once
    return {
        "action_plan_id": snap.plan.id,
        "title": snap.plan.title,
        "forum_id": snap.plan.forum_id,
        "language": lang,
        "as_of": judged_as_of(snap, as_of),
        "as_of_reason": snap.as_of_reason,
        "known_at": _moment(known_at) if known_at is not None else snap.known_at.isoformat(),
        "window": {"starts_on": snap.plan.cocreation_starts_on.isoformat(),
                   "ends_on": snap.plan.cocreation_ends_on.isoformat()},
        "log": {"position": snap.head.position, "head": snap.head.hash},
        "checks": [_render(c, snap, judgements, lang, seen) for c in plan_checks],
        "commitments": [
            {"id": c.id, "number": n, "title": c.title,
             "checks": [_render(k, snap, judgements, lang, seen) for k in commitments.checks(snap, n, c)]}
            for n, c in snap.commitments],
    }


def _moment(value: date | datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _render(check: Check, snap: Snapshot, judgements: dict[str, Judgement], lang: str,
            seen: dict[int, dict[str, Any]]) -> dict[str, Any]:
    """A check as the API shows it."""
    late = [e for e in check.evidence if _logged_late(e)]
    reasons = list(check.reasons)
    if late:
        shown = ", ".join(str(e.position) for e in late[:LATE_SHOWN]) + (", …" if len(late) > LATE_SHOWN else "")
        reasons.append(say("late", n=len(late), positions=shown))
    explanations = {language: render(reasons, language) for language in LANGUAGES}
    body: dict[str, Any] = {
        "id": check.id, "section": check.section, "question": question(check.id, lang), "answer": check.answer,
        "explanation": explanations[lang], "explanations": explanations,
        "evidence": [seen.get(e.position) or seen.setdefault(e.position, _evidence(e, snap, lang))
                     for e in check.evidence],
        "judgement": _judgement(judgements.get(check.id)),
    }
    if check.details is not None:
        body["details"] = check.details
    if check.indicators is not None:
        body["indicators"] = check.indicators
    body.update(check.extra)
    return body


def _logged_late(e: RecordedEvent) -> bool:
    return e.recorded_at - e.occurred_at > LATE


def _evidence(e: RecordedEvent, snap: Snapshot, lang: str) -> dict[str, Any]:
    return {"position": e.position, "type": e.type, "occurred_at": e.occurred_at.isoformat(),
            "recorded_at": e.recorded_at.isoformat(), "summary": summary(e, snap, lang),
            "logged_late": _logged_late(e)}


def _judgement(j: Judgement | None) -> dict[str, Any] | None:
    if j is None:
        return None
    return {"answer": j.answer, "explanation": j.explanation, "references": list(j.references),
            "by": j.recorded_by, "recorded_at": j.recorded_at.isoformat()}
