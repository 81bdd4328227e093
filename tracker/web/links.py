"""Where the dashboard sends a person to handle each thing it shows.

The pages that handle sessions, contributions and the roster come later; each link is made only when the page
(its endpoint) exists, so the dashboard shows a link as soon as its page is added, and never a dead one.
"""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask import current_app, url_for

#: The endpoint of the page that handles each kind of thing, and the name of the id it takes.
HANDLED_AT: dict[str, tuple[str, str]] = {
    "session": ("web.sessions.session", "session_id"),
    "sessions": ("web.sessions.sessions", "forum_id"),
    "contribution": ("web.contributions.contribution", "contribution_id"),
    "inbox": ("web.contributions.inbox", "forum_id"),
    "roster": ("web.roster.roster", "forum_id"),
    "compliance": ("web.evaluation.compliance", "plan_id"),
}


def handled_at(kind: str, id: str) -> str | None:
    """The address of the page that handles `kind` `id`, or None while that page does not exist."""
    endpoint, param = HANDLED_AT[kind]
    if endpoint not in current_app.view_functions:
        return None
    values: dict[str, Any] = {param: id}  # url_for's own keyword arguments are not all str
    return url_for(endpoint, **values)


def report_url(plan_id: str, lang: str) -> str:
    """The plan's inception report as a printable page (the API's public HTML rendering)."""
    return url_for("report.Report", plan_id=plan_id, format="html", lang=lang)


def final_report_url(plan_id: str, lang: str, fmt: str = "html", moments: Mapping[str, str] | None = None) -> str:
    """The plan's final report in a format (the API's public rendering: HTML and Markdown inline, PDF and Word as
    attachments), as of and as known at the `as_of` and `known_at` among `moments` (e.g. the page's query)."""
    asked: dict[str, Any] = {k: moments[k] for k in ("as_of", "known_at") if moments and moments.get(k)}
    return url_for("final_report.FinalReport", plan_id=plan_id, format=fmt, lang=lang, **asked)
