"""`tracker people`: list who a forum's record names, forget a person, enforce the retention of minors' data."""
from __future__ import annotations

import sys

import click
from flask.cli import with_appcontext

from events.personal import new_master_key
from tracker import extension
from tracker.domain.errors import DomainError
from tracker.people import retention
from tracker.people.directory import people_of
from tracker.people.forget import REASONS, forget_all


@click.group("people")
def people() -> None:
    """The people the record names: list them, forget one, apply the retention of minors' data."""


@people.command("list")
@click.option("--forum", "forum_id", required=True, help="The forum's id.")
@with_appcontext
def people_list(forum_id: str) -> None:
    """Everyone FORUM's record names (id, kind, key, name, where), one per line, tab-separated."""
    try:
        found = people_of(extension.services(), forum_id)
    except DomainError as exc:
        click.echo(str(exc), err=True)
        sys.exit(1)
    for p in found:
        minor = " (minor)" if p.is_minor else ""
        click.echo(f"{p.person_id}\t{p.kind}{minor}\t{p.key}\t{p.name}\t{p.where}")


@people.command("forget")
@click.argument("person_ids", nargs=-1, required=True)
@click.option("--reason", type=click.Choice(REASONS), default="request", show_default=True,
              help="Why: the person asked, or the retention period ended.")
@click.option("--note", default=None, help="A reference (e.g. the request's number); never personal data.")
@click.option("--by", "actor", default="admin", show_default=True, help="Who forgets (logged as the actor).")
@with_appcontext
def people_forget(person_ids: tuple[str, ...], reason: str, note: str | None, actor: str) -> None:
    """Destroy the keys of PERSON_IDS: representatives (rep_…), guests and members of the public (per_…, as
    `tracker people list` shows them) or the member of the public who wrote a contribution (ctb_…). Their names
    read as "(forgotten)" and their contact data as nothing, everywhere and for good; the chain still verifies.
    All or none: if one id cannot be forgotten, nobody is, and the command says why and exits 1. Each forgetting
    is logged as a PersonForgotten event."""
    services = extension.services()
    try:
        done = forget_all(services, person_ids, reason=reason, actor=actor, now=services.clock(), note=note)
    except DomainError as exc:
        click.echo(f"{exc}; nobody was forgotten", err=True)
        sys.exit(1)
    for item in done:
        named = f" ({item.asked_as})" if item.asked_as else ""
        click.echo(f"{item.person_id}{named}: forgotten (forum {item.forum_id}, logged at position {item.position})")
    click.echo(f"{len(done)} person(s) forgotten")


@people.command("enforce-retention")
@with_appcontext
def people_enforce_retention() -> None:
    """Forget every minor whose forum's retention period has passed after their last plan ended (the scheduler
    does this daily; this is for a deployment without it)."""
    services = extension.services()
    done = retention.enforce(services, services.clock())
    for item in done:
        click.echo(f"{item.person_id}: forgotten (forum {item.forum_id}, retention period over)")
    click.echo(f"{len(done)} minor(s) forgotten")


@people.command("new-master-key")
def people_new_master_key() -> None:
    """Print a new master key for TRACKER_MASTER_KEY (keep it secret, and apart from the backups)."""
    click.echo(new_master_key())
