"""`tracker projections`: rebuild the read models from the log, and see where each one stands."""
from __future__ import annotations

import sys
from collections.abc import Iterable

import click
from flask.cli import AppGroup

from events import EventStore
from tracker import extension
from tracker.database import current_revision, head_revision
from tracker.long_running import settle_heap
from tracker.read_models import ReadModels


def handled_events(store: EventStore, types: Iterable[str], after: int = 0) -> int:
    """How many events of these types the log holds past position `after`."""
    return store.count_after(after, types)


def _events(n: int) -> str:
    return f"{n} event" if n == 1 else f"{n} events"


def ready_projector() -> ReadModels:
    """The application's projector, once the schema is known to be current (else exit 1 saying so)."""
    services = extension.services()
    if current_revision(services.engine) != head_revision():
        click.echo("the database schema is not up to date: run `tracker db upgrade` first", err=True)
        sys.exit(1)
    return services.projector


projections = AppGroup("projections", help="Read models built from the event log: rebuild them, see where each stands.")


@projections.command("rebuild")
@click.argument("name", required=False)
def rebuild(name: str | None) -> None:
    """Drop a read model's tables and replay the whole log into them (every read model without NAME, all in
    one pass over the log)."""
    projector = ready_projector()
    if name is not None and name not in projector.projections:
        click.echo(f"unknown projection {name!r}; the projections are: {', '.join(projector.names())}", err=True)
        sys.exit(1)
    chosen = [name] if name else projector.names()
    handles = frozenset().union(*(projector.projections[each].handles for each in chosen))
    total = handled_events(projector.store, handles)
    settle_heap()
    with click.progressbar(length=total, label=f"rebuilding {', '.join(chosen)}", show_pos=True) as bar:
        applied = projector.rebuild_all(chosen, progress=bar.update)
    for each in chosen:
        version, position = projector.checkpoint(each) or (projector.projections[each].version, 0)
        click.echo(f"{each}: rebuilt from {_events(applied[each])} (version {version}, checkpoint {position})")


@projections.command("status")
def status() -> None:
    """Each read model's name, code version and checkpoint, and how many logged events it has yet to apply."""
    projector = ready_projector()
    for name in projector.names():
        projection = projector.projections[name]
        checkpoint = projector.checkpoint(name)
        if checkpoint is None:
            click.echo(f"{name}: version {projection.version}, never built (built on first use)")
            continue
        built, position = checkpoint
        pending = handled_events(projector.store, projection.handles, after=position)
        stale = "" if built == projection.version else f" (built by version {built}: rebuilt on first use)"
        click.echo(f"{name}: version {projection.version}{stale}, checkpoint {position}, {_events(pending)} pending")
