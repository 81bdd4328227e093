"""Forum commands: establish a forum, organizations join and leave, representatives come and go."""
from __future__ import annotations

from typing import Any

from tracker.commands.base import Context, Decision, Outcome, check_if_match, execute, load_stream
from tracker.domain import forum as rules
from tracker.domain.forum import (
    AmendPolicy,
    DesignateRepresentative,
    EstablishForum,
    ForumState,
    JoinForum,
    LeaveForum,
    RecordChannelConsent,
    WithdrawRepresentative,
)
from tracker.domain.streams import FORUM, ORGANIZATION, REPRESENTATIVE, new_id


def load_forum(ctx: Context, forum_id: str) -> tuple[ForumState, int]:
    """The forum's state and stream version (404 when unknown)."""
    state, version, _ = load_stream(ctx.store, FORUM, forum_id)
    return state, version


def establish_forum(ctx: Context, cmd: dict[str, Any]) -> Outcome:
    forum_id = new_id(FORUM)
    command = EstablishForum.of(cmd)
    return execute(ctx, lambda: Decision(forum_id, forum_id, 0, rules.establish(forum_id, command, ctx.now)))


def _on_forum(ctx: Context, forum_id: str, decide, result_id: str | None = None) -> Outcome:
    def attempt() -> Decision:
        state, version = load_forum(ctx, forum_id)
        check_if_match(ctx, forum_id, version)
        return Decision(forum_id, forum_id, version, decide(state), result_id)

    return execute(ctx, attempt)


def join_organization(ctx: Context, forum_id: str, cmd: dict[str, Any]) -> Outcome:
    org_id = new_id(ORGANIZATION)
    command = JoinForum.of(cmd)
    return _on_forum(ctx, forum_id, lambda s: rules.join(s, org_id, command, ctx.now), org_id)


def withdraw_organization(ctx: Context, forum_id: str, org_id: str, cmd: dict[str, Any]) -> Outcome:
    command = LeaveForum.of(cmd)
    return _on_forum(ctx, forum_id, lambda s: rules.leave(s, org_id, command, ctx.now), org_id)


def designate_representative(ctx: Context, forum_id: str, org_id: str, cmd: dict[str, Any]) -> Outcome:
    rep_id = new_id(REPRESENTATIVE)
    command = DesignateRepresentative.of(cmd)
    return _on_forum(ctx, forum_id, lambda s: rules.designate(s, org_id, rep_id, command, ctx.now), rep_id)


def withdraw_representative(ctx: Context, forum_id: str, rep_id: str, cmd: dict[str, Any]) -> Outcome:
    command = WithdrawRepresentative.of(cmd)
    return _on_forum(ctx, forum_id, lambda s: rules.withdraw(s, rep_id, command, ctx.now), rep_id)


def amend_policy(ctx: Context, forum_id: str, cmd: dict[str, Any]) -> Outcome:
    command = AmendPolicy.of(cmd)
    return _on_forum(ctx, forum_id, lambda s: rules.amend_policy(s, command, ctx.now), forum_id)


def record_channel_consent(ctx: Context, forum_id: str, rep_id: str, cmd: dict[str, Any],
                           source: str = "secretariat") -> Outcome:
    """A representative's agreement to a channel besides email, or its withdrawal (from the roster, the API, or a
    reply through a provider: `source`)."""
    command = RecordChannelConsent.of(cmd)
    return _on_forum(ctx, forum_id, lambda s: rules.record_channel_consent(s, rep_id, command, ctx.now, source),
                     rep_id)
