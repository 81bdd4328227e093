"""The `tracker` console script: a Flask CLI group over the application factory."""
from __future__ import annotations

import functools
import getpass
import os
import sys
from collections.abc import Callable
from typing import Any

import click
from flask.cli import FlaskGroup, ScriptInfo, routes_command, shell_command
from flask.cli import run_command as flask_run

from events import Head, ImportRefused, export_events, import_events, verify
from events.integrity import Rewritten
from tracker import create_app, extension
from tracker.auth.cli import tokens, users
from tracker.auth.service import FIRST_ADMIN_EMAIL, create_first_admin
from tracker.database import DatabaseProblem, check_database, check_url, current_revision, head_revision, upgrade
from tracker.demo.cli import demo
from tracker.documents.cli import documents
from tracker.imports.cli import import_group
from tracker.open_data.cli import export
from tracker.people.cli import people
from tracker.projections_cli import projections, ready_projector
from tracker.published_heads import WHERE_TO_PUBLISH, list_heads, publish_head, verify_published
from tracker.scheduler.cli import scheduler

#: The commands that create or migrate the schema themselves (on SQLite, make the file; `users create` too, so a
#: first user can be made on a fresh database): any other command that uses the database refuses one never
#: migrated, and never creates a SQLite file.
CREATES_SCHEMA = frozenset({"db upgrade", "run", "scheduler", "demo", "events import", "users create"})
#: The commands of ours that never open the database (those of Flask's extensions, e.g. `openapi`, are not
#: checked either).
NO_DATABASE = frozenset({"people new-master-key", "routes", "shell", "import template"})


def _create_app():  # FlaskGroup wants a factory it can call without arguments
    from config import Config, ConfigurationError

    try:
        config = Config()
        check_url(config.DATABASE_URL)
        return create_app(config)
    except ConfigurationError as exc:  # one line saying what to set, not a traceback
        raise click.ClickException(str(exc)) from None


class TrackerGroup(FlaskGroup):
    """Flask's CLI group, whose `--help` says in one line why the application cannot be built (e.g. a
    malformed TRACKER_DATABASE_URL) instead of printing a traceback, and lists the commands it can."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        try:
            ctx.ensure_object(ScriptInfo).load_app()
        except click.ClickException as exc:
            click.echo(f"Error: {exc.format_message()}\n", err=True)
            self._load_plugin_commands()
            return sorted(self.commands)
        return super().list_commands(ctx)


@click.group(cls=TrackerGroup, create_app=_create_app, add_default_commands=False, add_version_option=False,
             help="The co-creation tracker: the system of record of OGP co-creation processes.")
@click.version_option(package_name="cocreation-tracker", prog_name="tracker", message="%(prog)s %(version)s",
                      help="Show the tracker's version and exit.")
def main() -> None:
    """Entry point of the `tracker` console script."""


main.add_command(shell_command)
main.add_command(routes_command)


def _upgrade_embedded() -> None:
    """On the embedded SQLite database, bring the schema up to date before serving."""
    services = extension.services()
    if services.engine.dialect.name == "sqlite":
        upgrade(services.engine)


def _ready_read_models() -> None:
    """Build the read models never built, rebuild those of another version, and catch them up, so the first
    request is not the one that pays for it."""
    projector = ready_projector()
    projector.catch_up()
    click.echo(f"read models are up to date with the log at position {projector.store.head().position}")


def _first_admin(host: object, port: object) -> None:
    """On a database with no user yet, create the first admin and say, once, how to sign in."""
    services = extension.services()
    password = create_first_admin(services.engine, services.clock, services.passwords)
    if password is None:
        return
    host = "localhost" if host in (None, "0.0.0.0", "::") else host
    click.echo("\n".join([
        "", "No user existed, so a first administrator was made. Sign in at:",
        f"    http://{host}:{port or 5000}/login",
        f"    email:    {FIRST_ADMIN_EMAIL}",
        f"    password: {password}",
        "This password is shown only now. Choose another with:",
        f"    tracker users password {FIRST_ADMIN_EMAIL}", "",
    ]))


@click.pass_context
def _run(ctx: click.Context, **kwargs: object) -> None:
    app = ctx.ensure_object(ScriptInfo).load_app()  # the same app the server then runs (ScriptInfo keeps it)
    with app.app_context():
        _upgrade_embedded()
        _ready_read_models()
        _first_admin(kwargs.get("host"), kwargs.get("port"))
    ctx.invoke(flask_run, **kwargs)


main.add_command(click.Command(
    "run", params=list(flask_run.params), callback=_run,
    help="Serve the application with the development server (migrates an embedded SQLite database first; "
         "with no user yet, makes a first admin and prints how to sign in, once).",
))


@main.group()
def db() -> None:
    """The database schema."""


@db.command("upgrade")
def db_upgrade() -> None:
    """Create or migrate the schema; safe to run again."""
    upgrade(extension.services().engine)
    click.echo("database schema is up to date")
    _ready_read_models()


@main.group("events")
def events_group() -> None:
    """The event log: verification, export and import."""


def _parse_head(value: str | None) -> Head | None:
    if value is None:
        return None
    position, sep, digest = value.partition(":")
    if not sep or not position.isdigit() or len(digest) != 64:
        raise click.BadParameter("expected POSITION:HASH, e.g. 1200:3f5a… (64 hex digits)")
    return Head(int(position), digest.lower())


@events_group.command("verify")
@click.option("--against", metavar="POSITION:HASH", help="A published head the log must still hash to.")
@click.option("--published", is_flag=True, help="Also check every head in the list of published heads.")
def events_verify(against: str | None, published: bool) -> None:
    """Re-hash the whole log; exit 0 when intact, 1 naming the first bad position when not (or, when the chain
    holds but no longer reaches a published head, the position at or before which the log was rewritten)."""
    engine = extension.services().engine
    if published:
        _require_current_schema()
        result, checked = verify_published(engine, against=_parse_head(against))
    else:
        result, checked = verify(engine, against=_parse_head(against)), 0
    if result.ok:
        click.echo(f"intact: {result.events} events, head {result.head.position}:{result.head.hash}")
        if published:
            click.echo(f"the log still hashes to every published head ({checked})")
        return
    if isinstance(result, Rewritten):  # the chain holds: no event can be named, only the head it no longer reaches
        click.echo(f"REWRITTEN at or before position {result.published.position}: {result.reason}", err=True)
        click.echo(f"rewritten at or before position: {result.published.position}")
    else:
        click.echo(f"BROKEN at position {result.first_bad_position}: {result.reason}", err=True)
        click.echo(f"first bad position: {result.first_bad_position}")
    sys.exit(1)


@events_group.command("publish-head")
@click.option("--note", default=None, help="Why or where it is published, e.g. 'minutes of session 12'.")
@click.option("--by", "published_by", default=None, type=click.STRING,
              callback=lambda ctx, param, value: _at_most(200, value),
              help="Who publishes it, at most 200 characters (default: the system user).")
def events_publish_head(note: str | None, published_by: str | None) -> None:
    """Record the log's current head (position and hash) in the list of published heads, and print it."""
    _require_current_schema()
    services = extension.services()
    head = publish_head(services.engine, services.store, services.clock(), published_by or _system_user(), note)
    click.echo(f"published head {head.position}:{head.hash} at {head.published_at.isoformat()}")
    click.echo(WHERE_TO_PUBLISH)
    click.echo(f"    {head.check_command}")


@events_group.command("heads")
def events_heads() -> None:
    """List the published heads, newest first: date, position:hash, who, note."""
    _require_current_schema()
    heads = list_heads(extension.services().engine)
    if not heads:
        click.echo("no head has been published yet (tracker events publish-head)")
    for h in heads:
        note = f"  {h.note}" if h.note else ""
        click.echo(f"{h.published_at.isoformat()}  {h.position}:{h.hash}  {h.published_by}{note}")


def _at_most(length: int, value: str | None) -> str | None:
    """The option's value, refused as a usage error when longer than `length` characters."""
    if value is not None and len(value) > length:
        raise click.BadParameter(f"at most {length} characters")
    return value


def _require_current_schema() -> None:
    """Exit 1 with what to do when the database is not at the code's schema (no list of heads yet)."""
    if current_revision(extension.services().engine) != head_revision():
        click.echo("the database schema is not up to date: run `tracker db upgrade` first", err=True)
        sys.exit(1)


def _system_user() -> str:
    """Who runs the command, as the operating system knows them."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


@events_group.command("export")
@click.argument("file", type=click.File("w", encoding="utf-8", lazy=True))
def events_export(file) -> None:
    """Write the whole log to FILE as JSON Lines ('-' for standard output)."""
    head = export_events(extension.services().engine, file)
    click.echo(f"exported {head.position} events, head {head.position}:{head.hash}", err=True)


@events_group.command("import")
@click.argument("file", type=click.File("r", encoding="utf-8"))
def events_import(file) -> None:
    """Load a JSON Lines export into an empty database, all or nothing; refuse, naming the line, a file whose
    chain does not verify, whose values do not fit their columns, whose events do not decode as the code's event
    types, or whose person keys do not open with TRACKER_MASTER_KEY or disagree with its PersonForgotten events."""
    engine = extension.services().engine
    upgrade(engine)
    try:
        store = extension.services().store
        head = import_events(engine, file, store.keyring, store.registry)
    except ImportRefused as exc:
        click.echo(f"import refused: {exc}", err=True)
        sys.exit(1)
    click.echo(f"imported {head.position} events, head {head.position}:{head.hash}")

main.add_command(users)
main.add_command(tokens)
main.add_command(projections)
main.add_command(scheduler)
main.add_command(demo)
main.add_command(people)
main.add_command(documents)
main.add_command(export)
main.add_command(import_group)


def _checked_first(callback: Callable[..., Any], *, creates_schema: bool) -> Callable[..., Any]:
    """`callback`, run only once the database it will use passed `check_database` (else one sentence on
    stderr and exit code 1)."""
    @functools.wraps(callback)
    def checked(*args: Any, **kwargs: Any) -> Any:
        app = click.get_current_context().ensure_object(ScriptInfo).load_app()
        try:
            check_database(extension.services(app).engine, creates_schema=creates_schema,
                           named=bool(os.environ.get("TRACKER_DATABASE_URL")))
        except DatabaseProblem as exc:
            raise click.ClickException(str(exc)) from None
        return callback(*args, **kwargs)

    checked.database_checked = True  # type: ignore[attr-defined]
    return checked


def _check_database_first(group: click.Group, path: tuple[str, ...] = ()) -> None:
    """Have every command of `group` that uses the database check it first (see CREATES_SCHEMA, NO_DATABASE)."""
    for name, cmd in group.commands.items():
        here = " ".join((*path, name))
        if isinstance(cmd, click.Group):
            _check_database_first(cmd, (*path, name))
        elif here not in NO_DATABASE and cmd.callback and not hasattr(cmd.callback, "database_checked"):
            cmd.callback = _checked_first(cmd.callback, creates_schema=here in CREATES_SCHEMA)


_check_database_first(main)
