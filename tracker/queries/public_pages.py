"""The public's reads of what became of its input: each plan's most recent contributions with their stage (on the
forum's page), a plan's contributions a page at a time, one contribution's public page, and the receipt the
public form shows after a contribution is sent.

What the public may see is decided here: the author as `visible_author` shows it to anonymous readers (never a
member of the public's name or email, never a minor's name), the text unless the secretariat hid it (then the
reason), and the response's reasoning only once the response was communicated. The view models have no field
for anything else.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from tracker.bootstrap import Services
from tracker.commands.contributions import minors_of
from tracker.domain.contribution import ContributionState, visible_author
from tracker.domain.errors import NotFound
from tracker.domain.forum import DEFAULT_RESPONSE_DAYS, ForumState
from tracker.read_models.records import Reader, reading

#: How much of a contribution's text the forum's page shows.
EXCERPT = 160
#: How many characters of the id (its end, upper-cased) make the short reference given to the public.
REFERENCE_LENGTH = 6


def reference_of(contribution_id: str) -> str:
    """The short reference the public form gives: the id's last characters, upper-cased (the id ends in random
    hex digits, so the secretariat finds it by the end of the id)."""
    return contribution_id[-REFERENCE_LENGTH:].upper()


@dataclass(frozen=True)
class PublicCommunication:
    """How and when the response was made known."""

    channel: str
    communicated_on: date
    url: str | None


@dataclass(frozen=True)
class PublicContribution:
    """A contribution as anyone may see it."""

    id: str
    reference: str
    forum_id: str
    forum_name: str
    timezone: str
    plan_title: str
    text: str | None  # None when the secretariat hid it
    excerpt: str | None
    hidden_reason: str | None
    hidden_on: date | None
    channel: str
    received_on: date
    status: str
    author: str  # an organization, or a representative's name as the public may see it; "" for a private person
    from_public: bool
    decision: str | None  # once responded
    responded_on: date | None
    reasoning: str | None  # only once communicated
    communications: list[PublicCommunication]
    commitment_id: str | None  # the commitment it shaped (from the response, else as received)
    commitment_title: str | None


#: How many of a plan's contributions the forum's public page shows (the most recent); all of them are on the
#: plan's list, a page at a time.
ON_FORUM_PAGE = 20
#: How many contributions a page of a plan's public list shows.
PER_PAGE = 50


@dataclass(frozen=True)
class PlanContributions:
    """One plan's most recent contributions, newest first, and how many it has in all."""

    plan_id: str
    title: str
    contributions: list[PublicContribution]
    total: int


@dataclass(frozen=True)
class ContributionsPage:
    """A page of a plan's contributions as the public sees them, newest first."""

    forum_id: str
    forum_name: str
    plan_id: str
    plan_title: str
    contributions: list[PublicContribution]
    total: int
    page: int  # from 1
    pages: int  # at least 1


@dataclass(frozen=True)
class Receipt:
    """What the public form says after a contribution was sent."""

    contribution: PublicContribution
    respond_by: date  # received_on + the forum's response_days
    response_days: int
    feedback_by_email: bool  # the forum's policy: the response is emailed to authors who gave an address


def _author(c: ContributionState, forum: ForumState) -> str:
    shown = visible_author(c.author, False, minors_of(forum))
    name, organization = shown.get("name"), shown.get("organization")
    if name and organization:
        return f"{name} ({organization})"
    return name or organization or ""


def _public(c: ContributionState, forum: ForumState, plan_titles: dict[str, str],
            commitment_titles: dict[str, str]) -> PublicContribution:
    hidden = c.hidden
    text = None if hidden else c.text
    excerpt = None if text is None else text if len(text) <= EXCERPT else text[:EXCERPT].rstrip() + "…"
    response = c.response
    commitment_id = (response.commitment_id if response else None) or c.commitment_id
    communicated = bool(c.communications)
    return PublicContribution(
        c.id, reference_of(c.id), forum.id, forum.name, forum.timezone, plan_titles.get(c.action_plan_id, ""), text,
        excerpt, hidden.reason if hidden else None, hidden.hidden_on if hidden else None, c.channel, c.received_on,
        c.status, _author(c, forum), c.author.get("kind") == "public",
        response.decision if response else None, response.responded_on if response else None,
        response.reasoning if response and communicated else None,
        [PublicCommunication(m.channel, m.communicated_on, m.url) for m in c.communications],
        commitment_id, commitment_titles.get(commitment_id) if commitment_id else None)


def _titles(r: Reader, forum_id: str) -> tuple[dict[str, str], dict[str, str]]:
    plans = {p.id: p.title for p in r.records_of("plan", forum_id=forum_id)}
    commitments = {c.id: c.title for c in r.records_of("commitment", forum_id=forum_id)}
    return plans, commitments


def _newest_first(states: list[ContributionState]) -> list[ContributionState]:
    return sorted(states, key=lambda c: (c.received_on, c.id), reverse=True)


def _of_forum(r: Reader, kind: str, id: str, forum_id: str, what: str) -> tuple[Any, ForumState,
                                                                             tuple[dict[str, str], dict[str, str]]]:
    """The record of `kind` if it belongs to the forum (NotFound otherwise, naming it `what`), the forum, and the
    forum's plan and commitment titles."""
    state, _ = r.record(kind, id)
    if state.forum_id != forum_id:
        raise NotFound(f"no {what} has the id {id}")
    forum, _ = r.record("forum", forum_id)
    return state, forum, _titles(r, forum_id)


def forum_contributions(services: Services, forum_id: str, most: int = ON_FORUM_PAGE) -> list[PlanContributions]:
    """Each plan's `most` most recent contributions as the public sees them, and how many it has (plans in the
    order opened; only plans with contributions; NotFound for no forum)."""
    with reading(services.projector) as r:
        forum, _ = r.record("forum", forum_id)
        plans = r.records_of("plan", forum_id=forum_id)
        plan_titles, commitment_titles = _titles(r, forum_id)
        states = r.records_of("contribution", forum_id=forum_id)
    out = []
    for plan in plans:
        theirs = [c for c in states if c.action_plan_id == plan.id]
        if theirs:
            shown = [_public(c, forum, plan_titles, commitment_titles) for c in _newest_first(theirs)[:most]]
            out.append(PlanContributions(plan.id, plan.title, shown, len(theirs)))
    return out


def plan_contributions(services: Services, forum_id: str, plan_id: str, page: int) -> ContributionsPage:
    """Page `page` (from 1, PER_PAGE each) of the plan's contributions as the public sees them, newest first.
    NotFound for a plan not of that forum, or a page past the last (page 1 of a plan without contributions is
    empty)."""
    with reading(services.projector) as r:
        plan, forum, (plan_titles, commitment_titles) = _of_forum(r, "plan", plan_id, forum_id, "action plan")
        theirs = r.records_of("contribution", action_plan_id=plan_id)
    pages = max(1, -(-len(theirs) // PER_PAGE))
    if not 1 <= page <= pages:
        raise NotFound(f"the contributions to {plan_id} have {pages} page(s), not a page {page}")
    chosen = _newest_first(theirs)[(page - 1) * PER_PAGE:page * PER_PAGE]
    return ContributionsPage(forum.id, forum.name, plan.id, plan.title,
                             [_public(c, forum, plan_titles, commitment_titles) for c in chosen],
                             len(theirs), page, pages)


def contribution(services: Services, forum_id: str, contribution_id: str) -> PublicContribution:
    """One contribution of the forum as the public sees it (NotFound when unknown, or of another forum)."""
    with reading(services.projector) as r:
        state, forum, (plan_titles, commitment_titles) = _of_forum(r, "contribution", contribution_id, forum_id,
                                                                    "contribution")
    return _public(state, forum, plan_titles, commitment_titles)


def receipt(services: Services, forum_id: str, contribution_id: str) -> Receipt:
    """The receipt of a contribution just sent: its public view and by when the forum's policy says it should
    be answered."""
    with reading(services.projector) as r:
        forum, _ = r.record("forum", forum_id)
    page = contribution(services, forum_id, contribution_id)
    policy = forum.policy_on(page.received_on)
    days = int(policy.get("response_days") or DEFAULT_RESPONSE_DAYS)
    return Receipt(page, page.received_on + timedelta(days=days), days, bool(policy.get("feedback_by_email")))
