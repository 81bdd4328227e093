"""Dates and times as the pages print them, in the page's language; a forum's instants in its own timezone."""
from __future__ import annotations

from datetime import date, datetime

from babel.dates import format_date, format_skeleton, format_time
from flask_babel import get_locale


def forum_time(moment: datetime) -> str:
    """An instant already in the forum's timezone: its full date and the time of day ("Tuesday, 8 April 2025,
    15:00"); the zone is the forum's, said once on the page rather than on every line."""
    locale = get_locale()
    return f"{format_date(moment.date(), 'full', locale=locale)}, {format_time(moment, 'short', locale=locale)}"


def month_name(month: str) -> str:
    """A month "YYYY-MM" by name and year ("March 2026", "marzo de 2026")."""
    year, number = (int(part) for part in month.split("-"))
    return format_skeleton("yMMMM", date(year, number, 1), locale=get_locale())


def zone_words(tz: str) -> str:
    """The forum's time zone as people say it in the page's language ("hora de Perú"), never its IANA name."""
    from tracker.report.words import zone_name

    locale = get_locale()
    return zone_name(tz, str(locale) if locale else "en")
