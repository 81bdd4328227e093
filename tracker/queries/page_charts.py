"""The charts a forum's pages show (the dashboard and the public page), read through the `records` read model.

They carry counts only (sectors, statuses, days, months), never a name, so the public page may show them."""
from __future__ import annotations

from datetime import date
from typing import Any

from tracker.bootstrap import Services
from tracker.charts import charts
from tracker.domain.time import local_day, month_index, month_of, today
from tracker.read_models.records import reading

#: The months strip shows the last twelve months (not before the forum) and up to three ahead.
MONTHS_BACK, MONTHS_AHEAD = 12, 3


def _first_day(index: int) -> date:
    year, month = month_of(index)
    return date(year, month, 1)


def forum_charts(services: Services, forum_id: str, lang: str) -> dict[str, Any]:
    """The four charts of a forum as it stands today (`services.clock`), labelled in `lang`: every session of the
    forum and every contribution to its plans. NotFound when there is no such forum."""
    now = services.clock()
    with reading(services.projector) as r:
        forum, _ = r.record("forum", forum_id)
        sessions = r.records_of("session", forum_id=forum_id)
        contributions = r.records_of("contribution", forum_id=forum_id)
    day = today(forum.timezone, now)
    first = max(month_index(day) - MONTHS_BACK + 1, month_index(forum.established_on))
    ahead = [month_index(local_day(s.scheduled_at, forum.timezone)) for s in sessions
             if s.status == "scheduled" and s.scheduled_at >= now]
    last = min(max([month_index(day), *ahead]), month_index(day) + MONTHS_AHEAD)
    return charts(sessions, contributions, forum.timezone, first=_first_day(first), last=_first_day(last),
                  until=day, lang=lang, prefix="forum-chart")
