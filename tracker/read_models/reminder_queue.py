"""reminder_queue: what the scheduler's rules read, so a tick costs a few queries instead of folding the log.

Six tables, each row re-folded with the domain's own fold from its stream up to the event applied:

- `reminder_sessions`: each session's time, and whether it was cancelled, held and minuted;
- `reminder_feedback`: each contribution that has a response: who wrote it (a representative's id, or whether a
  member of the public left an email; never the address), when the first response was logged, and whether a
  communication by email is recorded;
- `reminder_receipts`: each contribution: whether its author is a member of the public who left an email (never
  the address), the day it was received, when it was logged (its first event's `recorded_at`) and whether it has a
  response, so the receipts due are one indexed query on the forum and the recent log times; and the channels
  besides email a public author who left a phone still agrees to (never the phone), so a provider's "BAJA" callback
  reads only those contributions;
- `reminder_plans`: each action plan's implementation period and the day of its standing endorsement (null when
  none stands);
- `reminder_commitments`: each commitment's plan, lead contact (a representative's id, never an address), current
  milestones (id, due day, closed by a completed or cancelled report) and the days its standing progress reports
  are dated, so the lead contacts' reminders are one query on the forum joined to its endorsed plans;
- `reminder_deliveries`: each delivery's status (claimed, sent, failed, abandoned), attempts, lease and retry
  times, and its stream version (the version a new claim must be appended at); its channel, the sent message's id
  (so a provider's status callback finds its delivery) and the provider's last reported status.

Instants are stored as UTC ISO text.
"""
from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import JSON, Boolean, Column, Index, Integer, MetaData, String, Table, Text, or_, select

from events import EventStore, RecordedEvent
from projections import Rows, StreamStates
from projections.base import Folding
from tracker.domain.notices.deliveries import DeliveryState
from tracker.domain.notices.reminders import (
    RECEIPT_WINDOW,
    CommitmentSlot,
    FeedbackCandidate,
    MilestoneSlot,
    ReceiptCandidate,
    SessionSlot,
    milestone_slots,
    report_days,
)
from tracker.domain.streams import COMMITMENT, CONTRIBUTION, DELIVERY, PLAN, SESSION
from tracker.read_models.projector import ReadModels

SESSION_TYPES = frozenset(SESSION.types)
CONTRIBUTION_TYPES = frozenset(CONTRIBUTION.types)
DELIVERY_TYPES = frozenset(DELIVERY.types)
PLAN_TYPES = frozenset(PLAN.types)
COMMITMENT_TYPES = frozenset(COMMITMENT.types)
_INSTANT = String(40)


def _iso(moment: datetime | None) -> str | None:
    return moment.astimezone(UTC).isoformat() if moment else None


def _instant(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None


def _required_instant(text: str) -> datetime:
    """The value of a NOT NULL instant column."""
    return datetime.fromisoformat(text)


class ReminderQueue(StreamStates):
    """Sessions, answered contributions, commitments of plans and deliveries, as the reminder rules need them."""

    name = "reminder_queue"
    version = 5  # 5: a public author's channels on every contribution (withdrawals by "BAJA" applied)
    handles = SESSION_TYPES | CONTRIBUTION_TYPES | DELIVERY_TYPES | PLAN_TYPES | COMMITMENT_TYPES
    metadata = MetaData()
    sessions = Table(
        "reminder_sessions", metadata,
        Column("id", String(100), primary_key=True),
        Column("forum_id", String(200), nullable=False),
        Column("scheduled_at", _INSTANT, nullable=False),
        Column("cancelled", Boolean, nullable=False),
        Column("held_at", _INSTANT, nullable=True),
        Column("minutes_recorded", Boolean, nullable=False),
        Index("ix_reminder_sessions_forum", "forum_id"),
    )
    feedback = Table(
        "reminder_feedback", metadata,
        Column("id", String(100), primary_key=True),
        Column("forum_id", String(200), nullable=False),
        Column("representative_id", String(100), nullable=True),
        Column("public_email", Boolean, nullable=False),
        Column("responded_recorded_at", _INSTANT, nullable=False),
        Column("emailed", Boolean, nullable=False),
        #: The channels besides email a public author agreed to (JSON list; empty for a representative).
        Column("public_channels", JSON, nullable=False),
        #: May the feedback go by a channel besides email (a representative, or a public author who agreed to
        #: one): such a row stays a candidate after it was emailed.
        Column("by_channel", Boolean, nullable=False),
        Index("ix_reminder_feedback_forum_emailed", "forum_id", "emailed"),
    )
    receipts = Table(
        "reminder_receipts", metadata,
        Column("id", String(100), primary_key=True),
        Column("forum_id", String(200), nullable=False),
        Column("public_email", Boolean, nullable=False),
        Column("received_on", String(10), nullable=False),
        Column("recorded_at", _INSTANT, nullable=False),
        Column("responded", Boolean, nullable=False),
        #: The channels besides email a public author who left a phone still agrees to (JSON list), and whether
        #: there is any (indexed: what a provider's opt-out callback looks through).
        Column("public_channels", JSON, nullable=False),
        Column("by_phone", Boolean, nullable=False),
        Index("ix_reminder_receipts_forum_recorded", "forum_id", "recorded_at"),
        Index("ix_reminder_receipts_by_phone", "by_phone"),
    )
    plans = Table(
        "reminder_plans", metadata,
        Column("id", String(100), primary_key=True),
        Column("forum_id", String(200), nullable=False),
        Column("period_start", String(10), nullable=False),
        Column("period_end", String(10), nullable=False),
        Column("endorsed_on", String(10), nullable=True),
    )
    commitments = Table(
        "reminder_commitments", metadata,
        Column("id", String(100), primary_key=True),
        Column("forum_id", String(200), nullable=False),
        Column("action_plan_id", String(100), nullable=False),
        Column("lead_representative_id", String(100), nullable=True),
        #: [{"id", "due_on" (ISO day or null), "closed"}] of the current milestones, in order.
        Column("milestones", JSON, nullable=False),
        #: The ISO days the standing progress reports are dated, sorted.
        Column("reported_on", JSON, nullable=False),
        Index("ix_reminder_commitments_forum", "forum_id"),
    )
    deliveries = Table(
        "reminder_deliveries", metadata,
        Column("id", String(100), primary_key=True),
        Column("forum_id", String(200), nullable=False),
        Column("kind", String(40), nullable=False),
        Column("subject_id", String(300), nullable=False),
        Column("recipient", String(100), nullable=False),
        Column("status", String(20), nullable=False),
        Column("attempts", Integer, nullable=False),
        Column("lease_until", _INSTANT, nullable=True),
        Column("retry_at", _INSTANT, nullable=True),
        Column("last_error", Text, nullable=True),
        Column("version", Integer, nullable=False),
        Column("channel", String(20), nullable=False),
        Column("message_id", String(300), nullable=True),
        Column("reported", String(20), nullable=True),
        Index("ix_reminder_deliveries_message", "message_id"),
    )

    def __init__(self, store: EventStore) -> None:
        self.store = store

    def write(self, rows: Rows, event: RecordedEvent, history: list[RecordedEvent], fold: Folding) -> None:
        """Write the row of the event's stream as it stood right after `event`."""
        if event.type in SESSION_TYPES:
            state = fold(SESSION.fold)
            if state is not None:
                rows.replace(self.sessions, {
                    "id": state.id, "forum_id": state.forum_id, "scheduled_at": _iso(state.scheduled_at),
                    "cancelled": state.cancelled, "held_at": _iso(state.held_at),
                    "minutes_recorded": state.minutes is not None})
        elif event.type in CONTRIBUTION_TYPES:
            answered = fold(CONTRIBUTION.fold)
            if answered is not None and history:
                agreed = _public_channels(answered.author)
                rows.replace(self.receipts, {
                    "id": answered.id, "forum_id": answered.forum_id,
                    "public_email": answered.author.get("kind") == "public" and bool(answered.author.get("email")),
                    "received_on": answered.received_on.isoformat(), "recorded_at": _iso(history[0].recorded_at),
                    "responded": answered.response is not None, "public_channels": agreed,
                    "by_phone": bool(agreed)})
            responses = [e for e in history if e.type == "ContributionResponded"]
            if answered is not None and answered.response is not None and responses:
                author = answered.author
                channels = _public_channels(author)
                rows.replace(self.feedback, {
                    "id": answered.id, "forum_id": answered.forum_id,
                    "representative_id": author.get("representative_id"),
                    "public_email": author.get("kind") == "public" and bool(author.get("email")),
                    "responded_recorded_at": _iso(responses[0].recorded_at),
                    "emailed": any(c.channel == "email" for c in answered.communications),
                    "public_channels": channels,
                    "by_channel": bool(channels) or author.get("kind") == "representative"})
        elif event.type in PLAN_TYPES:
            plan = fold(PLAN.fold)
            if plan is not None:
                standing = plan.standing_endorsement()
                rows.replace(self.plans, {
                    "id": plan.id, "forum_id": plan.forum_id, "period_start": plan.period_start.isoformat(),
                    "period_end": plan.period_end.isoformat(),
                    "endorsed_on": standing.endorsed_on.isoformat() if standing else None})
        elif event.type in COMMITMENT_TYPES:
            commitment = fold(COMMITMENT.fold)
            if commitment is not None:
                rows.replace(self.commitments, {
                    "id": commitment.id, "forum_id": commitment.forum_id,
                    "action_plan_id": commitment.action_plan_id,
                    "lead_representative_id": commitment.lead_representative_id,
                    "milestones": [{"id": m.id, "due_on": m.due_on.isoformat() if m.due_on else None,
                                    "closed": m.closed} for m in milestone_slots(commitment)],
                    "reported_on": [d.isoformat() for d in report_days(commitment)]})
        else:
            delivery = fold(DELIVERY.fold)
            if delivery is not None:
                rows.replace(self.deliveries, {
                    "id": delivery.id, "forum_id": delivery.forum_id, "kind": delivery.kind,
                    "subject_id": delivery.subject_id, "recipient": delivery.recipient, "status": delivery.status,
                    "attempts": delivery.attempts, "lease_until": _iso(delivery.lease_until),
                    "retry_at": _iso(delivery.retry_at), "last_error": delivery.last_error,
                    "version": delivery.version, "channel": delivery.channel, "message_id": delivery.message_id,
                    "reported": delivery.reported})


def _public_channels(author: dict[str, Any]) -> list[str]:
    """The channels besides email a public author who left a phone agrees to now (withdrawals applied by the fold);
    none for a representative, or once the phone is forgotten."""
    if author.get("kind") != "public" or not author.get("phone"):
        return []
    return list(author.get("opt_in") or ())


def forum_queue(projector: ReadModels, forum_id: str) -> tuple[list[SessionSlot], list[FeedbackCandidate]]:
    """A forum's sessions and its contributions answered but not yet emailed, the read model brought up to the
    log first."""
    projector.fresh(ReminderQueue.name)
    s, f = ReminderQueue.sessions, ReminderQueue.feedback
    with projector.engine.connect() as conn:
        slots = [SessionSlot(r.id, r.forum_id, _required_instant(r.scheduled_at), r.cancelled, _instant(r.held_at),
                             r.minutes_recorded)
                 for r in conn.execute(select(s).where(s.c.forum_id == forum_id).order_by(s.c.scheduled_at))]
        candidates = [FeedbackCandidate(r.id, r.forum_id, r.representative_id, r.public_email,
                                        _required_instant(r.responded_recorded_at), r.emailed,
                                        tuple(r.public_channels or ()))
                      for r in conn.execute(select(f).where(f.c.forum_id == forum_id,
                                                            or_(f.c.emailed.is_(False), f.c.by_channel.is_(True)))
                                            .order_by(f.c.id))]
    return slots, candidates


def receipt_candidates(projector: ReadModels, forum_id: str, now: datetime) -> list[ReceiptCandidate]:
    """A forum's contributions by members of the public who left an email, logged within RECEIPT_WINDOW of `now`
    and not yet answered (read as the read model last caught up: `forum_queue` brings it up to the log)."""
    r = ReminderQueue.receipts
    since = _iso(now - RECEIPT_WINDOW)
    with projector.engine.connect() as conn:
        return [ReceiptCandidate(row.id, row.forum_id, date.fromisoformat(row.received_on),
                                 _required_instant(row.recorded_at), row.responded)
                for row in conn.execute(select(r).where(r.c.forum_id == forum_id, r.c.recorded_at >= since,
                                                        r.c.public_email.is_(True), r.c.responded.is_(False))
                                        .order_by(r.c.id))]


def commitment_candidates(projector: ReadModels, forum_id: str) -> list[CommitmentSlot]:
    """A forum's commitments that have a lead contact, of plans with a standing endorsement (read as the read
    model last caught up: `forum_queue` brings it up to the log)."""
    c, p = ReminderQueue.commitments, ReminderQueue.plans
    query = (select(c, p.c.period_start, p.c.period_end, p.c.endorsed_on)
             .join(p, p.c.id == c.c.action_plan_id)
             .where(c.c.forum_id == forum_id, c.c.lead_representative_id.is_not(None), p.c.endorsed_on.is_not(None))
             .order_by(c.c.id))
    with projector.engine.connect() as conn:
        return [CommitmentSlot(
            r.id, r.forum_id, r.lead_representative_id,
            tuple(MilestoneSlot(m["id"], date.fromisoformat(m["due_on"]) if m["due_on"] else None, m["closed"])
                  for m in r.milestones),
            tuple(date.fromisoformat(d) for d in r.reported_on),
            (date.fromisoformat(r.period_start), date.fromisoformat(r.period_end)), date.fromisoformat(r.endorsed_on))
            for r in conn.execute(query)]


def contributions_by_phone(projector: ReadModels, channels: Iterable[str]) -> list[tuple[str, str, list[str]]]:
    """(id, forum id, channels) of every contribution whose public author left a phone and still agrees to one of
    `channels`, the read model brought up to the log first. The phone is not here: the caller opens it from the
    contribution's stream."""
    projector.fresh(ReminderQueue.name)
    r, wanted = ReminderQueue.receipts, set(channels)
    with projector.engine.connect() as conn:
        rows = conn.execute(select(r.c.id, r.c.forum_id, r.c.public_channels).where(r.c.by_phone.is_(True))
                            .order_by(r.c.id))
        return [(row.id, row.forum_id, list(row.public_channels)) for row in rows
                if wanted & set(row.public_channels or ())]


def delivery_states(projector: ReadModels, ids: Iterable[str]) -> dict[str, DeliveryState]:
    """The recorded state of each of these deliveries that exists, by id (read as the read model last caught up)."""
    ids = sorted(set(ids))
    d = ReminderQueue.deliveries
    found: dict[str, DeliveryState] = {}
    with projector.engine.connect() as conn:
        for start in range(0, len(ids), 500):
            for r in conn.execute(select(d).where(d.c.id.in_(ids[start:start + 500]))):
                found[r.id] = _delivery(r)
    return found


def _delivery(r: Any) -> DeliveryState:
    return DeliveryState(r.id, r.forum_id, r.kind, r.subject_id, r.recipient, r.status, r.attempts,
                         _instant(r.lease_until), _instant(r.retry_at), r.last_error, r.version, r.channel,
                         r.message_id, r.reported)


def delivery_of_message(projector: ReadModels, channels: Iterable[str], message_id: str) -> DeliveryState | None:
    """The delivery whose message, sent by one of `channels`, the provider names `message_id` (a status
    callback's), the read model brought up to the log first; None when no delivery sent it."""
    projector.fresh(ReminderQueue.name)
    d = ReminderQueue.deliveries
    with projector.engine.connect() as conn:
        row = conn.execute(select(d).where(d.c.message_id == message_id, d.c.channel.in_(list(channels)))).first()
    return _delivery(row) if row is not None else None
