"""`tracker demo`: a realistic sample forum, so the product can be explored at once.

`load(services)` writes it through the API's own schemas and command handlers (every rule enforced, as for a
caller of the API), with each fact's date in the year before today (the services' clock), and makes one user
per role with a printed password. Each fact is logged as a diligent secretariat would have logged it: on the
day it occurred, in the evening (`logged_at`), so the record does not read as written late; the log's order is
the order the demo writes in, so recorded times are not monotonic in position. After the endorsement, the
demo's evaluator assesses each commitment and judges a few checks, signed as her account (EVALUATOR). The content
(a fictional province and its people) is in tracker.demo.data.
"""
from __future__ import annotations

import random
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from marshmallow import Schema

from events import EventStore
from tracker.auth import service as auth
from tracker.bootstrap import Services
from tracker.commands import commitments, consultations, contributions, forums, plans, sessions
from tracker.commands.base import Context, Outcome
from tracker.contract import contributions as cs
from tracker.contract import forums as fs
from tracker.contract import plans as ps
from tracker.contract import sessions as ss
from tracker.demo import data
from tracker.demo.implementation import Cast, implement, milestone
from tracker.domain.time import add_months, today, zone
from tracker.domain.vocabulary import DECISIONS

ACTOR = "demo@altomaranon.example"
#: The users the demo makes: (email, role, name); the secretariat is granted the demo forum.
USERS = (("admin@altomaranon.example", "admin", "Administración (demo)", None),
         ("secretaria@altomaranon.example", "secretariat", "Secretaría técnica (demo)", None),
         ("evaluadora@altomaranon.example", "evaluator", "Evaluadora (demo)",
          "Centro de Estudios Regionales Andinos"))
#: The account that signs the evaluator's assessments and judgements.
EVALUATOR = USERS[2][0]


@dataclass
class Made:
    """What the demo made: ids, counts, and the users with their passwords."""

    forum_id: str = ""
    plan_id: str = ""
    organizations: int = 0
    representatives: int = 0
    sessions: dict[str, int] = field(default_factory=dict)
    contributions: dict[str, int] = field(default_factory=dict)
    commitments: int = 0
    commitment_ids: list[str] = field(default_factory=list)
    assessments: int = 0
    judgements: int = 0
    publications: int = 0
    endorsement_id: str = ""
    users: list[tuple[str, str, str]] = field(default_factory=list)  # (email, role, password)


def _at(day: date, hour: int = 15) -> str:
    return f"{day.isoformat()}T{hour:02d}:00:00-05:00"


#: The fields that say when the fact a body records happened, in the order they are looked for.
WHEN_FIELDS = ("occurred_on", "established_on", "joined_on", "designated_on", "cocreation_starts_on", "opens_on",
               "published_on", "announced_on", "held_at", "approved_on", "received_on", "considered_on",
               "responded_on", "communicated_on", "endorsed_on", "reported_on")


def logged_at(body: dict[str, Any], timezone: str, now: datetime) -> datetime:
    """When a diligent secretariat would have logged the fact `body` records: 18:00 (forum time) on its day, or
    three hours after a session held at a given time; never after `now`, and `now` when the body says no day."""
    for name in WHEN_FIELDS:
        if name in body:
            value = body[name]
            if "T" in value:
                moment = datetime.fromisoformat(value) + timedelta(hours=3)
            else:
                moment = datetime.combine(date.fromisoformat(value), datetime.min.time(), zone(timezone)).replace(
                    hour=18)
            return min(moment, now)
    return now


class _Writer:
    """Runs API bodies through the API's schemas and the command handlers, as one actor, each logged when
    `logged_at` says (its own store, whose clock reads that moment; the application's read models)."""

    def __init__(self, services: Services, timezone: str) -> None:
        self.services, self.timezone = services, timezone
        self.moment = services.clock()
        self.store = EventStore(services.engine, services.store.registry, clock=lambda: self.moment,
                                keyring=services.store.keyring)

    def __call__(self, schema: Schema, handler: Callable[..., Outcome], *ids: str, body: dict[str, Any],
                 actor: str = ACTOR) -> str:
        self.moment = logged_at(body, self.timezone, self.services.clock())
        ctx = Context(store=self.store, now=self.moment, actor=actor, projector=self.services.projector)
        return handler(ctx, *ids, schema.load(body)).id


def load(services: Services, seed: int = 7) -> Made:
    """Write the sample forum into an empty log and make its users; returns what was made."""
    rng = random.Random(seed)
    write = _Writer(services, data.FORUM["timezone"])
    now: datetime = services.clock()
    until = today(data.FORUM["timezone"], now)
    # The co-creation is told as of a year ago (`day`); its plan's period began in January, and its first year of
    # implementation runs up to today (`until`).
    day = add_months(until, -12)
    made = Made()
    # The forum, established fourteen months ago, and its roster.
    established = add_months(day, -14, day_of_month=5)
    forum_id = write(fs.ForumCreateSchema(), forums.establish_forum,
                     body={**data.FORUM, "established_on": established.isoformat()})
    made.forum_id = forum_id
    primaries: dict[str, str] = {}
    alternates: dict[str, str] = {}
    by_name: dict[str, str] = {}
    for i, (name, sector, primary, alternate) in enumerate(data.ORGANIZATIONS):
        joined = established + timedelta(days=i % 4)
        org = write(fs.OrganizationCreateSchema(), forums.join_organization, forum_id,
                    body={"name": name, "sector": sector, "joined_on": joined.isoformat()})
        made.organizations += 1
        slug = primary.split()[0].lower().replace("ó", "o").replace("é", "e")
        rep: dict[str, Any] = {"name": primary, "role": "primary", "designated_on": joined.isoformat(),
               "email": f"{slug}.{i}@correo.altomaranon.example", "gender": "female" if primary.split()[0][-1] == "a"
               else "male"}
        if primary == data.MINOR:
            rep = {**rep, "is_minor": True, "guardian_consent": True}
            rep.pop("email")
        primaries[org] = by_name[primary] = write(fs.RepresentativeCreateSchema(), forums.designate_representative,
                                                  forum_id, org, body=rep)
        made.representatives += 1
        if alternate:
            alternates[org] = by_name[alternate] = write(
                fs.RepresentativeCreateSchema(), forums.designate_representative, forum_id, org,
                body={"name": alternate, "role": "alternate", "designated_on": joined.isoformat(),
                      "gender": "undisclosed"})
            made.representatives += 1
    reps = list(primaries.values())
    # The action plan: co-creation from eleven months ago to last month.
    window_start, window_end = add_months(day, -11, day_of_month=1), add_months(day, -1, day_of_month=20)
    plan_year = add_months(day, 2).year
    plan_id = write(ps.ActionPlanCreateSchema(), plans.open_action_plan, forum_id, body={
        "title": data.PLAN_TITLE.replace("2027-2028", f"{plan_year}-{plan_year + 1}"),
        "period_start": date(plan_year, 1, 1).isoformat(), "period_end": date(plan_year + 1, 12, 31).isoformat(),
        "cocreation_starts_on": window_start.isoformat(), "cocreation_ends_on": window_end.isoformat()})
    made.plan_id = plan_id

    def publish(kind: str, title: str, url: str, on: date, session_id: str | None = None) -> str:
        """Make a publication of the plan, counted; returns its id."""
        made.publications += 1
        body = {"kind": kind, "title": title, "url": url, "published_on": on.isoformat()}
        return write(ps.PublicationCreateSchema(), plans.publish, plan_id,
                     body={**body, "session_id": session_id} if session_id else body)

    publish("ogp_webpage", "Gobierno Abierto Alto Marañón", data.SITE, window_start)
    publish("timeline", "Cronograma de co-creación", f"{data.SITE}/cronograma.pdf", window_start + timedelta(days=3))
    held = _sessions(write, publish, forum_id, plan_id, (day, until), primaries, alternates, rng, made)
    consultation = write(ps.ConsultationCreateSchema(), consultations.open_consultation, plan_id, body={
        "opens_on": add_months(day, -6, day_of_month=1).isoformat(),
        "closes_on": add_months(day, -5, day_of_month=15).isoformat(),
        "channel": "web_form", "url": f"{data.SITE}/consulta"})
    ids = _contributions(write, plan_id, day, window_start, consultation, reps, rng, made)
    period_start = date(plan_year, 1, 1)
    _commitments(write, plan_id, day, period_start, ids, [by_name[n] for n in data.LEAD_CONTACTS], made)
    publish("draft_action_plan", "Borrador del plan de acción", f"{data.SITE}/borrador-plan.pdf",
            add_months(day, -2, day_of_month=5))
    reported = add_months(day, -1, day_of_month=25)
    publish("feedback_report", "Informe de respuestas a los aportes", f"{data.SITE}/respuestas.pdf", reported)
    endorsing = held[-1]
    made.endorsement_id = write(ps.EndorsementCreateSchema(), plans.endorse, plan_id, body={
        "endorsed_on": endorsing[1].isoformat(), "session_id": endorsing[0], "signed_by": reps[:8],
        "document": {"title": "Acta de validación del plan de acción", "url": f"{data.SITE}/acta-validacion.pdf"}})
    _evaluation(write, plan_id, reported, day, made)
    cast = Cast(primaries, alternates, list(primaries), EVALUATOR)
    year = implement(write, publish, forum_id, plan_id, until, period_start, made.commitment_ids, cast, rng,
                     first_number=13)
    made.sessions = {k: made.sessions.get(k, 0) + year.get(k, 0) for k in {*made.sessions, *year}}
    made.users = _users(services, forum_id)
    return made


def _sessions(write: _Writer, publish: Callable[..., str], forum_id: str, plan_id: str, days: tuple[date, date],
              primaries: dict[str, str], alternates: dict[str, str], rng: random.Random,
              made: Made) -> list[tuple[str, date]]:
    """Eleven monthly sessions of the co-creation told as of `days[0]` (one cancelled, one moved a week later), then
    the twelfth, which was still to come then and was held when its day came (before `days[1]`, today), and their
    minutes approved by today; returns the sessions held during the co-creation as (id, day)."""
    day, until = days
    held: list[tuple[str, date]] = []
    counts = {"held": 0, "cancelled": 0, "rescheduled": 0, "upcoming": 0}
    for n, offset in enumerate(range(-11, 0), start=1):
        when = add_months(day, offset, day_of_month=12)
        sid = write(ss.SessionCreateSchema(), sessions.schedule_session, forum_id, body={
            "title": f"Sesión ordinaria N.º {n}", "kind": "forum_session" if n % 4 else "cocreation_workshop",
            "scheduled_at": _at(when), "venue": data.VENUES[n % len(data.VENUES)],
            "modality": ("in_person", "hybrid", "virtual")[n % 3], "number": n, "action_plan_id": plan_id,
            "agenda": [{"title": "Aprobación del acta anterior"}, {"title": "Avance de la co-creación del plan"}],
            "occurred_on": (when - timedelta(days=20)).isoformat()})
        write(ss.AnnouncementSchema(), sessions.announce_session, sid, body={
            "announced_on": (when - timedelta(days=8)).isoformat(), "channels": ["email", "web"],
            "materials": [{"title": f"Agenda de la sesión N.º {n}", "url": f"{data.SITE}/sesiones/{n}/agenda.pdf"}]})
        if n == 5:
            write(ss.CancellationSchema(), sessions.cancel_session, sid, body={
                "reason": "Paro provincial de transportistas", "occurred_on": (when - timedelta(days=2)).isoformat()})
            counts["cancelled"] += 1
            continue
        if n == 8:
            when = when + timedelta(days=7)
            write(ss.ReschedulingSchema(), sessions.reschedule_session, sid, body={
                "scheduled_at": _at(when), "reason": "Coincidía con la audiencia de rendición de cuentas",
                "occurred_on": (when - timedelta(days=10)).isoformat()})
            counts["rescheduled"] += 1
        present = [r for r in primaries.values() if rng.random() < 0.8]
        present += [r for org, r in alternates.items() if primaries[org] not in present and rng.random() < 0.5]
        attendance = [{"representative_id": r} for r in present]
        attendance.append({"name": "Invitada de la Defensoría del Pueblo", "organization": "Defensoría del Pueblo",
                           "sector": "government"})
        write(ss.RecordSchema(), sessions.record_session, sid, body={
            "held_at": _at(when), "attendance": attendance, "public_attendees": rng.randint(3, 25)})
        _minutes(write, publish, sid, n, when, present, until)
        held.append((sid, when))
        counts["held"] += 1
    upcoming = day + timedelta(days=12)
    sid = write(ss.SessionCreateSchema(), sessions.schedule_session, forum_id, body={
        "title": "Sesión ordinaria N.º 12", "kind": "forum_session", "scheduled_at": _at(upcoming),
        "venue": data.VENUES[0], "modality": "hybrid", "number": 12, "action_plan_id": plan_id,
        "agenda": [{"title": "Seguimiento de los compromisos"}]})
    write(ss.AnnouncementSchema(), sessions.announce_session, sid, body={
        "announced_on": day.isoformat(), "channels": ["email", "web"]})
    if upcoming < until:
        present = [r for r in primaries.values() if rng.random() < 0.8]
        write(ss.RecordSchema(), sessions.record_session, sid, body={
            "held_at": _at(upcoming), "attendance": [{"representative_id": r} for r in present],
            "public_attendees": rng.randint(3, 25)})
        _minutes(write, publish, sid, 12, upcoming, present, until)
        counts["held"] += 1
    else:
        counts["upcoming"] += 1
    made.sessions = counts
    return held


def _minutes(write: _Writer, publish: Callable[..., str], sid: str, n: int, held_on: date, signers: list[str],
             until: date) -> None:
    """The minutes of the n-th session, approved and published two weeks after it, when that day is before
    `until`."""
    approved = held_on + timedelta(days=14)
    if approved < until:
        url = f"{data.SITE}/sesiones/{n}/acta.pdf"
        write(ss.MinutesSchema(), sessions.record_minutes, sid, body={
            "document": {"title": f"Acta de la sesión N.º {n}", "url": url}, "approved_on": approved.isoformat(),
            "signed_by": signers[:3]})
        publish("minutes", f"Acta de la sesión N.º {n}", url, approved, sid)


def _contributions(write: _Writer, plan_id: str, day: date, start: date, consultation: str, reps: list[str],
                   rng: random.Random, made: Made) -> list[str]:
    """Forty contributions received over the window, at every stage; returns their ids in order."""
    ids: list[str] = []
    stages = {"received": 0, "considered": 0, "responded": 0, "communicated": 0}
    consult_open, consult_close = add_months(day, -6, day_of_month=1), add_months(day, -5, day_of_month=15)
    span = (add_months(day, -2, day_of_month=1) - start).days
    for i, text in enumerate(data.CONTRIBUTIONS):
        received = start + timedelta(days=span * i // len(data.CONTRIBUTIONS) + rng.randint(0, 6))
        body: dict[str, Any] = {"text": text, "received_on": received.isoformat()}
        if consult_open <= received <= consult_close:
            body |= {"channel": "public_consultation", "consultation_id": consultation}
        else:
            body["channel"] = ("email", "web_form", "workshop", "other")[i % 4]
        if i % 3 == 0:
            name, organization, sector = data.RESIDENTS[i % len(data.RESIDENTS)]
            body["author"] = {"name": name, "sector": sector, **({"organization": organization} if organization
                                                                   else {})}
        else:
            body["author"] = {"representative_id": reps[i % len(reps)]}
        cid = write(cs.ContributionCreateSchema(), contributions.receive_contribution, plan_id, body=body)
        ids.append(cid)
        stage = ("communicated", "communicated", "responded", "considered", "received")[i % 5] \
            if i < 30 else ("communicated", "responded", "considered", "received")[i % 4]
        last = day - timedelta(days=1)
        considered = min(received + timedelta(days=rng.randint(3, 15)), last)
        responded = min(considered + timedelta(days=rng.randint(5, 40)), last)
        communicated = min(responded + timedelta(days=rng.randint(1, 10)), last)
        decision = DECISIONS[i % len(DECISIONS)]
        take_to(write, cid, stage, (considered, responded, communicated),
                note="Discutido en la mesa de trabajo temática.", decision=decision,
                reasoning=data.REASONS[decision], channel=("email", "published")[i % 2],
                answers_url=f"{data.SITE}/respuestas")
        stages[stage] += 1
    made.contributions = stages
    return ids


def take_to(write: Callable[..., str], contribution_id: str, stage: str, days: tuple[date, date, date], *,
            note: str, decision: str | None, reasoning: str | None, channel: str | None, answers_url: str) -> None:
    """Take a received contribution on to `stage` ("received", "considered", "responded" or "communicated"):
    considered, responded and communicated on `days` (in that order), each through the API's schema and command
    handler by `write(schema, handler, *ids, body=...)`. A response communicated by publication links to
    `answers_url`."""
    considered, responded, communicated = days
    if stage != "received":
        write(cs.ContributionConsiderationCreateSchema(), contributions.consider_contribution, contribution_id,
              body={"considered_on": considered.isoformat(), "note": note})
    if stage in ("responded", "communicated"):
        write(cs.ContributionResponseCreateSchema(), contributions.respond_to_contribution, contribution_id, body={
            "decision": decision, "reasoning": reasoning, "responded_on": responded.isoformat()})
    if stage == "communicated":
        write(cs.ContributionCommunicationCreateSchema(), contributions.communicate_response, contribution_id, body={
            "communicated_on": communicated.isoformat(), "channel": channel,
            **({"url": answers_url} if channel == "published" else {})})


def _commitments(write: _Writer, plan_id: str, day: date, period_start: date, ids: list[str], leads: list[str],
                 made: Made) -> None:
    """Three commitments drafted from contributions, each with its lead contact (`leads`), their milestones due
    within the plan's period (all but one), one revised after further contributions."""
    drafted = add_months(day, -3, day_of_month=10)
    first = ""
    for spec, lead in zip(data.COMMITMENTS, leads, strict=True):
        body = {k: v for k, v in spec.items() if k != "contributions"}
        body["lead_representative_id"] = lead
        body["milestones"] = [milestone(m, period_start) for m in spec["milestones"]]
        body["from_contributions"] = [ids[i] for i in spec["contributions"]]
        body["occurred_on"] = drafted.isoformat()
        cid = write(ps.CommitmentCreateSchema(), commitments.draft_commitment, plan_id, body=body)
        first = first or cid
        made.commitment_ids.append(cid)
        made.commitments += 1
    write(ps.CommitmentRevisionSchema(), commitments.revise_commitment, first, body={
        "description": data.COMMITMENTS[0]["description"] + " Los datos incluirán la georreferenciación de cada obra.",
        "reason": "Aportes recibidos en la consulta pública sobre georreferenciación.",
        "from_contributions": [ids[13], ids[30]], "occurred_on": add_months(day, -2, day_of_month=8).isoformat()})


def _evaluation(write: _Writer, plan_id: str, reported: date, day: date, made: Made) -> None:
    """The evaluator's reading of the endorsed plan, signed as EVALUATOR: once the co-creation window has closed
    and the feedback report is out (`reported`), each commitment assessed on a day of its own (never today or
    later), then a few checks judged the day of the last assessment."""
    last = day - timedelta(days=1)
    on = reported
    for n, (cid, assessment) in enumerate(zip(made.commitment_ids, data.ASSESSMENTS, strict=True)):
        on = min(reported + timedelta(days=3 + n), last)
        write(ps.AssessmentSchema(), commitments.assess_commitment, cid,
              body={**assessment, "occurred_on": on.isoformat()}, actor=EVALUATOR)
        made.assessments += 1
    for check, answer, explanation in data.JUDGEMENTS:
        write(ps.JudgementSchema(), plans.judge, plan_id, body={
            "check": check, "answer": answer, "explanation": explanation, "occurred_on": on.isoformat(),
            "references": [f"{data.SITE}/acta-validacion.pdf"]}, actor=EVALUATOR)
        made.judgements += 1


def _users(services: Services, forum_id: str) -> list[tuple[str, str, str]]:
    """One user per role, each with a fresh password (printed once by the command)."""
    out = []
    for email, role, name, organization in USERS:
        auth.create_user(services.engine, services.clock, email, role, [forum_id] if role == "secretariat" else [],
                         name, organization=organization)
        password = secrets.token_urlsafe(12)
        auth.set_password(services.engine, services.passwords, email, password)
        out.append((email, role, password))
    return out
