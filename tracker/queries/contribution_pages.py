"""The reads of the contribution pages (the inbox and one contribution) and of the public consultation form.

Everything comes from the `records` read model the API reads; authors are shown as `visible_author` lets the
reader see them (the inbox is for full readers, but the rule is applied here all the same).
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import date

from tracker.bootstrap import Services
from tracker.commands.contributions import minors_of
from tracker.domain.consultation import ConsultationState
from tracker.domain.contribution import ContributionState, visible_author
from tracker.domain.forum import ForumState
from tracker.domain.plan import PlanState
from tracker.domain.time import today
from tracker.domain.vocabulary import CONTRIBUTION_STATUSES
from tracker.queries.public_pages import reference_of
from tracker.read_models.records import reading


@dataclass(frozen=True)
class ContributionRow:
    """A contribution as the inbox lists it."""

    state: ContributionState
    author: str
    days_waiting: int | None  # days since received (or since the response, once answered); None once communicated
    late: bool  # received after its consultation closed, against the closing day as known now


@dataclass(frozen=True)
class Inbox:
    """A plan's (or a forum's) contributions, grouped by status, with what the forms offer."""

    forum: ForumState
    plans: list[PlanState]
    plan: PlanState | None
    today: date
    groups: dict[str, list[ContributionRow]]
    representatives: list[tuple[str, str]]  # (id, "name (organization)") serving today
    sessions: list[tuple[str, str]]  # (id, title)
    commitments: list[tuple[str, str]]  # (id, title)


def author_label(author: dict, forum: ForumState, full: bool) -> str:
    """The author as one line, as much as this reader may see."""
    shown = visible_author(author, full, minors_of(forum))
    name = shown.get("name")
    organization = shown.get("organization")
    if not name:
        return organization or ""
    return f"{name} ({organization})" if organization else name


def _row(c: ContributionState, forum: ForumState, full: bool, day: date,
         consultation: ConsultationState | None) -> ContributionRow:
    if c.status == "communicated":
        waiting = None
    else:
        waiting = (day - (c.response.responded_on if c.response else c.received_on)).days
    return ContributionRow(c, author_label(c.author, forum, full), waiting, c.late_against(consultation))


def _choices(r, forum: ForumState, plan_id: str | None, day: date):
    reps = []
    for rep in forum.representatives.values():
        if rep.serves_on(day):
            org = forum.organizations.get(rep.organization_id)
            reps.append((rep.id, f"{rep.name} ({org.name})" if org else rep.name))
    sessions = [(s.id, f"{s.title} ({s.scheduled_at.date().isoformat()})")
                for s in r.records_of("session", forum_id=forum.id)]
    commitments = [(c.id, c.title) for c in (r.records_of("commitment", action_plan_id=plan_id) if plan_id
                                            else r.records_of("commitment", forum_id=forum.id))]
    return sorted(reps, key=lambda x: x[1]), sessions, commitments


def _folded(text: str) -> str:
    """Lower case without accents, for a search that finds "participacion" in "Participación"."""
    return "".join(ch for ch in unicodedata.normalize("NFD", text.casefold()) if not unicodedata.combining(ch))


def matches(c: ContributionState, query: str) -> bool:
    """Whether a contribution is the one a search means: its public reference ("9D84EF", "Aporte 9D84EF",
    "#9d84ef") or its id, else every word of `query` in its text (case and accents aside)."""
    words = _folded(query).replace("#", " ").split()
    if not words:
        return True
    if words[0] in ("aporte", "contribution") and len(words) == 2:
        words = words[1:]
    if len(words) == 1 and (reference_of(c.id).casefold() == words[0] or c.id.casefold() == words[0]):
        return True
    text = _folded(c.text)
    return all(w in text for w in words)


def inbox(services: Services, *, plan_id: str | None = None, forum_id: str | None = None,
          status: str | None = None, full: bool = True, query: str | None = None) -> Inbox:
    """The contributions of a plan (or of every plan of a forum), grouped by status (only `status` when
    given); with `query`, only those it finds (`matches`). NotFound for an unknown plan or forum."""
    with reading(services.projector) as r:
        plan = None
        if plan_id is not None:
            plan, _ = r.record("plan", plan_id)
            forum_id = plan.forum_id
        assert forum_id is not None, "inbox is asked for a plan or a forum"
        forum, _ = r.record("forum", forum_id)
        plans = r.records_of("plan", forum_id=forum.id)
        states = (r.records_of("contribution", action_plan_id=plan_id) if plan_id
                  else r.records_of("contribution", forum_id=forum.id))
        consultations = {c.id: c for c in r.records_of("consultation", forum_id=forum.id)}
        day = today(forum.timezone, services.clock())
        reps, sessions, commitments = _choices(r, forum, plan_id, day)
    groups: dict[str, list[ContributionRow]] = {s: [] for s in CONTRIBUTION_STATUSES if status in (None, s)}
    for c in states:
        if c.status in groups and (not query or matches(c, query)):
            groups[c.status].append(_row(c, forum, full, day, consultations.get(c.consultation_id or "")))
    return Inbox(forum, plans, plan, day, groups, reps, sessions, commitments)


@dataclass(frozen=True)
class ContributionPage:
    """One contribution with its plan and forum, and what its forms offer."""

    row: ContributionRow
    forum: ForumState
    plan: PlanState
    today: date
    sessions: list[tuple[str, str]]
    commitments: list[tuple[str, str]]
    consultation: ConsultationState | None


def contribution(services: Services, contribution_id: str, full: bool = True) -> ContributionPage:
    """One contribution (NotFound when unknown)."""
    with reading(services.projector) as r:
        state, _ = r.record("contribution", contribution_id)
        forum, _ = r.record("forum", state.forum_id)
        plan, _ = r.record("plan", state.action_plan_id)
        consultation = r.record("consultation", state.consultation_id)[0] if state.consultation_id else None
        day = today(forum.timezone, services.clock())
        _, sessions, commitments = _choices(r, forum, plan.id, day)
    return ContributionPage(_row(state, forum, full, day, consultation), forum, plan, day, sessions, commitments,
                            consultation)


@dataclass(frozen=True)
class ConsultationWindow:
    """A forum's public consultations as the public form sees them today (the forum's day)."""

    forum: ForumState
    today: date
    open: list[ConsultationState]  # open today (opens_on <= today <= the current closes_on), soonest closing first
    next: ConsultationState | None  # the next to open
    last: ConsultationState | None  # the latest to have closed
    plan_titles: dict[str, str]


def consultations(services: Services, forum_id: str) -> ConsultationWindow:
    """The forum's consultations around today, in its timezone (NotFound for an unknown forum)."""
    with reading(services.projector) as r:
        forum, _ = r.record("forum", forum_id)
        states = r.records_of("consultation", forum_id=forum_id)
        plans = r.records_of("plan", forum_id=forum_id)
    day = today(forum.timezone, services.clock())
    open_ = sorted((c for c in states if c.opens_on <= day <= c.closes_on), key=lambda c: c.closes_on)
    future = sorted((c for c in states if c.opens_on > day), key=lambda c: c.opens_on)
    past = sorted((c for c in states if c.closes_on < day), key=lambda c: c.closes_on)
    return ConsultationWindow(forum, day, open_, future[0] if future else None, past[-1] if past else None,
                              {p.id: p.title for p in plans})
