"""Contribution commands (receive, consider, respond, communicate) and the contribution's trail (read from the log).

Sessions, consultations and commitments belong to other areas: a command that names one is checked through the
store (the id's kind, its tenant) and the state its stream folds to with its own fold (tracker.domain.streams),
never through a second reading of its events.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from events import NewEvent, RecordedEvent
from events.catalog import registry
from tracker.commands.base import Context, Decision, Outcome, check_if_match, execute, load_reference, load_stream
from tracker.commands.forums import load_forum
from tracker.commands.plans import load_plan
from tracker.domain import contribution as rules
from tracker.domain.consultation import ConsultationState
from tracker.domain.contribution import (
    CommunicateResponse,
    ConsiderContribution,
    ContributionState,
    HideContributionText,
    ReceiveContribution,
    RespondToContribution,
)
from tracker.domain.errors import InvalidField
from tracker.domain.forum import ForumState
from tracker.domain.session import SessionState
from tracker.domain.streams import COMMITMENT, CONSULTATION, CONTRIBUTION, SESSION, new_id

#: Events of other streams that name the contributions they came from (`from_contributions`).
LINKED_TYPES = ("CommitmentDrafted", "CommitmentRevised")
#: Extensions of a consultation asked for by a contribution (`requested_by_contribution`).
EXTENSION_TYPE = "ConsultationExtended"


def load_contribution(ctx: Context, contribution_id: str) -> tuple[ContributionState, int]:
    """The contribution's state and stream version (404 when unknown)."""
    state, version, _ = load_stream(ctx.store, CONTRIBUTION, contribution_id)
    return state, version


def _session(ctx: Context, forum: ForumState, session_id: str | None) -> SessionState | None:
    """The session a command names (422 on `session_id` when it is no session of this forum)."""
    return load_reference(ctx, SESSION, forum.id, session_id, "session_id") if session_id is not None else None


def _consultation(ctx: Context, forum: ForumState, plan_id: str, consultation_id: str | None
                  ) -> ConsultationState | None:
    """The consultation a command names: one of this forum and of this plan (else 422 on `consultation_id`)."""
    if consultation_id is None:
        return None
    state = load_reference(ctx, CONSULTATION, forum.id, consultation_id, "consultation_id")
    if state.action_plan_id != plan_id:
        raise InvalidField("consultation_id", f"consultation {consultation_id} belongs to another action plan")
    return state


def _commitment(ctx: Context, forum: ForumState, plan_id: str, commitment_id: str | None) -> None:
    """Refuse (422 on `commitment_id`) a commitment that is not of this forum and of this plan."""
    if commitment_id is None:
        return
    state = load_reference(ctx, COMMITMENT, forum.id, commitment_id, "commitment_id")
    if state.action_plan_id != plan_id:
        raise InvalidField("commitment_id", f"commitment {commitment_id} belongs to another action plan")


def receive_contribution(ctx: Context, plan_id: str, cmd: dict[str, Any]) -> Outcome:
    contribution_id = new_id(CONTRIBUTION)
    command = ReceiveContribution.of(cmd)

    def attempt() -> Decision:
        plan, _ = load_plan(ctx, plan_id)
        forum, _ = load_forum(ctx, plan.forum_id)
        session = _session(ctx, forum, command.session_id)
        _commitment(ctx, forum, plan_id, command.commitment_id)
        consultation = _consultation(ctx, forum, plan_id, command.consultation_id)
        events = rules.receive(forum, plan_id, contribution_id, command, session, consultation, ctx.now)
        return Decision(contribution_id, forum.id, 0, events)

    return execute(ctx, attempt)


Decide = Callable[[ContributionState, ForumState], list[NewEvent]]


def _on_contribution(ctx: Context, contribution_id: str, decide: Decide) -> Outcome:
    def attempt() -> Decision:
        state, version = load_contribution(ctx, contribution_id)
        check_if_match(ctx, contribution_id, version)
        forum, _ = load_forum(ctx, state.forum_id)
        return Decision(contribution_id, state.forum_id, version, decide(state, forum))

    return execute(ctx, attempt)


def consider_contribution(ctx: Context, contribution_id: str, cmd: dict[str, Any]) -> Outcome:
    command = ConsiderContribution.of(cmd)

    def decide(state: ContributionState, forum: ForumState) -> list[NewEvent]:
        session = _session(ctx, forum, command.session_id)
        return rules.consider(state, forum, command, session, ctx.now)

    return _on_contribution(ctx, contribution_id, decide)


def respond_to_contribution(ctx: Context, contribution_id: str, cmd: dict[str, Any]) -> Outcome:
    command = RespondToContribution.of(cmd)

    def decide(state: ContributionState, forum: ForumState) -> list[NewEvent]:
        _commitment(ctx, forum, state.action_plan_id, command.commitment_id)
        return rules.respond(state, forum, command, ctx.now)

    return _on_contribution(ctx, contribution_id, decide)


def communicate_response(ctx: Context, contribution_id: str, cmd: dict[str, Any]) -> Outcome:
    command = CommunicateResponse.of(cmd)

    def decide(state: ContributionState, forum: ForumState) -> list[NewEvent]:
        return rules.communicate(state, forum, command, ctx.now)

    return _on_contribution(ctx, contribution_id, decide)


def hide_contribution_text(ctx: Context, contribution_id: str, cmd: dict[str, Any]) -> Outcome:
    """The contribution's text is hidden from the public, with the reason shown instead."""
    command = HideContributionText.of(cmd)

    def decide(state: ContributionState, forum: ForumState) -> list[NewEvent]:
        return rules.hide_text(state, forum, command, ctx.now)

    return _on_contribution(ctx, contribution_id, decide)


def withdraw_contributor_channel(ctx: Context, contribution_id: str, channel: str, source: str) -> Outcome:
    """A public author's agreement to be answered by `channel` withdrawn: through a provider's callback (`source`
    the provider) or told to the secretariat (`source` "secretariat")."""

    def decide(state: ContributionState, forum: ForumState) -> list[NewEvent]:
        return rules.withdraw_channel(state, forum, channel, ctx.now, source)

    return _on_contribution(ctx, contribution_id, decide)


# -- reads -------------------------------------------------------------------------------------------


def minors_of(forum: ForumState) -> frozenset[str]:
    """The representatives whose names the public never sees."""
    return frozenset(r.id for r in forum.representatives.values() if r.is_minor)


def late_now(ctx: Context, state: ContributionState) -> bool:
    """Was the contribution received after its consultation closed, as the log knows the closing day now?"""
    if state.consultation_id is None:
        return False
    consultation, _, _ = load_stream(ctx.store, CONSULTATION, state.consultation_id)
    return state.late_against(consultation)


def contribution_trail(ctx: Context, contribution_id: str) -> tuple[ContributionState, ForumState,
                                                                   list[RecordedEvent]]:
    """Every event about a contribution, by position: its own stream, the commitments drafted or revised
    from it, and the consultation extensions it asked for."""
    state, _ = load_contribution(ctx, contribution_id)
    forum, _ = load_forum(ctx, state.forum_id)
    own = ctx.store.read_stream(contribution_id)
    # read_all refuses names no module has declared; take only the declared ones.
    types = [name for name in (*LINKED_TYPES, EXTENSION_TYPE) if name in registry]
    linked = [e for e in ctx.store.read_all(tenant_id=state.forum_id, types=types)
              if contribution_id in (e.data.get("from_contributions") or ())
              or e.data.get("requested_by_contribution") == contribution_id]
    return state, forum, sorted([*own, *linked], key=lambda e: e.position)
