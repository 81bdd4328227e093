"""The reads of the implementation pages: a commitment's progress as its page shows it (each milestone's status,
due day, overdue flag, last report and evidence; every report), the same for the public, a plan's implementation
view with each commitment's completion level, the progress summary of the forum's public page, and what the
dashboard flags (overdue milestones; commitments of a plan in its implementation period with no report for
`STALE_DAYS` days).

Evidence is named, never shown as an id: a publication of the plan by its title and address, a stored document by
its file's name (the public pages by its type) and the address it is served at (`GET /documents/{sha256}`, which
anyone may read); a document an admin withdrew is named as withdrawn and never linked. Everything here is
computed when read, from the read models and the forum's log; the API has no dashboard read of its own.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from events import EventStore
from tracker.bootstrap import Services
from tracker.documents.store import served_path
from tracker.domain.commitment import CommitmentState, is_document_id
from tracker.domain.errors import NotFound
from tracker.domain.forum import ForumState
from tracker.domain.plan import PlanState
from tracker.domain.streams import DOCUMENT, document_stream
from tracker.domain.time import today
from tracker.queries.commitments import endorsed_text, present_amendments
from tracker.queries.implementation import (
    COMPLETION_LEVELS,
    completion_level,
    milestone_progress,
    present_implementation,
    present_report,
)
from tracker.read_models.records import reading

#: A commitment of a plan in its implementation period with no progress report for this many days is flagged.
STALE_DAYS = 90


@dataclass(frozen=True)
class Evidence:
    """One piece of evidence a report cites: a publication of the plan or a document the forum stored."""

    kind: str  # "publication" or "document"
    title: str  # the publication's title, or the document's file name ("" when the forum stored no such file)
    url: str | None  # None when withdrawn or unknown: never linked
    media_type: str | None = None
    withdrawn: bool = False


@dataclass(frozen=True)
class Report:
    """One progress report as the pages show it (the milestone by its title; None: the commitment as a whole)."""

    milestone_title: str | None
    status: str
    reported_on: date
    summary: str
    reason: str | None
    organization: str | None  # the reporting organization's name
    correction_reason: str | None
    superseded: bool
    evidence: list[Evidence]


@dataclass(frozen=True)
class Milestone:
    """A current milestone with its progress judged on a day."""

    id: str
    title: str
    deliverable: str | None
    due_on: date | None
    status: str | None  # that of the report that stands; None when none was reported
    overdue: bool
    last: Report | None
    evidence: list[Evidence]  # of every report that stands


@dataclass(frozen=True)
class Progress:
    """A commitment's progress judged on `day`: its milestones, the note that stands, every report (newest first)
    and its completion level."""

    day: date
    milestones: list[Milestone]
    note: Report | None
    reports: list[Report]
    completion: str


@dataclass(frozen=True)
class ProgressForm:
    """What the progress form offers: the milestones, the forum's current organizations, the plan's publications
    (each as (id, words))."""

    milestones: list[tuple[str, str]]
    organizations: list[tuple[str, str]]
    publications: list[tuple[str, str]]
    today: date


@dataclass(frozen=True)
class CommitmentImplementation:
    """The commitment page's implementation part: progress, the form's choices, the endorsed text and
    amendments (as GET /commitments/{id} gives them)."""

    progress: Progress
    form: ProgressForm
    endorsed_text: dict[str, Any] | None
    amendments: list[dict[str, Any]]


@dataclass(frozen=True)
class PublicCommitment:
    """A commitment as anyone may see it: its text and progress, no id, no person."""

    forum_id: str
    forum_name: str
    timezone: str
    plan_title: str
    title: str
    problem: str | None
    description: str | None
    ogp_values: list[str]
    lead_institution: str | None
    endorsed: bool
    progress: Progress


@dataclass(frozen=True)
class CommitmentLine:
    """One commitment of a plan's implementation view."""

    id: str
    number: int
    title: str
    completion: str
    milestones_completed: int
    milestones_total: int
    overdue: list[tuple[str, date | None]]  # (title, due day) of each overdue milestone
    last_reported_on: date | None


@dataclass(frozen=True)
class PlanImplementation:
    """A plan's implementation as of a day (GET /action-plans/{id}/implementation), for its page."""

    forum: ForumState
    plan_id: str
    title: str
    period_start: date
    period_end: date
    as_of: date
    known_at: datetime
    position: int
    commitments: list[CommitmentLine]
    milestones_total: int
    milestones_completed: int
    milestones_overdue: int
    levels: dict[str, int]  # how many commitments have each completion level, in COMPLETION_LEVELS order


@dataclass(frozen=True)
class PlanProgress:
    """The public summary of an endorsed plan: each commitment's completion level, and the counts by level."""

    title: str
    commitments: list[tuple[str, str, str, int, int]]  # (id, title, level, milestones completed, total)
    levels: dict[str, int]


@dataclass(frozen=True)
class OverdueMilestone:
    """A milestone past its due day and neither completed nor cancelled."""

    commitment_id: str
    commitment_title: str
    title: str
    due_on: date


@dataclass(frozen=True)
class StaleCommitment:
    """A commitment of a plan in its implementation period with no progress report for `STALE_DAYS` days."""

    id: str
    title: str
    last_reported_on: date | None  # None: never reported
    days: int  # since the last report, or since the period (or endorsement) started


@dataclass(frozen=True)
class DashboardImplementation:
    """What the dashboard flags about implementation, today in the forum's timezone."""

    today: date
    overdue: list[OverdueMilestone]
    stale: list[StaleCommitment]
    plans: list[tuple[str, str]]  # (id, title) of the plans with a standing endorsement


# -- evidence ------------------------------------------------------------------------------------------------


def _document(store: EventStore, forum_id: str, sha256: str) -> Evidence:
    state = DOCUMENT.fold(store.read_stream(document_stream(forum_id, sha256)))
    if state is None:
        return Evidence("document", "", None)
    withdrawn = state.withdrawn_on is not None
    return Evidence("document", state.filename, None if withdrawn else served_path(sha256),
                    state.media_type, withdrawn)


def _evidence(store: EventStore, forum_id: str, plan: PlanState, ids: list[str]) -> list[Evidence]:
    publications = {p.id: p for p in plan.publications}
    out = []
    for evidence_id in ids:
        if is_document_id(evidence_id):
            out.append(_document(store, forum_id, evidence_id.lower()))
            continue
        p = publications.get(evidence_id)
        if p is None:
            continue
        withdrawn = bool(p.sha256) and _document(store, forum_id, p.sha256 or "").withdrawn
        out.append(Evidence("publication", p.title, None if withdrawn else p.url, None, withdrawn))
    return out


def _report(store: EventStore, forum: ForumState, plan: PlanState, titles: dict[str, str],
            r: dict[str, Any]) -> Report:
    org = forum.organizations.get(r["reported_by_organization"] or "")
    return Report(titles.get(r["milestone_id"] or "") if r["milestone_id"] else None, r["status"], r["reported_on"],
                  r["summary"], r["reason"], org.name if org else None, r["correction_reason"], r["superseded"],
                  _evidence(store, forum.id, plan, r["evidence"]))


def _progress(store: EventStore, forum: ForumState, plan: PlanState, state: CommitmentState, day: date) -> Progress:
    titles = {mid: m["title"] for mid, m in zip(state.milestone_ids, state.milestones, strict=True)}
    found = milestone_progress(state, day)
    milestones = [Milestone(m["id"], m["title"], m["deliverable"], m["due_on"], m["status"], m["overdue"],
                            _report(store, forum, plan, titles, m["last_report"]) if m["last_report"] else None,
                            _evidence(store, forum.id, plan, m["evidence"])) for m in found]
    note = state.last_report(None)
    reports = [_report(store, forum, plan, titles, present_report(r)) for r in reversed(state.progress)]
    return Progress(day, milestones, _report(store, forum, plan, titles, present_report(note)) if note else None,
                    reports, completion_level(found))


# -- reads -----------------------------------------------------------------------------------------------------


def commitment(services: Services, commitment_id: str) -> CommitmentImplementation:
    """The implementation part of a commitment's page, judged today in the forum's timezone (NotFound when
    unknown)."""
    with reading(services.projector) as r:
        state, _ = r.record("commitment", commitment_id)
        plan, _ = r.record("plan", state.action_plan_id)
        forum, _ = r.record("forum", state.forum_id)
        amendments = present_amendments(r, state, forum.timezone)
    day = today(forum.timezone, services.clock())
    form = ProgressForm(
        [(mid, m["title"]) for mid, m in zip(state.milestone_ids, state.milestones, strict=True)],
        sorted(((o.id, o.name) for o in forum.organizations.values() if o.member_on(day)), key=lambda o: o[1]),
        [(p.id, p.title) for p in sorted(plan.publications, key=lambda p: p.published_on, reverse=True)], day)
    return CommitmentImplementation(_progress(services.store, forum, plan, state, day), form,
                                    endorsed_text(state, plan), amendments)


def public_commitment(services: Services, forum_id: str, commitment_id: str) -> PublicCommitment:
    """A commitment of the forum as the public sees it (NotFound when unknown, or of another forum)."""
    with reading(services.projector) as r:
        state, _ = r.record("commitment", commitment_id)
        if state.forum_id != forum_id:
            raise NotFound(f"no commitment has the id {commitment_id}")
        plan, _ = r.record("plan", state.action_plan_id)
        forum, _ = r.record("forum", forum_id)
    day = today(forum.timezone, services.clock())
    return PublicCommitment(
        forum.id, forum.name, forum.timezone, plan.title, state.title, state.problem, state.description,
        list(state.ogp_values), state.lead_institution, plan.standing_endorsement() is not None,
        _progress(services.store, forum, plan, state, day))


def _levels(levels: list[str]) -> dict[str, int]:
    return {level: levels.count(level) for level in COMPLETION_LEVELS}


def _last_day(c: dict[str, Any]) -> date | None:
    days = [m["last_report"]["reported_on"] for m in c["milestones"] if m["last_report"]]
    if c["note"]:
        days.append(c["note"]["reported_on"])
    return max(days, default=None)


def plan_implementation(services: Services, plan_id: str, as_of: date | None = None) -> PlanImplementation:
    """The plan's implementation as of the end of `as_of` in the forum's timezone (default now), as
    GET /action-plans/{id}/implementation gives it (NotFound for an unknown plan)."""
    with reading(services.projector) as r:
        plan, _ = r.record("plan", plan_id)
        forum, _ = r.record("forum", plan.forum_id)
    body = present_implementation(services.store, plan_id, as_of=as_of, now=services.clock())
    lines = [CommitmentLine(c["id"], c["number"], c["title"], c["completion"], c["milestones_completed"],
                            len(c["milestones"]),
                            [(m["title"], m["due_on"]) for m in c["milestones"] if m["overdue"]], _last_day(c))
             for c in body["commitments"]]
    totals = body["milestones"]
    return PlanImplementation(forum, plan_id, body["title"], body["period_start"], body["period_end"], body["as_of"],
                              body["known_at"], body["log"]["position"], lines, totals["total"],
                              totals["completed"], totals["overdue"], _levels([c.completion for c in lines]))


def forum_progress(services: Services, forum_id: str) -> list[PlanProgress]:
    """For each plan of the forum with a standing endorsement, each commitment's completion level now."""
    with reading(services.projector) as r:
        plans = [p for p in r.records_of("plan", forum_id=forum_id) if p.standing_endorsement() is not None]
    out = []
    for plan in plans:
        body = present_implementation(services.store, plan.id, now=services.clock())
        lines = [(c["id"], c["title"], c["completion"], c["milestones_completed"], len(c["milestones"]))
                 for c in body["commitments"]]
        out.append(PlanProgress(plan.title, lines, _levels([line[2] for line in lines])))
    return out


def dashboard(services: Services, forum_id: str) -> DashboardImplementation:
    """The overdue milestones of the commitments of the forum's endorsed plans, and the commitments of those in
    their implementation period with no progress report for `STALE_DAYS` days (counted from the last report, else
    from the later of the period's start and the endorsement), today in the forum's timezone."""
    with reading(services.projector) as r:
        forum, _ = r.record("forum", forum_id)
        plans = {p.id: p for p in r.records_of("plan", forum_id=forum_id) if p.standing_endorsement() is not None}
        states = [c for c in r.records_of("commitment", forum_id=forum_id) if c.action_plan_id in plans]
    day = today(forum.timezone, services.clock())
    overdue, stale = [], []
    for c in states:
        plan = plans[c.action_plan_id]
        for m in milestone_progress(c, day):
            if m["overdue"]:
                overdue.append(OverdueMilestone(c.id, c.title, m["title"], m["due_on"]))
        if not plan.period_start <= day <= plan.period_end:
            continue
        reported = [p.reported_on for p in c.progress if not p.superseded]
        last = max(reported, default=None)
        endorsement = plan.standing_endorsement()
        since = last or max(plan.period_start, endorsement.endorsed_on if endorsement else plan.period_start)
        if (day - since) >= timedelta(days=STALE_DAYS):
            stale.append(StaleCommitment(c.id, c.title, last, (day - since).days))
    return DashboardImplementation(day, sorted(overdue, key=lambda o: o.due_on),
                                   sorted(stale, key=lambda s: s.days, reverse=True),
                                   [(p.id, p.title) for p in plans.values()])
