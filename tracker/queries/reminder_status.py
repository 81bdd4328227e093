"""Where the reminders of a forum's next session stand, derived from the reminder rules and the delivery events.

Who is reminded and when is the domain's rule (`tracker.domain.notices.reminders`); whether each reminder went
out is what the delivery events say (`tracker.read_models.reminder_queue`, the scheduler's own read model).
Nothing here decides anything the scheduler does not.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from tracker.bootstrap import Services
from tracker.domain.forum import ForumState
from tracker.domain.notices.reminders import reminder_due_at, reminders
from tracker.domain.time import today, zone
from tracker.read_models.reminder_queue import delivery_states, forum_queue


@dataclass(frozen=True)
class ReminderStatus:
    """The next session's reminder: when it is due (forum local time) and how its deliveries stand."""

    due_at: datetime
    due: bool
    sent: int
    failed: int
    pending: int
    without_email: int


def reminder_status(services: Services, forum: ForumState, session_id: str, now: datetime) -> ReminderStatus | None:
    """The reminder status of `session_id`, or None when the reminder queue does not hold it as to be reminded."""
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
    return ReminderStatus(
        due_at=due_at.astimezone(zone(forum.timezone)), due=now >= due_at,
        sent=statuses.count("sent"), failed=sum(s in ("failed", "abandoned") for s in statuses),
        pending=sum(s in ("pending", "claimed") for s in statuses),
        without_email=sum(1 for rep in serving if not rep.email))
