"""The action plan page: its window and links, its publications, endorsements and submission to OGP, and the forms
that record a publication, record the endorsement and withdraw it, and record the submission. The endorsement's and
the submission's document, like a publication, is a link or a file stored here (tracker/web/uploads.py).

Each form posts the body the API's plan endpoints take (tracker/api/plans.py), loaded with the API's schema and
passed to the same command (tracker/commands/plans.py). The page's links are a list other pages extend:
`PLAN_LINKS` (an endpoint taking `plan_id` is linked as soon as it exists) and the template's `plan_links` block.
"""
from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, current_app, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import refresh
from flask_login import login_required

from tracker import extension
from tracker.commands import consultations as consultation_commands
from tracker.commands import plans as commands
from tracker.contract.plans import (
    ConsultationCreateSchema,
    EndorsementCreateSchema,
    EndorsementWithdrawalSchema,
    ExtensionSchema,
    PublicationCreateSchema,
    SubmissionSchema,
)
from tracker.documents import accepts_files
from tracker.domain.errors import NotFound
from tracker.domain.streams import plan_of_endorsement
from tracker.domain.vocabulary import CONTRIBUTION_CHANNELS, PUBLICATION_KINDS
from tracker.queries import secretariat_pages
from tracker.read_models.records import record
from tracker.web import uploads
from tracker.web.actions import Submission, blank, body_from, submit
from tracker.web.labels import label
from tracker.web.login import web_principal

bp = Blueprint("plans", __name__)

#: Pages about a plan, linked from the plan's page once they exist: (endpoint taking plan_id, link text).
PLAN_LINKS: list[tuple[str, Any]] = [
    ("web.contributions.plan_inbox", _l("Contributions")),
    ("web.commitments.commitments", _l("Commitments")),
    ("web.implementation.implementation", _l("Implementation")),
    ("web.evaluation.compliance", _l("Compliance")),
]


def plan_links(plan_id: str) -> list[tuple[str, str]]:
    """(address, text) of each page in `PLAN_LINKS` that exists."""
    return [(url_for(endpoint, plan_id=plan_id), str(text)) for endpoint, text in PLAN_LINKS
            if endpoint in current_app.view_functions]


def _page(plan_id: str) -> tuple[secretariat_pages.PlanPage, bool]:
    """The plan (NotFound when there is none), in its forum's language, and whether the user may write;
    403 unless the user reads the forum in full."""
    page = secretariat_pages.plan(extension.services(), plan_id)
    g.forum_language = page.forum.language
    refresh()
    principal = web_principal()
    if not principal.can_read_full(page.forum.id):
        abort(403)
    return page, principal.can_write_forum(page.forum.id)


def _render(page: secretariat_pages.PlanPage, can_write: bool, action: str | None = None,
            form: Submission | None = None, status: int = 200, endorsement: dict | None = None, **extra: Any):
    return render_template(
        "web/plan.html", page=page, p=page.plan, can_write=can_write, action=action, form=form or blank(),
        kinds=[(k, label("publication_kinds", k)) for k in PUBLICATION_KINDS], links=plan_links(page.plan["id"]),
        consultation_channels=[(c, label("channels", c)) for c in CONTRIBUTION_CHANNELS],
        endorsement=endorsement, **extra,
        max_upload_mb=extension.services().max_upload_bytes // (1024 * 1024)), status


def _done(plan_id: str, message: str):
    flash(message)
    return redirect(url_for("web.plans.plan", plan_id=plan_id))


@bp.route("/action-plans/<plan_id>")
@login_required
def plan(plan_id: str):
    """The plan: title, window, links to its sessions and report, publications and endorsements."""
    page, can_write = _page(plan_id)
    return _render(page, can_write)


@bp.route("/action-plans/<plan_id>/publications", methods=["GET", "POST"])
@login_required
@accepts_files
def publish(plan_id: str):
    """Record that a document of the co-creation was published: a link, or a file stored here (its address and
    the SHA-256 the server computed go in the publication)."""
    page, can_write = _page(plan_id)
    if not can_write:
        abort(403)
    if request.method == "GET":
        return _render(page, can_write, "publish")
    body = body_from(request.form)
    body.pop("sha256", None)  # never typed on the page: the server computes it of a file stored here
    found = uploads.chosen(request.files, [""])
    body = uploads.fill(body, found.files.get(""), request.form, "")
    submission = uploads.submit_with_files(found, page.forum.id, PublicationCreateSchema(), commands.publish, plan_id,
                                           body=body, values=request.form.to_dict())
    if submission.ok:
        return _done(plan_id, _("The publication was recorded."))
    return _render(page, can_write, "publish", submission, submission.status)


def _with_document(body: dict[str, Any]) -> uploads.Chosen:
    """The file chosen for the form's document (`document.file`), its address and hash put in `body["document"]`
    (a typed SHA-256 is never read: the server computes it of a file stored here)."""
    found = uploads.chosen(request.files, ["document"])
    if "document" in body or found.files:
        body["document"] = uploads.fill(body.get("document", {}), found.files.get("document"), request.form,
                                        "document")
    return found


@bp.route("/action-plans/<plan_id>/endorsement", methods=["GET", "POST"])
@login_required
@accepts_files
def endorse(plan_id: str):
    """Record that the forum endorsed the plan: when, at which session, signed by whom, and its act or resolution
    (a link, or a file stored here once the endorsement is recorded)."""
    page, can_write = _page(plan_id)
    if not can_write:
        abort(403)
    if request.method == "GET":
        return _render(page, can_write, "endorse")
    body = body_from(request.form, lists=("signed_by",), nested={"document": ("title", "url")})
    values = {**request.form.to_dict(), "signed_by": request.form.getlist("signed_by")}
    found = _with_document(body)
    submission = uploads.submit_with_files(found, page.forum.id, EndorsementCreateSchema(), commands.endorse, plan_id,
                                           body=body, values=values)
    if submission.ok:
        return _done(plan_id, _("The endorsement was recorded."))
    return _render(page, can_write, "endorse", submission, submission.status)


@bp.route("/action-plans/<plan_id>/submission", methods=["GET", "POST"])
@login_required
@accepts_files
def submission(plan_id: str):
    """Record that the plan was submitted to OGP (once), with the document sent if any (a link, or a file stored
    here once the submission is recorded): POST /api/v1/action-plans/{id}/submission."""
    page, can_write = _page(plan_id)
    if not can_write:
        abort(403)
    if request.method == "GET":
        return _render(page, can_write, "submit")
    body = body_from(request.form, nested={"document": ("title", "url")})
    values = request.form.to_dict()
    found = _with_document(body)
    sent = uploads.submit_with_files(found, page.forum.id, SubmissionSchema(), commands.submit_plan, plan_id,
                                     body=body, values=values)
    if sent.ok:
        return _done(plan_id, _("The plan's submission to OGP was recorded."))
    return _render(page, can_write, "submit", sent, sent.status)


@bp.route("/endorsements/<endorsement_id>/withdrawal", methods=["GET", "POST"])
@login_required
def withdraw(endorsement_id: str):
    """Record that an endorsement was withdrawn."""
    plan_id = plan_of_endorsement(endorsement_id)
    if plan_id is None:
        raise NotFound(f"no endorsement has the id {endorsement_id}")
    page, can_write = _page(plan_id)
    endorsement = next((e for e in page.plan["endorsements"] if e["id"] == endorsement_id), None)
    if endorsement is None:
        raise NotFound(f"no endorsement has the id {endorsement_id}")
    if not can_write:
        abort(403)
    if request.method == "GET":
        return _render(page, can_write, "withdraw", endorsement=endorsement)
    submission = submit(EndorsementWithdrawalSchema(), commands.withdraw_endorsement, endorsement_id,
                        body=body_from(request.form))
    if submission.ok:
        return _done(plan_id, _("The endorsement's withdrawal was recorded."))
    return _render(page, can_write, "withdraw", submission, submission.status, endorsement=endorsement)


@bp.route("/action-plans/<plan_id>/consultations", methods=["GET", "POST"])
@login_required
def consultations(plan_id: str):
    """The plan's public consultations (GET: the plan page at its consultations, with the form to open one for
    writers); POST opens one (POST /api/v1/action-plans/{id}/consultations)."""
    page, can_write = _page(plan_id)
    if request.method == "GET":
        return _render(page, can_write, "consult" if can_write else None)
    if not can_write:
        abort(403)
    submission = submit(ConsultationCreateSchema(), consultation_commands.open_consultation, plan_id,
                        body=body_from(request.form))
    if submission.ok:
        return _done(plan_id, _("The consultation was opened."))
    return _render(page, can_write, "consult", submission, submission.status)


@bp.route("/consultations/<consultation_id>/extension", methods=["GET", "POST"])
@login_required
def extend(consultation_id: str):
    """Move a consultation's closing date later (POST /api/v1/consultations/{id}/extension)."""
    state, _version = record(extension.services().projector, "consultation", consultation_id)
    page, can_write = _page(state.action_plan_id)
    if not can_write:
        abort(403)
    target = next((c for c in page.plan["consultations"] if c["id"] == consultation_id), None)
    if request.method == "GET":
        return _render(page, can_write, "extend", consultation=target)
    submission = submit(ExtensionSchema(), consultation_commands.extend_consultation, consultation_id,
                        body=body_from(request.form))
    if submission.ok:
        return _done(state.action_plan_id, _("The consultation's closing date was extended."))
    return _render(page, can_write, "extend", submission, submission.status, consultation=target)
