"""Action plan commands: open a plan's co-creation, submit, publish, endorse, and the evaluator's judgements.

Also what the plan's rules need to read, from the streams themselves (the write side decides on the log, never
on a read model): the plan's commitments (streams of their own, found through the forum's events) and the session
an endorsement names, each folded by its own kind's fold (tracker.domain.streams).
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from events.catalog.plans import ActionPlanOpened, CommitmentDrafted
from tracker.commands.base import (
    Context,
    Decision,
    Outcome,
    check_if_match,
    execute,
    load_reference,
    load_stream,
    require_reference,
)
from tracker.commands.forums import load_forum
from tracker.domain import plan as rules
from tracker.domain import results
from tracker.domain.commitment import CommitmentState
from tracker.domain.errors import NotFound
from tracker.domain.forum import ForumState
from tracker.domain.plan import (
    EndorsePlan,
    JudgeCheck,
    MakePublication,
    OpenActionPlan,
    PlanState,
    SubmitPlan,
    WithdrawEndorsement,
)
from tracker.domain.recommendations import Recommendation, recommendations_of
from tracker.domain.results import AnswerRecommendation, AssessPlan
from tracker.domain.streams import (
    COMMITMENT,
    CONTRIBUTION,
    JUDGEMENT,
    PLAN,
    PUBLICATION,
    SESSION,
    new_id,
    plan_of_endorsement,
)
from tracker.queries.recommendations import is_earlier


def load_plan(ctx: Context, plan_id: str) -> tuple[PlanState, int]:
    """The plan's state and stream version (404 when unknown)."""
    state, version, _ = load_stream(ctx.store, PLAN, plan_id)
    return state, version


def open_action_plan(ctx: Context, forum_id: str, cmd: dict[str, Any]) -> Outcome:
    plan_id = new_id(PLAN)
    command = OpenActionPlan.of(cmd)

    def attempt() -> Decision:
        forum, _ = load_forum(ctx, forum_id)
        return Decision(plan_id, forum_id, 0, rules.open_plan(forum, plan_id, command, ctx.now))

    return execute(ctx, attempt)


# -- what other streams say --------------------------------------------------------------------------


def require_contributions(ctx: Context, forum_id: str, from_contributions: Iterable[str]) -> None:
    """Every id in `from_contributions` names a contribution of this forum."""
    for ctb in from_contributions:
        require_reference(ctx, CONTRIBUTION, forum_id, ctb, "from_contributions")


def plan_commitments(ctx: Context, plan: PlanState) -> list[CommitmentState]:
    """The plan's commitments, in the order they were drafted."""
    found = ctx.store.read_all(tenant_id=plan.forum_id, types=[CommitmentDrafted.type_name()])
    ids = [e.stream_id for e in found if e.data["action_plan_id"] == plan.id]
    return [load_stream(ctx.store, COMMITMENT, cid)[0] for cid in ids]


def earlier_recommendations(ctx: Context, plan: PlanState) -> dict[str, Recommendation]:
    """The standing recommendations of the forum's plans earlier than `plan` (`is_earlier`), by id."""
    opened = ctx.store.read_all(tenant_id=plan.forum_id, types=[ActionPlanOpened.type_name()])
    found: dict[str, Recommendation] = {}
    for e in opened:
        other, _ = load_plan(ctx, e.stream_id)
        if is_earlier(plan, other):
            found.update((r.id, r) for r in recommendations_of(other, plan_commitments(ctx, other)))
    return found


def load_endorsement(ctx: Context, endorsement_id: str) -> tuple[PlanState, int]:
    """The plan an endorsement belongs to, and its version (404 when the id names no endorsement)."""
    plan_id = plan_of_endorsement(endorsement_id)
    if plan_id is None or ctx.store.tenant_of(plan_id) is None:
        raise NotFound(f"no endorsement has the id {endorsement_id}")
    plan, version = load_plan(ctx, plan_id)
    plan.endorsement(endorsement_id)
    return plan, version


# -- commands on the plan's stream ---------------------------------------------------------------------


def _on_plan(ctx: Context, plan_id: str, decide: Callable[[PlanState, ForumState], list],
             result_id: str | None = None) -> Outcome:
    def attempt() -> Decision:
        plan, version = load_plan(ctx, plan_id)
        check_if_match(ctx, plan_id, version)
        forum, _ = load_forum(ctx, plan.forum_id)
        return Decision(plan_id, plan.forum_id, version, decide(plan, forum), result_id)

    return execute(ctx, attempt)


def submit_plan(ctx: Context, plan_id: str, cmd: dict[str, Any]) -> Outcome:
    command = SubmitPlan.of(cmd)
    return _on_plan(ctx, plan_id, lambda p, f: rules.submit(p, f, command, ctx.now))


def publish(ctx: Context, plan_id: str, cmd: dict[str, Any]) -> Outcome:
    publication_id = new_id(PUBLICATION)
    command = MakePublication.of(cmd)

    def decide(plan: PlanState, forum: ForumState) -> list:
        events = rules.publish(plan, forum, publication_id, command, ctx.now)
        if command.session_id:
            require_reference(ctx, SESSION, forum.id, command.session_id, "session_id")
        return events

    return _on_plan(ctx, plan_id, decide, publication_id)


def endorse(ctx: Context, plan_id: str, cmd: dict[str, Any]) -> Outcome:
    command = EndorsePlan.of(cmd)

    def decide(plan: PlanState, forum: ForumState) -> list:
        session_id = command.session_id
        session = load_reference(ctx, SESSION, forum.id, session_id, "session_id") if session_id else None
        revisions = {c.id: c.revision for c in plan_commitments(ctx, plan)}
        return rules.endorse(plan, forum, command, session, revisions, ctx.now)

    outcome = _on_plan(ctx, plan_id, decide)
    outcome.id = outcome.events[0].data["endorsement_id"]
    return outcome


def withdraw_endorsement(ctx: Context, endorsement_id: str, cmd: dict[str, Any]) -> Outcome:
    plan, _ = load_endorsement(ctx, endorsement_id)
    command = WithdrawEndorsement.of(cmd)
    return _on_plan(ctx, plan.id, lambda p, f: rules.withdraw_endorsement(p, f, endorsement_id, command, ctx.now),
                    endorsement_id)


def judge(ctx: Context, plan_id: str, cmd: dict[str, Any]) -> Outcome:
    judgement_id = new_id(JUDGEMENT)
    command = JudgeCheck.of(cmd)

    def decide(plan: PlanState, forum: ForumState) -> list:
        commitments = [c.id for c in plan_commitments(ctx, plan)]
        return rules.judge(plan, forum, judgement_id, command, commitments, ctx.now)

    return _on_plan(ctx, plan_id, decide, judgement_id)


def assess_plan(ctx: Context, plan_id: str, cmd: dict[str, Any]) -> Outcome:
    command = AssessPlan.of(cmd)
    return _on_plan(ctx, plan_id, lambda p, f: results.assess_plan(p, f, command, ctx.now))


def answer_recommendation(ctx: Context, plan_id: str, cmd: dict[str, Any]) -> Outcome:
    command = AnswerRecommendation.of(cmd)

    def decide(plan: PlanState, forum: ForumState) -> list:
        commitment = None
        if command.commitment_id is not None and ctx.store.tenant_of(command.commitment_id) == forum.id:
            commitment = COMMITMENT.fold(ctx.store.read_stream(command.commitment_id))
        return results.answer_recommendation(plan, forum, command, earlier_recommendations(ctx, plan),
                                             commitment if isinstance(commitment, CommitmentState) else None,
                                             ctx.now)

    return _on_plan(ctx, plan_id, decide)
