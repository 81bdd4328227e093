"""Dates of a forum are days in the forum's timezone; facts dated by day occur at that day's start."""
from __future__ import annotations

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from tracker.domain.errors import InvalidField


def zone(name: str) -> ZoneInfo:
    """The IANA timezone `name`."""
    return ZoneInfo(name)


def is_timezone(name: str) -> bool:
    """True when `name` is a known IANA timezone."""
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return "/" in name or name == "UTC"


def day_start(day: date, tz: str) -> datetime:
    """The instant a forum's day begins (when a fact dated only by that day is said to occur)."""
    return datetime.combine(day, time.min, tzinfo=zone(tz))


def today(tz: str, now: datetime) -> date:
    """The forum's current day."""
    return now.astimezone(zone(tz)).date()


def local_day(moment: datetime, tz: str) -> date:
    """The forum's day an instant falls on."""
    return moment.astimezone(zone(tz)).date()


def not_future_day(field: str, day: date, tz: str, now: datetime) -> date:
    """Refuse a fact dated after the forum's today (422 on `field`)."""
    if day > today(tz, now):
        raise InvalidField(field, f"{day.isoformat()} is in the future; record facts once they happened")
    return day


def not_future_instant(field: str, moment: datetime, now: datetime) -> datetime:
    """Refuse a fact timed after now (422 on `field`)."""
    if moment.tzinfo is None:
        raise InvalidField(field, "an instant needs an offset, e.g. 2026-05-04T15:00:00-05:00")
    if moment > now:
        raise InvalidField(field, f"{moment.isoformat()} is in the future; record facts once they happened")
    return moment.astimezone(UTC)


def parse_day(text: str | None) -> date | None:
    """A stored ISO day, or None."""
    return date.fromisoformat(text) if text else None
