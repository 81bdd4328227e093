"""The templates of the sheets the secretariat imports (`tracker import`, docs/imports.md), served to the forum's
secretariat: `GET /forums/{id}/imports/templates/{roster|attendance|contributions}.{csv|xlsx}`, the headers in the
page's language (the forum's, unless `?lang=` says otherwise). Anonymous visitors are sent to sign in; anyone who
may not write the forum gets 403; an unknown forum, kind or format 404."""
from __future__ import annotations

from flask import Blueprint, Response, abort
from flask_login import login_required

from tracker.imports.columns import KINDS
from tracker.imports.templates import FORMATS, MEDIA_TYPES, file_name, template
from tracker.web.i18n import current_language
from tracker.web.login import web_principal
from tracker.web.pages import _in_forum_language

bp = Blueprint("imports", __name__)


@bp.route("/forums/<forum_id>/imports/templates/<kind>.<fmt>")
@login_required
def import_template(forum_id: str, kind: str, fmt: str) -> Response:
    """The template of `kind` (roster, attendance, contributions) as CSV or XLSX."""
    _in_forum_language(forum_id)
    if not web_principal().can_write_forum(forum_id):
        abort(403)
    if kind not in KINDS or fmt not in FORMATS:
        abort(404)
    language = "es" if current_language() == "es" else "en"
    return Response(template(kind, fmt, language), mimetype=MEDIA_TYPES[fmt], headers={
        "Content-Disposition": f'attachment; filename="{file_name(kind, fmt, language)}"'})
