"""The secretariat's spreadsheets on the pages (docs/imports.md): the templates of the sheets `tracker import`
reads, `GET /forums/{id}/imports/templates/{roster|attendance|contributions}.{csv|xlsx}`, the headers in the page's
language (the forum's, unless `?lang=` says otherwise); and a sheet uploaded on the page it is for, previewed then
recorded, as `tracker import` does:

- the roster, `POST /forums/{id}/roster/import` (`tracker import roster`);
- a session's attendance sheet, `POST /sessions/{id}/attendance/import` (`tracker import attendance --session`);
- the contributions gathered at workshops, `POST /action-plans/{id}/contributions/import`
  (`tracker import contributions --plan`).

Each upload shows what every row would record and every problem, recording nothing; the preview's button posts the
same bytes (carried in the form) to the same address with `/confirm`, which records all rows or none. Anonymous
visitors are sent to sign in; anyone who may not write the forum gets 403; an unknown forum, session, plan, kind or
format 404. One view of each step serves every kind (`UPLOADS` says what differs)."""
from __future__ import annotations

import base64
import binascii
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from flask import Blueprint, Response, abort, flash, g, redirect, render_template, request, url_for
from flask_babel import format_date, ngettext, refresh
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import login_required
from werkzeug.wrappers import Response as WerkzeugResponse

from tracker import extension
from tracker.imports import Line, Options, Problem, Refused, Result, Unreadable, run
from tracker.imports.columns import KINDS
from tracker.imports.templates import FORMATS, MEDIA_TYPES, file_name, template
from tracker.queries import contribution_pages, secretariat_pages
from tracker.web.contributions import held_sessions
from tracker.web.formats import forum_time
from tracker.web.i18n import current_language
from tracker.web.labels import label
from tracker.web.login import web_principal
from tracker.web.pages import _in_forum_language
from tracker.web.refusals import translate
from tracker.web.roster import ROLE_NAMES
from tracker.web.sessions import _instant

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


#: The largest sheet a page takes (its bytes travel back in the confirmation form, within the 1 MiB a form may
#: post); a larger one is imported with `tracker import`.
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
    "same_name": lambda p: _("%(count)s representatives on the roster are called %(name)s: write the name as the "
                             "roster tells them apart.", count=p["count"], name=p["name"]),
    "listed_twice": lambda p: _("%(name)s is already on row %(other)s.", name=p["name"], other=p["other"]),
    "not_on_roster": lambda p: _("%(name)s matches no one on the roster on %(day)s: correct the name, or fill "
                                 "the organization and the sector to record them as a guest.", name=p["name"],
                                 day=format_date(date.fromisoformat(p["day"]), "long")),
    "duplicate_row": lambda p: _("Same day, author and text as row %(other)s.", other=p["other"]),
    "no_speaker": lambda p: _("%(organization)s has no representative serving on %(day)s to speak for it.",
                              organization=p["organization"], day=format_date(date.fromisoformat(p["day"]), "long")),
    "same_session_name": lambda p: _("%(count)s sessions of the forum are called “%(value)s”: write its number.",
                                     count=p["count"], value=p["value"]),
    "no_session": lambda p: _("No session of the forum has the number or the title “%(value)s”.",
                              value=p["value"]),
}

#: The options of `tracker import attendance` a problem may name, as the session page's fields.
OPTION_LABELS = {"--held-at": _l("Held at"), "--correction": _l("Reason for the correction"),
                 "--public-attendees": _l("Members of the public")}


def problem_text(problem: Problem) -> str:
    """A problem of a row in the page's language: the import's own by its code, the record's as the pages say
    the API's refusals."""
    if problem.code in SAID:
        return SAID[problem.code](dict(problem.params))
    return translate(problem.message)


def problem_column(problem: Problem) -> str:
    """The column a problem names as the file writes it, or the page's field an option of the command is."""
    if problem.row == 0 and problem.column:
        return str(OPTION_LABELS.get(problem.column, ""))
    return problem.column or ""


#: The most members of the public an attendance upload takes (as `tracker import attendance --public-attendees`).
MOST_PUBLIC_ATTENDEES = 1_000_000


@dataclass
class Target:
    """What a sheet is uploaded for, as its page shows it: the forum, the options of the import, the heading,
    the page to go back to, and the form's fields carried from the upload to the confirmation."""

    kind: str
    target_id: str
    forum_id: str
    options: Options
    heading: str
    back_url: str
    back_label: str
    fields: dict[str, str] = field(default_factory=dict)
    #: A field of the upload form that could not be read (nothing is imported then).
    refusal: str | None = None


# -- what differs by kind ---------------------------------------------------------------------------------


def _writable(forum_id: str) -> None:
    _in_forum_language(forum_id)
    if not web_principal().can_write_forum(forum_id):
        abort(403)


def _roster_target(forum_id: str, form: Mapping[str, str]) -> Target:
    _writable(forum_id)
    return Target("roster", forum_id, forum_id, Options(forum_id), _("Import the roster from a spreadsheet"),
                  url_for("web.roster.roster", forum_id=forum_id), _("Back to the roster"))


def _attendance_target(session_id: str, form: Mapping[str, str]) -> Target:
    page = secretariat_pages.session(extension.services(), session_id)  # NotFound: 404
    g.forum_language = page.forum.language
    refresh()
    if not web_principal().can_write_forum(page.forum.id):
        abort(403)
    s = page.session
    fields = {k: form.get(k, "").strip() for k in ("held_at", "public_attendees", "correction")
              if form.get(k, "").strip()}
    target = Target("attendance", session_id, page.forum.id, Options(page.forum.id, session_id=session_id),
                    _("Import the attendance sheet of “%(title)s”", title=s["title"]),
                    url_for("web.sessions.session", session_id=session_id), _("Back to the session"), fields)
    held_at = None
    if "held_at" in fields:
        try:
            held_at = datetime.fromisoformat(_instant(fields["held_at"], page.forum.timezone) or "")
        except ValueError:
            target.refusal = _("Write when the session was held as a date and a time.")
    public = fields.get("public_attendees")
    if public is not None and not (public.isdigit() and int(public) <= MOST_PUBLIC_ATTENDEES):
        target.refusal = _("Write how many members of the public attended as a whole number (0 or more).")
    target.options = Options(page.forum.id, session_id=session_id, held_at=held_at,
                             public_attendees=int(public) if public and target.refusal is None else None,
                             correction=fields.get("correction"))
    return target


def _contributions_target(plan_id: str, form: Mapping[str, str]) -> Target:
    box = contribution_pages.inbox(extension.services(), plan_id=plan_id)  # NotFound: 404
    _writable(box.forum.id)
    assert box.plan is not None
    return Target("contributions", plan_id, box.forum.id, Options(box.forum.id, plan_id=plan_id),
                  _("Import contributions of “%(plan)s” from a spreadsheet", plan=box.plan.title),
                  url_for("web.contributions.plan_inbox", plan_id=plan_id), _("Back to the contributions"))


def _roster_rows(lines: list[Line], target: Target) -> list[dict[str, Any]]:
    """Each roster row as the preview shows it: sector and role by name, the day in the page's words."""
    return [{**line.facts, "row": line.row, "sector": str(label("sectors", line.facts["sector"])),
             "role": str(ROLE_NAMES[line.facts["role"]]),
             "designated_on": format_date(date.fromisoformat(line.facts["designated_on"]), "medium")}
            for line in lines]


def _attendance_rows(lines: list[Line], target: Target) -> list[dict[str, Any]]:
    """Each attendee matched (or a guest), by organization then name; the session's own line (row 0) says when
    it is recorded as held."""
    rows = [{**line.facts, "row": line.row, "sector": str(label("sectors", line.facts["sector"]))}
            for line in lines if line.row]
    rows.sort(key=lambda r: (str(r["organization"]).casefold(), str(r["name"]).casefold()))
    return rows


def _contributions_rows(lines: list[Line], target: Target) -> list[dict[str, Any]]:
    """Each contribution: the day, the channel and the session by name, the author as the inbox names them."""
    sessions = dict(held_sessions(target.forum_id))
    return [{**line.facts, "row": line.row, "channel": str(label("channels", line.facts["channel"])),
             "received_on": format_date(date.fromisoformat(line.facts["received_on"]), "medium"),
             "session": sessions.get(line.facts["session_id"], "")} for line in lines]


def _attendance_summary(result: Result) -> str | None:
    for line in result.lines:
        if line.row == 0:
            when = forum_time(datetime.fromisoformat(line.facts["held_at"]))
            said = ngettext("The session is recorded as held on %(when)s, with %(num)d attendee.",
                            "The session is recorded as held on %(when)s, with %(num)d attendees.",
                            int(line.facts["attended"]), when=when)
            if line.facts.get("public_attendees"):
                said += " " + ngettext("%(num)d member of the public attended.",
                                       "%(num)d members of the public attended.",
                                       int(line.facts["public_attendees"]))
            return said
    return None


@dataclass(frozen=True)
class Upload:
    """What an upload of one kind needs beyond the shared steps."""

    #: The target (of an id in the address and the form's fields): 404, 403 and the page's language on the way.
    target: Callable[[str, Mapping[str, str]], Target]
    #: The rows of the preview, as its table (web/_import_<kind>.html) shows them.
    rows: Callable[[list[Line], Target], list[dict[str, Any]]]
    #: What the confirmation says once recorded.
    recorded: Callable[[Result], str]
    #: What the confirmation says when the record changed between the preview and the button.
    changed: Callable[[], str]
    #: A sentence on the whole sheet above its rows, if any.
    summary: Callable[[Result], str | None] = lambda result: None


UPLOADS: dict[str, Upload] = {
    "roster": Upload(
        _roster_target, _roster_rows,
        lambda r: ngettext("%(num)d row of the sheet was recorded.", "%(num)d rows of the sheet were recorded.",
                           len(r.lines)),
        lambda: _("The roster changed while the sheet was being recorded: upload it again.")),
    "attendance": Upload(
        _attendance_target, _attendance_rows,
        lambda r: ngettext("The session was recorded as held, with the %(num)d attendee of the sheet.",
                           "The session was recorded as held, with the %(num)d attendees of the sheet.",
                           len([line for line in r.lines if line.row])),
        lambda: _("The session changed while the sheet was being recorded: upload it again."),
        _attendance_summary),
    "contributions": Upload(
        _contributions_target, _contributions_rows,
        lambda r: ngettext("%(num)d contribution of the sheet was recorded.",
                           "%(num)d contributions of the sheet were recorded.", len(r.lines)),
        lambda: _("The plan's contributions changed while the sheet was being recorded: upload it again.")),
}

#: Each kind's upload address (its id's part named `target_id`); the confirmation is the same with `/confirm`.
RULES = {"roster": "/forums/<target_id>/roster/import", "attendance": "/sessions/<target_id>/attendance/import",
         "contributions": "/action-plans/<target_id>/contributions/import"}


# -- the two steps, the same for every kind ---------------------------------------------------------------


def _import(target: Target, content: bytes, filename: str, dry_run: bool) -> Result:
    services = extension.services()
    return run(services.store, services.projector, services.clock(), web_principal().email or "anonymous",
               target.kind, content, filename, target.options, dry_run=dry_run)


def _preview(target: Target, content: bytes, filename: str, result: Result | None, message: str | None,
             status: int) -> tuple[str, int]:
    upload = UPLOADS[target.kind]
    lines = result.lines if result else []
    problems = [(p.row, problem_column(p), problem_text(p)) for p in result.problems] if result else []
    return render_template(
        "web/sheet_import.html", target=target, result=result, rows=upload.rows(lines, target),
        summary=upload.summary(result) if result else None, problems=problems,
        unmatched=result.unmatched if result else [], message=message, filename=filename,
        content=base64.b64encode(content).decode("ascii"),
        confirm_url=url_for(f"web.imports.{target.kind}_import_confirm", target_id=target.target_id)), status


def upload_sheet(kind: str, target_id: str) -> tuple[str, int]:
    """A sheet uploaded: what each row would record and every problem, and a button to record it."""
    target = UPLOADS[kind].target(target_id, request.form)
    storage = request.files.get("file")
    if storage is None or not storage.filename:
        return _preview(target, b"", "", None, _("Choose a spreadsheet (CSV or XLSX) to import."), 422)
    content = storage.stream.read(PAGE_LIMIT + 1)
    if len(content) > PAGE_LIMIT:
        return _preview(target, b"", storage.filename, None,
                        _("This file is too large for the page: import it with the tracker import command."), 413)
    if target.refusal:
        return _preview(target, b"", storage.filename, None, target.refusal, 422)
    try:
        result = _import(target, content, storage.filename, dry_run=True)
    except Unreadable:
        return _preview(target, b"", storage.filename, None,
                        _("This file is neither a CSV file nor an XLSX workbook."), 422)
    return _preview(target, content, storage.filename, result, None, 422 if result.problems else 200)


def confirm_sheet(kind: str, target_id: str) -> WerkzeugResponse | tuple[str, int]:
    """The sheet previewed, recorded (all rows or none); back to its page, or the problems found now."""
    upload = UPLOADS[kind]
    target = upload.target(target_id, request.form)
    filename = request.form.get("filename", "")
    if target.refusal:
        return _preview(target, b"", filename, None, target.refusal, 422)
    try:
        content = base64.b64decode(request.form.get("content", ""), validate=True)
        result = _import(target, content, filename, dry_run=False)
    except (binascii.Error, Unreadable):
        return _preview(target, b"", filename, None, _("This file is neither a CSV file nor an XLSX workbook."), 422)
    except Refused:  # the record changed between the preview and the button
        return _preview(target, content, filename, None, upload.changed(), 409)
    if result.already_imported:
        flash(_("This file was imported already: nothing was recorded."))
    elif result.problems:
        return _preview(target, content, filename, result, None, 422)
    else:
        flash(upload.recorded(result))
    return redirect(target.back_url)


def _routes(kind: str) -> None:
    """Route `kind`'s upload and confirmation (their endpoints `<kind>_import` and `<kind>_import_confirm`)."""

    def upload(target_id: str) -> tuple[str, int]:
        return upload_sheet(kind, target_id)

    def confirm(target_id: str) -> WerkzeugResponse | tuple[str, int]:
        return confirm_sheet(kind, target_id)

    bp.add_url_rule(RULES[kind], f"{kind}_import", login_required(upload), methods=["POST"])
    bp.add_url_rule(f"{RULES[kind]}/confirm", f"{kind}_import_confirm", login_required(confirm), methods=["POST"])


for _kind in RULES:
    _routes(_kind)
