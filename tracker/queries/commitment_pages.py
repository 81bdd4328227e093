"""The reads of the commitment pages: a plan's commitments, one commitment as the API presents it (with its
revisions and whether its text moved since the endorsement), and the plan's contributions to cite."""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from tracker.bootstrap import Services
from tracker.domain.forum import ForumState
from tracker.domain.plan import PlanState
from tracker.domain.time import today
from tracker.queries.commitments import present_commitment
from tracker.queries.public_pages import reference_of
from tracker.read_models.records import reading

#: How much of a contribution's text a choice shows.
EXCERPT = 90


@dataclass(frozen=True)
class CommitmentsPage:
    """A plan's commitments (each as the API presents it) and the plan's contributions."""

    forum: ForumState
    plan: PlanState
    commitments: list[dict[str, Any]]
    contributions: list[tuple[str, str]]  # (id, excerpt)


@dataclass(frozen=True)
class CommitmentPage:
    """One commitment as the API presents it, its plan and forum, the plan's contributions, and (for those who
    write the forum: a representative's name is personal data) its lead contact's name and organization and the
    representatives who may be named, as (id, "name · organization")."""

    forum: ForumState
    plan: PlanState
    commitment: dict[str, Any]
    contributions: list[tuple[str, str]]
    lead_contact: str | None = None
    representatives: list[tuple[str, str]] = field(default_factory=list)


def _who(forum: ForumState, representative_id: str) -> str:
    rep = forum.representatives[representative_id]
    organization = forum.organizations.get(rep.organization_id)
    return f"{rep.name} · {organization.name}" if organization else rep.name


def lead_contact_choices(forum: ForumState, today: date) -> list[tuple[str, str]]:
    """The representatives serving today who may be named a commitment's lead contact, by name."""
    serving = [r for r in forum.representatives.values() if r.serves_on(today) and r.withdrawn_on is None]
    return sorted(((r.id, _who(forum, r.id)) for r in serving), key=lambda o: o[1].casefold())


def _excerpt(text: str) -> str:
    return text if len(text) <= EXCERPT else text[:EXCERPT].rstrip() + "…"


def _contributions(r, plan_id: str) -> list[tuple[str, str]]:
    # By the public reference the receipt and the public page give (no ISO date, no id): "9D84EF · Publicar…".
    return [(c.id, f"{reference_of(c.id)} · {_excerpt(c.text)}")
            for c in r.records_of("contribution", action_plan_id=plan_id)]


def commitments(services: Services, plan_id: str) -> CommitmentsPage:
    """The plan's commitments in the order drafted (NotFound for an unknown plan)."""
    with reading(services.projector) as r:
        plan, _ = r.record("plan", plan_id)
        forum, _ = r.record("forum", plan.forum_id)
        states = r.records_of("commitment", action_plan_id=plan_id)
        contributions = _contributions(r, plan_id)
    return CommitmentsPage(forum, plan, [present_commitment(s, plan) for s in states], contributions)


def commitment(services: Services, commitment_id: str, *, with_people: bool = False) -> CommitmentPage:
    """One commitment (NotFound when unknown); `with_people` adds its lead contact's name and the representatives
    who may be named (only for those who write the forum)."""
    with reading(services.projector) as r:
        state, _ = r.record("commitment", commitment_id)
        plan, _ = r.record("plan", state.action_plan_id)
        forum, _ = r.record("forum", plan.forum_id)
        contributions = _contributions(r, plan.id)
    page = CommitmentPage(forum, plan, present_commitment(state, plan), contributions)
    if not with_people:
        return page
    lead = state.lead_representative_id
    return replace(page, lead_contact=_who(forum, lead) if lead in forum.representatives else None,
                   representatives=lead_contact_choices(forum, today(forum.timezone, services.clock())))
