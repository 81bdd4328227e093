"""`tracker import roster|attendance|contributions FILE --forum ID`: the secretariat's spreadsheets recorded through
the API's commands, all rows or none (tracker/imports/__init__.py); `tracker import template KIND FILE` writes a
template to fill. docs/imports.md describes the sheets."""
from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path

import click

from tracker import extension
from tracker.imports import Options, Refused, Result, Unreadable, run
from tracker.imports.columns import KINDS
from tracker.imports.templates import template


@click.group("import")
def import_group() -> None:
    """The secretariat's spreadsheets (CSV or XLSX) recorded in a forum, all rows or none."""


def _instant(value: str | None) -> datetime | None:
    if value is None:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise click.BadParameter("expected an instant with its offset, e.g. 2025-06-12T10:00:00-05:00") from None
    if moment.tzinfo is None:
        raise click.BadParameter("give the offset, e.g. 2025-06-12T10:00:00-05:00")
    return moment


def _report(result: Result, path: str) -> None:
    """Say what the import recorded, or would, row by row; every problem by row and column; exit 1 on any."""
    if result.already_imported:
        click.echo(f"{path} (SHA-256 {result.sha256}) was already imported into this forum: nothing recorded")
        return
    if result.ignored:
        click.echo("columns ignored (not the template's): " + ", ".join(f"'{c}'" for c in result.ignored), err=True)
    for line in result.lines:
        click.echo(f"row {line.row}: {line.says}" if line.row else line.says)
    if result.unmatched:
        click.echo("not matched with the roster (add organization and sector to record them as guests):", err=True)
        for row, name in result.unmatched:
            click.echo(f"  row {row}: {name}", err=True)
    if result.problems:
        click.echo(f"{len(result.problems)} problem(s) in {path}; nothing was recorded:", err=True)
        for problem in result.problems:
            click.echo(f"  {problem}", err=True)
        sys.exit(1)
    if result.dry_run:
        click.echo(f"dry run: {len(result.lines)} line(s) would be recorded from {path}; nothing was recorded")
    else:
        click.echo(f"imported {path} (SHA-256 {result.sha256}): {result.recorded} event(s) recorded")


def _import(kind: str, file: str, options: Options, dry_run: bool, actor: str) -> None:
    services = extension.services()
    content = Path(file).read_bytes()
    try:
        result = run(services.store, services.projector, services.clock(), actor, kind, content, file, options,
                     dry_run=dry_run)
    except (Refused, Unreadable) as exc:
        raise click.ClickException(str(exc)) from None
    _report(result, file)


_FILE = click.argument("file", type=click.Path(exists=True, dir_okay=False))
_FORUM = click.option("--forum", "forum_id", required=True, help="The forum's id (frm_...).")
_DRY = click.option("--dry-run", is_flag=True, help="Show what would be recorded, and every problem; record nothing.")
_BY = click.option("--by", "actor", default="import", show_default=True,
                   help="Who imports (logged as the actor of every event).")


@import_group.command("roster")
@_FILE
@_FORUM
@_DRY
@_BY
def import_roster(file: str, forum_id: str, dry_run: bool, actor: str) -> None:
    """Record FILE's representatives (one a row), new organizations joining and existing ones matched by name."""
    _import("roster", file, Options(forum_id), dry_run, actor)


@import_group.command("attendance")
@_FILE
@_FORUM
@click.option("--session", "session_id", required=True, help="The session the sheet records (ses_...).")
@click.option("--held-at", default=None,
              help="When it was held, with its offset (default: the time it was scheduled at).")
@click.option("--public-attendees", type=click.IntRange(0, 1_000_000), default=None,
              help="How many members of the public attended, besides those named.")
@click.option("--correction", default=None,
              help="Why, when the session's record is being corrected (required if it was recorded already).")
@_DRY
@_BY
def import_attendance(file: str, forum_id: str, session_id: str, held_at: str | None, public_attendees: int | None,
                      correction: str | None, dry_run: bool, actor: str) -> None:
    """Record the session as held with FILE's attendance: names matched with the roster, guests with their
    organization and sector; names matched to no one are listed and refused."""
    options = Options(forum_id, session_id=session_id, held_at=_instant(held_at), public_attendees=public_attendees,
                      correction=correction)
    _import("attendance", file, options, dry_run, actor)


@import_group.command("contributions")
@_FILE
@_FORUM
@click.option("--plan", "plan_id", required=True, help="The action plan that received them (pln_...).")
@_DRY
@_BY
def import_contributions(file: str, forum_id: str, plan_id: str, dry_run: bool, actor: str) -> None:
    """Record FILE's contributions (one a row), by representatives or organizations of the roster or by members
    of the public."""
    _import("contributions", file, Options(forum_id, plan_id=plan_id), dry_run, actor)


@import_group.command("template")
@click.argument("kind", type=click.Choice(KINDS))
@click.argument("file", type=click.Path(dir_okay=False, writable=True))
@click.option("--language", type=click.Choice(("es", "en")), default="es", show_default=True,
              help="The language of the headers (either is read back).")
def import_template(kind: str, file: str, language: str) -> None:
    """Write the template of KIND to FILE: an XLSX workbook when FILE ends in .xlsx, else CSV."""
    fmt = "xlsx" if file.lower().endswith(".xlsx") else "csv"
    Path(file).write_bytes(template(kind, fmt, language))
    click.echo(f"wrote the {kind} template ({fmt}, headers in {'Spanish' if language == 'es' else 'English'}) "
               f"to {file}")
