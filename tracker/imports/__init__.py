"""`tracker import`: the secretariat's spreadsheets (the roster, an attendance sheet, the contributions gathered at
workshops) recorded through the API's own schemas and command handlers, every rule enforced as for a caller of the
API (as tracker/demo writes its forum).

A sheet is recorded whole or not at all: every row is decided on a staged store (tracker/imports/staging.py), each
on the state the rows before it left, and the staged events are appended in one transaction only when no row has a
problem. A dry run decides the same way and writes nothing.

Each event an import records carries the correlation id `imp-<the file's SHA-256, first 24 hex digits>-<row>`
(36 characters at most, the log's column; row 0 for an attendance sheet, which records one event for the whole
sheet), so a file already imported into the forum is known by its tag and recorded nothing the second time.
"""
from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from marshmallow import ValidationError

from events import ConcurrencyError, EventStore
from projections import Projector
from tracker.commands.base import Context
from tracker.domain.errors import DomainError
from tracker.imports.sheets import Problem, Row, Sheet, Unreadable, read_sheet, said
from tracker.imports.staging import StagedStore

__all__ = ["Line", "Options", "Problem", "Refused", "Result", "Unreadable", "run", "tag_prefix"]


class Refused(Exception):
    """The import cannot start: an unknown forum, session or plan, or one of another forum; a missing option."""


@dataclass(frozen=True)
class Options:
    """What the command line says beyond the file: the forum, and the session or plan the sheet is for."""

    forum_id: str
    session_id: str | None = None
    plan_id: str | None = None
    held_at: datetime | None = None
    public_attendees: int | None = None
    correction: str | None = None


@dataclass(frozen=True)
class Line:
    """What one row records (or would): a sentence, and the facts a page shows in its own words (by column key;
    for a roster row also `new`, 'yes' when the organization joins)."""

    row: int
    says: str
    facts: dict[str, str] = field(default_factory=dict)


@dataclass
class Staging:
    """What a kind's stager made of the sheet: a line per row, the problems, the names matched to no one."""

    lines: list[Line] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    unmatched: list[tuple[int, str]] = field(default_factory=list)


@dataclass
class Result:
    """What an import did: the file's SHA-256, its rows' lines, its problems, whether it had been imported
    already, and how many events it recorded (0 on a dry run or when refused)."""

    kind: str
    sha256: str
    dry_run: bool
    lines: list[Line] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    unmatched: list[tuple[int, str]] = field(default_factory=list)
    already_imported: bool = False
    recorded: int = 0
    ignored: list[str] = field(default_factory=list)


#: A context for a row: the staged store, the moment, the actor, the row's correlation id.
ContextFor = Callable[[int], Context]


def tag_prefix(sha256: str) -> str:
    """The start of the correlation id of every event recorded from the file of that SHA-256."""
    return f"imp-{sha256[:24]}-"


def run(store: EventStore, projector: Projector | None, now: datetime, actor: str, kind: str, content: bytes,
        filename: str, options: Options, dry_run: bool = False) -> Result:
    """Import the sheet `content` of `kind` into the forum, as `actor` at `now` (nothing written on a dry run or
    when any row has a problem, nor when the file was imported already); raises Refused or Unreadable."""
    from tracker.imports import attendance, contributions, roster

    sha = hashlib.sha256(content).hexdigest()
    result = Result(kind, sha, dry_run)
    sheet = read_sheet(kind, content, filename)
    result.ignored = sheet.ignored
    staged = StagedStore(store)
    prefix = tag_prefix(sha)
    if store.tenant_of(options.forum_id) != options.forum_id:
        raise Refused(f"no forum has the id {options.forum_id}")
    if any(e.correlation_id.startswith(prefix) for e in store.read_tenant(options.forum_id)):
        result.already_imported = True
        return result

    def context(row: int) -> Context:
        return Context(store=staged, now=now, actor=actor, correlation_id=f"{prefix}{row}")

    stagers = {"roster": roster.stage, "attendance": attendance.stage, "contributions": contributions.stage}
    if any(p.code == "missing_column" for p in sheet.problems):
        result.problems = list(sheet.problems)
        return result
    staging = stagers[kind](sheet, options, context)
    result.lines, result.unmatched = staging.lines, staging.unmatched
    result.problems = sorted([*sheet.problems, *staging.problems], key=lambda p: p.row)
    if dry_run or result.problems or not staged.staged:
        return result
    try:
        recorded = staged.commit()
    except ConcurrencyError:
        raise Refused("the forum's record changed while the sheet was being decided: import it again") from None
    result.recorded = len(recorded)
    if projector is not None:
        projector.catch_up_all()
    return result


def flatten(messages: Any, path: str = "") -> list[tuple[str, str]]:
    """A marshmallow or domain error's messages as (dotted field path, sentence)."""
    if isinstance(messages, dict):
        return [pair for key, value in messages.items()
                for pair in flatten(value, f"{path}.{key}" if path else str(key))]
    if isinstance(messages, (list, tuple)):
        if all(isinstance(m, str) for m in messages):
            return [(path, m) for m in messages]
        return [pair for m in messages for pair in flatten(m, path)]
    return [(path, str(messages))]


def problems_of(error: ValidationError | DomainError, row: int, sheet: Sheet,
                columns: dict[str, str]) -> list[Problem]:
    """An error of a row's command as problems of that row, each field named by the column it came from
    (`columns`: the command's field path to a column key; a field of no column names the whole row)."""
    pairs = flatten(error.messages) if isinstance(error, ValidationError) else (
        flatten(error.errors) or [("", error.message)])
    found = []
    for path, message in pairs:
        key = columns.get(path) or columns.get(path.split(".")[0])
        found.append(Problem(row, sheet.column(key) if key else None, message))
    return found


def required(row: Row, sheet: Sheet, keys: tuple[str, ...]) -> list[Problem]:
    """A problem for each of `keys` the row leaves empty."""
    return [said(row.number, sheet.column(k), "required") for k in keys if not row.get(k)]
