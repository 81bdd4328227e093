"""The reads of the home page, a forum's public page and its dashboard, as view models the templates render.

The pages never touch the store, the read models or the compliance engine but through `tracker/queries/`, so
pointing a page at another read model means changing one function there. What the public may see is decided here
too: `public_forum` carries no contact data, no gender and no minor's name (its view models have no field for
them).
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from events import Head
from tracker.bootstrap import Services
from tracker.compliance import glance
from tracker.domain.contribution import ContributionState
from tracker.domain.forum import ForumState
from tracker.domain.plan import PlanState
from tracker.domain.session import SessionState
from tracker.domain.time import month_index, month_of, today, zone
from tracker.published_heads import latest_head
from tracker.published_heads import publication_mark as published_mark
from tracker.queries.reminder_status import ReminderStatus, reminder_status
from tracker.read_models.records import Reader, reading

#: How many months back the dashboard looks for months without a session.
MONTHS_SHOWN = 12
#: How much of a contribution's text the dashboard shows.
EXCERPT = 140


@dataclass(frozen=True)
class ForumListing:
    """A forum as a list names it."""

    id: str
    name: str
    member: str
    established_on: date
    timezone: str
    language: str


@dataclass(frozen=True)
class SessionItem:
    """A session as the pages show it; instants in the forum's timezone."""

    id: str
    title: str
    number: int | None
    kind: str
    modality: str
    venue: str
    status: str
    scheduled_at: datetime
    held_at: datetime | None
    announced_on: date | None
    minutes_title: str | None
    minutes_url: str | None
    attendees: int
    agenda: tuple[str, ...] = ()  # the agenda items' titles
    materials: tuple[tuple[str, str], ...] = ()  # (title, url) of the materials announced with it


@dataclass(frozen=True)
class DocumentItem:
    """A document the forum published."""

    title: str
    url: str
    kind: str
    published_on: date
    plan_title: str


@dataclass(frozen=True)
class CommitmentItem:
    """A commitment of one of the forum's plans."""

    id: str
    title: str
    plan_title: str
    lead_institution: str | None
    ogp_values: list[str]
    milestones: int


@dataclass(frozen=True)
class CheckItem:
    """One compliance check at a glance: its id, question and computed answer."""

    id: str
    question: str
    answer: str


@dataclass(frozen=True)
class PlanCompliance:
    """A plan's compliance answers at a glance, and the log head they were computed from."""

    plan_id: str
    title: str
    checks: list[CheckItem]
    commitments: list[tuple[str, list[CheckItem]]]
    position: int
    head: str

    @property
    def counts(self) -> dict[str, int]:
        """How many checks have each answer."""
        out: dict[str, int] = {}
        for check in self.checks + [c for _, checks in self.commitments for c in checks]:
            out[check.answer] = out.get(check.answer, 0) + 1
        return out


@dataclass(frozen=True)
class PublicForum:
    """What anyone may see of a forum."""

    forum: ForumListing
    organizations: list[tuple[str, str]]  # (name, sector) of current members
    next_sessions: list[SessionItem]
    held_sessions: list[SessionItem]
    documents: list[DocumentItem]
    commitments: list[CommitmentItem]
    compliance: list[PlanCompliance]
    log_head: Head | None = None  # the event log's head now, which anyone can check the log against
    log_read_at: datetime | None = None  # when the head was read (the page may be served again later), forum's zone
    published_head: Head | None = None  # the head published last (tracker events publish-head; not by whom)
    published_at: datetime | None = None  # when it was published


@dataclass(frozen=True)
class NextSession:
    """The next session, and by when the forum's policy says it should be announced."""

    session: SessionItem
    days_until: int
    announce_by: date


@dataclass(frozen=True)
class WaitingContribution:
    """A contribution still waiting for a response, or for its response to be communicated."""

    id: str
    plan_title: str
    received_on: date
    excerpt: str
    author: str
    status: str
    days_waiting: int
    decision: str | None = None
    responded_on: date | None = None


@dataclass(frozen=True)
class OrganizationGap:
    """A current member organization with no current alternate representative."""

    id: str
    name: str
    sector: str
    primary: str | None


@dataclass(frozen=True)
class Dashboard:
    """What the secretariat keeps an eye on, for one forum."""

    forum: ForumListing
    today: date
    next_session: NextSession | None
    last_held_on: date | None
    months_since_last_session: int | None
    months_without_session: list[str]  # "YYYY-MM", oldest first
    waiting_response: list[WaitingContribution]
    waiting_communication: list[WaitingContribution]
    without_alternate: list[OrganizationGap]
    compliance: list[PlanCompliance] = field(default_factory=list)
    reminder: ReminderStatus | None = None  # the next session's reminder, when it has one


# -- reads -----------------------------------------------------------------------------------------------------


def _listing(state: ForumState) -> ForumListing:
    return ForumListing(state.id, state.name, state.member, state.established_on, state.timezone, state.language)


def forums(services: Services) -> list[ForumListing]:
    """Every forum, in the order they were established."""
    with reading(services.projector) as r:
        return [_listing(state) for state in r.records_of("forum")]


def forum_language(services: Services, forum_id: str) -> str:
    """The forum's language; NotFound when there is no such forum."""
    with reading(services.projector) as r:
        state, _ = r.record("forum", forum_id)
    return state.language


def _session_item(s: SessionState, tz: str) -> SessionItem:
    minutes = (s.minutes or {}).get("document") or {}
    announced = (s.announcement or {}).get("announced_on")
    return SessionItem(
        s.id, s.title, s.number, s.kind, s.modality, s.venue, s.status, s.scheduled_at.astimezone(zone(tz)),
        s.held_at.astimezone(zone(tz)) if s.held_at else None, announced, minutes.get("title"), minutes.get("url"),
        len(s.attendance) + (s.public_attendees or 0), tuple(item["title"] for item in s.agenda),
        tuple((m["title"], m["url"]) for m in (s.announcement or {}).get("materials") or ()))


def _sessions(r: Reader, forum: ForumState, now: datetime) -> tuple[list[SessionItem], list[SessionItem]]:
    """(sessions still to be held, soonest first; sessions held, latest first)."""
    sessions = r.records_of("session", forum_id=forum.id)
    upcoming = [_session_item(s, forum.timezone) for s in sessions
                if s.status == "scheduled" and s.scheduled_at >= now]
    held = sorted((s for s in sessions if s.status == "held"), key=lambda s: s.held_at, reverse=True)
    return upcoming, [_session_item(s, forum.timezone) for s in held]


def _compliance(services: Services, plans: Iterable[PlanState], lang: str, now: datetime) -> list[PlanCompliance]:
    out = []
    for plan in plans:
        body = glance(services.store, plan.id, lang=lang, now=now)
        items = lambda checks: [CheckItem(c["id"], c["question"], c["answer"]) for c in checks]  # noqa: E731
        out.append(PlanCompliance(plan.id, body["title"], items(body["checks"]),
                                  [(c["title"], items(c["checks"])) for c in body["commitments"]],
                                  body["log"]["position"], body["log"]["head"]))
    return out


def public_forum(services: Services, forum_id: str, lang: str) -> PublicForum:
    """The forum's public page: sessions, minutes, published documents, commitments and compliance answers.

    NotFound when there is no such forum."""
    now = services.clock()
    with reading(services.projector) as r:
        forum, _ = r.record("forum", forum_id)
        upcoming, held = _sessions(r, forum, now)
        plans = r.records_of("plan", forum_id=forum_id)
        commitments = r.records_of("commitment", forum_id=forum_id)
    day = today(forum.timezone, now)
    titles = {p.id: p.title for p in plans}
    documents = sorted((DocumentItem(p.title, p.url, p.kind, p.published_on, plan.title)
                        for plan in plans for p in plan.publications), key=lambda d: d.published_on, reverse=True)
    return PublicForum(
        forum=_listing(forum),
        organizations=sorted((o.name, o.sector) for o in forum.organizations.values() if o.member_on(day)),
        next_sessions=upcoming, held_sessions=held, documents=documents,
        commitments=[CommitmentItem(c.id, c.title, titles.get(c.action_plan_id, ""), c.lead_institution,
                                    list(c.ogp_values), len(c.milestones)) for c in commitments],
        compliance=_compliance(services, plans, lang, now),
        log_head=services.store.head(), log_read_at=now.astimezone(zone(forum.timezone)), **_published(services),
    )


def publication_mark(services: Services) -> int | None:
    """What changes whenever a head is published: what the forum's public page shows of the published heads,
    which its forum's log does not hold."""
    return published_mark(services.engine)


def _published(services: Services) -> dict:
    """The head published last and when, without who published it (that may be a person's email)."""
    last = latest_head(services.engine)
    return {"published_head": last.head, "published_at": last.published_at} if last else {}


def _months_between(earlier: date, later: date) -> int:
    """Whole months from `earlier` to `later`."""
    months = month_index(later) - month_index(earlier)
    return months - (1 if later.day < earlier.day else 0)


def _months_without(held: list[date], established: date, day: date) -> list[str]:
    """The months of the last `MONTHS_SHOWN` (not before the forum) in which no session was held."""
    index = month_index(day)
    first = max(index - MONTHS_SHOWN + 1, month_index(established))
    met = {month_index(d) for d in held}
    return ["{:04d}-{:02d}".format(*month_of(i)) for i in range(first, index + 1) if i not in met]


def _author(c: ContributionState, forum: ForumState) -> str:
    rep_id = c.author.get("representative_id")
    if rep_id:
        rep = forum.representatives.get(rep_id)
        org = forum.organizations.get(rep.organization_id) if rep else None
        return f"{rep.name} ({org.name})" if rep and org else rep_id
    name, organization = c.author.get("name") or "", c.author.get("organization")
    return f"{name} ({organization})" if organization else name


def _waiting(c: ContributionState, forum: ForumState, titles: dict[str, str], day: date) -> WaitingContribution:
    text = c.text if len(c.text) <= EXCERPT else c.text[:EXCERPT].rstrip() + "…"
    since = c.response.responded_on if c.response else c.received_on
    return WaitingContribution(
        c.id, titles.get(c.action_plan_id, ""), c.received_on, text, _author(c, forum), c.status,
        (day - since).days, c.response.decision if c.response else None,
        c.response.responded_on if c.response else None)


def _without_alternate(forum: ForumState, day: date) -> list[OrganizationGap]:
    gaps = []
    for org in forum.organizations.values():
        if not org.member_on(day):
            continue
        serving = [r for r in forum.representatives.values() if r.organization_id == org.id and r.serves_on(day)]
        if not any(r.role == "alternate" for r in serving):
            primary = next((r.name for r in serving if r.role == "primary"), None)
            gaps.append(OrganizationGap(org.id, org.name, org.sector, primary))
    return sorted(gaps, key=lambda g: g.name)


def dashboard(services: Services, forum_id: str, lang: str, channels: tuple[str, ...] = ()) -> Dashboard:
    """The secretariat's dashboard of a forum (full data: only for those who read the forum in full); `channels`:
    those besides email the scheduler has a provider for.

    NotFound when there is no such forum."""
    now = services.clock()
    with reading(services.projector) as r:
        forum, _ = r.record("forum", forum_id)
        upcoming, held = _sessions(r, forum, now)
        plans = r.records_of("plan", forum_id=forum_id)
        contributions = r.records_of("contribution", forum_id=forum_id)
    day = today(forum.timezone, now)
    next_session = None
    if upcoming:
        first = upcoming[0]
        notice = int(forum.policy.get("advance_notice_days") or 0)
        scheduled_day = first.scheduled_at.date()
        next_session = NextSession(first, (scheduled_day - day).days, scheduled_day - timedelta(days=notice))
    reminder = reminder_status(services, forum, next_session.session.id, now, channels) if next_session else None
    held_days = [s.held_at.date() for s in held if s.held_at]
    last = max(held_days) if held_days else None
    titles = {p.id: p.title for p in plans}
    waiting = [_waiting(c, forum, titles, day) for c in contributions if c.status in ("received", "considered")]
    unsent = [_waiting(c, forum, titles, day) for c in contributions if c.status == "responded"]
    return Dashboard(
        forum=_listing(forum), today=day, next_session=next_session, last_held_on=last,
        months_since_last_session=_months_between(last, day) if last else None,
        months_without_session=_months_without(held_days, forum.established_on, day),
        waiting_response=sorted(waiting, key=lambda w: w.days_waiting, reverse=True),
        waiting_communication=sorted(unsent, key=lambda w: w.days_waiting, reverse=True),
        without_alternate=_without_alternate(forum, day),
        compliance=_compliance(services, plans, lang, now), reminder=reminder,
    )
