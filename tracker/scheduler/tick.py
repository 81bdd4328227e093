"""One run of the scheduler: catch up the read models, ask the rules what is due, deliver each message once.

    report = tick(services, mailer, now)

Each due message goes through the delivery protocol of `tracker.domain.notices.deliveries`: claim (the store's
optimistic concurrency decides between schedulers), send, record the outcome. Feedback to a contributor is also
recorded as a communication of the response by the channel it went by (`email`, `whatsapp`, `sms`: through the
contribution's own command, so OGP 2.4 counts it) before `FeedbackSent` is appended. A receipt to a member of the
public who left an email is only `ReceiptSent`; a reminder to a commitment's lead contact (a milestone due soon, a
quarter without a progress report) is only `WarningSent` of its kind.

A message by WhatsApp or SMS goes through the channel's provider (`messengers`, by channel; a channel without
one is not used: the rules are asked only for the channels at hand), with the same protocol; its outcome records
the provider's id of the message.

One delivery's trouble stays its own: a message the record makes impossible to compose, or that the server
cannot take for good, is recorded `DeliveryAbandoned` with the reason; an unforeseen error is logged and that
delivery tried again next tick, while the forum's other deliveries, and the other forums, go on.
"""
from __future__ import annotations

import logging
import os
import socket
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from email.message import EmailMessage
from typing import Protocol

from events import ConcurrencyError, Metadata, NewEvent
from tracker.bootstrap import Services
from tracker.commands.base import Context
from tracker.commands.contributions import communicate_response
from tracker.domain import forum as forums
from tracker.domain.errors import DomainError
from tracker.domain.forum import ForumState
from tracker.domain.notices import deliveries as protocol
from tracker.domain.notices.deliveries import EMAIL, FEEDBACK, DeliveryState, Due
from tracker.domain.notices.reminders import wanted
from tracker.domain.time import today
from tracker.mail import MailError
from tracker.mail.messages import message_id
from tracker.messaging import MessageError, Messenger, ShortMessage
from tracker.people import retention
from tracker.read_models.forum_directory import forum_ids
from tracker.read_models.reminder_queue import (
    commitment_candidates,
    delivery_states,
    forum_queue,
    receipt_candidates,
)
from tracker.scheduler.compose import Composed, Uncomposable, compose, compose_short

log = logging.getLogger(__name__)

#: The actor of every event the scheduler appends.
ACTOR = "scheduler"


class Mailer(Protocol):
    """What the scheduler needs of a mail sender (tracker.mail.SmtpMailer)."""

    @property
    def sender(self) -> str: ...

    def send(self, message: EmailMessage) -> None: ...


@dataclass
class TickReport:
    """What one tick did: delivery ids by outcome."""

    sent: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    abandoned: list[str] = field(default_factory=list)
    #: Claimed by another scheduler first (or its outcome could not be recorded).
    lost: list[str] = field(default_factory=list)
    #: Due, but with nobody to send to or no longer applying.
    skipped: list[str] = field(default_factory=list)
    #: Minors whose data the retention period said to forget (tracker.people.retention).
    forgotten: list[str] = field(default_factory=list)
    errors: int = 0

    def summary(self) -> str:
        return (f"{len(self.sent)} sent, {len(self.failed)} failed, {len(self.abandoned)} abandoned, "
                f"{len(self.lost)} taken by another scheduler, {len(self.skipped)} skipped, "
                f"{len(self.forgotten)} minor(s) forgotten, {self.errors} errors")


def scheduler_name() -> str:
    """This process, as claims name it."""
    return f"{socket.gethostname()}:{os.getpid()}"


@dataclass(frozen=True)
class Senders:
    """Who sends by each channel: the mail sender, the providers of the other channels configured (by channel),
    and the site's address for links in short messages."""

    mailer: Mailer
    messengers: Mapping[str, Messenger] = field(default_factory=dict)
    site_url: str | None = None

    @property
    def channels(self) -> tuple[str, ...]:
        return (EMAIL, *self.messengers)


def tick(services: Services, mailer: Mailer | Senders, now: datetime, claimed_by: str | None = None) -> TickReport:
    """Deliver everything due at `now`, forum by forum; a forum that fails is logged and the others go on. Given a
    mail sender alone, only email is used."""
    claimed_by = claimed_by or scheduler_name()
    senders = mailer if isinstance(mailer, Senders) else Senders(mailer)  # a mail sender alone: email only
    report = TickReport()
    services.projector.catch_up()
    for forum_id in forum_ids(services.projector):
        try:
            _tick_forum(services, senders, forum_id, now, claimed_by, report)
        except Exception:
            report.errors += 1
            log.exception("the scheduler could not go through forum %s; it tries again next tick", forum_id)
    try:
        report.forgotten = [done.person_id for done in retention.enforce(services, now)]
    except Exception:
        report.errors += 1
        log.exception("the scheduler could not apply the retention of minors' data; it tries again next tick")
    return report


def _tick_forum(services: Services, senders: Senders, forum_id: str, now: datetime, claimed_by: str,
                report: TickReport) -> None:
    forum = forums.fold(services.store.read_stream(forum_id))
    if forum is None:
        return
    sessions, candidates = forum_queue(services.projector, forum_id)
    due = wanted(forum, sessions, candidates, now, receipt_candidates(services.projector, forum_id, now),
                 commitment_candidates(services.projector, forum_id), senders.channels)
    if not due:
        return
    states = delivery_states(services.projector, [d.delivery_id for d in due])
    for each in due:
        state = states.get(each.delivery_id)
        if not protocol.claimable(state, now):
            continue
        try:
            deliver(services, senders, forum, each, state, now, claimed_by, report)
        except Exception:  # one delivery's trouble never holds up the others of the forum
            report.errors += 1
            log.exception("the scheduler could not go through %s (%s); it tries again next tick",
                          each.delivery_id, each.kind)


def deliver(services: Services, senders: Mailer | Senders, forum: ForumState, due: Due, state: DeliveryState | None,
            now: datetime, claimed_by: str, report: TickReport) -> None:
    """Claim, send and record one delivery (see the protocol in tracker.domain.notices.deliveries).

    A delivery that cannot be composed from the record, or that the server or provider cannot take for good
    (MailError or MessageError `permanent`), is abandoned at once with the reason; other send failures are retried
    with back-off."""
    store, meta = services.store, Metadata(actor=ACTOR)
    senders = senders if isinstance(senders, Senders) else Senders(senders)
    mailer = senders.mailer
    messenger = senders.messengers.get(due.channel)
    problem: str | None = None
    try:
        if due.channel == EMAIL:
            composed: Composed | ShortMessage | None = compose(store, forum, due, mailer.sender, now)
        elif messenger is None:
            composed = None  # the channel's provider is no longer configured: nothing to send it with
        else:
            composed = compose_short(store, forum, due, senders.site_url, now)
    except Uncomposable as exc:
        composed, problem = None, str(exc)
    if composed is None and problem is None:
        report.skipped.append(due.delivery_id)
        return
    version, attempt, claim = protocol.claim(due, state, now, claimed_by)
    try:
        store.append(due.delivery_id, claim, version, meta, tenant_id=forum.id)
    except ConcurrencyError:
        report.lost.append(due.delivery_id)  # another scheduler claimed it first
        return
    if composed is None:
        outcome = _failure(due, attempt, problem or "", True, now, report)
    else:
        try:
            if isinstance(composed, Composed):
                mailer.send(composed.message)
                sent_id, recipients = message_id(due.delivery_id, mailer.sender), composed.recipients
            else:
                assert messenger is not None
                sent_id, recipients = messenger.send(composed), 1
        except (MailError, MessageError) as exc:
            outcome = _failure(due, attempt, str(exc), exc.permanent, now, report)
        except (ValueError, TypeError, LookupError) as exc:  # the message could not be written out to the server
            outcome = _failure(due, attempt, f"the message could not be sent: {type(exc).__name__}: {exc}", True,
                               now, report)
        except Exception as exc:  # unforeseen: recorded (and logged) without addresses, retried like a refusal
            outcome = _failure(due, attempt, f"{type(exc).__name__}: {exc}", False, now, report)
        else:
            if due.kind == FEEDBACK:  # by any channel: all are written (OGP 2.4; see docs/compliance.md)
                _record_communication(services, forum, due, now)
            outcome = protocol.sent(due, attempt, sent_id, now, recipients)
            report.sent.append(due.delivery_id)
            log.info("sent %s (%s by %s, attempt %d)", due.delivery_id, due.kind, due.channel, attempt)
    try:
        store.append(due.delivery_id, outcome, version + 1, meta, tenant_id=forum.id)
    except ConcurrencyError:
        # Our lease ran out while sending and another scheduler claimed the delivery: it decides the outcome.
        report.lost.append(due.delivery_id)
        log.warning("the outcome of %s was not recorded: another scheduler claimed it after our lease expired",
                    due.delivery_id)


def _failure(due: Due, attempt: int, error: str, permanent: bool, now: datetime,
             report: TickReport) -> list[NewEvent]:
    """The outcome of a failed attempt (retry later, or abandon), counted in the report and logged without
    addresses."""
    outcome = protocol.failed(due, attempt, error, now, permanent=permanent)
    abandoned = outcome[0].payload.type_name() == "DeliveryAbandoned"
    (report.abandoned if abandoned else report.failed).append(due.delivery_id)
    log.log(logging.ERROR if abandoned else logging.WARNING, "%s %s (%s, attempt %d): %s",
            "abandoned" if abandoned else "could not send", due.delivery_id, due.kind, attempt,
            protocol.redact(error))
    return outcome


def _record_communication(services: Services, forum: ForumState, due: Due, now: datetime) -> None:
    """Record the feedback as the response's communication by the channel it went by (`due.channel`), through the
    contribution's command; one refused (already recorded that day by that channel) is logged, and the delivery
    stands."""
    ctx = Context(store=services.store, now=now, actor=ACTOR)
    cmd = {"communicated_on": today(forum.timezone, now), "channel": due.channel}
    try:
        communicate_response(ctx, due.subject_id, cmd)
    except DomainError as exc:
        log.warning("the feedback of %s was sent by %s but its communication could not be recorded: %s",
                    due.subject_id, due.channel, exc.message)
