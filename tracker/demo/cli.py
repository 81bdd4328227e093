"""`tracker demo [--reset]`: load the sample forum into an empty database and say how to sign in."""
from __future__ import annotations

import os
import sys

import click
from flask import current_app
from flask.cli import with_appcontext

from tracker import extension
from tracker.bootstrap import Services, compose
from tracker.database import upgrade
from tracker.demo import Made, data, load


def _reset_sqlite(services: Services) -> Services:
    """Delete the SQLite file and start again on a new one (never anything else)."""
    url = services.engine.url
    path = url.database
    services.engine.dispose()
    if path and path != ":memory:" and os.path.exists(path):
        os.remove(path)
    fresh = compose(current_app.config, current_app.instance_path, clock=services.clock, keyring=services.store.keyring,
                    database_url=url.render_as_string(hide_password=False))
    upgrade(fresh.engine)
    return fresh


def _report(made: Made, site: str, served: bool) -> str:
    s, c = made.sessions, made.contributions
    lines = [
        f"Loaded the sample forum of {data.PROVINCE}:",
        f"  forum {made.forum_id}: {made.organizations} organizations, {made.representatives} representatives",
        f"  action plan {made.plan_id}: {s.get('held', 0)} sessions held, {s.get('cancelled', 0)} cancelled, "
        f"{s.get('rescheduled', 0)} rescheduled, {s.get('upcoming', 0)} upcoming",
        f"  {sum(c.values())} contributions: " + ", ".join(f"{n} {stage}" for stage, n in c.items()),
        f"  {made.commitments} commitments, {made.publications} publications, endorsement {made.endorsement_id}",
        f"  {made.assessments} commitments assessed and {made.judgements} checks judged by the evaluator",
        "",
        "Once it is served, open:" if served else "Serve it with `tracker run`, then open:",
        f"    {site}/forums/{made.forum_id}            (the public page)",
        f"    {site}/forums/{made.forum_id}/dashboard  (sign in first)",
        f"    {site}/api/v1/action-plans/{made.plan_id}/report?format=html",
        f"Sign in at {site}/login as (these passwords are shown only now):",
    ]
    lines += [f"    {role:<12} {email:<34} {password}" for email, role, password in made.users]
    return "\n".join(lines)


@click.command("demo")
@click.option("--reset", is_flag=True,
              help="On a SQLite database that holds events already, delete its file and start again "
                   "(refused on PostgreSQL, which is never dropped).")
@click.option("--site", default="http://localhost:5000", show_default=True,
              help="The address it will be served at, for the links printed.")
@click.option("--served", is_flag=True, help="Say it is about to be served (as `make demo` does), not how to serve it.")
@with_appcontext
def demo(reset: bool, site: str, served: bool) -> None:
    """Load a sample forum (a fictional province, a year of sessions, contributions at every stage,
    commitments, an endorsement) and a user per role, so the product can be explored at once."""
    services = extension.services()
    upgrade(services.engine)
    if services.store.head().position > 0:
        if not reset:
            click.echo("the database already holds events: `tracker demo` loads only into an empty one "
                       "(on a SQLite file, --reset deletes it first)", err=True)
            sys.exit(1)
        if services.engine.dialect.name != "sqlite":
            click.echo("refused: --reset deletes a SQLite file only; a PostgreSQL database is never dropped. "
                       "Point TRACKER_DATABASE_URL at an empty database instead.", err=True)
            sys.exit(1)
        services = _reset_sqlite(services)
        click.echo("deleted the SQLite database and started a new one")
    made = load(services)
    click.echo(_report(made, site.rstrip("/"), served))
