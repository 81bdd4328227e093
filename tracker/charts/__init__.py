"""Charts drawn on the server as SVG: attendance by sector, contributions by status over time, days to respond,
months with and without a session. No JavaScript and no external resource, so they show offline and in print.

`tracker.charts.data` computes the series; `bars`, `dots` and `months` only draw; `charts(...)` puts them
together as what a page or the report shows: for each chart its SVG and the same numbers as a table (the fallback
for screen readers, in a <details>). The charts carry counts only: no person's name, so they may be public.
"""
from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from statistics import median
from typing import Any

from babel.numbers import format_decimal

from tracker.charts import data
from tracker.charts.bars import stacked_bars
from tracker.charts.dots import day_strip
from tracker.charts.months import month_strip
from tracker.charts.texts import texts
from tracker.domain.contribution import ContributionState
from tracker.domain.session import SessionState
from tracker.domain.vocabulary import CONTRIBUTION_STATUSES as STATUSES

__all__ = ["charts", "day_strip", "month_strip", "stacked_bars"]


def _short(day: date, t: dict[str, Any]) -> str:
    return f"{day.day} {t['month_names'][day.month - 1]}"


def _month(day: date, t: dict[str, Any]) -> str:
    return f"{t['month_names'][day.month - 1]} {day:%y}"


def _chart(chart_id: str, title: str, svg: str, columns: list[str], rows: list[list[Any]],
           note: str = "") -> dict[str, Any]:
    return {"id": chart_id, "title": title, "svg": svg, "columns": columns, "rows": rows, "note": note}


def _figure(value: float, lang: str | None) -> str:
    """A number as the language writes it: "32,5" in Spanish, "32.5" in English."""
    return format_decimal(value, locale=lang or "en")


def attendance_chart(sessions: Iterable[SessionState], tz: str, until: date, lang: str | None,
                     prefix: str = "chart") -> dict[str, Any]:
    """Attendance by sector at each session held by `until`."""
    t = texts(lang)
    sessions = list(sessions)
    series = data.attendance_by_sector(sessions, tz, until)
    used = [s for s in (*data.SECTORS, data.PUBLIC) if any(counts[s] for _, counts in series)]
    bars = [(_short(day, t), counts) for day, counts in series]
    chart_id = f"{prefix}-attendance"
    counted = data.public_counted(sessions, tz, until)
    public = (t["public_none"] if not counted else t["public_all"] if counted == len(series)
              else t["public_some"].format(counted=counted, count=len(series)))
    names = {**t["sectors"], data.PUBLIC: t["public"]}
    svg = stacked_bars(chart_id, t["attendance"], t["attendance_desc"].format(count=len(bars)) + " " + public,
                       bars, [(s, names[s]) for s in used], t["people"], t["no_data"])
    rows = [[f"{day:%Y-%m-%d}", *(counts[s] for s in used), sum(counts.values())] for day, counts in series]
    return _chart(chart_id, t["attendance"], svg, [t["session"], *(names[s] for s in used), t["total"]],
                  rows, note=public)


def statuses_chart(contributions: Iterable[ContributionState], until: date, lang: str | None,
                   prefix: str = "chart") -> dict[str, Any]:
    """Contributions by status at the end of each month up to `until`."""
    t = texts(lang)
    series = data.statuses_by_month(list(contributions), until)
    bars = [(_month(day, t), counts) for day, counts in series]
    chart_id = f"{prefix}-statuses"
    svg = stacked_bars(chart_id, t["statuses"], t["statuses_desc"].format(count=len(bars)), bars,
                       [(s, t["status_names"][s]) for s in STATUSES], t["contributions"], t["no_data"])
    rows = [[f"{day:%Y-%m-%d}", *(counts[s] for s in STATUSES), sum(counts.values())] for day, counts in series]
    return _chart(chart_id, t["statuses"], svg, [t["month"], *(t["status_names"][s] for s in STATUSES), t["total"]],
                  rows)


def days_chart(contributions: Iterable[ContributionState], until: date, lang: str | None,
               prefix: str = "chart") -> dict[str, Any]:
    """Days from receipt to the response, one dot per contribution answered by `until`, the median marked."""
    t = texts(lang)
    days = data.days_to_response(contributions, until)
    chart_id = f"{prefix}-days"
    mid = _figure(median(days), lang) if days else ""
    svg = day_strip(chart_id, t["days"], t["days_desc"].format(count=len(days), median=mid), days,
                    t["days_axis"], t["median_label"].format(median=mid), t["no_data"])
    counts: dict[int, int] = {}
    for d in days:
        counts[d] = counts.get(d, 0) + 1
    return _chart(chart_id, t["days"], svg, [t["days_column"], t["answered"]], [[d, n] for d, n in counts.items()])


def months_chart(sessions: Iterable[SessionState], tz: str, first: date, last: date, until: date,
                 lang: str | None, prefix: str = "chart") -> dict[str, Any]:
    """Months from `first` to `last`: with a session held, scheduled only, or none."""
    t = texts(lang)
    series = data.months_with_sessions(sessions, tz, first, last, until) if first <= last else []
    tally = {state: sum(1 for _, s in series if s == state) for state in ("held", "scheduled", "none")}
    chart_id = f"{prefix}-months"
    svg = month_strip(chart_id, t["months"], t["months_desc"].format(count=len(series), **tally),
                      [(_month(day, t), state) for day, state in series], t["month_states"], t["no_data"])
    return _chart(chart_id, t["months"], svg, [t["month"], t["state"]],
                  [[f"{day:%Y-%m}", t["month_states"][state]] for day, state in series])


def charts(sessions: Iterable[SessionState], contributions: Iterable[ContributionState], tz: str, *,
           first: date, last: date, until: date, lang: str | None, prefix: str = "chart") -> dict[str, Any]:
    """The four charts (with their numbers as tables) up to `until`; the months strip runs from `first` to
    `last`. Returns {"heading", "numbers", "items": [{id, title, svg, columns, rows}]}."""
    sessions, contributions = list(sessions), list(contributions)
    t = texts(lang)
    return {"heading": t["charts"], "numbers": t["numbers"], "items": [
        attendance_chart(sessions, tz, until, lang, prefix),
        statuses_chart(contributions, until, lang, prefix),
        days_chart(contributions, until, lang, prefix),
        months_chart(sessions, tz, first, last, until, lang, prefix),
    ]}
