"""A forum's audit log: `/forums/<forum_id>/log` (filtered, a page at a time, with the chain's verification) and
`/forums/<forum_id>/log.jsonl` (the forum's events in the line format of `tracker events export`).

For those who read the forum in full (admins, its secretariat, evaluators who read it), as GET /events.
"""
from __future__ import annotations

from datetime import date
from typing import Any

from flask import Blueprint, Response, abort, g, render_template, request, stream_with_context
from flask_babel import gettext as _
from flask_babel import refresh
from flask_login import login_required

from events.catalog import registry
from tracker import extension
from tracker.queries import audit_log
from tracker.read_models.records import reading
from tracker.web.actions import Submission
from tracker.web.login import web_principal

bp = Blueprint("audit", __name__)

#: The filters' day fields, in the order the form shows them.
DAY_FIELDS = ("occurred_from", "occurred_to", "recorded_from", "recorded_to")


def forum_for_full_reader(forum_id: str) -> Any:
    """The forum's state, in the forum's language, when the signed-in user reads it in full (else 404 or 403)."""
    with reading(extension.services().projector) as r:
        forum, _version = r.record("forum", forum_id)
    if not web_principal().can_read_full(forum_id):
        abort(403)
    g.forum_language = forum.language
    refresh()
    return forum


def _filters(args: Any) -> tuple[audit_log.LogFilters, dict[str, list[str]]]:
    """The filters asked for in the query string, and a message for each day that is not a day."""
    errors: dict[str, list[str]] = {}
    days: dict[str, date | None] = {}
    for name in DAY_FIELDS:
        text = args.get(name, "").strip()
        days[name] = None
        if text:
            try:
                days[name] = date.fromisoformat(text)
            except ValueError:
                errors[name] = [_("Not a date: use YYYY-MM-DD.")]
    kind = args.get("type", "").strip() or None
    if kind is not None and kind not in registry.versions:
        errors["type"] = [_("Not an event type.")]
        kind = None
    text = {name: args.get(name, "").strip() or None for name in ("stream", "actor")}
    return audit_log.LogFilters(type=kind, stream=text["stream"], actor=text["actor"], **days), errors


@bp.route("/forums/<forum_id>/log")
@login_required
def log(forum_id: str) -> tuple[str, int]:
    """The forum's events, filtered by type, stream, actor and days, 100 a page; late-logged ones flagged."""
    forum = forum_for_full_reader(forum_id)
    services = extension.services()
    filters, errors = _filters(request.args)
    try:
        after = max(int(request.args.get("after", "0") or 0), 0)
    except ValueError:
        after = 0
    page = audit_log.log_page(services, forum_id, forum.timezone, filters, after, audit_log.PAGE)
    form = Submission(values=request.args.to_dict(), errors=errors,
                      message=_("Some filters are invalid: see the messages beside them.") if errors else None)
    filter_args = {k: v for k, v in request.args.items() if k != "after" and v}
    return render_template("web/audit_log.html", forum=forum, page=page, form=form, after=after,
                           type_options=[(t, t) for t in sorted(registry.versions)], filter_args=filter_args,
                           check=audit_log.verification(services),
                           late_days=audit_log.LATE.days), 422 if errors else 200


@bp.route("/forums/<forum_id>/log.jsonl")
@login_required
def log_download(forum_id: str) -> Response:
    """The forum's events as JSON Lines: a header, then each stored event as `tracker events export` writes it."""
    forum_for_full_reader(forum_id)
    lines = audit_log.export_lines(extension.services(), forum_id)
    return Response(stream_with_context(lines), mimetype="application/x-ndjson", headers={
        "Content-Disposition": f'attachment; filename="events-{forum_id}.jsonl"'})
