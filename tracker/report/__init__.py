"""The inception report: the compliance answers rendered as the OGP Local template's sections 1 to 3.

`inception_report(store, plan_id, ...)` computes what every format shows, from one snapshot of the log;
`to_markdown` and `to_html` render it. Every format states the log position and head hash it was computed
from, so anyone holding the report can later prove the log was not altered
(`tracker events verify --against POSITION:HASH`).
"""
from __future__ import annotations

from datetime import date, datetime
from typing import Any

from events import EventStore
from tracker.compliance import answer
from tracker.compliance.snapshot import build
from tracker.report.content import build_report, contribution_summary
from tracker.report.render import to_html, to_markdown

__all__ = ["build_report", "contribution_summary", "inception_report", "to_html", "to_markdown"]


def inception_report(store: EventStore, plan_id: str, *, as_of: date | datetime | None = None,
                     known_at: date | datetime | None = None, lang: str | None = None,
                     now: datetime | None = None) -> dict[str, Any]:
    """The report's content for a plan, as of `as_of` and as known at `known_at` (see `tracker.compliance`);
    NotFound when the plan was unknown at `known_at`."""
    snap = build(store, plan_id, as_of=as_of, known_at=known_at, now=now)
    compliance = answer(snap, as_of=as_of, known_at=known_at, lang=lang)
    return build_report(compliance, snap.contributions)
