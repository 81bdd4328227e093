"""Dates of a forum are days in the forum's timezone; facts dated by day occur at that day's start.

Calendar arithmetic on days is here too, once: months as consecutive whole numbers (`month_index`, `month_of`,
`month_end`) and the day some months later (`add_months`), which the compliance checks, the scheduler's
periods, the charts, the pages and the demo all count with.
"""
from __future__ import annotations

import calendar
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


def month_index(day: date) -> int:
    """The month a day falls in, as months since January of year 0: consecutive months have consecutive
    indexes, across year ends (December 2025 is 24311, January 2026 is 24312)."""
    return day.year * 12 + day.month - 1


def month_of(index: int) -> tuple[int, int]:
    """The (year, month) of a month index; the inverse of `month_index`."""
    year, month = divmod(index, 12)
    return year, month + 1


def month_end(index: int) -> date:
    """The last day of a month index."""
    year, month = month_of(index)
    return date(year, month, calendar.monthrange(year, month)[1])


def add_months(day: date, months: int, day_of_month: int | None = None) -> date:
    """The day `months` months after `day` (before it when negative), on the same day of the month, or on
    `day_of_month` (1 to 31) when given; on the month's last day when that month is shorter (31 January plus
    one month is 28 February, or 29 in a leap year). ValueError for a `day_of_month` outside 1 to 31."""
    if day_of_month is not None and not 1 <= day_of_month <= 31:
        raise ValueError(f"day_of_month {day_of_month} is not a day of a month")
    year, month = month_of(month_index(day) + months)
    wanted = day.day if day_of_month is None else day_of_month
    return date(year, month, min(wanted, calendar.monthrange(year, month)[1]))
