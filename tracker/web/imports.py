"""The secretariat's spreadsheets on the pages (docs/imports.md): the templates of the sheets `tracker import` reads,
`GET /forums/{id}/imports/templates/{roster|attendance|contributions}.{csv|xlsx}`, the headers in the page's
language (the forum's, unless `?lang=` says otherwise); and a roster sheet uploaded on the roster page
(`POST /forums/{id}/roster/import`: a preview of each row and every problem, recording nothing), then recorded
with the preview's button (`POST /forums/{id}/roster/import/confirm`: all rows or none, as `tracker import roster`).
Anonymous visitors are sent to sign in; anyone who may not write the forum gets 403; an unknown forum, kind or
format 404."""
from __future__ import annotations

import base64
import binascii
from collections.abc import Callable
from datetime import date

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import format_date, ngettext
from flask_babel import gettext as _
from flask_login import login_required
from werkzeug.wrappers import Response as WerkzeugResponse

from tracker import extension
from tracker.imports import Line, Options, Problem, Refused, Result, Unreadable, run
from tracker.imports.columns import KINDS
from tracker.imports.templates import FORMATS, MEDIA_TYPES, file_name, template
from tracker.queries import secretariat_pages
from tracker.web.i18n import current_language
from tracker.web.labels import label
from tracker.web.login import web_principal
from tracker.web.pages import _in_forum_language
from tracker.web.refusals import translate
from tracker.web.roster import ROLE_NAMES

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


#: The largest sheet the roster page takes (its bytes travel back in the confirmation form, within the 1 MiB a
#: form may post); a larger one is imported with `tracker import roster`.
PAGE_LIMIT = 512 * 1024

#: What the import itself says of a value (tracker.imports.sheets.SAID), in the page's language.
SAID: dict[str, Callable[[dict[str, str]], str]] = {
    "required": lambda p: _("A value is required."),
    "unknown_word": lambda p: _("“%(value)s” is not one of the words this column takes (see the template's "
                                "instructions).", value=p["value"]),
    "not_a_date": lambda p: _("“%(value)s” is not a date: write 2025-03-14 or 14/03/2025.", value=p["value"]),
    "duplicate_representative": lambda p: _("%(name)s already represents %(organization)s.", name=p["name"],
                                            organization=p["organization"]),
    "other_sector": lambda p: _("%(organization)s is on the roster in another sector (%(sector)s).",
                                organization=p["organization"], sector=label("sectors", p["sector"])),
    "column_twice": lambda p: _("This column appears twice."),
    "missing_column": lambda p: _("The sheet has no column “%(es)s” (or “%(en)s”).", es=p["es"], en=p["en"]),
    "too_many_rows": lambda p: _("The sheet has more than %(most)s rows: split it.", most=p["most"]),
    "no_headers": lambda p: _("The first row must hold the column headers."),
}


def problem_text(problem: Problem) -> str:
    """A problem of a row in the page's language: the import's own by its code, the record's as the pages say
    the API's refusals."""
    if problem.code in SAID:
        return SAID[problem.code](dict(problem.params))
    return translate(problem.message)


def _writable(forum_id: str) -> None:
    _in_forum_language(forum_id)
    if not web_principal().can_write_forum(forum_id):
        abort(403)


def _import(forum_id: str, content: bytes, filename: str, dry_run: bool) -> Result:
    services = extension.services()
    return run(services.store, services.projector, services.clock(), web_principal().email or "anonymous",
               "roster", content, filename, Options(forum_id), dry_run=dry_run)


def shown(line: Line) -> dict[str, str]:
    """A roster row's facts as the preview shows them: sector and role by name, the day in the page's words."""
    facts = line.facts
    return {**facts, "sector": str(label("sectors", facts["sector"])), "role": str(ROLE_NAMES[facts["role"]]),
            "designated_on": format_date(date.fromisoformat(facts["designated_on"]), "medium")}


def _preview(forum_id: str, content: bytes, filename: str, result: Result | None, message: str | None,
             status: int) -> tuple[str, int]:
    forum = secretariat_pages.roster(extension.services(), forum_id, full=True).forum
    rows = [(line.row, shown(line)) for line in result.lines] if result else []
    problems = [(p.row, p.column, problem_text(p)) for p in result.problems] if result else []
    return render_template("web/roster_import.html", forum=forum, result=result, rows=rows, problems=problems,
                           message=message, filename=filename,
                           content=base64.b64encode(content).decode("ascii")), status


@bp.route("/forums/<forum_id>/roster/import", methods=["POST"])
@login_required
def roster_import(forum_id: str) -> tuple[str, int]:
    """A roster sheet uploaded: what each row would record and every problem, and a button to record it."""
    _writable(forum_id)
    storage = request.files.get("file")
    if storage is None or not storage.filename:
        return _preview(forum_id, b"", "", None, _("Choose a spreadsheet (CSV or XLSX) to import."), 422)
    content = storage.stream.read(PAGE_LIMIT + 1)
    if len(content) > PAGE_LIMIT:
        return _preview(forum_id, b"", storage.filename, None,
                        _("This file is too large for the page: import it with the tracker import command."), 413)
    try:
        result = _import(forum_id, content, storage.filename, dry_run=True)
    except Unreadable:
        return _preview(forum_id, b"", storage.filename, None,
                        _("This file is neither a CSV file nor an XLSX workbook."), 422)
    return _preview(forum_id, content, storage.filename, result, None, 422 if result.problems else 200)


@bp.route("/forums/<forum_id>/roster/import/confirm", methods=["POST"])
@login_required
def roster_import_confirm(forum_id: str) -> WerkzeugResponse | tuple[str, int]:
    """The sheet previewed, recorded (all rows or none); back to the roster, or the problems found now."""
    _writable(forum_id)
    filename = request.form.get("filename", "")
    try:
        content = base64.b64decode(request.form.get("content", ""), validate=True)
        result = _import(forum_id, content, filename, dry_run=False)
    except (binascii.Error, Unreadable):
        return _preview(forum_id, b"", filename, None, _("This file is neither a CSV file nor an XLSX workbook."), 422)
    except Refused:  # the forum's record changed between the preview and the button
        return _preview(forum_id, content, filename, None,
                        _("The roster changed while the sheet was being recorded: upload it again."), 409)
    if result.already_imported:
        flash(_("This file was imported already: nothing was recorded."))
    elif result.problems:
        return _preview(forum_id, content, filename, result, None, 422)
    else:
        flash(ngettext("%(num)d row of the sheet was recorded.", "%(num)d rows of the sheet were recorded.",
                       len(result.lines)))
    return redirect(url_for("web.roster.roster", forum_id=forum_id))
