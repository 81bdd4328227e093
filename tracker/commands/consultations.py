"""Consultation commands: open a public consultation on a plan, extend its deadline."""
from __future__ import annotations

from typing import Any

from tracker.commands.base import Context, Decision, Outcome, check_if_match, execute, load_stream, require_reference
from tracker.commands.forums import load_forum
from tracker.commands.plans import load_plan
from tracker.domain import consultation as rules
from tracker.domain.consultation import ConsultationState, ExtendConsultation, OpenConsultation
from tracker.domain.streams import CONSULTATION, CONTRIBUTION, new_id


def load_consultation(ctx: Context, consultation_id: str) -> tuple[ConsultationState, int]:
    """The consultation's state and stream version (404 when unknown)."""
    state, version, _ = load_stream(ctx.store, CONSULTATION, consultation_id)
    return state, version


def open_consultation(ctx: Context, plan_id: str, cmd: dict[str, Any]) -> Outcome:
    consultation_id = new_id(CONSULTATION)
    command = OpenConsultation.of(cmd)

    def attempt() -> Decision:
        plan, version = load_plan(ctx, plan_id)
        check_if_match(ctx, plan_id, version)
        forum, _ = load_forum(ctx, plan.forum_id)
        events = rules.open_consultation(forum, plan, consultation_id, command, ctx.now)
        return Decision(consultation_id, forum.id, 0, events)

    return execute(ctx, attempt)


def extend_consultation(ctx: Context, consultation_id: str, cmd: dict[str, Any]) -> Outcome:
    command = ExtendConsultation.of(cmd)

    def attempt() -> Decision:
        state, version = load_consultation(ctx, consultation_id)
        check_if_match(ctx, consultation_id, version)
        forum, _ = load_forum(ctx, state.forum_id)
        events = rules.extend(state, forum, command, ctx.now)
        asked_by = command.requested_by_contribution
        if asked_by:
            require_reference(ctx, CONTRIBUTION, forum.id, asked_by, "requested_by_contribution")
        return Decision(consultation_id, forum.id, version, events)

    return execute(ctx, attempt)
