"""A plan's implementation page for the secretariat: each commitment's completion level in words, its milestones
completed of all, the overdue ones and the day of its last report, the plan's totals, as of a day
(GET /api/v1/action-plans/{id}/implementation, through tracker.queries.implementation_pages).

For those who read the forum in full (its secretariat, evaluators, admins); the public reads the same progress on
the forum's page and each commitment's public page.
"""
from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, g, render_template, request
from flask_babel import gettext as _
from flask_babel import refresh
from flask_login import login_required
from marshmallow import ValidationError

from tracker import extension
from tracker.contract.errors import flatten
from tracker.contract.plans import ImplementationQuerySchema
from tracker.queries import implementation_pages
from tracker.queries.forum_pages import forum_language
from tracker.read_models.records import record
from tracker.web.actions import blank
from tracker.web.login import web_principal
from tracker.web.refusals import translate_errors

bp = Blueprint("implementation", __name__)


@bp.route("/action-plans/<plan_id>/implementation")
@login_required
def implementation(plan_id: str) -> Any:
    """The plan's implementation as of a day (`as_of`, default today in the forum's timezone)."""
    plan, _version = record(extension.services().projector, "plan", plan_id)
    g.forum_language = forum_language(extension.services(), plan.forum_id)
    refresh()
    if not web_principal().can_read_full(plan.forum_id):
        abort(403)
    asked = request.args.get("as_of", "").strip()
    form = blank({"as_of": asked})
    as_of = None
    if asked:
        try:
            as_of = ImplementationQuerySchema().load({"as_of": asked})["as_of"]
        except ValidationError as error:
            form.errors.update(translate_errors(flatten(error.messages)))
            form.message = _("Some fields are invalid: see the messages beside them.")
    page = implementation_pages.plan_implementation(extension.services(), plan_id, as_of)
    return render_template("web/implementation.html", page=page, form=form), 422 if form.errors else 200
