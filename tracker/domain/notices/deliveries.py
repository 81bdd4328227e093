"""How one message goes out once: claim, send, record the outcome; retry with back-off; give up at last.

Each delivery has its own stream, named by a digest of what makes it unique (`delivery_id`), in its forum's
tenant. The protocol, with the store's optimistic concurrency as the only lock:

1. claim: append `DeliveryClaimed` at the version the scheduler read (0 for a new delivery). Of two schedulers
   that decide the same delivery, one appends and the other gets a ConcurrencyError and moves on.
2. send the message.
3. append the outcome at the claim's version: `ReminderSent` / `WarningSent` / `FeedbackSent` / `ReceiptSent`
   (a reminder to a commitment's lead contact is a `WarningSent` of its kind, to one recipient), or
   `DeliveryFailed` with the next attempt's time (1, 2, 4, ... minutes, at most an hour apart), or, after
   `MAX_ATTEMPTS`, `DeliveryAbandoned`. A failure that retrying cannot mend (the server cannot take the address
   or refused it for good with a 5xx reply; the record holds something no message can be made of) is
   `DeliveryAbandoned` at once, with its reason.

A message goes by one channel (`email`, or `whatsapp` or `sms` to a phone whose owner agreed to it): the channel is
part of what makes a delivery unique (an email's id is what it always was, without it), and the claim and the outcome
name it. Afterwards the channel's provider may report the message delivered, read or failed
(`MessageStatusReported`, appended to the delivery's stream by the webhooks).

A claim without an outcome (the scheduler died) may be claimed again once its lease has expired. That leaves
an at-least-once window: a scheduler that dies after the mail server accepted the message and before the outcome
is written leaves a claim that another will take up and send again, with the same Message-ID (a server that
keeps Message-IDs discards the repeat).
"""
from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from events import NewEvent, RecordedEvent
from events.catalog.deliveries import (
    DeliveryAbandoned,
    DeliveryClaimed,
    DeliveryFailed,
    FeedbackSent,
    MessageStatusReported,
    ReceiptSent,
    ReminderSent,
    WarningSent,
)

REMINDER, CADENCE, MINUTES, FEEDBACK = "session_reminder", "cadence_warning", "minutes_warning", "contribution_feedback"
RECEIPT = "contribution_receipt"
#: Reminders to a commitment's lead contact: a milestone due soon, a quarter without a progress report.
MILESTONE, QUARTERLY = "milestone_reminder", "progress_report_reminder"
KINDS = (REMINDER, CADENCE, MINUTES, FEEDBACK, RECEIPT, MILESTONE, QUARTERLY)
TYPES = tuple(cls.type_name() for cls in (DeliveryClaimed, ReminderSent, WarningSent, FeedbackSent, ReceiptSent,
                                           DeliveryFailed, DeliveryAbandoned, MessageStatusReported))
SENT_TYPES = frozenset(cls.type_name() for cls in (ReminderSent, WarningSent, FeedbackSent, ReceiptSent))
#: How long a claim keeps other schedulers away while its message is being sent.
LEASE = timedelta(minutes=10)
#: Back-off between attempts: 1 minute, then doubling, never more than LONGEST_RETRY.
FIRST_RETRY = timedelta(minutes=1)
LONGEST_RETRY = timedelta(hours=1)
#: After this many failed attempts (about four hours), the delivery is abandoned.
MAX_ATTEMPTS = 10
#: Recipient names in delivery events other than a representative's id.
SECRETARIAT, AUTHOR = "secretariat", "author"
#: The channels a message may go by: email, and those a person agrees to (tracker.domain.vocabulary).
EMAIL = "email"
CHANNELS = (EMAIL, "whatsapp", "sms")

_ADDRESS = re.compile(r"[^\s<>\"',;:()]+@[^\s<>\"',;:()]+")
#: A phone number in a provider's error (E.164, or its digits alone).
_PHONE = re.compile(r"\+?\b\d{8,15}\b")


@dataclass(frozen=True)
class Due:
    """A message that should go out now: what it is about, to whom, and since when it is due."""

    delivery_id: str
    kind: str
    forum_id: str
    subject_id: str
    recipient: str
    due_at: datetime
    #: For a reminder: the session time it reminds of.
    scheduled_at: datetime | None = None
    #: For a cadence warning: the period without a session (first and last day); for a missing progress report:
    #: the quarter.
    period: tuple[date, date] | None = None
    #: For a milestone reminder: the milestone's due day it reminds of.
    due_on: date | None = None
    #: email, whatsapp or sms.
    channel: str = EMAIL


@dataclass(frozen=True)
class DeliveryState:
    """Where a delivery stands: claimed, sent, failed (to be retried) or abandoned."""

    id: str
    forum_id: str
    kind: str
    subject_id: str
    recipient: str
    status: str
    attempts: int
    lease_until: datetime | None
    retry_at: datetime | None
    last_error: str | None
    version: int
    channel: str = EMAIL
    #: The sent message's id (an email's Message-ID, a provider's message id), once sent.
    message_id: str | None = None
    #: What the channel's provider last reported of the sent message: delivered, read or failed.
    reported: str | None = None


def delivery_id(kind: str, *parts: str, channel: str = EMAIL) -> str:
    """The stream id of a delivery: the same for every scheduler that decides the same message. A channel other
    than email is one more part (an email's id is what it was before there were other channels)."""
    from tracker.domain.streams import DELIVERY  # (streams imports this module, for its fold)

    parts = parts if channel == EMAIL else (*parts, channel)
    digest = hashlib.sha256("|".join((kind, *parts)).encode()).hexdigest()
    return DELIVERY.id_from(digest[:32])


def _instant(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat()


def fold(events: Iterable[RecordedEvent]) -> DeliveryState | None:
    """A delivery's state from its stream (None for an empty stream or another kind of stream)."""
    state: DeliveryState | None = None
    for e in events:
        d = e.data
        if e.type == "DeliveryClaimed":
            state = DeliveryState(d["delivery_id"], e.tenant_id, d["kind"], d["subject_id"], d["recipient"],
                                  "claimed", d["attempt"], _instant(d["lease_until"]), None,
                                  state.last_error if state else None, e.stream_version, d.get("channel") or EMAIL)
        elif state is None:
            return None
        elif e.type in SENT_TYPES:
            state = _with(state, e, status="sent", lease_until=None, message_id=d["message_id"])
        elif e.type == "MessageStatusReported":
            state = _with(state, e, reported=d["status"])
        elif e.type == "DeliveryFailed":
            state = _with(state, e, status="failed", lease_until=None, retry_at=_instant(d["retry_at"]),
                          last_error=d["error"])
        elif e.type == "DeliveryAbandoned":
            state = _with(state, e, status="abandoned", lease_until=None, last_error=d["error"])
    return state


def _with(state: DeliveryState, e: RecordedEvent, **changes: object) -> DeliveryState:
    values = {**vars(state), **changes, "version": e.stream_version}
    return DeliveryState(**values)


def retry_delay(attempt: int) -> timedelta:
    """How long to wait after failed attempt number `attempt` (1, 2, 4, ... minutes, at most an hour)."""
    delay: timedelta = FIRST_RETRY * 2 ** min(attempt - 1, 20)  # int ** int is typed Any (a negative power is a float)
    return min(delay, LONGEST_RETRY)


def claimable(state: DeliveryState | None, now: datetime) -> bool:
    """May a scheduler claim this delivery now? New ones, failed ones whose retry time came, and claims whose
    lease expired without an outcome; never one sent or abandoned."""
    if state is None:
        return True
    if state.status == "failed":
        return state.retry_at is None or now >= state.retry_at
    if state.status == "claimed":
        return state.lease_until is None or now >= state.lease_until
    return False


def claim(due: Due, state: DeliveryState | None, now: datetime, claimed_by: str) -> tuple[int, int, list[NewEvent]]:
    """The claim of a due delivery: (expected stream version, attempt number, events)."""
    version, attempt = (state.version, state.attempts + 1) if state else (0, 1)
    event = DeliveryClaimed(
        due.delivery_id, due.kind, due.subject_id, due.recipient, attempt, _iso(due.due_at), _iso(now + LEASE),
        claimed_by, _iso(due.scheduled_at) if due.scheduled_at else None, _channel(due))
    return version, attempt, [NewEvent(event, now)]


def sent(due: Due, attempt: int, message_id: str, now: datetime, recipients: int = 1) -> list[NewEvent]:
    """The outcome of a message the server (or the channel's provider) accepted."""
    channel = _channel(due)
    if due.kind == REMINDER:
        assert due.scheduled_at is not None
        event: ReminderSent | WarningSent | FeedbackSent | ReceiptSent = ReminderSent(
            due.delivery_id, due.subject_id, _iso(due.scheduled_at), due.recipient, attempt, message_id, channel)
    elif due.kind == FEEDBACK:
        event = FeedbackSent(due.delivery_id, due.subject_id, due.recipient, attempt, message_id, channel)
    elif due.kind == RECEIPT:
        event = ReceiptSent(due.delivery_id, due.subject_id, due.recipient, attempt, message_id)
    else:
        event = WarningSent(due.delivery_id, due.kind, due.subject_id, recipients, attempt, message_id, channel)
    return [NewEvent(event, now)]


def _channel(due: Due) -> str | None:
    """The channel as a delivery's events name it: None for email."""
    return None if due.channel == EMAIL else due.channel


def status_reported(state: DeliveryState, status: str, reported_at: datetime, provider: str, error: str | None,
                    now: datetime) -> list[NewEvent]:
    """A provider's report of what became of a sent message (delivered, read, failed); nothing when the delivery
    was not sent by a channel, or the same status is already the last reported (providers repeat callbacks)."""
    if state.status != "sent" or state.channel == EMAIL or state.message_id is None or state.reported == status:
        return []
    event = MessageStatusReported(state.id, state.channel, state.message_id, status, _iso(reported_at), provider,
                                  redact(error) if error else None)
    return [NewEvent(event, now)]


def failed(due: Due, attempt: int, error: str, now: datetime, permanent: bool = False) -> list[NewEvent]:
    """The outcome of a message the server refused (or could not take): retry later, or give up, after the last
    attempt or at once when retrying cannot help (`permanent`: an address the server cannot take, a message that
    cannot be composed from the record)."""
    error = redact(error)
    if permanent or attempt >= MAX_ATTEMPTS:
        return [NewEvent(DeliveryAbandoned(due.delivery_id, attempt, error), now)]
    return [NewEvent(DeliveryFailed(due.delivery_id, attempt, error, _iso(now + retry_delay(attempt))), now)]


def redact(error: str) -> str:
    """A server's answer as the log may keep it: email addresses and phone numbers replaced, at most 500
    characters."""
    return _PHONE.sub("<phone>", _ADDRESS.sub("<address>", error))[:500]
