"""The reads of the secretariat's roster, session and plan pages, through the read models and the presenters the
API shares (tracker/queries/)."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from tracker.bootstrap import Services
from tracker.domain.time import today
from tracker.domain.vocabulary import SECTORS
from tracker.queries.forum_pages import ForumListing, _listing
from tracker.queries.forums import present_forum
from tracker.queries.plans import present_plan
from tracker.queries.sessions import present_session
from tracker.read_models.records import reading


@dataclass(frozen=True)
class RosterOrganization:
    """An organization with its current primary and alternates (the API's presented representatives)."""

    org: dict[str, Any]
    primary: dict[str, Any] | None
    alternates: list[dict[str, Any]]
    former: list[dict[str, Any]] = field(default_factory=list)


@dataclass(frozen=True)
class Roster:
    """A forum's roster: current organizations by sector (in the record's sector order), and those that left."""

    forum: ForumListing
    today: date
    sectors: list[tuple[str, list[RosterOrganization]]]
    left: list[RosterOrganization]
    representatives: dict[str, dict[str, Any]]


def roster(services: Services, forum_id: str, full: bool) -> Roster:
    """The roster as the API presents it to this reader (`full`: contact data, gender, minors' names).

    NotFound when there is no such forum."""
    with reading(services.projector) as r:
        state, _ = r.record("forum", forum_id)
    day = today(state.timezone, services.clock())
    body = present_forum(state, day, full)
    reps = {rep["id"]: rep for rep in body["representatives"]}
    by_org: dict[str, list[dict[str, Any]]] = {}
    for rep in body["representatives"]:
        by_org.setdefault(rep["organization_id"], []).append(rep)
    current: list[RosterOrganization] = []
    left: list[RosterOrganization] = []
    for org in sorted(body["organizations"], key=lambda o: o["name"]):
        entry = RosterOrganization(
            org, reps.get(org["primary_representative_id"]) if org["primary_representative_id"] else None,
            [reps[i] for i in org["alternate_representative_ids"]],
            [rep for rep in by_org.get(org["id"], []) if not rep["current"]])
        (current if org["current"] else left).append(entry)
    sectors = [(sector, [o for o in current if o.org["sector"] == sector]) for sector in SECTORS]
    return Roster(_listing(state), day, [(s, orgs) for s, orgs in sectors if orgs], left, reps)


@dataclass(frozen=True)
class SessionsPage:
    """A forum's sessions as the API presents them, with the forum's plans and their commitments (for the schedule
    form: an agenda item may present the progress of some)."""

    forum: ForumListing
    sessions: list[dict[str, Any]]
    plans: list[tuple[str, str]]
    commitments: list[tuple[str, str]]  # (id, title) of every commitment of the forum's plans, as drafted in order


@dataclass(frozen=True)
class SessionPage:
    """One session as the API presents it, with the roster that may attend and sign (grouped by organization)."""

    forum: ForumListing
    session: dict[str, Any]
    roster: list[tuple[str, list[tuple[str, str]]]]  # (organization name, [(representative id, name)])
    plans: dict[str, str]
    commitments: dict[str, str]  # id -> title of the commitments of the forum's plans (what an agenda item presents)
    organizations: list[tuple[str, str]]  # (id, name) of the forum's organizations (whose comments the minutes note)


def sessions(services: Services, forum_id: str) -> SessionsPage:
    """The forum's sessions, latest scheduled first, as a full reader sees them. NotFound for no such forum."""
    with reading(services.projector) as r:
        forum, _ = r.record("forum", forum_id)
        found = r.records_of("session", forum_id=forum_id)
        plans = r.records_of("plan", forum_id=forum_id)
        commitments = r.records_of("commitment", forum_id=forum_id)
    presented = [present_session(s, forum, True) for s in found]
    return SessionsPage(_listing(forum), sorted(presented, key=lambda s: s["scheduled_at"], reverse=True),
                        [(p.id, p.title) for p in plans], [(c.id, c.title) for c in commitments])


def session(services: Services, session_id: str) -> SessionPage:
    """One session and the representatives who may be ticked as attending it: those serving on its day, and
    whoever its record already names. NotFound when there is no such session."""
    with reading(services.projector) as r:
        state, _ = r.record("session", session_id)
        forum, _ = r.record("forum", state.forum_id)
        plans = r.records_of("plan", forum_id=forum.id)
        commitments = r.records_of("commitment", forum_id=forum.id)
    body = present_session(state, forum, True)
    day = (body["held_at"] or body["scheduled_at"]).date()
    named = {a["representative_id"] for a in body["attendance"] if a["representative_id"]}
    groups: list[tuple[str, list[tuple[str, str]]]] = []
    for org in sorted(forum.organizations.values(), key=lambda o: o.name):
        people = [(rep.id, rep.name) for rep in forum.representatives.values()
                  if rep.organization_id == org.id and ((rep.serves_on(day) and org.member_on(day)) or rep.id in named)]
        if people:
            groups.append((org.name, sorted(people, key=lambda p: p[1])))
    organizations = sorted(((o.id, o.name) for o in forum.organizations.values()), key=lambda o: o[1])
    return SessionPage(_listing(forum), body, groups, {p.id: p.title for p in plans},
                       {c.id: c.title for c in commitments}, organizations)


@dataclass(frozen=True)
class PlanPage:
    """An action plan as the API presents it, with what its forms offer: the forum's sessions and the
    representatives serving today (the signatories of an endorsement)."""

    forum: ForumListing
    plan: dict[str, Any]
    sessions: list[tuple[str, str]]  # (id, title) of every session, latest first
    held_sessions: list[tuple[str, str]]
    signatories: list[tuple[str, str]]  # (representative id, "name · organization")
    names: dict[str, str]  # representative id -> name, for the endorsements' signers


def plan(services: Services, plan_id: str) -> PlanPage:
    """One action plan with its publications and endorsements, for a full reader. NotFound for no such plan."""
    with reading(services.projector) as r:
        state, _ = r.record("plan", plan_id)
        forum, _ = r.record("forum", state.forum_id)
        commitments = r.records_of("commitment", action_plan_id=plan_id)
        consultations = r.records_of("consultation", action_plan_id=plan_id)
        found = r.records_of("session", forum_id=forum.id)
    body = present_plan(state, forum, commitments, consultations, True)
    day = today(forum.timezone, services.clock())
    found = sorted(found, key=lambda s: s.scheduled_at, reverse=True)
    signatories = sorted(
        ((rep.id, f"{rep.name} · {forum.organizations[rep.organization_id].name}")
         for rep in forum.representatives.values()
         if rep.serves_on(day) and forum.organizations[rep.organization_id].member_on(day)),
        key=lambda option: option[1])
    return PlanPage(_listing(forum), body, [(s.id, s.title) for s in found],
                    [(s.id, s.title) for s in found if s.status == "held"], signatories,
                    {rep.id: rep.name for rep in forum.representatives.values()})
