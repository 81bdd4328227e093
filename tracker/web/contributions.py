"""The secretariat's contributions inbox: log a contribution, mark it considered, respond, record the
communication; a page per contribution.

Every form goes through `tracker.web.actions` (the API's schemas and command handlers); reading needs the
forum in full (`can_read_full`), writing needs `can_write_forum`, as in the API.
"""
from __future__ import annotations

from datetime import datetime, tzinfo
from typing import Any

from babel import dates as babel_dates
from flask import Blueprint, abort, flash, g, redirect, render_template, request, url_for
from flask_babel import get_locale, refresh
from flask_babel import gettext as _
from flask_login import login_required

from tracker import extension
from tracker.commands import contributions as commands
from tracker.contract.contributions import (
    ContributionChannelWithdrawalCreateSchema,
    ContributionCommunicationCreateSchema,
    ContributionConsiderationCreateSchema,
    ContributionCreateSchema,
    ContributionResponseCreateSchema,
)
from tracker.domain.time import zone
from tracker.domain.vocabulary import CONTRIBUTION_STATUSES
from tracker.queries import contribution_pages
from tracker.queries.forum_pages import forum_language
from tracker.read_models.records import records_of
from tracker.web import labels
from tracker.web.actions import Submission, blank, body_from, submit
from tracker.web.login import web_principal

bp = Blueprint("contributions", __name__)

AUTHOR_FIELDS = ("representative_id", "name", "organization", "sector", "email")


def _forum_page(forum_id: str, *, write: bool = False) -> None:
    """403 unless the signed-in user reads (or, with `write`, writes) the forum; then speak its language."""
    principal = web_principal()
    allowed = principal.can_write_forum(forum_id) if write else principal.can_read_full(forum_id)
    if not allowed:
        abort(403)
    g.forum_language = forum_language(extension.services(), forum_id)
    refresh()


def _status_filter() -> str | None:
    status = request.args.get("status") or None
    return status if status in CONTRIBUTION_STATUSES else None


def _query() -> str:
    """What the inbox's search box asks for (a public reference or words of the text), at most 200 characters."""
    return (request.args.get("q") or "").strip()[:200]


def _render_inbox(box: contribution_pages.Inbox, log_form: Submission, status: int = 200) -> tuple[str, int]:
    return render_template("web/contributions.html", box=box, form=log_form, status_filter=_status_filter(),
                           query=_query(),
                           held_sessions=held_sessions(box.forum.id),
                           can_write=web_principal().can_write_forum(box.forum.id)), status


@bp.route("/forums/<forum_id>/contributions")
@login_required
def inbox(forum_id: str) -> Any:
    """Every contribution to the forum's plans, by status; logging one happens on a plan's inbox."""
    box = contribution_pages.inbox(extension.services(), forum_id=forum_id, status=_status_filter(),
                                   query=_query())
    _forum_page(box.forum.id)
    return _render_inbox(box, blank())


@bp.route("/action-plans/<plan_id>/contributions")
@login_required
def plan_inbox(plan_id: str) -> Any:
    """The plan's contributions grouped by status (`?status=` keeps one), with the form to log one."""
    box = contribution_pages.inbox(extension.services(), plan_id=plan_id, status=_status_filter(),
                                   query=_query())
    _forum_page(box.forum.id)
    return _render_inbox(box, blank({"received_on": box.today.isoformat()}))


@bp.route("/action-plans/<plan_id>/contributions", methods=["POST"])
@login_required
def log(plan_id: str) -> Any:
    """A contribution is logged (POST /api/v1/action-plans/{id}/contributions)."""
    box = contribution_pages.inbox(extension.services(), plan_id=plan_id)
    _forum_page(box.forum.id, write=True)
    body = body_from(request.form, nested={"author": AUTHOR_FIELDS})
    values = {k: v for k, v in request.form.items() if k != "csrf_token"}
    submission = submit(ContributionCreateSchema(), commands.receive_contribution, plan_id, body=body,
                        values=values)
    if submission.outcome is not None:
        flash(_("The contribution was logged."))
        return redirect(url_for(".contribution", contribution_id=submission.outcome.id))
    return _render_inbox(box, submission, submission.status)


#: The form a contribution's page shows at each status: only the next step's.
NEXT_STEP = {"received": "consider", "considered": "respond", "responded": "communicate"}


def held_sessions(forum_id: str) -> list[tuple[str, str]]:
    """The forum's sessions already held, latest first: the only ones a contribution is received or considered
    in (never a cancelled or a future one)."""
    projector = extension.services().projector
    found = [s for s in records_of(projector, "session", forum_id=forum_id) if s.status == "held"]
    found.sort(key=lambda s: s.held_at, reverse=True)
    forums = [f for f in records_of(projector, "forum") if f.id == forum_id]
    tz = zone(forums[0].timezone) if forums else None
    # The day and time the forum lived it (a session held at 20:00 in Lima is the next day in UTC).
    return [(s.id, f"{s.title} ({_local_day(s.held_at, tz)})") for s in found]


def _local_day(moment: datetime, tz: tzinfo | None) -> str:
    """An instant as the forum's day and time, in the page's language ("12 nov 2026, 15:00")."""
    local = moment.astimezone(tz) if tz is not None else moment
    locale = get_locale()
    return f"{babel_dates.format_date(local.date(), 'medium', locale=locale)}, " \
           f"{babel_dates.format_time(local, 'short', locale=locale)}"


def emailed(page: contribution_pages.ContributionPage) -> bool:
    """Whether the contributor is emailed the response automatically: the forum's policy `feedback_by_email` and
    an email to send it to (a member of the public's own, or a representative's on the roster)."""
    if not page.forum.policy.get("feedback_by_email", True):
        return False
    author = page.row.state.author
    rep_id = author.get("representative_id")
    if rep_id:
        rep = page.forum.representatives.get(rep_id)
        return bool(rep is not None and rep.email)
    return bool(author.get("email"))


def _render_contribution(contribution_id: str, forms: dict[str, Submission], status: int = 200,
                         step: str | None = None) -> tuple[str, int]:
    page = contribution_pages.contribution(extension.services(), contribution_id)
    day = page.today.isoformat()
    defaults = {"consider": {"considered_on": day}, "respond": {"responded_on": day},
                "communicate": {"communicated_on": day}}
    forms = {name: forms.get(name) or blank(defaults[name]) for name in defaults}
    shown = step or NEXT_STEP.get(page.row.state.status)
    if step == "respond" and page.row.state.status != "received":
        shown = NEXT_STEP.get(page.row.state.status)
    return render_template("web/contribution.html", page=page, forms=forms, step=shown,
                           held_sessions=held_sessions(page.forum.id), emailed=emailed(page),
                           can_write=web_principal().can_write_forum(page.forum.id)), status


@bp.route("/contributions/<contribution_id>")
@login_required
def contribution(contribution_id: str) -> Any:
    """One contribution: who sent it, what became of it, and the forms for its next steps."""
    page = contribution_pages.contribution(extension.services(), contribution_id)
    _forum_page(page.forum.id)
    step = "respond" if request.args.get("step") == "respond" else None
    return _render_contribution(contribution_id, {}, step=step)


#: Each step: the form's name on the page, the API's schema, the command, the confirmation.
STEPS = {
    "consideration": ("consider", ContributionConsiderationCreateSchema, commands.consider_contribution),
    "response": ("respond", ContributionResponseCreateSchema, commands.respond_to_contribution),
    "communication": ("communicate", ContributionCommunicationCreateSchema, commands.communicate_response),
}


def _confirmation(step: str) -> str:
    return {"consideration": _("The contribution was marked as considered."),
            "response": _("The response was recorded."),
            "communication": _("The communication of the response was recorded.")}[step]


@bp.route("/contributions/<contribution_id>/<any(consideration, response, communication):step>", methods=["POST"])
@login_required
def advance(contribution_id: str, step: str) -> Any:
    """The contribution moves along: considered, responded to, or its response communicated."""
    page = contribution_pages.contribution(extension.services(), contribution_id)
    _forum_page(page.forum.id, write=True)
    name, schema, command = STEPS[step]
    body = body_from(request.form)
    submission = submit(schema(), command, contribution_id, body=body,
                        values={k: v for k, v in request.form.items() if k != "csrf_token"})
    if submission.ok:
        flash(_confirmation(step))
        return redirect(url_for(".contribution", contribution_id=contribution_id))
    return _render_contribution(contribution_id, {name: submission}, submission.status, step=name)


@bp.route("/contributions/<contribution_id>/channel-withdrawal", methods=["POST"])
@login_required
def withdraw_channel(contribution_id: str) -> Any:
    """A member of the public told the secretariat to stop answering them by WhatsApp or SMS
    (POST /api/v1/contributions/{id}/channel-withdrawal): honoured at once; refused in the page's language when
    they had not agreed to that channel, or withdrew it already, and nothing is recorded."""
    page = contribution_pages.contribution(extension.services(), contribution_id)
    _forum_page(page.forum.id, write=True)
    submission = submit(ContributionChannelWithdrawalCreateSchema(),
                        lambda ctx, cid, data: commands.withdraw_contributor_channel(ctx, cid, data["channel"],
                                                                                      "secretariat"),
                        contribution_id, body=body_from(request.form))
    if submission.ok:
        flash(_("Recorded: the contributor will not be answered by %(channel)s any more.",
                channel=labels.label("message_channels", request.form.get("channel", ""))))
        return redirect(url_for(".contribution", contribution_id=contribution_id))
    flash(_("Nothing was recorded: the contributor had not agreed to be answered by that channel, or had "
            "withdrawn it already."))
    return _render_contribution(contribution_id, {}, submission.status)


@bp.context_processor
def _options() -> dict[str, Any]:
    """`label_options("decisions")`: a label table as (code, name) options for `select`."""
    return {"label_options": lambda table: [(code, str(name)) for code, name in labels.TABLES[table].items()]}
