"""The roster pages: organizations by sector with their representatives, and the forms that change the roster.

Each form posts the body the API's roster endpoints take (tracker/api/forums.py), loaded with the API's schema
and passed to the same command (tracker/commands/forums.py). Admins and the forum's secretariat write; evaluators
who read the forum see the roster without forms; anonymous visitors are sent to sign in.
"""
from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import login_required

from tracker import extension
from tracker.commands import forums as commands
from tracker.contract.forums import (
    ChannelConsentSchema,
    OrganizationCreateSchema,
    OrganizationWithdrawalSchema,
    RepresentativeCreateSchema,
    RepresentativeWithdrawalSchema,
)
from tracker.domain.vocabulary import GENDERS, MESSAGE_CHANNELS, REPRESENTATIVE_ROLES, SECTORS
from tracker.queries import secretariat_pages
from tracker.web.actions import Submission, blank, body_from, submit
from tracker.web.labels import label
from tracker.web.login import web_principal
from tracker.web.pages import _in_forum_language

bp = Blueprint("roster", __name__)

#: The representatives' roles and genders (tracker/domain/vocabulary.py), as the pages name them.
ROLE_NAMES = {"primary": _l("Primary"), "alternate": _l("Alternate")}
GENDER_NAMES = {"female": _l("Female"), "male": _l("Male"), "other": _l("Other"),
                "undisclosed": _l("Prefers not to say")}


def _may_read(forum_id: str) -> bool:
    """Whether the signed-in user may write the forum; 403 unless they read it in full."""
    principal = web_principal()
    if not principal.can_read_full(forum_id):
        abort(403)
    return principal.can_write_forum(forum_id)


def _show(forum_id: str, action: str | None = None, form: Submission | None = None, status: int = 200,
          **target: Any) -> tuple[str, int]:
    _in_forum_language(forum_id)
    can_write = _may_read(forum_id)
    page = secretariat_pages.roster(extension.services(), forum_id, full=True)
    orgs = {o.org["id"]: o for _, group in page.sectors for o in group} | {o.org["id"]: o for o in page.left}
    if ("org_id" in target and target["org_id"] not in orgs) or \
            ("rep_id" in target and target["rep_id"] not in page.representatives):
        abort(404)
    target["org"] = orgs.get(target.get("org_id"))
    target["rep"] = page.representatives.get(target["rep_id"]) if "rep_id" in target else None
    return render_template("web/roster.html", page=page, can_write=can_write, action=action,
                           form=form or blank(), sectors=[(s, label("sectors", s)) for s in SECTORS],
                           roles=[(r, ROLE_NAMES[r]) for r in REPRESENTATIVE_ROLES],
                           genders=[(g, GENDER_NAMES[g]) for g in GENDERS],
                           consents=[("true", _("Yes")), ("false", _("No"))],
                           channels=[(c, label("message_channels", c)) for c in MESSAGE_CHANNELS],
                           agreements=[("true", _("Agreed")), ("false", _("Withdrew the agreement"))],
                           **target), status


def _form(forum_id: str, action: str, schema, command, ids: tuple[str, ...], done: str,
          flags: tuple[str, ...] = (), lists: tuple[str, ...] = (), **target: Any):
    """GET: the roster with the form; POST: the API's schema and command, then back to the roster or the form."""
    _in_forum_language(forum_id)
    if not _may_read(forum_id):
        abort(403)
    if request.method == "GET":
        return _show(forum_id, action, **target)
    body = body_from(request.form, flags=flags, lists=lists)
    submission = submit(schema, command, forum_id, *ids, body=body)
    if submission.ok:
        flash(done)
        return redirect(url_for("web.roster.roster", forum_id=forum_id))
    return _show(forum_id, action, submission, submission.status, **target)


@bp.route("/forums/<forum_id>/roster")
@login_required
def roster(forum_id: str):
    """The roster: current organizations by sector, their primary and alternates, and those that left."""
    return _show(forum_id)


@bp.route("/forums/<forum_id>/roster/organizations", methods=["GET", "POST"])
@login_required
def join(forum_id: str):
    """Add an organization to the forum (POST /api/v1/forums/{id}/organizations)."""
    return _form(forum_id, "join", OrganizationCreateSchema(), commands.join_organization, (),
                 _("The organization was added to the roster."))


@bp.route("/forums/<forum_id>/roster/organizations/<org_id>/withdrawal", methods=["GET", "POST"])
@login_required
def leave(forum_id: str, org_id: str):
    """Record that an organization left the forum."""
    return _form(forum_id, "leave", OrganizationWithdrawalSchema(), commands.withdraw_organization, (org_id,),
                 _("The organization's departure was recorded."), org_id=org_id)


@bp.route("/forums/<forum_id>/roster/organizations/<org_id>/representatives", methods=["GET", "POST"])
@login_required
def designate(forum_id: str, org_id: str):
    """Designate a primary or alternate representative of an organization."""
    return _form(forum_id, "designate", RepresentativeCreateSchema(), commands.designate_representative,
                 (org_id,), _("The representative was designated."), flags=("is_minor",), lists=("opt_in",),
                 org_id=org_id)


@bp.route("/forums/<forum_id>/roster/representatives/<rep_id>/withdrawal", methods=["GET", "POST"])
@login_required
def withdraw(forum_id: str, rep_id: str):
    """Record that a person no longer represents their organization."""
    return _form(forum_id, "withdraw", RepresentativeWithdrawalSchema(), commands.withdraw_representative,
                 (rep_id,), _("The representative's withdrawal was recorded."), rep_id=rep_id)


@bp.route("/forums/<forum_id>/roster/representatives/<rep_id>/channels", methods=["GET", "POST"])
@login_required
def channels(forum_id: str, rep_id: str):
    """Record that a representative agreed to be written to by WhatsApp or SMS, or withdrew that (POST
    /api/v1/forums/{id}/representatives/{rep_id}/channels); a withdrawal is honoured at once."""
    return _form(forum_id, "channels", ChannelConsentSchema(), commands.record_channel_consent, (rep_id,),
                 _("The agreement was recorded."), rep_id=rep_id)
