"""The message of a due delivery, from the record as it stands: who receives it, and what it says.

Addresses are looked up here, at sending time (the roster's, a public contributor's, the secretariat users'),
and never written to the log. A delivery whose subject changed since the rules read the queue (a session moved,
minutes recorded meanwhile) or that has nobody to go to composes to None and is not claimed.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from email.message import EmailMessage

from events import EventStore
from tracker.auth.secretariat import secretariat_addresses
from tracker.calendar_feed import calendar_session
from tracker.domain import contribution, plan, session
from tracker.domain.forum import ForumState
from tracker.domain.notices.deliveries import CADENCE, FEEDBACK, MINUTES, REMINDER, Due
from tracker.mail import messages


@dataclass(frozen=True)
class Composed:
    """A message ready to send and how many addresses it goes to."""

    message: EmailMessage
    recipients: int


def compose(store: EventStore, forum: ForumState, due: Due, mail_from: str, now: datetime) -> Composed | None:
    """The message for `due`, or None when it no longer applies or has no address to go to."""
    if due.kind == REMINDER:
        return _reminder(store, forum, due, mail_from, now)
    if due.kind == FEEDBACK:
        return _feedback(store, forum, due, mail_from, now)
    addresses = secretariat_addresses(store.engine, forum.id)
    if not addresses:
        return None
    if due.kind == CADENCE:
        assert due.period is not None
        msg = messages.cadence_warning(forum, due.period, addresses, due.delivery_id, mail_from, now)
        return Composed(msg, len(addresses))
    if due.kind == MINUTES:
        state = session.fold(store.read_stream(due.subject_id))
        if state is None or state.minutes is not None or state.held_at is None:
            return None
        return Composed(messages.minutes_warning(forum, state, addresses, due.delivery_id, mail_from, now),
                        len(addresses))
    raise ValueError(f"unknown delivery kind {due.kind!r}")


def _reminder(store: EventStore, forum: ForumState, due: Due, mail_from: str, now: datetime) -> Composed | None:
    rep = forum.representatives.get(due.recipient)
    entry = calendar_session(store.read_stream(due.subject_id))
    if rep is None or not rep.email or entry is None:
        return None
    state = entry.state
    if state.cancelled or state.held_at is not None or state.scheduled_at != due.scheduled_at:
        return None  # cancelled, held or moved since the queue was read: the rules decide again next tick
    return Composed(messages.reminder(forum, entry, rep.name, rep.email, due.delivery_id, mail_from, now), 1)


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
    return Composed(messages.feedback(forum, state, title, name, address, due.delivery_id, mail_from, now), 1)
