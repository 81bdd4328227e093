"""The message of a due delivery, from the record as it stands: who receives it, and what it says.

Addresses are looked up here, at sending time (the roster's, a public contributor's, the secretariat users'),
and never written to the log. A delivery whose subject changed since the rules read the queue (a session moved,
minutes recorded meanwhile, a milestone completed or a commitment's lead contact changed) or that has nobody to go
to composes to None and is not claimed.

A delivery the record makes impossible to write (a stored address that is not one address, text no message can
carry) raises `Uncomposable` with the reason: the record is immutable, so trying again would fail again, and the
scheduler abandons that one delivery with the reason and goes on with the others. An error reading the record
(the database) is not one of those and propagates: that delivery is tried again next tick.

A delivery by WhatsApp or SMS composes to a `ShortMessage` (`compose_short`), to the phone on the roster in E.164,
only while the person's agreement to that channel stands: an opt-out recorded since the queue was read composes to
None, and nothing is sent.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from email.message import EmailMessage

from events import EventStore
from tracker.auth.secretariat import secretariat_addresses
from tracker.calendar_feed import calendar_session
from tracker.domain import commitment, contribution, plan, session
from tracker.domain.commitment import CommitmentState
from tracker.domain.forum import DEFAULT_RESPONSE_DAYS, ForumState
from tracker.domain.notices.deliveries import (
    AUTHOR,
    CADENCE,
    FEEDBACK,
    MILESTONE,
    MINUTES,
    QUARTERLY,
    RECEIPT,
    REMINDER,
    Due,
)
from tracker.domain.notices.reminders import CLOSED, recipients
from tracker.domain.phones import reachable
from tracker.mail import messages
from tracker.messaging import ShortMessage
from tracker.messaging import messages as short
from tracker.queries.public_pages import reference_of


class Uncomposable(Exception):
    """The record holds something no message can be made of; the text says what (no address in it)."""


#: What building a message from stored text raises when the text cannot be carried (surrogates, a line break in
#: an address, a field of an unexpected type): a fact of the immutable record, not of the moment.
_DATA_ERRORS = (ValueError, TypeError, LookupError, AttributeError, AssertionError)


def _written(build: Callable[[], EmailMessage]) -> EmailMessage:
    """The message `build` writes from what was read of the record; Uncomposable when it cannot."""
    try:
        return build()
    except _DATA_ERRORS as exc:
        raise Uncomposable(f"the message could not be composed: {type(exc).__name__}: {exc}") from exc


@dataclass(frozen=True)
class Composed:
    """A message ready to send and how many addresses it goes to."""

    message: EmailMessage
    recipients: int


def compose(store: EventStore, forum: ForumState, due: Due, mail_from: str, now: datetime) -> Composed | None:
    """The message for `due`, or None when it no longer applies or has no address to go to; Uncomposable when
    the record makes it impossible to write."""
    if due.kind == REMINDER:
        return _reminder(store, forum, due, mail_from, now)
    if due.kind == FEEDBACK:
        return _feedback(store, forum, due, mail_from, now)
    if due.kind == RECEIPT:
        return _receipt(store, forum, due, mail_from, now)
    if due.kind == MILESTONE:
        return _milestone(store, forum, due, mail_from, now)
    if due.kind == QUARTERLY:
        return _quarterly(store, forum, due, mail_from, now)
    addresses = secretariat_addresses(store.engine, forum.id)
    if not addresses:
        return None
    if due.kind == CADENCE:
        assert due.period is not None
        period = due.period
        msg = _written(lambda: messages.cadence_warning(forum, period, addresses, due.delivery_id, mail_from, now))
        return Composed(msg, len(addresses))
    if due.kind == MINUTES:
        state = session.fold(store.read_stream(due.subject_id))
        if state is None or state.minutes is not None or state.held_at is None:
            return None
        held = state
        return Composed(_written(lambda: messages.minutes_warning(forum, held, addresses, due.delivery_id,
                                                                  mail_from, now)), len(addresses))
    raise Uncomposable(f"unknown delivery kind {due.kind!r}")


def _reminder(store: EventStore, forum: ForumState, due: Due, mail_from: str, now: datetime) -> Composed | None:
    rep = forum.representatives.get(due.recipient)
    entry = calendar_session(store.read_stream(due.subject_id))
    if rep is None or not rep.email or entry is None:
        return None
    state = entry.state
    if state.cancelled or state.held_at is not None or state.scheduled_at != due.scheduled_at:
        return None  # cancelled, held or moved since the queue was read: the rules decide again next tick
    name, address = rep.name, rep.email
    return Composed(_written(lambda: messages.reminder(forum, entry, name, address, due.delivery_id, mail_from,
                                                       now)), 1)


def _feedback(store: EventStore, forum: ForumState, due: Due, mail_from: str, now: datetime) -> Composed | None:
    state = contribution.fold(store.read_stream(due.subject_id))
    if state is None or state.response is None or any(c.channel == "email" for c in state.communications):
        return None
    author = state.author
    if author.get("kind") == "representative":
        rep = forum.representatives.get(author.get("representative_id") or "")
        name, address = (rep.name, rep.email) if rep else (None, None)
    else:
        name, address = author.get("name"), author.get("email")
    if not address:
        return None
    the_plan = plan.fold(store.read_stream(state.action_plan_id))
    title = the_plan.title if the_plan else state.action_plan_id
    return Composed(_written(lambda: messages.feedback(forum, state, title, name, address, due.delivery_id,
                                                       mail_from, now)), 1)


def _receipt(store: EventStore, forum: ForumState, due: Due, mail_from: str, now: datetime) -> Composed | None:
    """The acknowledgement to a member of the public who left an email; None once the contribution has a response
    (the feedback says more), or when the author is not (or no longer, forgotten) a member of the public with an
    email."""
    state = contribution.fold(store.read_stream(due.subject_id))
    if state is None or state.response is not None or due.recipient != AUTHOR:
        return None
    author = state.author
    name, address = author.get("name"), author.get("email")
    if author.get("kind") != "public" or not address:
        return None
    the_plan = plan.fold(store.read_stream(state.action_plan_id))
    title = the_plan.title if the_plan else state.action_plan_id
    policy = forum.policy_on(state.received_on)
    days = policy.get("response_days")
    days = days if isinstance(days, int) and not isinstance(days, bool) and days > 0 else DEFAULT_RESPONSE_DAYS
    by_email = bool(forum.policy.get("feedback_by_email", True))  # as the feedback rule will read it
    return Composed(_written(lambda: messages.receipt(forum, state, title, reference_of(state.id), name, address,
                                                      days, by_email, due.delivery_id, mail_from, now)), 1)


@dataclass(frozen=True)
class _LeadContact:
    """A lead contact's reminder as the record stands: the commitment, its plan's title, the contact's name and
    address."""

    commitment: CommitmentState
    plan_title: str
    name: str
    address: str


def _lead_contact(store: EventStore, forum: ForumState, due: Due, now: datetime) -> _LeadContact | None:
    """The commitment and its lead contact, when the reminder still goes to `due.recipient`: still the lead contact
    named (another named since the queue was read is reminded next tick, the delivery being keyed without its
    recipient), still serving with an email, of a plan whose endorsement still stands. None otherwise."""
    state = commitment.fold(store.read_stream(due.subject_id.partition("/")[0]))
    if state is None or state.lead_representative_id != due.recipient or due.recipient not in recipients(forum, now):
        return None
    rep = forum.representatives[due.recipient]
    the_plan = plan.fold(store.read_stream(state.action_plan_id))
    if the_plan is None or the_plan.standing_endorsement() is None or not rep.email:
        return None
    return _LeadContact(state, the_plan.title, rep.name, rep.email)


def _milestone(store: EventStore, forum: ForumState, due: Due, mail_from: str, now: datetime) -> Composed | None:
    """The lead contact's reminder of a milestone due soon; None once the milestone is gone, due on another day, or
    completed or cancelled."""
    lead = _lead_contact(store, forum, due, now)
    if lead is None:
        return None
    milestone_id = due.subject_id.partition("/")[2]
    milestone = lead.commitment.milestone(milestone_id)
    last = lead.commitment.last_report(milestone_id)
    if milestone is None or milestone.get("due_on") != due.due_on or (last is not None and last.status in CLOSED):
        return None
    return Composed(_written(lambda: messages.milestone_reminder(
        forum, lead.commitment.title, lead.plan_title, milestone, lead.name, lead.address, due.delivery_id,
        mail_from, now)), 1)


def _quarterly(store: EventStore, forum: ForumState, due: Due, mail_from: str, now: datetime) -> Composed | None:
    """The lead contact's reminder of a quarter without a progress report; None once a report dated in the quarter
    is recorded."""
    lead = _lead_contact(store, forum, due, now)
    if lead is None or due.period is None:
        return None
    start, end = due.period
    if any(start <= p.reported_on <= end for p in lead.commitment.progress if not p.superseded):
        return None
    quarter = due.period
    return Composed(_written(lambda: messages.report_reminder(
        forum, lead.commitment.title, lead.plan_title, quarter, lead.name, lead.address, due.delivery_id,
        mail_from, now)), 1)


def compose_short(store: EventStore, forum: ForumState, due: Due, site_url: str | None,
                  now: datetime) -> ShortMessage | None:
    """The WhatsApp or SMS message for `due`, or None when it no longer applies (as `compose`), or the person has
    no phone the channel can reach or withdrew their agreement to it; Uncomposable when the record makes it
    impossible to write."""
    if due.kind == REMINDER:
        rep = forum.representatives.get(due.recipient)
        entry = calendar_session(store.read_stream(due.subject_id))
        if rep is None or entry is None or not rep.reachable_by(due.channel):
            return None
        phone = reachable(rep.phone, forum.country)
        state = entry.state
        if phone is None or state.cancelled or state.held_at is not None or state.scheduled_at != due.scheduled_at:
            return None
        name, link = rep.name, short.session_link(site_url, forum, state.id)
        return _short(lambda: short.reminder(forum, state, name, phone, link))
    if due.kind == FEEDBACK:
        return _feedback_short(store, forum, due, site_url)
    if due.kind in (MILESTONE, QUARTERLY):
        return _lead_contact_short(store, forum, due, now)
    raise Uncomposable(f"no {due.channel} message is written for a {due.kind}")


def _feedback_short(store: EventStore, forum: ForumState, due: Due, site_url: str | None) -> ShortMessage | None:
    """The feedback by a channel: to the representative who agreed to it, or to the member of the public who left
    a phone and agreed to it; None once that no longer holds, without a response, or when the secretariat already
    recorded the response's communication by that channel (as an email feedback is skipped once sent by email)."""
    state = contribution.fold(store.read_stream(due.subject_id))
    if state is None or state.response is None or any(c.channel == due.channel for c in state.communications):
        return None
    author = state.author
    name: str | None
    if author.get("kind") == "representative":
        rep = forum.representatives.get(author.get("representative_id") or "")
        if rep is None or rep.id != due.recipient or not rep.reachable_by(due.channel):
            return None
        name, phone = rep.name, reachable(rep.phone, forum.country)
    else:
        if due.recipient != AUTHOR or due.channel not in (author.get("opt_in") or ()):
            return None
        name, phone = author.get("name"), reachable(author.get("phone"), forum.country)
    if phone is None:
        return None
    link, number = short.contribution_link(site_url, forum, state.id), phone
    return _short(lambda: short.feedback(forum, state, reference_of(state.id), name, number, link))


def _lead_contact_short(store: EventStore, forum: ForumState, due: Due, now: datetime) -> ShortMessage | None:
    """The lead contact's reminder of a milestone due soon, or of a quarter without a progress report, by a channel:
    as `_milestone` and `_quarterly`, to the phone of a contact who agreed to the channel."""
    state = commitment.fold(store.read_stream(due.subject_id.partition("/")[0]))
    if state is None or state.lead_representative_id != due.recipient:
        return None
    if due.recipient not in recipients(forum, now, due.channel):
        return None
    rep = forum.representatives[due.recipient]
    the_plan = plan.fold(store.read_stream(state.action_plan_id))
    phone = reachable(rep.phone, forum.country)
    if the_plan is None or the_plan.standing_endorsement() is None or phone is None:
        return None
    if due.kind == QUARTERLY:
        if due.period is None:
            return None
        start, end = quarter = due.period
        if any(start <= p.reported_on <= end for p in state.progress if not p.superseded):
            return None
        title, name = state.title, rep.name
        return _short(lambda: short.report(forum, title, quarter, name, phone))
    milestone_id = due.subject_id.partition("/")[2]
    milestone = state.milestone(milestone_id)
    last = state.last_report(milestone_id)
    if milestone is None or milestone.get("due_on") != due.due_on or (last is not None and last.status in CLOSED):
        return None
    title, name, found = state.title, rep.name, milestone
    return _short(lambda: short.milestone(forum, title, found, name, phone))


def _short(build: Callable[[], ShortMessage]) -> ShortMessage:
    """The short message `build` writes from what was read of the record; Uncomposable when it cannot."""
    try:
        return build()
    except _DATA_ERRORS as exc:
        raise Uncomposable(f"the message could not be composed: {type(exc).__name__}: {exc}") from exc
