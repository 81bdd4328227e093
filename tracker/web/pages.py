"""The public pages (home, a forum's page) and the secretariat's dashboard of a forum."""
from __future__ import annotations

from datetime import date
from typing import Any

from flask import Blueprint, Response, abort, current_app, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import refresh
from flask_login import login_required

from tracker import extension
from tracker.bootstrap import configured_channels
from tracker.commands import contributions as commands
from tracker.contract.contributions import ContributionTextHidingCreateSchema
from tracker.http import served_publicly
from tracker.queries import contribution_pages, forum_pages, implementation_pages, page_charts, public_pages
from tracker.web.actions import Submission, blank, body_from, submit
from tracker.web.i18n import current_language
from tracker.web.login import web_principal

public = Blueprint("public", __name__)
secretariat = Blueprint("dashboard", __name__)


def _in_forum_language(forum_id: str) -> None:
    """On a forum's pages the forum's language comes before the browser's (NotFound for an unknown forum)."""
    g.forum_language = forum_pages.forum_language(extension.services(), forum_id)
    refresh()


def forum_charts(forum_id: str) -> dict[str, Any]:
    """The charts of a forum in the page's language, for the templates (`web/_charts.html`, on the forum's
    public page and its dashboard)."""
    return page_charts.forum_charts(extension.services(), forum_id, current_language())


@public.route("/")
def home() -> str:
    """The forums, with links to their pages (and dashboards, for those who may read them)."""
    principal = web_principal()
    forums = forum_pages.forums(extension.services())
    readable = {f.id for f in forums if principal.can_read_full(f.id)}
    return render_template("web/home.html", forums=forums, readable=readable)


@public.route("/forums/<forum_id>")
def forum(forum_id: str) -> Response:
    """A forum's public page: what it published, with no personal contact data and no minor's name (kept ready
    for anonymous readers while nothing new is logged in the forum)."""
    return served_publicly(forum_id, lambda: _forum(forum_id), also=lambda: forum_pages.publication_mark(
        extension.services()))


def _forum(forum_id: str) -> str:
    _in_forum_language(forum_id)
    page = forum_pages.public_forum(extension.services(), forum_id, current_language())
    plans = public_pages.forum_contributions(extension.services(), forum_id)
    progress = implementation_pages.forum_progress(extension.services(), forum_id)
    return render_template("web/forum.html", page=page, can_read=web_principal().can_read_full(forum_id),
                           plan_contributions=plans, plan_progress=progress,
                           calendar_url=url_for("calendar.Calendar", forum_id=forum_id, _external=True))


@public.route("/forums/<forum_id>/contributions/<contribution_id>")
def contribution(forum_id: str, contribution_id: str) -> Response:
    """A contribution's public page: its text (or why the secretariat hid it), channel, day received, the
    decision and, once communicated, the reasoning, and the commitment it shaped; never a private person's name
    or contact data, never a minor's name (kept ready for anonymous readers, as the forum's page)."""
    return served_publicly(contribution_id, lambda: _contribution(forum_id, contribution_id))


def _contribution(forum_id: str, contribution_id: str) -> str:
    _in_forum_language(forum_id)
    shown = public_pages.contribution(extension.services(), forum_id, contribution_id)
    return render_template("web/public_contribution.html", c=shown)


@public.route("/forums/<forum_id>/plans/<plan_id>/contributions")
def plan_contributions(forum_id: str, plan_id: str) -> Response:
    """A plan's contributions as the public sees them, newest first, a page at a time (`?page=`, from 1; a page
    that is not a whole number or past the last is 404). Kept ready for anonymous readers, as the forum's page."""
    asked = request.args.get("page", "1")
    if not asked.isdigit():
        abort(404)
    return served_publicly(plan_id, lambda: _plan_contributions(forum_id, plan_id, int(asked)))


def _plan_contributions(forum_id: str, plan_id: str, page: int) -> str:
    _in_forum_language(forum_id)
    shown = public_pages.plan_contributions(extension.services(), forum_id, plan_id, page)
    return render_template("web/public_contributions.html", p=shown)


@public.route("/forums/<forum_id>/commitments/<commitment_id>")
def commitment(forum_id: str, commitment_id: str) -> str:
    """A commitment's public page: its text, each milestone's status, due day and overdue flag, the evidence
    (publications, and stored documents not withdrawn) and every progress report; no id, no person's data."""
    _in_forum_language(forum_id)
    shown = implementation_pages.public_commitment(extension.services(), forum_id, commitment_id)
    return render_template("web/public_commitment.html", c=shown)


@secretariat.route("/forums/<forum_id>/dashboard")
@login_required
def dashboard(forum_id: str) -> str:
    """The dashboard: for admins, the forum's secretariat, and evaluators who read the forum (read-only)."""
    _in_forum_language(forum_id)
    principal = web_principal()
    if not principal.can_read_full(forum_id):
        abort(403)
    board = forum_pages.dashboard(extension.services(), forum_id, current_language(),
                                  configured_channels(current_app.config))
    implementation = implementation_pages.dashboard(extension.services(), forum_id)
    return render_template("web/dashboard.html", board=board, implementation=implementation,
                           can_write=principal.can_write_forum(forum_id))


def _render_hiding(contribution_id: str, form: Submission, status: int = 200) -> tuple[str, int]:
    page = contribution_pages.contribution(extension.services(), contribution_id)
    return render_template("web/contribution_hiding.html", page=page, form=form,
                           reference=public_pages.reference_of(contribution_id)), status


@secretariat.route("/contributions/<contribution_id>/hiding", methods=["GET", "POST"])
@login_required
def hide_text(contribution_id: str) -> Any:
    """The secretariat hides a contribution's text from the public, with the reason shown instead
    (POST /api/v1/contributions/{id}/hiding)."""
    page = contribution_pages.contribution(extension.services(), contribution_id)
    _in_forum_language(page.forum.id)
    if not web_principal().can_write_forum(page.forum.id):
        abort(403)
    if request.method == "GET":
        return _render_hiding(contribution_id, blank({"hidden_on": page.today.isoformat()}))
    values = {k: v for k, v in request.form.items() if k != "csrf_token"}
    submission = submit(ContributionTextHidingCreateSchema(), commands.hide_contribution_text, contribution_id,
                        body=body_from(request.form), values=values)
    if submission.ok:
        flash(_("The text is hidden from the public; the public page shows the reason instead."))
        return redirect(url_for("web.contributions.contribution", contribution_id=contribution_id))
    return _render_hiding(contribution_id, submission, submission.status)


@secretariat.app_context_processor
def _hiding_form() -> dict[str, Any]:
    """`blank_hiding_form(today)`: the hiding form, not yet posted, for the secretariat's contribution page."""
    def blank_hiding_form(day: date) -> Submission:
        return blank({"hidden_on": day.isoformat()})

    return {"blank_hiding_form": blank_hiding_form}
