"""Session commands: schedule, announce, move, cancel, record as held, record minutes.

Reads of sessions come from the `records` read model (tracker.read_models.records).
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from events import NewEvent
from tracker.commands.base import Context, Decision, Outcome, check_if_match, execute, load_stream
from tracker.commands.forums import load_forum
from tracker.domain import session as rules
from tracker.domain.forum import ForumState
from tracker.domain.session import (
    AnnounceSession,
    CancelSession,
    RecordMinutes,
    RecordSession,
    RescheduleSession,
    ScheduleSession,
    SessionState,
)
from tracker.domain.streams import SESSION, new_id

Decide = Callable[[ForumState, SessionState], list[NewEvent]]


def load_session(ctx: Context, session_id: str) -> tuple[SessionState, int]:
    """The session's state and stream version (404 when unknown)."""
    state, version, _ = load_stream(ctx.store, SESSION, session_id)
    return state, version


def schedule_session(ctx: Context, forum_id: str, cmd: dict[str, Any]) -> Outcome:
    """A new session stream; the named action plan, if any, and the commitments its agenda presents the progress of
    must be this forum's."""
    session_id = new_id(SESSION)
    command = ScheduleSession.of(cmd)
    plan_id = command.action_plan_id

    def attempt() -> Decision:
        forum, _ = load_forum(ctx, forum_id)  # 404 for an unknown id or an id of another kind
        plan_forum = ctx.store.tenant_of(plan_id) if plan_id else None
        presented = {c for item in command.agenda for c in item.presents_progress_of}
        commitment_forums = {c: ctx.store.tenant_of(c) for c in sorted(presented)}
        return Decision(session_id, forum_id, 0,
                        rules.schedule(forum, session_id, command, ctx.now, plan_forum, commitment_forums))

    return execute(ctx, attempt)


def _on_session(ctx: Context, session_id: str, decide: Decide) -> Outcome:
    def attempt() -> Decision:
        session, version = load_session(ctx, session_id)
        check_if_match(ctx, session_id, version)
        forum, _ = load_forum(ctx, session.forum_id)
        return Decision(session_id, session.forum_id, version, decide(forum, session))

    return execute(ctx, attempt)


def announce_session(ctx: Context, session_id: str, cmd: dict[str, Any]) -> Outcome:
    """Record (or correct) the invitation and materials."""
    command = AnnounceSession.of(cmd)
    return _on_session(ctx, session_id, lambda f, s: rules.announce(f, s, command, ctx.now))


def reschedule_session(ctx: Context, session_id: str, cmd: dict[str, Any]) -> Outcome:
    """Move a session still to be held."""
    command = RescheduleSession.of(cmd)
    return _on_session(ctx, session_id, lambda f, s: rules.reschedule(f, s, command, ctx.now))


def cancel_session(ctx: Context, session_id: str, cmd: dict[str, Any]) -> Outcome:
    """Call a session off."""
    command = CancelSession.of(cmd)
    return _on_session(ctx, session_id, lambda f, s: rules.cancel(f, s, command, ctx.now))


def record_session(ctx: Context, session_id: str, cmd: dict[str, Any]) -> Outcome:
    """Record (or correct) that the session was held, with its attendance."""
    command = RecordSession.of(cmd)
    return _on_session(ctx, session_id, lambda f, s: rules.hold(f, s, command, ctx.now))


def record_minutes(ctx: Context, session_id: str, cmd: dict[str, Any]) -> Outcome:
    """Record (or correct) the approved minutes of a held session."""
    command = RecordMinutes.of(cmd)
    return _on_session(ctx, session_id, lambda f, s: rules.record_minutes(f, s, command, ctx.now))
