"""Recommendations from one plan to the next, as the record stood (a compliance snapshot's `as_of` and
`known_at`): a plan's own recommendations with what later plans of its forum answered, and the earlier plans'
recommendations with this plan's answer to each; each names its commitment by title too."""
from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from events import EventStore
from tracker.compliance.snapshot import Snapshot, build
from tracker.domain.commitment import CommitmentState
from tracker.domain.plan import PlanState, RecommendationAnswer
from tracker.domain.recommendations import Recommendation, recommendations_of
from tracker.domain.streams import COMMITMENT, PLAN


def forum_plans(snap: Snapshot) -> dict[str, tuple[PlanState, list[CommitmentState]]]:
    """Every plan of the snapshot's forum (its own included) with its commitments in the order they were drafted,
    as the snapshot's filtered log says."""
    plans: dict[str, tuple[PlanState, list[CommitmentState]]] = {}
    for stream_id, events in snap.streams.items():
        if PLAN.matches(stream_id):
            state = PLAN.fold(events)
            if isinstance(state, PlanState):
                plans[stream_id] = (state, [])
    drafted = sorted((events[0].position, stream_id) for stream_id, events in snap.streams.items()
                     if COMMITMENT.matches(stream_id) and events)
    for _, stream_id in drafted:
        commitment = COMMITMENT.fold(snap.streams[stream_id])
        if isinstance(commitment, CommitmentState) and commitment.action_plan_id in plans:
            plans[commitment.action_plan_id][1].append(commitment)
    return plans


def _titles(plans: dict[str, tuple[PlanState, list[CommitmentState]]]) -> dict[str, str]:
    """The title of every commitment of the forum's plans, by id."""
    return {c.id: c.title for _, commitments in plans.values() for c in commitments}


def _answer(answer: RecommendationAnswer, plan: PlanState, titles: dict[str, str]) -> dict[str, Any]:
    return {"action_plan_id": plan.id, "action_plan_title": plan.title, "response": answer.response,
            "commitment_id": answer.commitment_id, "commitment_title": titles.get(answer.commitment_id or ""),
            "occurred_at": answer.occurred_at, "recorded_at": answer.recorded_at}


def _item(r: Recommendation, titles: dict[str, str]) -> dict[str, Any]:
    return {"id": r.id, "source": r.source, "action_plan_id": r.action_plan_id, "commitment_id": r.commitment_id,
            "commitment_title": titles.get(r.commitment_id or ""), "text": r.text}


def recommendations_with_answers(snap: Snapshot) -> list[dict[str, Any]]:
    """The snapshot's plan's standing recommendations (`tracker.domain.recommendations`), each with the answers
    later plans of the forum recorded to it (`answers`, oldest plan first; empty when none did)."""
    plans = forum_plans(snap)
    titles = _titles(plans)
    plan, commitments = plans[snap.plan.id]
    later = sorted((p for p, _ in plans.values() if p.id != plan.id), key=lambda p: (p.period_start, p.id))
    out = []
    for r in recommendations_of(plan, commitments):
        answers = [_answer(p.recommendation_answers[r.id], p, titles) for p in later
                   if r.id in p.recommendation_answers]
        out.append({**_item(r, titles), "answers": answers})
    return out


def earlier_recommendations(snap: Snapshot) -> list[dict[str, Any]]:
    """The standing recommendations of the forum's earlier plans (those whose period starts before this plan's),
    newest plan first, each with the plan it was made on and this plan's answer (`answer`, None when not
    answered yet)."""
    plans = forum_plans(snap)
    titles = _titles(plans)
    plan = snap.plan
    earlier = sorted((p for p, _ in plans.values() if is_earlier(plan, p)),
                     key=lambda p: (p.period_start, p.id), reverse=True)
    out = []
    for p in earlier:
        for r in recommendations_of(p, plans[p.id][1]):
            answer = plan.recommendation_answers.get(r.id)
            out.append({**_item(r, titles), "action_plan_title": p.title,
                        "answer": _answer(answer, plan, titles) if answer else None})
    return out


def is_earlier(plan: PlanState, other: PlanState) -> bool:
    """Is `other` a plan whose recommendations `plan` may answer (another plan that started before it)?"""
    return other.id != plan.id and other.period_start < plan.period_start



def _answered(store: EventStore, plan_id: str, query: Callable[[Snapshot], list[dict[str, Any]]], *,
              as_of: date | datetime | None, known_at: date | datetime | None,
              now: datetime | None) -> dict[str, Any]:
    snap = build(store, plan_id, as_of=as_of, known_at=known_at, now=now, default_reference=False)
    return {"action_plan_id": snap.plan.id, "as_of": snap.reference_day, "known_at": snap.known_at,
            "log": {"position": snap.head.position, "head": snap.head.hash}, "recommendations": query(snap)}


def present_recommendations(store: EventStore, plan_id: str, *, as_of: date | datetime | None = None,
                            known_at: date | datetime | None = None, now: datetime | None = None) -> dict[str, Any]:
    """`GET /action-plans/{id}/recommendations`: the plan's recommendations with later plans' answers
    (`recommendations_with_answers`), as of `as_of` (default now) as known at `known_at` (default now), with the log
    head. NotFound for a plan unknown at `known_at`."""
    return _answered(store, plan_id, recommendations_with_answers, as_of=as_of, known_at=known_at, now=now)


def present_responses(store: EventStore, plan_id: str, *, as_of: date | datetime | None = None,
                      known_at: date | datetime | None = None, now: datetime | None = None) -> dict[str, Any]:
    """`GET /action-plans/{id}/recommendation-responses`: the earlier plans' recommendations with this plan's answer
    (`earlier_recommendations`), as `present_recommendations` is given."""
    return _answered(store, plan_id, earlier_recommendations, as_of=as_of, known_at=known_at, now=now)
