"""The session pages: a forum's sessions, one session, and the forms of its life (schedule, announce,
reschedule, cancel, record as held with attendance ticked from the roster, record minutes with signatures).

Each form is turned into the body the API's session endpoints take (tracker/api/sessions.py), loaded with the
API's schema and passed to the same command (tracker/commands/sessions.py). Times are typed in the forum's
timezone (a datetime-local field) and sent with the forum's offset at that moment. A recording already made
(announcement, record, minutes) is shown pre-filled, with a reason field: posting it again is a correction.
"""
from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from flask import Blueprint, abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import refresh
from flask_login import login_required
from werkzeug.datastructures import MultiDict

from tracker import extension
from tracker.commands import sessions as commands
from tracker.contract.sessions import (
    AnnouncementSchema,
    CancellationSchema,
    MinutesSchema,
    RecordSchema,
    ReschedulingSchema,
    SessionCreateSchema,
)
from tracker.documents import accepts_files
from tracker.domain.time import zone
from tracker.domain.vocabulary import ANNOUNCEMENT_CHANNELS, MODALITIES, SECTORS, SESSION_KINDS
from tracker.queries import secretariat_pages
from tracker.web import uploads
from tracker.web.actions import Submission, blank, body_from, submit
from tracker.web.labels import label
from tracker.web.login import web_principal
from tracker.web.pages import _in_forum_language

bp = Blueprint("sessions", __name__)

#: How the pages name the announcement channels and a session's statuses.
CHANNEL_NAMES = {"email": _l("Email"), "phone": _l("Phone"), "web": _l("Web site"), "whatsapp": _l("WhatsApp"),
                 "letter": _l("Letter"), "in_person": _l("In person"), "other": _l("Other")}
STATUS_NAMES = {"scheduled": _l("Scheduled"), "held": _l("Held"), "cancelled": _l("Cancelled")}
#: Empty rows offered for materials and guests, beyond those already recorded.
SPARE_ROWS = 2
#: Empty rows offered for the comments collected, beyond those already recorded (no script adds rows).
COMMENT_ROWS = 3
_LOCAL = "%Y-%m-%dT%H:%M"


def _may_read(forum_id: str) -> bool:
    """Whether the signed-in user may write the forum; 403 unless they read it in full."""
    principal = web_principal()
    if not principal.can_read_full(forum_id):
        abort(403)
    return principal.can_write_forum(forum_id)


def _instant(text: str | None, tz: str) -> str | None:
    """A datetime-local value ("2026-12-04T15:00") as an ISO instant with the forum's offset then; any other
    text unchanged, for the API's schema to refuse with its own message."""
    if not text:
        return None
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return text
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=zone(tz))
    return moment.isoformat()


def _integer(text: str) -> Any:
    """A whole number typed in a field; the text itself when it is not one (the schema then refuses it)."""
    return int(text) if re.fullmatch(r"-?\d{1,9}", text) else text


def _rows(form: MultiDict, prefix: str, keys: tuple[str, ...]) -> list[dict[str, str]]:
    """Numbered rows `prefix.N.key` of a form, up to the last one with something typed (empty ones before it
    stay, so the API's messages point at the row the user sees)."""
    rows = []
    for i in range(100):
        if not any(f"{prefix}.{i}.{k}" in form for k in keys):
            break
        rows.append({k: form.get(f"{prefix}.{i}.{k}", "").strip() for k in keys})
    while rows and not any(rows[-1].values()):
        rows.pop()
    return [{k: v for k, v in row.items() if v} for row in rows]


def _shown(form: MultiDict, *lists: str) -> dict[str, Any]:
    """What the user typed, to fill the form again (lists for the ticked checkboxes)."""
    values: dict[str, Any] = form.to_dict()
    values.update({name: form.getlist(name) for name in lists})
    return values


def _local(moment: datetime | None) -> str:
    return moment.strftime(_LOCAL) if moment else ""


# -- a forum's sessions ------------------------------------------------------------------------------------


def _list(forum_id: str, form: Submission | None = None, status: int = 200):
    _in_forum_language(forum_id)
    can_write = _may_read(forum_id)
    page = secretariat_pages.sessions(extension.services(), forum_id)
    return render_template("web/sessions.html", page=page, can_write=can_write, form=form or blank(),
                           kinds=[(k, label("session_kinds", k)) for k in SESSION_KINDS],
                           modalities=[(m, label("modalities", m)) for m in MODALITIES],
                           statuses=STATUS_NAMES), status


@bp.route("/forums/<forum_id>/sessions", methods=["GET", "POST"])
@login_required
def sessions(forum_id: str):
    """The forum's sessions with their status; writers schedule a new one here."""
    if request.method == "GET":
        return _list(forum_id)
    _in_forum_language(forum_id)
    if not _may_read(forum_id):
        abort(403)
    tz = secretariat_pages.sessions(extension.services(), forum_id).forum.timezone
    body = body_from(request.form)
    body.pop("agenda", None)
    if "scheduled_at" in body:
        body["scheduled_at"] = _instant(body["scheduled_at"], tz)
    if "number" in body:
        body["number"] = _integer(body["number"])
    body.pop("progress_title", None)
    body.pop("presents_progress_of", None)
    agenda: list[dict[str, Any]] = [{"title": line.strip()} for line in request.form.get("agenda", "").splitlines()
                                    if line.strip()]
    presented = [c for c in request.form.getlist("presents_progress_of") if c.strip()]
    progress_at = len(agenda)  # the item presenting progress, when commitments are ticked, comes last
    if presented:
        title = request.form.get("progress_title", "").strip() or _("Progress of the commitments")
        agenda.append({"title": title, "presents_progress_of": presented})
    if agenda:
        body["agenda"] = agenda
    submission = submit(SessionCreateSchema(), commands.schedule_session, forum_id, body=body,
                        values=_shown(request.form, "presents_progress_of"))
    if submission.outcome is not None:
        flash(_("The session was scheduled."))
        return redirect(url_for("web.sessions.session", session_id=submission.outcome.id))
    if presented:
        submission.errors = _progress_errors(submission.errors, progress_at)
    return _list(forum_id, submission, submission.status)


def _progress_errors(errors: dict[str, list[str]], at: int) -> dict[str, list[str]]:
    """The API names the item presenting progress "agenda.N"; on the page it is its own fields."""
    out: dict[str, list[str]] = {}
    for key, messages in errors.items():
        match = re.fullmatch(rf"agenda\.{at}\.(title|presents_progress_of)(\..+)?", key)
        if match:
            key = "progress_title" if match.group(1) == "title" else "presents_progress_of"
        out.setdefault(key, []).extend(messages)
    return out


# -- one session -------------------------------------------------------------------------------------------


def _page(session_id: str) -> tuple[secretariat_pages.SessionPage, bool]:
    """The session (NotFound when there is none), in its forum's language, and whether the user may write."""
    page = secretariat_pages.session(extension.services(), session_id)
    g.forum_language = page.forum.language
    refresh()
    return page, _may_read(page.forum.id)


def _posted_rows(form: MultiDict, prefix: str) -> int:
    """How many numbered rows `prefix.N.*` the posted form had (its `guest_rows` count, or the rows sent)."""
    sent = {int(m.group(1)) for name in form for m in [re.fullmatch(rf"{prefix}\.(\d+)\..+", name)] if m}
    counted = form.get("guest_rows", "")
    return max([len(sent), int(counted) if counted.isdigit() and int(counted) <= 500 else 0])


def _render(page: secretariat_pages.SessionPage, can_write: bool, action: str | None = None,
            form: Submission | None = None, status: int = 200, guest_rows: int | None = None):
    session = page.session
    materials = len(session["announcement"]["materials"]) if session["announcement"] else 0
    guests = len([a for a in session["attendance"] if not a["representative_id"]])
    if guest_rows is not None:
        guests = max(guest_rows - SPARE_ROWS, 0)
    comments = len(session["minutes"]["comments"]) if session["minutes"] else 0
    if action == "minutes" and form is not None:  # as many rows as were posted (or pre-filled)
        rows = {m.group(1) for name in form.values for m in [re.fullmatch(r"comments\.(\d+)\..+", name)] if m}
        comments = max(comments, len(rows) - COMMENT_ROWS)
    return render_template(
        "web/session.html", page=page, s=session, can_write=can_write, action=action, form=form or blank(),
        comment_rows=range(comments + COMMENT_ROWS),
        statuses=STATUS_NAMES, channels=[(c, CHANNEL_NAMES[c]) for c in ANNOUNCEMENT_CHANNELS],
        sectors=[(s, label("sectors", s)) for s in SECTORS],
        material_rows=range(materials + SPARE_ROWS), guest_rows=range(guests + SPARE_ROWS),
        attendees={a["representative_id"] for a in session["attendance"] if a["representative_id"]},
        max_upload_mb=extension.services().max_upload_bytes // (1024 * 1024),
        import_form=blank({"held_at": _local(session["held_at"] or session["scheduled_at"])}),
    ), status


@bp.route("/sessions/<session_id>")
@login_required
def session(session_id: str):
    """One session: when and where, its announcement, attendance, minutes and corrections, and what to do next."""
    page, can_write = _page(session_id)
    return _render(page, can_write)


def _prefilled(action: str, s: dict[str, Any]) -> Submission:
    """The form of `action`, filled with what the session already records (a repeat is a correction)."""
    values: dict[str, Any] = {}
    if action == "announcement" and s["announcement"]:
        a = s["announcement"]
        values = {"announced_on": str(a["announced_on"]), "channels": list(a["channels"])}
        for i, doc in enumerate(a["materials"]):
            values.update({f"materials.{i}.{k}": doc.get(k) or "" for k in ("title", "url")})
            values.update({f"materials.{i}.recorded_url": doc.get("url") or "",
                           f"materials.{i}.recorded_sha256": doc.get("sha256") or ""})
    elif action == "rescheduling":
        values = {"scheduled_at": _local(s["scheduled_at"])}
    elif action == "record":
        values = {"held_at": _local(s["held_at"] or s["scheduled_at"]),
                  "attendance": [a["representative_id"] for a in s["attendance"] if a["representative_id"]],
                  "public_attendees": "" if s["public_attendees"] is None else str(s["public_attendees"])}
        guests = [a for a in s["attendance"] if not a["representative_id"]]
        for i, guest in enumerate(guests):
            values.update({f"guests.{i}.{k}": guest.get(k) or "" for k in ("name", "organization", "sector")})
    elif action == "minutes" and s["minutes"]:
        m = s["minutes"]
        values = {f"document.{k}": m["document"].get(k) or "" for k in ("title", "url")}
        values.update({"document.recorded_url": m["document"].get("url") or "",
                       "document.recorded_sha256": m["document"].get("sha256") or ""})
        values.update(approved_on=str(m["approved_on"]), signed_by=list(m["signed_by"]),
                      published_on=str(m["published_on"]) if m.get("published_on") else "")
        for i, comment in enumerate(m["comments"]):
            values.update({f"comments.{i}.organization_id": comment["organization_id"] or "",
                           f"comments.{i}.text": comment["text"]})
    return blank(values)


def _announcement_body(form: MultiDict, tz: str) -> dict[str, Any]:
    body = body_from(form, lists=("channels",), nested={"correction": ("reason",)})
    materials = _rows(form, "materials", ("title", "url"))
    if materials:
        body["materials"] = materials
    return body


def _rescheduling_body(form: MultiDict, tz: str) -> dict[str, Any]:
    body = body_from(form)
    if "scheduled_at" in body:
        body["scheduled_at"] = _instant(body["scheduled_at"], tz)
    return body


def _cancellation_body(form: MultiDict, tz: str) -> dict[str, Any]:
    return body_from(form)


def _record_body(form: MultiDict, tz: str) -> dict[str, Any]:
    body = body_from(form, lists=("attendance",), nested={"correction": ("reason",)})
    if "held_at" in body:
        body["held_at"] = _instant(body["held_at"], tz)
    if "public_attendees" in body:
        body["public_attendees"] = _integer(body["public_attendees"])
    body["attendance"] = ([{"representative_id": rep} for rep in body.get("attendance", [])]
                          + _rows(form, "guests", ("name", "organization", "sector")))
    return body


def _minutes_body(form: MultiDict, tz: str) -> dict[str, Any]:
    body = body_from(form, lists=("signed_by",),
                     nested={"document": ("title", "url"), "correction": ("reason",)})
    comments = _rows(form, "comments", ("organization_id", "text"))
    if comments:
        body["comments"] = comments
    return body


#: Each action on a session: (schema, command, body builder, lists in the form, confirmation).
ACTIONS = {
    "announcement": (AnnouncementSchema, commands.announce_session, _announcement_body, ("channels",),
                     _l("The announcement was recorded.")),
    "rescheduling": (ReschedulingSchema, commands.reschedule_session, _rescheduling_body, (),
                     _l("The session was rescheduled.")),
    "cancellation": (CancellationSchema, commands.cancel_session, _cancellation_body, (),
                     _l("The session was cancelled.")),
    "record": (RecordSchema, commands.record_session, _record_body, ("attendance",),
               _l("The session was recorded as held, with its attendance.")),
    "minutes": (MinutesSchema, commands.record_minutes, _minutes_body, ("signed_by",),
                _l("The minutes were recorded.")),
}


def _guest_errors(errors: dict[str, list[str]], representatives: int) -> dict[str, list[str]]:
    """The API names a guest's field "attendance.N.name"; on the page guests are rows "guests.M.name"."""
    out: dict[str, list[str]] = {}
    for key, messages in errors.items():
        match = re.fullmatch(r"attendance\.(\d+)(\..+)?", key)
        if match and int(match.group(1)) >= representatives:
            key = f"guests.{int(match.group(1)) - representatives}{match.group(2) or ''}"
        out.setdefault(key, []).extend(messages)
    return out


def _files(action: str, body: dict[str, Any], form: MultiDict) -> uploads.Chosen:
    """The files chosen for the minutes or the materials, their address and hash put in the body's documents."""
    if action == "minutes":
        found = uploads.chosen(request.files, ["document"])
        if "document" in body or found.files:
            body["document"] = uploads.fill(body.get("document", {}), found.files.get("document"), form, "document")
        return found
    if action == "announcement":
        materials = body.get("materials", [])
        found = uploads.chosen(request.files, [f"materials.{i}" for i in range(len(materials))])
        for i, row in enumerate(materials):
            uploads.fill(row, found.files.get(f"materials.{i}"), form, f"materials.{i}")
        return found
    return uploads.Chosen()


@bp.route("/sessions/<session_id>/<any(announcement, rescheduling, cancellation, record, minutes):action>",
          methods=["GET", "POST"])
@login_required
@accepts_files
def act(session_id: str, action: str):
    """The form of one action on the session (GET), and its recording (POST)."""
    page, can_write = _page(session_id)
    if not can_write:
        abort(403)
    if request.method == "GET":
        return _render(page, can_write, action, _prefilled(action, page.session))
    schema, command, build, lists, done = ACTIONS[action]
    if action == "record" and "add_guest" in request.form:  # one more guest row, nothing recorded yet
        return _render(page, can_write, action, blank(_shown(request.form, *lists)),
                       guest_rows=_posted_rows(request.form, "guests") + 1)
    body = build(request.form, page.forum.timezone)
    found = _files(action, body, request.form)
    submission = uploads.submit_with_files(found, page.forum.id, schema(), command, session_id, body=body,
                                           values=_shown(request.form, *lists))
    if found.errors:  # a file refused: nothing recorded, nothing stored
        return _render(page, can_write, action, submission, submission.status)
    if submission.ok:
        flash(str(done))
        return redirect(url_for("web.sessions.session", session_id=session_id))
    if action == "record":
        submission.errors = _guest_errors(submission.errors, len(request.form.getlist("attendance")))
    if "correction" in submission.errors:  # the record's refusal names the correction; the field is its reason
        submission.errors.setdefault("correction.reason", []).extend(submission.errors.pop("correction"))
    rows = _posted_rows(request.form, "guests") if action == "record" else None
    return _render(page, can_write, action, submission, submission.status, guest_rows=rows)
