"""A forum's audit log: `/forums/<forum_id>/log` (filtered, a page at a time, with the chain's verification) and
`/forums/<forum_id>/log.jsonl` (the forum's events in the line format of `tracker events export`).

For those who read the forum in full (admins, its secretariat, evaluators who read it), as GET /events.
"""
from __future__ import annotations

import re
from datetime import date
from typing import Any

from flask import Blueprint, Response, abort, g, render_template, request, stream_with_context
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import refresh
from flask_login import login_required

from events.catalog import registry
from tracker import extension
from tracker.queries import audit_log
from tracker.read_models.records import reading
from tracker.report.words import moment, zone_name
from tracker.web.actions import Submission
from tracker.web.i18n import current_language
from tracker.web.labels import label
from tracker.web.login import web_principal

bp = Blueprint("audit", __name__)

#: What each kind of event means, as the audit log and the trails name it (never the type's name).
EVENT_KINDS = {
    "ForumEstablished": _l("Forum established"), "ForumPolicyAmended": _l("Forum's rules amended"),
    "OrganizationJoined": _l("Organization joined"), "OrganizationLeft": _l("Organization left"),
    "RepresentativeDesignated": _l("Representative designated"),
    "RepresentativeWithdrawn": _l("Representative withdrawn"), "PersonForgotten": _l("Person's data erased"),
    "ChannelConsentRecorded": _l("Agreement to be written to by WhatsApp or SMS recorded"),
    "ActionPlanOpened": _l("Action plan opened for co-creation"),
    "ActionPlanSubmitted": _l("Action plan submitted to OGP"), "PublicationMade": _l("Publication made"),
    "PlanEndorsed": _l("Plan endorsed"), "EndorsementWithdrawn": _l("Endorsement withdrawn"),
    "CheckJudged": _l("Evaluator's judgement of a check"), "CommitmentDrafted": _l("Commitment drafted"),
    "CommitmentRevised": _l("Commitment revised"), "CommitmentAmended": _l("Commitment amended"),
    "CommitmentAssessed": _l("Commitment assessed by the evaluator"),
    "ProgressReported": _l("Progress reported"),
    "CommitmentEndAssessed": _l("Commitment assessed at its end by the evaluator"),
    "PlanFinalAssessed": _l("Final assessment of the plan by the evaluator"),
    "RecommendationAnswered": _l("Answer to a recommendation of an earlier plan"),
    "CommitmentLeadContactNamed": _l("Commitment's lead contact named"),
    "ConsultationOpened": _l("Public consultation opened"), "ConsultationExtended": _l("Public consultation extended"),
    "SessionScheduled": _l("Session scheduled"), "SessionAnnounced": _l("Session announced"),
    "SessionRescheduled": _l("Session rescheduled"), "SessionCancelled": _l("Session cancelled"),
    "SessionHeld": _l("Session held"), "MinutesRecorded": _l("Minutes recorded"),
    "ContributionReceived": _l("Contribution received"), "ContributionConsidered": _l("Contribution considered"),
    "ContributionResponded": _l("Response to a contribution"),
    "ResponseCommunicated": _l("Response communicated to the contributor"),
    "FeedbackSent": _l("Response sent to the contributor"), "ReminderSent": _l("Session reminder sent"),
    "ReceiptSent": _l("Receipt of the contribution sent by email"),
    "WarningSent": _l("Warning or reminder sent"), "DeliveryClaimed": _l("Message being sent"),
    "DeliveryFailed": _l("Message failed"), "DeliveryAbandoned": _l("Message given up"),
    "MessageStatusReported": _l("WhatsApp or SMS message delivered, read or failed"),
    "ContributionTextHidden": _l("Contribution's text hidden from the public"),
    "ContributorChannelWithdrawn": _l("Contributor's agreement to be answered by WhatsApp or SMS withdrawn"),
    "DocumentStored": _l("Document stored"), "DocumentWithdrawn": _l("Document withdrawn"),
}
#: The free-text fields an event may carry (tracker.queries.audit_log.TEXT_FIELDS), as the rows name them.
TEXT_FIELD_NAMES = {
    "title": _l("Title"), "name": _l("Name"), "text": _l("Text"), "reasoning": _l("Reasoning"), "note": _l("Note"),
    "explanation": _l("Explanation"), "recommendations": _l("Recommendations"), "reason": _l("Reason"),
    "correction_reason": _l("Reason for the correction"), "url": _l("Web address"),
}


def event_kind(event_type: str) -> str:
    """What an event of this type means, in the page's language (a type the table does not know yet: its name
    in words, "Document stored", never the type's name itself)."""
    known = EVENT_KINDS.get(event_type)
    return str(known) if known is not None else re.sub(r"(?<=[a-z])(?=[A-Z])", " ", event_type).capitalize()


#: Which table of tracker.web.labels names the code of a field, by event type (None: the field, any type).
CODE_TABLES = {("ContributionResponded", "decision"): "decisions", ("PublicationMade", "kind"): "publication_kinds",
               ("SessionScheduled", "kind"): "session_kinds"}


def code_words(event_type: str, field: str, code: str) -> str:
    """A code in an event's summary named in the page's language: a decision, a kind, check "2.6"."""
    if field == "check":
        return _("Check %(check)s", check=code)
    table = CODE_TABLES.get((event_type, field))
    return label(table, code) if table else code.replace("_", " ")


def text_field_name(field: str) -> str:
    """The name of a free-text field of an event, in the page's language."""
    return str(TEXT_FIELD_NAMES.get(field, field))


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
    page = audit_log.log_page(services, forum_id, forum.timezone, filters, after, audit_log.PAGE,
                              lang=current_language(), words=code_words)
    form = Submission(values=request.args.to_dict(), errors=errors,
                      message=_("Some filters are invalid: see the messages beside them.") if errors else None)
    filter_args = {k: v for k, v in request.args.items() if k != "after" and v}
    return render_template("web/audit_log.html", forum=forum, page=page, form=form, after=after,
                           type_options=sorted(((t, event_kind(t)) for t in registry.versions), key=lambda o: o[1]),
                           filter_args=filter_args, event_kind=event_kind, text_field_name=text_field_name,
                           zone_words=zone_name(forum.timezone, current_language()),
                           when=lambda instant: moment(instant, forum.timezone, current_language()),
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
