"""Contribution commands (receive, consider, respond, communicate) and the contribution's trail (read from the log).

Sessions, consultations and commitments belong to other areas: they are checked here only through the
store (the id's prefix, its tenant, and the facts its stream holds), never through their code.
"""
from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from events import NewEvent, RecordedEvent
from events.catalog import registry
from tracker.commands.base import Context, Decision, Outcome, check_if_match, execute, load, new_id
from tracker.commands.forums import load_forum
from tracker.commands.plans import load_plan
from tracker.domain import contribution as rules
from tracker.domain.contribution import ConsultationFacts, ContributionState, SessionFacts
from tracker.domain.errors import InvalidField, NotFound
from tracker.domain.forum import ForumState
from tracker.domain.time import local_day

#: Events of other streams that name the contributions they came from (`from_contributions`).
LINKED_TYPES = ("CommitmentDrafted", "CommitmentRevised")
#: Extensions of a consultation asked for by a contribution (`requested_by_contribution`).
EXTENSION_TYPE = "ConsultationExtended"


def load_contribution(ctx: Context, contribution_id: str) -> tuple[ContributionState, int]:
    """The contribution's state and stream version (404 when unknown)."""
    if not contribution_id.startswith("ctb_"):
        raise NotFound(f"no contribution has the id {contribution_id}")
    state, version, _ = load(ctx.store, contribution_id, rules.fold, "contribution")
    return state, version


def _referenced(ctx: Context, forum_id: str, field: str, value: str | None, prefix: str, what: str,
                plan_id: str | None = None) -> list[RecordedEvent] | None:
    """The stream of a referenced resource of this forum (and plan, when it names one), or 422 on `field`."""
    if value is None:
        return None
    if not value.startswith(prefix + "_") or ctx.store.tenant_of(value) != forum_id:
        raise InvalidField(field, f"no {what} of this forum has the id {value}")
    events = ctx.store.read_stream(value)
    named_plan = events[0].data.get("action_plan_id") if events else None
    if plan_id is not None and named_plan not in (None, plan_id):
        raise InvalidField(field, f"{what} {value} belongs to another action plan")
    return events


def _session(ctx: Context, forum: ForumState, session_id: str | None) -> SessionFacts | None:
    events = _referenced(ctx, forum.id, "session_id", session_id, "ses", "session")
    if events is None or session_id is None:  # (the one is None when the other is)
        return None
    held = [e.data["held_at"] for e in events if e.type == "SessionHeld"]
    held_on = local_day(datetime.fromisoformat(held[-1]), forum.timezone) if held else None
    return SessionFacts(session_id, any(e.type == "SessionCancelled" for e in events), held_on)


def _consultation(ctx: Context, forum: ForumState, plan_id: str, consultation_id: str | None
                  ) -> ConsultationFacts | None:
    events = _referenced(ctx, forum.id, "consultation_id", consultation_id, "cns", "consultation", plan_id)
    if events is None or consultation_id is None:  # (the one is None when the other is)
        return None
    opens = [e.data.get("opens_on") for e in events if e.type == "ConsultationOpened"]
    closes = [e.data.get("closes_on") for e in events if e.type in ("ConsultationOpened", EXTENSION_TYPE)]
    day = lambda values: date.fromisoformat(values[-1]) if values and values[-1] else None  # noqa: E731
    return ConsultationFacts(consultation_id, day(opens), day(closes))


def receive_contribution(ctx: Context, plan_id: str, cmd: dict[str, Any]) -> Outcome:
    contribution_id = new_id("ctb")

    def attempt() -> Decision:
        plan, _ = load_plan(ctx, plan_id)
        forum, _ = load_forum(ctx, plan.forum_id)
        session = _session(ctx, forum, cmd.get("session_id"))
        _referenced(ctx, forum.id, "commitment_id", cmd.get("commitment_id"), "cmt", "commitment", plan_id)
        consultation = _consultation(ctx, forum, plan_id, cmd.get("consultation_id"))
        events = rules.receive(forum, plan_id, contribution_id, cmd, session, consultation, ctx.now)
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
    def decide(state: ContributionState, forum: ForumState) -> list[NewEvent]:
        session = _session(ctx, forum, cmd.get("session_id"))
        return rules.consider(state, forum, cmd, session, ctx.now)

    return _on_contribution(ctx, contribution_id, decide)


def respond_to_contribution(ctx: Context, contribution_id: str, cmd: dict[str, Any]) -> Outcome:
    def decide(state: ContributionState, forum: ForumState) -> list[NewEvent]:
        _referenced(ctx, forum.id, "commitment_id", cmd.get("commitment_id"), "cmt", "commitment",
                    state.action_plan_id)
        return rules.respond(state, forum, cmd, ctx.now)

    return _on_contribution(ctx, contribution_id, decide)


def communicate_response(ctx: Context, contribution_id: str, cmd: dict[str, Any]) -> Outcome:
    def decide(state: ContributionState, forum: ForumState) -> list[NewEvent]:
        return rules.communicate(state, forum, cmd, ctx.now)

    return _on_contribution(ctx, contribution_id, decide)


# -- reads -------------------------------------------------------------------------------------------


def minors_of(forum: ForumState) -> frozenset[str]:
    """The representatives whose names the public never sees."""
    return frozenset(r.id for r in forum.representatives.values() if r.is_minor)


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
