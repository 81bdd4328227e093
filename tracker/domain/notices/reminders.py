"""What the scheduler must send now: session reminders, the secretariat's warnings, feedback and receipts to
contributors, and reminders to a commitment's lead contact.

The rules (times are the forum's local times):

- Session reminder: every current representative (primary or alternate, serving today in an organization still a
  member) who has an email gets one reminder of each scheduled session by email, and one by each other channel the
  scheduler can use (WhatsApp, SMS: `channels`) that they agreed to and have a phone for; each is due at
  REMINDER_TIME (09:00) on the session's day minus the meeting rule's `reminder_days_before` (or one hour before the
  session, when that is earlier: `reminder_days_before` 0 and an 8:00 session). A reminder is keyed on the session
  and the time it is scheduled at: a rescheduled session is a new reminder, and the old one is never sent once the
  time changed. A reminder whose time has passed is due at once, until the session starts; none for a cancelled or
  held session.
- Cadence warning: in the current period of the meeting rule (months counted from the first of the month the
  forum was established, as the S.cadence check counts them), when no session is scheduled or held in it by the
  period's day `policy.cadence_warning_day` (default 10), one warning at 09:00 that day. Only the current period
  is warned about; a period that began before the forum was established past that day is not.
- Minutes warning: a held session whose minutes are not recorded `policy.minutes_warning_days` (default 7) days
  after the day it was held gets one warning, at 09:00 that day (or at once, later).
- Feedback: a response recorded no more than FEEDBACK_WINDOW ago, when the forum's `policy.feedback_by_email` is
  true (the default), the contributor left an email (a representative's on the roster, or a member of the public's
  own) and no communication by email is recorded yet, is due at once; one per contribution (a corrected response is
  not sent again). By each other channel at hand, the same feedback is due once to a representative who agreed to it
  and has a phone, or to a member of the public who left a phone and agreed to it and has not withdrawn it by replying
  "BAJA" (`ContributorChannelWithdrawn`; whether or not it was emailed).
- Receipt: a contribution whose author is a member of the public who left an email (whatever the channel it came
  through) gets one acknowledgement, due at once when it is logged, as long as it was logged (recorded) no more than
  RECEIPT_WINDOW ago, was received no more than RECEIPT_WINDOW days before the forum's local today, and has no
  response yet (the feedback then says more). So contributions logged before the scheduler sent receipts, or
  transcribed long after they were received, are never acknowledged: the message's deadline would be wrong.

- Milestone due soon: a commitment of a plan with a standing endorsement, whose lead contact
  (`lead_representative_id`) is a current representative with an email (as for session reminders; by another
  channel at hand, who agreed to it and has a phone: one reminder more by that channel, as for the missing quarterly
  report below), has each
  current milestone with a `due_on` reminded to that contact once, due at REMINDER_TIME on `due_on` less
  MILESTONE_NOTICE (14 days); at once if that moment passed, until the due day ends, never after. A milestone whose
  report in force is `completed` or `cancelled` is not reminded. The reminder is keyed on the commitment, the
  milestone and its due day: a due day changed by a revision or an amendment is a new reminder, and the old one is
  no longer due.
- Missing quarterly report: during a plan's implementation period, for each commitment with a lead contact as
  above, each calendar quarter whose last day falls within the period (period_start..period_end), and not before
  the standing endorsement, is looked at when it is over: when no standing progress report of the commitment (of a
  milestone, or a note) is dated (`reported_on`) within the quarter, the lead contact gets one reminder, due at
  REMINDER_TIME on the first day of the next quarter; at once if that moment passed, for QUARTER_REPORT_WINDOW (30
  days) after the quarter's end, never after (a scheduler down for months does not nag about an old quarter).
  Keyed on the commitment and the quarter.

Both are keyed without the recipient: one message per occasion, to the lead contact named when it is sent (a
contact changed before sending is the one reminded; one who left the roster is not).

`cadence_warning_day` (1-28) and `minutes_warning_days` (1-90) are set in the forum's policy when it is
established (`POST /forums`); a forum that does not set them has the defaults below.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from tracker.domain.commitment import CommitmentState
from tracker.domain.forum import ForumState
from tracker.domain.notices.deliveries import (
    AUTHOR,
    CADENCE,
    EMAIL,
    FEEDBACK,
    MILESTONE,
    MINUTES,
    QUARTERLY,
    RECEIPT,
    REMINDER,
    SECRETARIAT,
    DeliveryState,
    Due,
    claimable,
    delivery_id,
)
from tracker.domain.time import add_months, local_day, month_index, today, zone
from tracker.domain.vocabulary import FREQUENCIES

#: The forum's local time of day at which reminders and warnings are due.
REMINDER_TIME = time(9, 0)
#: The day of each meeting period by which a session must be scheduled (policy `cadence_warning_day`).
CADENCE_WARNING_DAY = 10
#: Days after a held session by which its minutes should be recorded (policy `minutes_warning_days`).
MINUTES_WARNING_DAYS = 7
#: Responses recorded longer ago than this are not emailed (a scheduler started late does not write to
#: people about decisions of months ago).
FEEDBACK_WINDOW = timedelta(days=30)
#: Contributions logged, or received, longer ago than this get no acknowledgement (no backlog is mailed: neither
#: what was logged before receipts were sent, nor input transcribed weeks after it was received).
RECEIPT_WINDOW = timedelta(days=7)
#: How long before a milestone's due day its lead contact is reminded of it.
MILESTONE_NOTICE = timedelta(days=14)
#: How long after a quarter's end a missing progress report is still reminded of.
QUARTER_REPORT_WINDOW = timedelta(days=30)
#: The statuses of a milestone's report in force that close it: no reminder of its due day.
CLOSED = ("completed", "cancelled")


@dataclass(frozen=True)
class SessionSlot:
    """What the rules need of a session: when it is scheduled, whether it was cancelled, held and minuted."""

    id: str
    forum_id: str
    scheduled_at: datetime
    cancelled: bool
    held_at: datetime | None
    minutes_recorded: bool


@dataclass(frozen=True)
class FeedbackCandidate:
    """A contribution with a response: who wrote it, whether they left an email, when the response was logged."""

    contribution_id: str
    forum_id: str
    #: The author's representative id, or None for a member of the public.
    representative_id: str | None
    #: A member of the public gave an email.
    public_email: bool
    responded_recorded_at: datetime
    #: A communication of the response by email is already recorded.
    emailed: bool
    #: The channels besides email a member of the public who left a phone agreed to be answered by.
    public_channels: tuple[str, ...] = ()


@dataclass(frozen=True)
class ReceiptCandidate:
    """A contribution by a member of the public who left an email: when it was received and logged, and whether
    it has a response yet."""

    contribution_id: str
    forum_id: str
    received_on: date
    recorded_at: datetime
    responded: bool


@dataclass(frozen=True)
class MilestoneSlot:
    """What the rules need of a current milestone: its id, its due day, and whether its report in force closed it
    (completed or cancelled)."""

    id: str
    due_on: date | None
    closed: bool


@dataclass(frozen=True)
class CommitmentSlot:
    """What the rules need of a commitment: its lead contact, its current milestones, the days its standing progress
    reports are dated, and its plan's implementation period and standing endorsement's day (None: none stands)."""

    id: str
    forum_id: str
    lead_representative_id: str | None
    milestones: tuple[MilestoneSlot, ...]
    reported_on: tuple[date, ...]
    period: tuple[date, date]
    endorsed_on: date | None


def milestone_slots(state: CommitmentState) -> tuple[MilestoneSlot, ...]:
    """The commitment's current milestones as the rules read them."""
    found = []
    for mid, milestone in zip(state.milestone_ids, state.milestones, strict=True):
        last = state.last_report(mid)
        found.append(MilestoneSlot(mid, milestone.get("due_on"), last is not None and last.status in CLOSED))
    return tuple(found)


def report_days(state: CommitmentState) -> tuple[date, ...]:
    """The days the commitment's standing progress reports (of milestones, and notes) are dated, sorted."""
    return tuple(sorted({p.reported_on for p in state.progress if not p.superseded}))


def _policy_int(forum: ForumState, key: str, default: int) -> int:
    value = forum.policy.get(key, default)
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= 0 else default


def _local(forum: ForumState, day: date) -> datetime:
    return datetime.combine(day, REMINDER_TIME, tzinfo=zone(forum.timezone))


def reminder_due_at(forum: ForumState, scheduled_at: datetime) -> datetime:
    """When the reminder of a session scheduled at `scheduled_at` is due."""
    days = int(forum.meeting_rule.get("reminder_days_before", 0))
    day = local_day(scheduled_at, forum.timezone) - timedelta(days=days)
    return min(_local(forum, day), scheduled_at - timedelta(hours=1))


def recipients(forum: ForumState, now: datetime, channel: str = EMAIL) -> list[str]:
    """The representatives to remind today by `channel`: serving, in an organization still a member, with an email
    (for another channel: with a phone, and their agreement to that channel standing)."""
    day = today(forum.timezone, now)
    return [rep.id for rep in forum.representatives.values()
            if rep.reachable_by(channel) and rep.serves_on(day)
            and forum.organizations[rep.organization_id].member_on(day)]


def reminders(forum: ForumState, sessions: Iterable[SessionSlot], now: datetime,
              channels: Iterable[str] = (EMAIL,)) -> list[Due]:
    """Session reminders due now by each of `channels` (whether or not already delivered)."""
    found = []
    people = {channel: recipients(forum, now, channel) for channel in channels}
    for s in sessions:
        if s.cancelled or s.held_at is not None or now >= s.scheduled_at:
            continue
        due_at = reminder_due_at(forum, s.scheduled_at)
        if now < due_at:
            continue
        at = s.scheduled_at.isoformat()
        found += [Due(delivery_id(REMINDER, s.id, at, rep, channel=channel), REMINDER, forum.id, s.id, rep, due_at,
                      s.scheduled_at, channel=channel)
                  for channel, reps in people.items() for rep in reps]
    return found


def period_of(forum: ForumState, day: date) -> tuple[date, date]:
    """The meeting rule's period holding `day` (first and last day), counted from the forum's first month."""
    months = FREQUENCIES.get(forum.meeting_rule.get("frequency", "monthly"), 1)
    first = forum.established_on.replace(day=1)
    elapsed = month_index(day) - month_index(first)
    start = add_months(first, max(elapsed, 0) // months * months)
    return start, add_months(start, months) - timedelta(days=1)


def cadence_warnings(forum: ForumState, sessions: Iterable[SessionSlot], now: datetime) -> list[Due]:
    """The warning that the current period has no session, when due now."""
    day = today(forum.timezone, now)
    start, end = period_of(forum, day)
    warn_on = start + timedelta(days=max(_policy_int(forum, "cadence_warning_day", CADENCE_WARNING_DAY), 1) - 1)
    due_at = _local(forum, warn_on)
    if now < due_at or forum.established_on > warn_on:
        return []
    for s in sessions:
        days = [local_day(s.scheduled_at, forum.timezone)] if not s.cancelled else []
        days += [local_day(s.held_at, forum.timezone)] if s.held_at else []
        if any(start <= d <= end for d in days):
            return []
    subject = f"{forum.id}/{start.isoformat()}"
    return [Due(delivery_id(CADENCE, subject), CADENCE, forum.id, subject, SECRETARIAT, due_at, period=(start, end))]


def minutes_warnings(forum: ForumState, sessions: Iterable[SessionSlot], now: datetime) -> list[Due]:
    """Warnings of held sessions still without minutes, when due now."""
    days = _policy_int(forum, "minutes_warning_days", MINUTES_WARNING_DAYS)
    found = []
    for s in sessions:
        if s.held_at is None or s.minutes_recorded or s.cancelled:
            continue
        due_at = _local(forum, local_day(s.held_at, forum.timezone) + timedelta(days=days))
        if now >= due_at:
            found.append(Due(delivery_id(MINUTES, s.id), MINUTES, forum.id, s.id, SECRETARIAT, due_at))
    return found


def feedback(forum: ForumState, candidates: Iterable[FeedbackCandidate], now: datetime,
             channels: Iterable[str] = (EMAIL,)) -> list[Due]:
    """Feedback to contributors due now: by email, and by each other of `channels` they agreed to."""
    if not forum.policy.get("feedback_by_email", True):
        return []
    found = []
    candidates = list(candidates)
    for channel in [c for c in channels if c != EMAIL]:
        for c in candidates:
            if now - c.responded_recorded_at > FEEDBACK_WINDOW or now < c.responded_recorded_at:
                continue
            if c.representative_id is not None:
                rep = forum.representatives.get(c.representative_id)
                if rep is None or not rep.reachable_by(channel):
                    continue
                recipient = rep.id
            elif channel in c.public_channels:
                recipient = AUTHOR
            else:
                continue
            found.append(Due(delivery_id(FEEDBACK, c.contribution_id, channel=channel), FEEDBACK, forum.id,
                             c.contribution_id, recipient, c.responded_recorded_at, channel=channel))
    for c in candidates:
        if c.emailed or now - c.responded_recorded_at > FEEDBACK_WINDOW or now < c.responded_recorded_at:
            continue
        if c.representative_id is not None:
            rep = forum.representatives.get(c.representative_id)
            if rep is None or not rep.email:
                continue
            recipient = rep.id
        elif c.public_email:
            recipient = AUTHOR
        else:
            continue
        found.append(Due(delivery_id(FEEDBACK, c.contribution_id), FEEDBACK, forum.id, c.contribution_id,
                         recipient, c.responded_recorded_at))
    return found


def receipts(forum: ForumState, candidates: Iterable[ReceiptCandidate], now: datetime) -> list[Due]:
    """Acknowledgements of contributions from members of the public who left an email, due now."""
    earliest_day = today(forum.timezone, now) - timedelta(days=RECEIPT_WINDOW.days)
    return [Due(delivery_id(RECEIPT, c.contribution_id), RECEIPT, forum.id, c.contribution_id, AUTHOR, c.recorded_at)
            for c in candidates
            if not c.responded and c.recorded_at <= now and now - c.recorded_at <= RECEIPT_WINDOW
            and c.received_on >= earliest_day]


def _lead_contacts(forum: ForumState, commitments: Iterable[CommitmentSlot],
                   now: datetime, channel: str = EMAIL) -> list[tuple[CommitmentSlot, str]]:
    """The commitments of plans with a standing endorsement whose lead contact is reminded today by `channel`, with
    that contact."""
    people = set(recipients(forum, now, channel))
    return [(c, c.lead_representative_id) for c in commitments
            if c.endorsed_on is not None and c.lead_representative_id in people]


def milestone_due_at(forum: ForumState, due_on: date) -> datetime:
    """When the reminder of a milestone due on `due_on` is due: 09:00 MILESTONE_NOTICE before."""
    return _local(forum, due_on - MILESTONE_NOTICE)


def milestone_reminders(forum: ForumState, commitments: Iterable[CommitmentSlot], now: datetime,
                        channels: Iterable[str] = (EMAIL,)) -> list[Due]:
    """Reminders to lead contacts of milestones due soon, due now, by each of `channels` the contact can be
    reached by."""
    day = today(forum.timezone, now)
    found = []
    commitments = list(commitments)
    for channel in channels:
        for c, contact in _lead_contacts(forum, commitments, now, channel):
            for m in c.milestones:
                if m.due_on is None or m.closed or day > m.due_on:
                    continue
                due_at = milestone_due_at(forum, m.due_on)
                if now >= due_at:
                    found.append(Due(delivery_id(MILESTONE, c.id, m.id, m.due_on.isoformat(), channel=channel),
                                     MILESTONE, forum.id, f"{c.id}/{m.id}", contact, due_at, due_on=m.due_on,
                                     channel=channel))
    return found


def quarter_of(day: date) -> tuple[date, date]:
    """The calendar quarter holding `day` (first and last day)."""
    first = date(day.year, (day.month - 1) // 3 * 3 + 1, 1)
    return first, add_months(first, 3) - timedelta(days=1)


def report_reminders(forum: ForumState, commitments: Iterable[CommitmentSlot], now: datetime,
                     channels: Iterable[str] = (EMAIL,)) -> list[Due]:
    """Reminders to lead contacts of a quarter just over without a progress report, due now, by each of `channels`
    the contact can be reached by."""
    day = today(forum.timezone, now)
    start, end = quarter_of(quarter_of(day)[0] - timedelta(days=1))
    due_at = _local(forum, end + timedelta(days=1))
    if now < due_at or day > end + QUARTER_REPORT_WINDOW:
        return []
    found = []
    commitments = list(commitments)
    for channel in channels:
        for c, contact in _lead_contacts(forum, commitments, now, channel):
            first, last = c.period
            if not first <= end <= last or c.endorsed_on is None or c.endorsed_on > end:
                continue
            if any(start <= d <= end for d in c.reported_on):
                continue
            found.append(Due(delivery_id(QUARTERLY, c.id, start.isoformat(), channel=channel), QUARTERLY, forum.id,
                             f"{c.id}/{start.isoformat()}", contact, due_at, period=(start, end), channel=channel))
    return found


def wanted(forum: ForumState, sessions: Iterable[SessionSlot], candidates: Iterable[FeedbackCandidate],
           now: datetime, acknowledge: Iterable[ReceiptCandidate] = (),
           commitments: Iterable[CommitmentSlot] = (), channels: Iterable[str] = (EMAIL,)) -> list[Due]:
    """Every message the rules above say is due by now by `channels` (those the scheduler can use), whether or not it
    was already delivered, oldest first."""
    sessions, commitments, channels = list(sessions), list(commitments), list(channels)
    everything = [*reminders(forum, sessions, now, channels), *cadence_warnings(forum, sessions, now),
                  *minutes_warnings(forum, sessions, now), *feedback(forum, candidates, now, channels),
                  *receipts(forum, acknowledge, now), *milestone_reminders(forum, commitments, now, channels),
                  *report_reminders(forum, commitments, now, channels)]
    return sorted(everything, key=lambda d: (d.due_at, d.delivery_id))


def due(forum: ForumState, sessions: Iterable[SessionSlot], candidates: Iterable[FeedbackCandidate],
        deliveries: Mapping[str, DeliveryState], now: datetime,
        acknowledge: Iterable[ReceiptCandidate] = (), commitments: Iterable[CommitmentSlot] = (),
        channels: Iterable[str] = (EMAIL,)) -> list[Due]:
    """What to send now: `wanted`, less what the deliveries already recorded rule out (never one sent or
    abandoned, a failed one only from its retry time, a claimed one only once its lease expired)."""
    return [d for d in wanted(forum, sessions, candidates, now, acknowledge, commitments, channels)
            if claimable(deliveries.get(d.delivery_id), now)]
