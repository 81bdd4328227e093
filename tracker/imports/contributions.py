"""A sheet of contributions (those gathered at a provincial workshop, say), each received by the plan through the
API's `POST /action-plans/{id}/contributions`. The author is a representative of the roster by name, an
organization of the roster by name (its primary representative serving that day speaks for it, else another of
its representatives), or else a member of the public, by name, with their e-mail, organization and sector if the
row gives them. The session it was made at, if any, is named by its id, its number or its title."""
from __future__ import annotations

import re
from typing import Any

from marshmallow import ValidationError

from events import EventStore
from tracker.commands import contributions, forums
from tracker.commands.base import Context
from tracker.contract.contributions import ContributionCreateSchema
from tracker.domain.errors import DomainError
from tracker.domain.forum import ForumState, Representative
from tracker.domain.streams import PLAN, SESSION
from tracker.imports import ContextFor, Line, Options, Refused, Staging, problems_of, required
from tracker.imports.attendance import serving
from tracker.imports.columns import day, plain, word
from tracker.imports.sheets import Problem, Row, Sheet, said

#: The command's fields to the sheet's columns.
FIELDS = {"text": "text", "received_on": "received_on", "channel": "channel", "author": "author",
          "author.representative_id": "author", "author.name": "author", "author.email": "email",
          "author.organization": "organization", "author.sector": "sector", "session_id": "session"}


#: Why a value names nothing: a code of tracker.imports.sheets.SAID and its parameters.
Why = tuple[str, dict[str, str]]


def speaker(forum: ForumState, author: str, on: str) -> tuple[Representative | None, Why | None]:
    """The representative serving on day `on` that `author` names: one of that name, or the one speaking for
    the organization of that name; (None, why) when the name is on the roster but no one serves, (None, None)
    when the roster does not know the name."""
    from datetime import date

    serving_on = serving(forum, date.fromisoformat(on))
    reps = serving_on.get(plain(author), [])
    if len(reps) == 1:
        return reps[0], None
    if len(reps) > 1:
        return None, ("same_name", {"count": str(len(reps)), "name": author})
    orgs = [o for o in forum.organizations.values() if plain(o.name) == plain(author)]
    if not orgs:
        return None, None
    speaking = [r for group in serving_on.values() for r in group if r.organization_id == orgs[0].id]
    speaking.sort(key=lambda r: r.role != "primary")
    if not speaking:
        return None, ("no_speaker", {"organization": orgs[0].name, "day": on})
    return speaking[0], None


def sessions_of(store: EventStore, forum_id: str) -> dict[str, list[str]]:
    """The forum's sessions by what a sheet may call them: their number (`3`) and their title, made plain."""
    named: dict[str, list[str]] = {}
    for e in store.read_tenant(forum_id):
        if e.type == "SessionScheduled":
            for name in (e.data["title"], str(e.data["number"]) if e.data.get("number") is not None else None):
                if name:
                    named.setdefault(plain(name), []).append(e.data["session_id"])
    return named


def session_named(sessions: dict[str, list[str]], value: str) -> tuple[str | None, Why | None]:
    """The session id `value` names (an id, a number such as `3` or `N° 3`, or a title), or (None, why not)."""
    if SESSION.matches(value):
        return value, None
    number = re.fullmatch(r"(?:n\s*[°º.o]?\s*)?(\d+)", plain(value))
    found = sessions.get(number.group(1) if number else plain(value), [])
    if len(found) == 1:
        return found[0], None
    if found:
        return None, ("same_session_name", {"count": str(len(found)), "value": value})
    return None, ("no_session", {"value": value})


def stage(sheet: Sheet, options: Options, context: ContextFor) -> Staging:
    """Stage each row's contribution; a problem per value the record refuses, and per row given twice."""
    if options.plan_id is None:
        raise Refused("a sheet of contributions needs --plan (the action plan that received them)")
    first = context(0)
    if not PLAN.matches(options.plan_id) or first.store.tenant_of(options.plan_id) != options.forum_id:
        raise Refused(f"no action plan of forum {options.forum_id} has the id {options.plan_id}")
    forum, _ = forums.load_forum(first, options.forum_id)
    sessions = sessions_of(first.store, options.forum_id) if "session" in sheet.headers else {}
    staging = Staging()
    seen: dict[tuple[str, str, str], int] = {}
    for row in sheet.rows:
        problems = required(row, sheet, ("received_on", "channel", "text", "author"))
        body, wrong = _body(forum, row, sheet, sessions)
        problems += wrong
        if not problems:
            key = (body["received_on"], plain(body["text"]), plain(row.values["author"]))
            if key in seen:
                problems.append(said(row.number, sheet.column("text"), "duplicate_row", other=str(seen[key])))
            seen.setdefault(key, row.number)
        if problems:
            staging.problems += problems
            continue
        staging.problems += _receive(context(row.number), row, sheet, options.plan_id, body, staging,
                                     _author_label(forum, body["author"]))
    return staging


def _body(forum: ForumState, row: Row, sheet: Sheet, sessions: dict[str, list[str]]
          ) -> tuple[dict[str, Any], list[Problem]]:
    """The API body of the row's contribution, and what in the row could not be read."""
    values, problems = row.values, []
    body: dict[str, Any] = {"text": values.get("text", "")}
    if "received_on" in values:
        body["received_on"] = day(values["received_on"])
        if body["received_on"] is None:
            problems.append(said(row.number, sheet.column("received_on"), "not_a_date", value=values["received_on"]))
    for key in ("channel", "sector"):
        if key in values and word(key, values[key]) is None:
            problems.append(said(row.number, sheet.column(key), "unknown_word", what=key, value=values[key]))
    if "channel" in values:
        body["channel"] = word("channel", values["channel"])
    if "session" in values:
        body["session_id"], why = session_named(sessions, values["session"])
        if why:
            problems.append(said(row.number, sheet.column("session"), why[0], **why[1]))
    if problems or not values.get("author") or not body.get("received_on"):
        return body, problems
    rep, why = speaker(forum, values["author"], body["received_on"])
    if why:
        problems.append(said(row.number, sheet.column("author"), why[0], **why[1]))
    elif rep is not None:
        body["author"] = {"representative_id": rep.id}
    else:
        author = {"name": values["author"], "email": values.get("email"), "organization": values.get("organization"),
                  "sector": word("sector", values["sector"]) if "sector" in values else None}
        body["author"] = {k: v for k, v in author.items() if v is not None}
    return body, problems


def _author_label(forum: ForumState, author: dict[str, Any]) -> str:
    """The author as the secretariat's inbox names them: the name and the organization, never the e-mail."""
    rep = forum.representatives.get(author.get("representative_id") or "")
    name, organization = (rep.name, forum.organizations[rep.organization_id].name) if rep else (
        author.get("name", ""), author.get("organization"))
    return f"{name} ({organization})" if organization else name


def _receive(ctx: Context, row: Row, sheet: Sheet, plan_id: str, body: dict[str, Any],
             staging: Staging, who_shown: str) -> list[Problem]:
    try:
        contributions.receive_contribution(ctx, plan_id, ContributionCreateSchema().load(body))
    except (ValidationError, DomainError) as exc:
        return problems_of(exc, row.number, sheet, FIELDS)
    author = body["author"]
    who = row.values["author"] + (" (of the roster)" if "representative_id" in author else " (member of the public)")
    staging.lines.append(Line(row.number, f"contribution received on {body['received_on']} by {who} via "
                                          f"{body['channel']}: {_short(body['text'])}",
                              {"received_on": body["received_on"], "channel": body["channel"], "author": who_shown,
                               "roster": "yes" if "representative_id" in author else "",
                               "session_id": body.get("session_id") or "", "text": _short(body["text"], 160)}))
    return []


def _short(text: str, longest: int = 60) -> str:
    line = " ".join(text.split())
    return line if len(line) <= longest else line[:longest - 1] + "…"
