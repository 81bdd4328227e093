"""Commitments of an action plan: the list with the form to draft one, and a page per commitment with its
revisions and the form to revise it, its progress ("Avance": each milestone's status, every report) and the form
to report progress with its evidence (a file stored here, or publications of the plan).

Anyone may read them (the API shows commitments to the public); only those who may write the forum see and
post the forms. The forms go through `tracker.web.actions` with the API's schemas and command handlers.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from flask import Blueprint, abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import refresh
from flask_login import login_required
from werkzeug.datastructures import MultiDict

from tracker import extension
from tracker.commands import commitments as commands
from tracker.commands.base import Context
from tracker.commands.commitments import load_commitment
from tracker.commands.forums import load_forum
from tracker.commands.plans import load_plan
from tracker.contract.plans import CommitmentCreateSchema, CommitmentRevisionSchema, ProgressReportSchema
from tracker.contract.results import LeadContactSchema
from tracker.documents import accepts_files
from tracker.domain import commitment as rules
from tracker.domain.commitment import PROGRESS_STATUSES, ReportProgress
from tracker.queries import commitment_pages, implementation_pages
from tracker.queries.forum_pages import forum_language
from tracker.web import labels, uploads
from tracker.web.actions import Submission, blank, body_from, submit
from tracker.web.login import web_principal

bp = Blueprint("commitments", __name__)

#: How many milestone rows the forms offer.
MILESTONE_ROWS = 5
MILESTONE_FIELDS = ("title", "deliverable", "due_on")
MILESTONE_NAME = re.compile(r"milestones\.(\d{1,3})\.(?:title|deliverable|due_on)")


def _in_forum_language(forum_id: str) -> None:
    g.forum_language = forum_language(extension.services(), forum_id)
    refresh()


def _require_write(forum_id: str) -> None:
    if not web_principal().can_write_forum(forum_id):
        abort(403)


def commitment_body(form: MultiDict) -> dict[str, Any]:
    """The API body a commitment form stands for: text fields, ticked OGP values, the contributions chosen
    and the milestone rows that have anything in them (as `milestones: [{title, deliverable, due_on}]`)."""
    plain = MultiDict([(k, v) for k, v in form.items(multi=True) if not k.startswith("milestones.")])
    body = body_from(plain, lists=("ogp_values", "from_contributions"))
    indexes = sorted({int(m.group(1)) for k in form if (m := MILESTONE_NAME.fullmatch(k))})
    rows = []
    for i in indexes:
        row = {k: form.get(f"milestones.{i}.{k}", "").strip() for k in MILESTONE_FIELDS}
        row = {k: v for k, v in row.items() if v}
        if row:
            rows.append(row)
    if rows:
        body["milestones"] = rows
    return body


def _values(form: MultiDict) -> dict[str, Any]:
    """What the user typed, to show again (lists for the checkboxes)."""
    values: dict[str, Any] = {k: v for k, v in form.items() if k != "csrf_token" and not k.startswith("milestones.")}
    for name in ("ogp_values", "from_contributions"):
        values[name] = form.getlist(name)
    # The rows as the body numbers them (empty rows dropped), so the API's "milestones.1.title" is shown
    # beside the row it is about.
    for i, row in enumerate(commitment_body(form).get("milestones", [])):
        for k, v in row.items():
            values[f"milestones.{i}.{k}"] = v
    return values


def _current_values(c: dict[str, Any]) -> dict[str, Any]:
    """The revision form, filled with the current text."""
    values: dict[str, Any] = {k: c.get(k) or "" for k in ("title", "problem", "description", "lead_institution")}
    values["ogp_values"] = list(c.get("ogp_values") or [])
    for i, m in enumerate(c.get("milestones") or []):
        for k in MILESTONE_FIELDS:
            value = m.get(k)
            values[f"milestones.{i}.{k}"] = value.isoformat() if hasattr(value, "isoformat") else (value or "")
    return values


@bp.context_processor
def _options() -> dict[str, Any]:
    """`label_options("ogp_values")`: a label table as (code, name) options for the checkboxes."""
    return {"label_options": lambda table: [(code, str(name)) for code, name in labels.TABLES[table].items()]}


def _rows(form: Submission) -> int:
    """How many milestone rows the form offers: every row filled (or typed) and a few empty ones."""
    typed = [int(m.group(1)) + 1 for k in form.values if (m := MILESTONE_NAME.fullmatch(k))]
    return max([MILESTONE_ROWS, *(n + 2 for n in typed)])


def _render_list(plan_id: str, form: Submission, status: int = 200) -> tuple[str, int]:
    page = commitment_pages.commitments(extension.services(), plan_id)
    _in_forum_language(page.forum.id)
    return render_template("web/commitments.html", page=page, form=form, milestone_rows=_rows(form),
                           can_write=web_principal().can_write_forum(page.forum.id)), status


@bp.route("/action-plans/<plan_id>/commitments")
def commitments(plan_id: str) -> Any:
    """The plan's commitments; the form to draft one for those who may write the forum."""
    return _render_list(plan_id, blank())


@bp.route("/action-plans/<plan_id>/commitments", methods=["POST"])
@login_required
def draft(plan_id: str) -> Any:
    """A commitment is drafted (POST /api/v1/action-plans/{id}/commitments)."""
    page = commitment_pages.commitments(extension.services(), plan_id)
    _require_write(page.forum.id)
    submission = submit(CommitmentCreateSchema(), commands.draft_commitment, plan_id,
                        body=commitment_body(request.form), values=_values(request.form))
    if submission.outcome is not None:
        flash(_("The commitment was drafted."))
        return redirect(url_for(".commitment", commitment_id=submission.outcome.id))
    return _render_list(plan_id, submission, submission.status)


def _render_one(commitment_id: str, form: Submission | None, status: int = 200,
                progress_form: Submission | None = None, lead_form: Submission | None = None) -> tuple[str, int]:
    services = extension.services()
    page = commitment_pages.commitment(services, commitment_id)
    can_write = web_principal().can_write_forum(page.forum.id)
    if can_write:
        page = commitment_pages.commitment(services, commitment_id, with_people=True)
    _in_forum_language(page.forum.id)
    form = form or blank(_current_values(page.commitment))
    implementation = implementation_pages.commitment(services, commitment_id)
    progress_form = progress_form or blank({"reported_on": implementation.form.today.isoformat()})
    return render_template("web/commitment.html", page=page, form=form, milestone_rows=_rows(form),
                           implementation=implementation, progress_form=progress_form,
                           statuses=[(s, labels.label("progress_statuses", s)) for s in PROGRESS_STATUSES],
                           max_upload_mb=services.max_upload_bytes // (1024 * 1024), can_write=can_write,
                           lead_form=lead_form or blank({"lead_representative_id":
                                                         page.commitment.get("lead_representative_id") or ""})), status


@bp.route("/commitments/<commitment_id>")
def commitment(commitment_id: str) -> Any:
    """One commitment: its text, milestones, revisions, and whether it moved since the endorsement."""
    return _render_one(commitment_id, None)


@bp.route("/commitments/<commitment_id>/revision", methods=["POST"])
@login_required
def revise(commitment_id: str) -> Any:
    """The commitment is revised (POST /api/v1/commitments/{id}/revision): the fields that differ from the
    current text are recorded, with the reason and the contributions behind the change."""
    page = commitment_pages.commitment(extension.services(), commitment_id)
    _require_write(page.forum.id)
    submission = submit(CommitmentRevisionSchema(), commands.revise_commitment, commitment_id,
                        body=commitment_body(request.form), values=_values(request.form))
    if submission.ok:
        flash(_("The commitment was revised."))
        return redirect(url_for(".commitment", commitment_id=commitment_id))
    return _render_one(commitment_id, submission, submission.status)


@bp.route("/commitments/<commitment_id>/lead-contact", methods=["POST"])
@login_required
def name_lead_contact(commitment_id: str) -> Any:
    """The commitment's lead contact is named, or no longer named (PUT /api/v1/commitments/{id}/lead-contact): the
    representative the scheduler reminds of milestones due and of quarters without a progress report."""
    page = commitment_pages.commitment(extension.services(), commitment_id)
    _require_write(page.forum.id)
    chosen = request.form.get("lead_representative_id") or None
    submission = submit(LeadContactSchema(), commands.name_lead_contact, commitment_id,
                        body={"lead_representative_id": chosen}, values=request.form.to_dict())
    if submission.ok:
        flash(_("The lead contact was named.") if chosen else _("The commitment has no lead contact any more."))
        return redirect(url_for(".commitment", commitment_id=commitment_id) + "#lead-contact")
    return _render_one(commitment_id, None, submission.status, lead_form=submission)


def _as_if_stored(commitment_id: str, sha256s: set[str]) -> Callable[[Context, dict[str, Any]], None]:
    """The progress rule decided against the record as if the chosen files were stored (its refusal raised):
    a refused report stores no file (tracker.web.uploads.submit_with_files, `check_first`)."""
    def check(ctx: Context, data: dict[str, Any]) -> None:
        command = ReportProgress.of(data)
        state, _version = load_commitment(ctx, commitment_id)
        forum, _version = load_forum(ctx, state.forum_id)
        plan, _version = load_plan(ctx, state.action_plan_id)
        rules.report_progress(state, forum, plan, command, {sha: True for sha in sha256s}, ctx.now)

    return check


@bp.route("/commitments/<commitment_id>/progress", methods=["POST"])
@login_required
@accepts_files
def report_progress(commitment_id: str) -> Any:
    """Progress of a milestone, or of the commitment as a whole, with its evidence: a file stored here (its
    SHA-256 becomes the evidence) and/or publications of the plan (POST /api/v1/commitments/{id}/progress)."""
    page = commitment_pages.commitment(extension.services(), commitment_id)
    _require_write(page.forum.id)
    body = body_from(request.form, lists=("evidence",), nested={"correction": ("reason",)})
    values = {**request.form.to_dict(), "evidence": request.form.getlist("evidence")}
    found = uploads.chosen(request.files, [""])
    upload = found.files.get("")
    if upload is not None:
        body["evidence"] = [*body.get("evidence", []), upload.sha256]
    submission = uploads.submit_with_files(
        found, page.forum.id, ProgressReportSchema(), commands.report_progress, commitment_id, body=body,
        values=values, check_first=_as_if_stored(commitment_id, {upload.sha256} if upload else set()))
    if submission.ok:
        flash(_("The progress was recorded."))
        return redirect(url_for(".commitment", commitment_id=commitment_id) + "#avance")
    return _render_one(commitment_id, None, submission.status, progress_form=submission)
