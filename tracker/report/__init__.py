"""The inception report: the compliance answers rendered as the OGP Local template's sections 1 to 3; and the
final report after implementation (`final_report`, rendered by the `to_final_*` functions).

`inception_report(store, plan_id, ...)` computes what every format shows, from one snapshot of the log;
`to_markdown`, `to_html`, `to_pdf` and `to_docx` render it, and `form_items` lists it question by question for
OGP's online form. Every format states the log position and head hash it was computed from, so anyone holding
the report can later prove the log was not altered
(`tracker events verify --against POSITION:HASH`).
"""
from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from events import EventStore
from tracker.charts import charts
from tracker.compliance import answer
from tracker.compliance.snapshot import Snapshot, build
from tracker.report.content import EvaluatorLookup, build_report, contribution_summary
from tracker.report.docx_file import to_docx
from tracker.report.final_content import final_report
from tracker.report.final_docx import to_final_docx
from tracker.report.final_markdown import to_final_markdown
from tracker.report.final_render import to_final_html, to_final_pdf
from tracker.report.markdown import to_markdown
from tracker.report.pdf import PdfUnavailable, to_pdf
from tracker.report.render import form_items, html_content_security_policy, to_html

__all__ = ["PdfUnavailable", "build_report", "contribution_summary", "final_report", "form_items",
           "html_content_security_policy", "inception_report", "to_docx", "to_final_docx", "to_final_html",
           "to_final_markdown", "to_final_pdf", "to_html", "to_markdown", "to_pdf"]


def inception_report(store: EventStore, plan_id: str, *, as_of: date | datetime | None = None,
                     known_at: date | datetime | None = None, lang: str | None = None,
                     now: datetime | None = None, evaluators: EvaluatorLookup | None = None,
                     log_link: Callable[[int], str] | None = None) -> dict[str, Any]:
    """The report's content for a plan, as of `as_of` (default: the reference date) and as known at `known_at`
    (see `tracker.compliance`); NotFound when the plan was unknown at `known_at`. `evaluators` and `log_link` as
    for `build_report`."""
    snap = build(store, plan_id, as_of=as_of, known_at=known_at, now=now)
    compliance = answer(snap, as_of=as_of, known_at=known_at, lang=lang)
    report = build_report(compliance, snap, evaluators=evaluators, log_link=log_link)
    report["charts"] = report_charts(snap, report["language"])  # drawn in HTML only: not in the JSON schema
    return report


def report_charts(snap: Snapshot, lang: str) -> dict[str, Any]:
    """The charts of the HTML report: the sessions held in the co-creation window and the plan's contributions,
    as they stood at the snapshot's reference day; the months strip covers the window."""
    until = snap.reference_day
    start, end = snap.plan.cocreation_starts_on, snap.plan.cocreation_ends_on
    sessions = [s for s in snap.sessions if s.held_at is None or snap.in_window(snap.held_day(s))]
    return charts(sessions, snap.contributions, snap.tz, first=start, last=end, until=until, lang=lang,
                  prefix="report-chart")
