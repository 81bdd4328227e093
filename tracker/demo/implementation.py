"""The sample forum's first year of implementation: monthly sessions (two of them reviewing the progress of every
commitment, with the comments collected), progress reported on every commitment (a delay among them), an amendment
the forum approved in session, and the evaluator's end-of-commitment assessment of the commitment completed that
year (each commitment's lead contact is named when it is drafted). Written through the API's schemas and command
handlers as tracker.demo.load writes the co-creation; the content is in tracker.demo.data."""
from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from tracker.commands import commitments, sessions
from tracker.contract import plans as ps
from tracker.contract import results as rs
from tracker.contract import sessions as ss
from tracker.demo import data

#: Writes one API body through a schema and a command handler; returns the id made (tracker.demo._Writer).
Write = Callable[..., str]
#: Makes a publication of the plan (kind, title, url, day, session id or None); returns its id.
Publish = Callable[[str, str, str, date, str | None], str]


@dataclass(frozen=True)
class Cast:
    """Who the year's facts name: the roster's primaries by organization id, its alternates, the organizations in
    the order of data.ORGANIZATIONS, and the evaluator's account."""

    primaries: dict[str, str]
    alternates: dict[str, str]
    organizations: list[str]
    evaluator: str


def at(day: date, hour: int = 15) -> str:
    """The instant `hour`:00 on `day` in the forum's zone (Lima, UTC-5 all year)."""
    return f"{day.isoformat()}T{hour:02d}:00:00-05:00"


def implement(write: Write, publish: Publish, forum_id: str, plan_id: str, today: date, period_start: date,
              commitment_ids: list[str], cast: Cast, rng: random.Random, first_number: int) -> dict[str, int]:
    """Write the first year of implementation, up to `today`; returns the sessions it made by status."""
    counts, held = _sessions(write, publish, forum_id, plan_id, today, period_start, commitment_ids, cast, rng,
                             first_number)
    completed_on = _progress(write, publish, plan_id, today, period_start, commitment_ids, held)
    spec = data.END_ASSESSMENT
    assessed_on = completed_on + timedelta(days=spec["after_days"])
    if assessed_on < today:
        body = {k: v for k, v in spec.items() if k not in ("commitment", "after_days")}
        write(rs.EndAssessmentSchema(), commitments.assess_end, commitment_ids[spec["commitment"]],
              body={**body, "occurred_on": assessed_on.isoformat()}, actor=cast.evaluator)
    return counts


def milestone(spec: dict[str, Any], period_start: date) -> dict[str, Any]:
    """A milestone of tracker.demo.data as the API takes it: its `due` (year of the plan, month, day) made a
    `due_on` inside the plan's period, or none when it has no `due`."""
    body = {k: v for k, v in spec.items() if k != "due"}
    if spec.get("due"):
        year, month, day_of_month = spec["due"]
        body["due_on"] = date(period_start.year + year, month, day_of_month).isoformat()
    return body


def _day(period_start: date, month: int, day_of_month: int) -> date:
    return date(period_start.year, month, day_of_month)


def _sessions(write: Write, publish: Publish, forum_id: str, plan_id: str, today: date, period_start: date,
              commitment_ids: list[str], cast: Cast, rng: random.Random,
              first_number: int) -> tuple[dict[str, int], dict[int, str]]:
    """A session on the 12th of each month of the year so far (those in REVIEWS present the progress of every
    commitment and collect comments), then the next one, still to come; returns the counts by status and the held
    sessions by month."""
    counts = {"held": 0, "upcoming": 0}
    held: dict[int, str] = {}
    reviews = dict(data.REVIEWS)
    number = first_number
    month = 1
    while (when := _day(period_start, month, 12)) < today - timedelta(days=1) and month <= 12:
        agenda: list[dict[str, Any]] = [{"title": "Aprobación del acta anterior"}]
        if month in reviews:
            agenda.append({"title": "Presentación del avance de los compromisos",
                           "presents_progress_of": commitment_ids})
        else:
            agenda.append({"title": "Seguimiento del plan de acción"})
        sid = write(ss.SessionCreateSchema(), sessions.schedule_session, forum_id, body={
            "title": f"Sesión ordinaria N.º {number}", "kind": "forum_session", "scheduled_at": at(when),
            "venue": data.VENUES[month % len(data.VENUES)], "modality": ("in_person", "hybrid")[month % 2],
            "number": number, "action_plan_id": plan_id, "agenda": agenda,
            "occurred_on": (when - timedelta(days=20)).isoformat()})
        write(ss.AnnouncementSchema(), sessions.announce_session, sid, body={
            "announced_on": (when - timedelta(days=8)).isoformat(), "channels": ["email", "whatsapp", "web"],
            "materials": [{"title": f"Agenda de la sesión N.º {number}",
                           "url": f"{data.SITE}/sesiones/{number}/agenda.pdf"}]})
        present = [r for r in cast.primaries.values() if rng.random() < 0.75]
        present += [r for org, r in cast.alternates.items() if cast.primaries[org] not in present
                    and rng.random() < 0.5]
        write(ss.RecordSchema(), sessions.record_session, sid, body={
            "held_at": at(when), "attendance": [{"representative_id": r} for r in present],
            "public_attendees": rng.randint(2, 15)})
        approved = when + timedelta(days=14)
        if approved < today:
            url = f"{data.SITE}/sesiones/{number}/acta.pdf"
            minutes: dict[str, Any] = {"document": {"title": f"Acta de la sesión N.º {number}", "url": url},
                                       "approved_on": approved.isoformat(), "signed_by": present[:3]}
            if month in reviews:
                minutes["comments"] = [{"organization_id": cast.organizations[o], "text": text}
                                       for o, text in reviews[month]]
            write(ss.MinutesSchema(), sessions.record_minutes, sid, body=minutes)
            publish("minutes", f"Acta de la sesión N.º {number}", url, approved, sid)
        held[month] = sid
        counts["held"] += 1
        number += 1
        month += 1
    upcoming = today + timedelta(days=12)
    sid = write(ss.SessionCreateSchema(), sessions.schedule_session, forum_id, body={
        "title": f"Sesión ordinaria N.º {number}", "kind": "forum_session", "scheduled_at": at(upcoming),
        "venue": data.VENUES[0], "modality": "hybrid", "number": number, "action_plan_id": plan_id,
        "agenda": [{"title": "Seguimiento de los compromisos"}]})
    write(ss.AnnouncementSchema(), sessions.announce_session, sid, body={
        "announced_on": today.isoformat(), "channels": ["email", "whatsapp", "web"]})
    counts["upcoming"] += 1
    return counts, held


def _milestone_id(commitment_id: str, place: int) -> str:
    """The id of the commitment's milestone at `place` (0-based) among those it was drafted with."""
    return f"mls_{commitment_id.partition('_')[2]}_{place + 1}"


def _progress(write: Write, publish: Publish, plan_id: str, today: date, period_start: date,
              commitment_ids: list[str], held: dict[int, str]) -> date:
    """The year's progress reports (evidence published the same day) and the amendment approved in session, each
    only when its day has come; returns the day the completed commitment's last milestone was completed."""
    completed_on = today
    amendment = data.AMENDMENT
    amended = False
    for place, milestone, status, (month, day_of_month), summary, reason, evidence in data.PROGRESS:
        on = _day(period_start, month, day_of_month)
        if not amended and month > amendment["month"] and amendment["month"] in held:
            _amend(write, today, period_start, commitment_ids, held)
            amended = True
        if on >= today:
            continue
        body: dict[str, Any] = {"status": status, "reported_on": on.isoformat(), "summary": summary,
                                "reason": reason}
        if milestone is not None:
            body["milestone_id"] = _milestone_id(commitment_ids[place], milestone)
        if evidence:
            slug = f"{data.SITE}/avance/{on.isoformat()}.pdf"
            body["evidence"] = [publish("other", evidence, slug, on, None)]
        write(ps.ProgressReportSchema(), commitments.report_progress, commitment_ids[place], body=body)
        if place == data.END_ASSESSMENT["commitment"] and status == "completed":
            completed_on = on
    return completed_on


def _amend(write: Write, today: date, period_start: date, commitment_ids: list[str], held: dict[int, str]) -> None:
    """The youth budget's vote moved, approved in the session of AMENDMENT's month, logged the day after it."""
    spec = data.AMENDMENT
    place, which = spec["commitment"], spec["milestone"]
    session_day = _day(period_start, spec["month"], 12)
    milestones = [dict(m) for m in data.COMMITMENTS[place]["milestones"]]
    year, month, day_of_month = spec["due"]
    milestones[which]["due"] = (year, month, day_of_month)
    write(ps.CommitmentAmendmentSchema(), commitments.amend_commitment, commitment_ids[place], body={
        "changes": {"milestones": [milestone(m, period_start) for m in milestones]}, "reason": spec["reason"],
        "approved_in_session_id": held[spec["month"]],
        "occurred_on": min(session_day + timedelta(days=1), today - timedelta(days=1)).isoformat()})
