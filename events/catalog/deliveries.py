"""Events of the messages the scheduler sends (stream: one per delivery, `dlv_<digest>`; tenant: its forum).

A delivery is one message that must go out once: a session reminder to one representative, a warning to the forum's
secretariat, the feedback on a contribution to its author, the acknowledgement of a contribution to a member of the
public who left an email. A message goes by one channel: email, or WhatsApp or SMS to a person who agreed to them;
the same occasion by two channels is two deliveries. The `channel` of the claim and the outcome is absent from the
stored data for email, so deliveries by email keep the exact bytes they always had. A delivery's stream id is a
digest of what makes it unique (see `tracker.domain.deliveries.delivery_id`), so two schedulers that decide the same
thing name the same stream, and only the first claim (expected version 0, or the version after a failure) is
appended.

Recipients are named by id (a representative, `secretariat`, `author`), never by address: addresses are
looked up when the message is sent.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from events.catalog import registry
from events.registry import DomainEvent


@registry.register
@dataclass(frozen=True)
class DeliveryClaimed(DomainEvent):
    """A scheduler took on sending one message, alone until its lease expires."""

    delivery_id: str
    #: session_reminder | cadence_warning | minutes_warning | contribution_feedback | contribution_receipt
    kind: str
    #: The session, the contribution, or the forum's period (`<forum id>/<first day>`) the message is about.
    subject_id: str
    #: A representative's id, `secretariat` (the forum's secretariat users) or `author` (a public contributor).
    recipient: str
    attempt: int
    due_at: str
    lease_until: str
    #: Which scheduler process claimed it (host and process id), for the operator.
    claimed_by: str
    #: For a reminder: the session time it reminds of (a rescheduled session is another delivery).
    scheduled_at: str | None = None
    #: `whatsapp` or `sms`; None (absent) for email.
    channel: str | None = None

    def to_data(self) -> dict[str, Any]:
        return _without_email_channel(super().to_data())


def _without_email_channel(data: dict[str, Any]) -> dict[str, Any]:
    """The stored data of a delivery's event: no `channel` for email, as before there were other channels."""
    if data["channel"] is None:
        del data["channel"]
    return data


@registry.register
@dataclass(frozen=True)
class ReminderSent(DomainEvent):
    """A representative was reminded of a session at the time it was then scheduled, by email or by `channel`."""

    delivery_id: str
    session_id: str
    scheduled_at: str
    #: The representative's id.
    recipient: str
    attempt: int
    #: The email's Message-ID, or the provider's id of the message (WhatsApp's `wamid...`, Twilio's `SM...`).
    message_id: str
    #: `whatsapp` or `sms`; None (absent) for email.
    channel: str | None = None

    def to_data(self) -> dict[str, Any]:
        return _without_email_channel(super().to_data())


@registry.register
@dataclass(frozen=True)
class WarningSent(DomainEvent):
    """The forum's secretariat was warned by email: a period without a session, or minutes still missing."""

    delivery_id: str
    #: cadence_warning | minutes_warning
    kind: str
    subject_id: str
    #: How many secretariat addresses it went to.
    recipients: int
    attempt: int
    message_id: str
    #: `whatsapp` or `sms` (a lead contact's reminder by that channel); None (absent) for email.
    channel: str | None = None

    def to_data(self) -> dict[str, Any]:
        return _without_email_channel(super().to_data())


@registry.register
@dataclass(frozen=True)
class FeedbackSent(DomainEvent):
    """A contributor received the forum's decision on their contribution, with its reasoning, by email (or by
    `channel`)."""

    delivery_id: str
    contribution_id: str
    #: The representative's id, or `author` for a member of the public.
    recipient: str
    attempt: int
    message_id: str
    #: `whatsapp` or `sms`; None (absent) for email.
    channel: str | None = None

    def to_data(self) -> dict[str, Any]:
        return _without_email_channel(super().to_data())


@registry.register
@dataclass(frozen=True)
class ReceiptSent(DomainEvent):
    """A member of the public who left an email was told by email that their contribution was received: its
    reference, its text, and by when the forum answers."""

    delivery_id: str
    contribution_id: str
    #: Always `author` (the contribution's author, a member of the public; the address is never in the log).
    recipient: str
    attempt: int
    message_id: str


@registry.register
@dataclass(frozen=True)
class DeliveryFailed(DomainEvent):
    """The mail server (or the channel's provider) could not be reached or refused the message; it is tried again
    at `retry_at`."""

    delivery_id: str
    attempt: int
    #: The server's answer, with any email address in it replaced by `<address>`.
    error: str
    retry_at: str


@registry.register
@dataclass(frozen=True)
class DeliveryAbandoned(DomainEvent):
    """The message could not be sent after every attempt; nobody will try again."""

    delivery_id: str
    attempts: int
    error: str


@registry.register
@dataclass(frozen=True)
class MessageStatusReported(DomainEvent):
    """A channel's provider reported what became of a message sent by WhatsApp or SMS: `delivered`, `read` or
    `failed` (with the provider's error, without the phone number), at `reported_at` (the provider's time)."""

    delivery_id: str
    #: whatsapp | sms
    channel: str
    #: The provider's id of the message, as the outcome recorded it.
    message_id: str
    #: delivered | read | failed
    status: str
    reported_at: str
    #: whatsapp (the Cloud API) | twilio
    provider: str
    error: str | None = None
