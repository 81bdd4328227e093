"""Implementation as readers see it: a commitment's milestones (id, status, last report, evidence, overdue on a day),
its commitment-level note and every progress report; and a plan's implementation view as of a day and as known
at a moment, with each commitment's completion level."""
from __future__ import annotations

from datetime import date, datetime
from typing import Any

from events import EventStore
from tracker.compliance.snapshot import build
from tracker.domain.commitment import CommitmentState, ProgressReport, overdue
from tracker.domain.vocabulary import COMPLETION_LEVELS


def present_report(report: ProgressReport) -> dict[str, Any]:
    """One progress report as readers see it."""
    return {"milestone_id": report.milestone_id, "status": report.status, "reported_on": report.reported_on,
            "summary": report.summary, "evidence": report.evidence, "reason": report.reason,
            "reported_by_organization": report.reported_by_organization,
            "correction_reason": report.correction_reason, "superseded": report.superseded,
            "occurred_at": report.occurred_at, "recorded_at": report.recorded_at}


def milestone_progress(state: CommitmentState, day: date) -> list[dict[str, Any]]:
    """Each current milestone with its id, its status (that of the report that stands; null when none was
    reported), whether it is overdue on `day`, that last report, and the evidence of its standing reports."""
    out = []
    for milestone_id, m in zip(state.milestone_ids, state.milestones, strict=True):
        last = state.last_report(milestone_id)
        evidence = list(dict.fromkeys(e for r in state.standing_reports(milestone_id) for e in r.evidence))
        out.append({"id": milestone_id, "title": m["title"], "deliverable": m.get("deliverable"),
                    "due_on": m.get("due_on"), "status": last.status if last else None,
                    "overdue": overdue(m, last, day), "last_report": present_report(last) if last else None,
                    "evidence": evidence})
    return out


def present_progress(state: CommitmentState, day: date) -> dict[str, Any]:
    """The commitment's progress judged on `day`: each milestone's, the standing commitment-level note, and every
    report as logged (superseded ones marked)."""
    note = state.last_report(None)
    return {"as_of": day, "milestones": milestone_progress(state, day),
            "note": present_report(note) if note else None,
            "reports": [present_report(r) for r in state.progress]}


# -- the plan's implementation, as of a day and as known at a moment ---------------------------------------

#: A commitment's completion level, the way OGP's reviewers name it: nothing reported (no evidence available),
#: not started (every milestone's latest status is `not_started`), then by the share of its milestones completed:
#: limited (under 50 %), substantial (50 % to under 100 %), complete (100 %).
NO_EVIDENCE, NOT_STARTED, LIMITED, SUBSTANTIAL, COMPLETE = COMPLETION_LEVELS


def completion_level(milestones: list[dict[str, Any]]) -> str:
    """The completion level of a commitment from its milestones' progress (`milestone_progress`).

    No milestone reported (or no milestone at all): `no_evidence`. Every milestone `not_started` (a milestone
    never reported counts as not started once another is reported): `not_started`. Otherwise by the share of all
    its milestones (cancelled ones included, as not completed) whose latest status is `completed`: under one half
    `limited`, from one half to under all `substantial`, all `complete`.
    """
    statuses = [m["status"] for m in milestones]
    if not any(s is not None for s in statuses):
        return NO_EVIDENCE
    if all(s in (None, "not_started") for s in statuses):
        return NOT_STARTED
    completed = statuses.count("completed")
    if completed == len(statuses):
        return COMPLETE
    return SUBSTANTIAL if 2 * completed >= len(statuses) else LIMITED


def _share(part: int, whole: int) -> float | None:
    return round(part / whole, 3) if whole else None


def present_implementation(store: EventStore, plan_id: str, *, as_of: date | datetime | None = None,
                           known_at: date | datetime | None = None, now: datetime | None = None) -> dict[str, Any]:
    """`GET /action-plans/{id}/implementation`: per commitment its milestones' progress and completion level,
    per plan the share of milestones completed and overdue; only reports that occurred by `as_of` (the end of
    that day in the forum's timezone, or that instant; default now) and were recorded by `known_at` (default now)
    count, and overdue is judged on `as_of`'s day (default today). NotFound for a plan unknown at `known_at`."""
    snap = build(store, plan_id, as_of=as_of, known_at=known_at, now=now, default_reference=False)
    day = snap.reference_day
    commitments, every = [], []
    for n, c in snap.commitments:
        milestones = milestone_progress(c, day)
        every += milestones
        completed = sum(m["status"] == "completed" for m in milestones)
        note = c.last_report(None)
        commitments.append({
            "id": c.id, "number": n, "title": c.title, "completion": completion_level(milestones),
            "milestones_completed": completed, "completed_share": _share(completed, len(milestones)),
            "milestones": milestones, "note": present_report(note) if note else None})
    completed = sum(m["status"] == "completed" for m in every)
    overdue_count = sum(m["overdue"] for m in every)
    return {
        "action_plan_id": snap.plan.id, "title": snap.plan.title, "forum_id": snap.plan.forum_id,
        "period_start": snap.plan.period_start, "period_end": snap.plan.period_end,
        "as_of": day, "known_at": snap.known_at, "log": {"position": snap.head.position, "head": snap.head.hash},
        "milestones": {"total": len(every), "completed": completed, "overdue": overdue_count,
                       "completed_share": _share(completed, len(every)),
                       "overdue_share": _share(overdue_count, len(every))},
        "commitments": commitments,
    }
