"""An attendance sheet ("planilla de asistencia"): the names of those who attended one session, matched with the
forum's roster of the day it was held (accents, case and spaces aside), recorded as the session held (the API's
`POST /sessions/{id}/record`). A name that matches no one is listed, never guessed: it is a guest only when the
row gives the organization and the sector."""
from __future__ import annotations

from datetime import date
from typing import Any

from marshmallow import ValidationError

from tracker.commands import forums, sessions
from tracker.contract.sessions import RecordSchema
from tracker.domain.errors import DomainError, NotFound
from tracker.domain.forum import ForumState, Representative
from tracker.domain.time import local_day
from tracker.imports import ContextFor, Line, Options, Refused, Staging, flatten
from tracker.imports.columns import plain, word
from tracker.imports.sheets import Problem, Sheet, said

#: The command's fields (of each attendee) to the sheet's columns.
FIELDS = {"representative_id": "name", "name": "name", "organization": "organization", "sector": "sector"}
#: The command's other fields to the options of `tracker import attendance` they come from.
OPTIONS = {"held_at": "--held-at", "public_attendees": "--public-attendees", "correction": "--correction"}


def serving(forum: ForumState, day: date) -> dict[str, list[Representative]]:
    """The representatives serving on `day` (of organizations members that day), by their name made plain."""
    found: dict[str, list[Representative]] = {}
    for rep in forum.representatives.values():
        if rep.serves_on(day) and forum.organizations[rep.organization_id].member_on(day):
            found.setdefault(plain(rep.name), []).append(rep)
    return found


def stage(sheet: Sheet, options: Options, context: ContextFor) -> Staging:
    """Stage the session's record from the sheet's names; a problem per name not matched, ambiguous or twice."""
    if options.session_id is None:
        raise Refused("an attendance sheet needs --session (the session it records)")
    ctx = context(0)
    try:
        session, _ = sessions.load_session(ctx, options.session_id)
    except NotFound as exc:
        raise Refused(str(exc)) from None
    if session.forum_id != options.forum_id:
        raise Refused(f"session {options.session_id} is not of forum {options.forum_id}")
    forum, _ = forums.load_forum(ctx, options.forum_id)
    held_at = options.held_at or session.scheduled_at
    held_on = local_day(held_at, forum.timezone)
    roster = serving(forum, held_on)
    staging = Staging()
    attendance: list[dict[str, Any]] = []
    rows: list[int] = []
    seen: dict[str, int] = {}
    for row in sheet.rows:
        name = row.get("name")
        if not name:
            staging.problems.append(said(row.number, sheet.column("name"), "required"))
            continue
        matches = roster.get(plain(name), [])
        if len(matches) > 1:
            staging.problems.append(said(row.number, sheet.column("name"), "same_name", count=str(len(matches)),
                                         name=name))
        elif matches:
            rep = matches[0]
            org = forum.organizations[rep.organization_id]
            if rep.id in seen:
                staging.problems.append(said(row.number, sheet.column("name"), "listed_twice", name=rep.name,
                                             other=str(seen[rep.id])))
                continue
            seen[rep.id] = row.number
            attendance.append({"representative_id": rep.id})
            rows.append(row.number)
            staging.lines.append(Line(row.number, f"{rep.name} ({org.name}) attended",
                                      {"name": rep.name, "organization": org.name, "sector": org.sector,
                                       "guest": ""}))
        elif row.get("organization") and row.get("sector"):
            sector = word("sector", row.values["sector"])
            if sector is None:
                staging.problems.append(said(row.number, sheet.column("sector"), "unknown_word", what="sector",
                                             value=row.values["sector"]))
                continue
            attendance.append({"name": name, "organization": row.values["organization"], "sector": sector})
            rows.append(row.number)
            staging.lines.append(Line(row.number, f"{name} ({row.values['organization']}, {sector}) attended "
                                                  "as a guest",
                                      {"name": name, "organization": row.values["organization"], "sector": sector,
                                       "guest": "yes"}))
        else:
            staging.unmatched.append((row.number, name))
            staging.problems.append(said(row.number, sheet.column("name"), "not_on_roster", name=name,
                                         day=held_on.isoformat()))
    if staging.problems:
        return staging
    body: dict[str, Any] = {"held_at": held_at.isoformat(), "attendance": attendance}
    if options.public_attendees is not None:
        body["public_attendees"] = options.public_attendees
    if options.correction:
        body["correction"] = {"reason": options.correction}
    try:
        sessions.record_session(ctx, options.session_id, RecordSchema().load(body))
    except (ValidationError, DomainError) as exc:
        staging.problems += placed(exc, rows, sheet)
        return staging
    public = "" if options.public_attendees is None else f", {options.public_attendees} members of the public"
    staging.lines.append(Line(0, f"session {options.session_id} held at {held_at.isoformat()}, "
                                 f"{len(attendance)} attended{public}",
                              {"held_at": held_at.isoformat(), "attended": str(len(attendance)),
                               "public_attendees": "" if options.public_attendees is None
                               else str(options.public_attendees),
                               "correction": "yes" if session.status == "held" else ""}))
    return staging


def placed(error: ValidationError | DomainError, rows: list[int], sheet: Sheet) -> list[Problem]:
    """The record command's refusal as problems: one naming `attendance.<i>.<field>` on the row of that attendee
    and its column; one naming the held time, the count or the correction on the option it came from (row 0)."""
    pairs = flatten(error.messages) if isinstance(error, ValidationError) else (
        flatten(error.errors) or [("", error.message)])
    found = []
    for path, message in pairs:
        parts = path.split(".")
        if parts[0] == "attendance" and len(parts) > 1 and parts[1].isdigit() and int(parts[1]) < len(rows):
            column = FIELDS.get(parts[-1], "name")
            found.append(Problem(rows[int(parts[1])], sheet.column(column), message))
        else:
            found.append(Problem(0, OPTIONS.get(parts[0]), message))
    return found
