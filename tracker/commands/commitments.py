"""Commitment commands: draft a commitment of a plan, revise or amend it, the evaluator's assessment, progress, the
end-of-commitment assessment and the lead contact."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tracker.commands.base import Context, Decision, Outcome, check_if_match, execute, load_reference, load_stream
from tracker.commands.forums import load_forum
from tracker.commands.plans import load_plan, require_contributions
from tracker.domain import commitment as rules
from tracker.domain import results
from tracker.domain.commitment import (
    AmendCommitment,
    AssessCommitment,
    CommitmentState,
    DraftCommitment,
    ReportProgress,
    ReviseCommitment,
    is_document_id,
)
from tracker.domain.forum import ForumState
from tracker.domain.results import AssessEnd, NameLeadContact
from tracker.domain.streams import COMMITMENT, DOCUMENT, SESSION, document_stream, new_id


def load_commitment(ctx: Context, commitment_id: str) -> tuple[CommitmentState, int]:
    """The commitment's state and stream version (404 when unknown)."""
    state, version, _ = load_stream(ctx.store, COMMITMENT, commitment_id)
    return state, version


def draft_commitment(ctx: Context, plan_id: str, cmd: dict[str, Any]) -> Outcome:
    commitment_id = new_id(COMMITMENT)
    command = DraftCommitment.of(cmd)

    def attempt() -> Decision:
        plan, version = load_plan(ctx, plan_id)
        check_if_match(ctx, plan_id, version)
        forum, _ = load_forum(ctx, plan.forum_id)
        require_contributions(ctx, forum.id, command.from_contributions)
        return Decision(commitment_id, forum.id, 0, rules.draft(forum, plan, commitment_id, command, ctx.now))

    return execute(ctx, attempt)


def _on_commitment(ctx: Context, commitment_id: str,
                   decide: Callable[[CommitmentState, ForumState], list]) -> Outcome:
    def attempt() -> Decision:
        state, version = load_commitment(ctx, commitment_id)
        check_if_match(ctx, commitment_id, version)
        forum, _ = load_forum(ctx, state.forum_id)
        return Decision(commitment_id, forum.id, version, decide(state, forum))

    return execute(ctx, attempt)


def revise_commitment(ctx: Context, commitment_id: str, cmd: dict[str, Any]) -> Outcome:
    command = ReviseCommitment.of(cmd)

    def decide(state: CommitmentState, forum: ForumState) -> list:
        require_contributions(ctx, forum.id, command.from_contributions)
        return rules.revise(state, forum, command, ctx.now)

    return _on_commitment(ctx, commitment_id, decide)


def amend_commitment(ctx: Context, commitment_id: str, cmd: dict[str, Any]) -> Outcome:
    command = AmendCommitment.of(cmd)

    def decide(state: CommitmentState, forum: ForumState) -> list:
        plan, _ = load_plan(ctx, state.action_plan_id)
        session_id = command.approved_in_session_id
        session = (load_reference(ctx, SESSION, forum.id, session_id, "approved_in_session_id")
                   if session_id else None)
        return rules.amend(state, forum, plan, command, session, ctx.now)

    return _on_commitment(ctx, commitment_id, decide)


def assess_commitment(ctx: Context, commitment_id: str, cmd: dict[str, Any]) -> Outcome:
    command = AssessCommitment.of(cmd)
    return _on_commitment(ctx, commitment_id, lambda s, f: rules.assess(s, f, command, ctx.now))


def _stored_documents(ctx: Context, forum_id: str, evidence: tuple[str, ...]) -> dict[str, bool]:
    """For each evidence id that is a sha256: did the forum store that document (and not withdraw it)?"""
    found = {}
    for sha256 in (e for e in evidence if is_document_id(e)):
        state = DOCUMENT.fold(ctx.store.read_stream(document_stream(forum_id, sha256)))
        found[sha256] = state is not None and state.withdrawn_on is None
    return found


def report_progress(ctx: Context, commitment_id: str, cmd: dict[str, Any]) -> Outcome:
    command = ReportProgress.of(cmd)

    def decide(state: CommitmentState, forum: ForumState) -> list:
        plan, _ = load_plan(ctx, state.action_plan_id)
        documents = _stored_documents(ctx, forum.id, command.evidence)
        return rules.report_progress(state, forum, plan, command, documents, ctx.now)

    return _on_commitment(ctx, commitment_id, decide)


def assess_end(ctx: Context, commitment_id: str, cmd: dict[str, Any]) -> Outcome:
    command = AssessEnd.of(cmd)

    def decide(state: CommitmentState, forum: ForumState) -> list:
        plan, _ = load_plan(ctx, state.action_plan_id)
        return results.assess_end(state, forum, plan, command, ctx.now)

    return _on_commitment(ctx, commitment_id, decide)


def name_lead_contact(ctx: Context, commitment_id: str, cmd: dict[str, Any]) -> Outcome:
    command = NameLeadContact.of(cmd)
    return _on_commitment(ctx, commitment_id, lambda s, f: results.name_lead_contact(s, f, command, ctx.now))
