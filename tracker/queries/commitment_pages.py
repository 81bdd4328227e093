"""The reads of the commitment pages: a plan's commitments, one commitment as the API presents it (with its
revisions and whether its text moved since the endorsement), and the plan's contributions to cite."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tracker.bootstrap import Services
from tracker.domain.forum import ForumState
from tracker.domain.plan import PlanState
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
    """One commitment as the API presents it, its plan and forum, and the plan's contributions."""

    forum: ForumState
    plan: PlanState
    commitment: dict[str, Any]
    contributions: list[tuple[str, str]]


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


def commitment(services: Services, commitment_id: str) -> CommitmentPage:
    """One commitment (NotFound when unknown)."""
    with reading(services.projector) as r:
        state, _ = r.record("commitment", commitment_id)
        plan, _ = r.record("plan", state.action_plan_id)
        forum, _ = r.record("forum", plan.forum_id)
        contributions = _contributions(r, plan.id)
    return CommitmentPage(forum, plan, present_commitment(state, plan), contributions)
