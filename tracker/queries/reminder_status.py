"""Where the reminders of a forum's next session stand, derived from the reminder rules and the delivery events.

Who is reminded and when is the domain's rule (`tracker.domain.notices.reminders`); whether each reminder went
out is what the delivery events say (`tracker.read_models.reminder_queue`, the scheduler's own read model).
Nothing here decides anything the scheduler does not.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from tracker.bootstrap import Services
from tracker.domain.forum import ForumState
from tracker.domain.notices.reminders import reminder_due_at, reminders
from tracker.domain.time import today, zone
from tracker.domain.vocabulary import MESSAGE_CHANNELS
from tracker.read_models.reminder_queue import delivery_states, forum_queue


@dataclass(frozen=True)
class ChannelStatus:
    """The next session's reminder by one channel besides email: whether the channel is configured (otherwise it
    is not used), how many serving representatives agreed to it, and how its deliveries stand, with what the
    provider reported of those sent."""

    channel: str
    configured: bool
    agreed: int
    sent: int = 0
    delivered: int = 0
    read: int = 0
    failed: int = 0
    pending: int = 0


@dataclass(frozen=True)
class ReminderStatus:
    """The next session's reminder: when it is due (forum local time) and how its deliveries stand."""

    due_at: datetime
    due: bool
    sent: int
    failed: int
    pending: int
    without_email: int
    #: WhatsApp and SMS, in the vocabulary's order.
    channels: tuple[ChannelStatus, ...] = field(default_factory=tuple)


def reminder_status(services: Services, forum: ForumState, session_id: str, now: datetime,
                    configured: Iterable[str] = ()) -> ReminderStatus | None:
    """The reminder status of `session_id`, or None when the reminder queue does not hold it as to be reminded;
    by email and by each other channel (`configured`: those the scheduler has a provider for)."""
    slots, _ = forum_queue(services.projector, forum.id)
    slot = next((s for s in slots if s.id == session_id), None)
    if slot is None or slot.cancelled or slot.held_at is not None:
        return None
    due_at = reminder_due_at(forum, slot.scheduled_at)
    # The deliveries the scheduler makes (or will make) for this session at its current time: the rule's own.
    wanted = reminders(forum, [slot], max(now, due_at))
    states = delivery_states(services.projector, [d.delivery_id for d in wanted])
    statuses = [states[d.delivery_id].status if d.delivery_id in states else "pending" for d in wanted]
    day = today(forum.timezone, now)
    serving = [rep for rep in forum.representatives.values()
               if rep.serves_on(day) and forum.organizations[rep.organization_id].member_on(day)]
    configured = set(configured)
    channels = []
    for channel in MESSAGE_CHANNELS:
        agreed = sum(1 for rep in serving if rep.reachable_by(channel))
        if channel not in configured:
            channels.append(ChannelStatus(channel, False, agreed))
            continue
        by_channel = reminders(forum, [slot], max(now, due_at), (channel,))
        found = delivery_states(services.projector, [d.delivery_id for d in by_channel])
        kept = [found.get(d.delivery_id) for d in by_channel]
        outcomes = [k.status if k else "pending" for k in kept]
        reported = [k.reported for k in kept if k]
        channels.append(ChannelStatus(
            channel, True, agreed, sent=outcomes.count("sent") - reported.count("failed"),
            delivered=reported.count("delivered"), read=reported.count("read"),
            failed=sum(s in ("failed", "abandoned") for s in outcomes) + reported.count("failed"),
            pending=sum(s in ("pending", "claimed") for s in outcomes)))
    return ReminderStatus(
        due_at=due_at.astimezone(zone(forum.timezone)), due=now >= due_at,
        sent=statuses.count("sent"), failed=sum(s in ("failed", "abandoned") for s in statuses),
        pending=sum(s in ("pending", "claimed") for s in statuses),
        without_email=sum(1 for rep in serving if not rep.email), channels=tuple(channels))
