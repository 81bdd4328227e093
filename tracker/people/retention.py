"""Retention of minors' personal data: forgotten automatically once the forum's retention period has passed after
the end of the last action plan they took part in (Peru's Ley 29733, art. 8: personal data are deleted once no
longer needed for the purpose they were collected for; the co-creation's purpose ends with the plan, and the
retention period leaves time for the IRM's evaluation of it).

A minor representative's data is due for forgetting on the day after `plan end + retention`, where plan end is the
latest end of a plan whose period overlaps their service (designation to withdrawal, or to today while they serve).
A minor still serving in a plan that has not ended is never due; one who took part in no plan is due `retention`
days after their withdrawal. The period is the forum's policy `minors_data_retention_days` (default 365).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from tracker.bootstrap import Services
from tracker.domain.errors import Conflict
from tracker.domain.forum import Representative
from tracker.domain.time import today
from tracker.people.forget import Forgotten, forget
from tracker.read_models.forum_directory import forum_ids
from tracker.read_models.records import reading

DEFAULT_RETENTION_DAYS = 365
ACTOR = "retention"


@dataclass(frozen=True)
class Due:
    """A minor whose data the forum's retention period says must now be forgotten."""

    person_id: str
    forum_id: str
    forget_after: date


def retention_days(policy: dict) -> int:
    return int(policy.get("minors_data_retention_days", DEFAULT_RETENTION_DAYS))


def forget_after(rep: Representative, plans: list[tuple[date, date]], days: int, on: date) -> date | None:
    """The last day a minor's data may be kept (None: not while they serve without a plan)."""
    served_until = rep.withdrawn_on or on
    ends = [end for start, end in plans if start <= served_until and end >= rep.designated_on]
    if ends:
        return max(max(ends), rep.withdrawn_on or max(ends)) + timedelta(days=days)
    return None if rep.withdrawn_on is None else rep.withdrawn_on + timedelta(days=days)


def due(services: Services, now: datetime) -> list[Due]:
    """Every minor, in every forum, whose data is kept past its retention period and not yet forgotten."""
    found = []
    with reading(services.projector) as reader:  # brought up to the log once, for every forum
        forums = [(reader.record("forum", forum_id)[0],
                   [(p.period_start, p.period_end) for p in reader.records_of("plan", forum_id=forum_id)])
                  for forum_id in forum_ids(services.projector)]
    for forum, plans in forums:
        forum_id = forum.id
        on = today(forum.timezone, now)
        days = retention_days(forum.policy)
        for rep in forum.representatives.values():
            if not rep.is_minor:
                continue
            last = forget_after(rep, plans, days, on)
            if last is not None and on > last:
                key = services.store.person(rep.id)
                if key is not None and key.forgotten_at is None:
                    found.append(Due(rep.id, forum_id, last))
    return found


def enforce(services: Services, now: datetime) -> list[Forgotten]:
    """Forget every minor due (each in its own transaction, logged as `PersonForgotten` with reason retention)."""
    done = []
    for item in due(services, now):
        try:
            done.append(forget(services, item.person_id, reason="retention", actor=ACTOR, now=now,
                               note=f"retention period ended on {item.forget_after.isoformat()}"))
        except Conflict:  # forgotten meanwhile by another process
            continue
    return done
