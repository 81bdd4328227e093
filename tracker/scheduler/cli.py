"""`tracker scheduler`: the reminder scheduler, one process beside the web workers (never started by them).

An APScheduler BlockingScheduler runs `tick` at start and then every `--interval` seconds; a tick still running
when the next is due is not doubled (one instance at a time, missed runs coalesced). Any number of schedulers may
run against one PostgreSQL database: the delivery protocol sends each message once.
"""
from __future__ import annotations

import logging
import signal
import sys
from datetime import UTC, datetime

import click
from apscheduler.schedulers.blocking import BlockingScheduler
from flask import current_app
from flask.cli import with_appcontext

from events.store import Clock
from tracker import extension
from tracker.bootstrap import Services, compose, mailer, messengers
from tracker.database import current_revision, head_revision, upgrade
from tracker.long_running import settle_heap
from tracker.scheduler.clock import clock_from
from tracker.scheduler.tick import Mailer, Senders, scheduler_name, tick

log = logging.getLogger("tracker.scheduler")


def run_tick(services: Services, mailer: Mailer | Senders, clock: Clock, name: str) -> None:
    """One tick at the clock's now; a failure is logged, and the next tick tries again."""
    now = clock()
    try:
        report = tick(services, mailer, now, claimed_by=name)
    except Exception:
        log.exception("the scheduler's tick at %s failed; the next one tries again", now.isoformat())
        return
    if report.sent or report.failed or report.abandoned or report.errors:
        log.info("tick at %s: %s", now.isoformat(), report.summary())


@click.command("scheduler")
@click.option("--interval", type=click.FloatRange(min=0.1), default=60.0, show_default=True,
              help="Seconds between two runs (real time, also under a simulated clock).")
@click.option("--once", is_flag=True, help="Run once and exit (e.g. from cron).")
@with_appcontext
def scheduler(interval: float, once: bool) -> None:
    """Send session reminders, the secretariat's warnings and feedback to contributors, each once.

    Mail goes through TRACKER_SMTP_HOST/PORT (TRACKER_SMTP_TLS, TRACKER_SMTP_USER/PASSWORD) from
    TRACKER_MAIL_FROM; WhatsApp messages through the Cloud API when TRACKER_WHATSAPP_TOKEN and
    TRACKER_WHATSAPP_PHONE_NUMBER_ID are set (docs/messaging.md).
    On an embedded SQLite database the schema is migrated first.
    """
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    config = current_app.config
    clock = clock_from(config)
    services = compose(config, current_app.instance_path, clock=clock, keyring=extension.services().store.keyring)
    if services.engine.dialect.name == "sqlite":
        upgrade(services.engine)
    elif current_revision(services.engine) != head_revision():
        click.echo("the database schema is not up to date: run `tracker db upgrade` first", err=True)
        sys.exit(1)
    sender = Senders(mailer(config), messengers(config), config.get("SITE_URL"))
    if sender.messengers:
        log.info("channels besides email: %s", ", ".join(sender.messengers))
    name = scheduler_name()
    if once:
        run_tick(services, sender, clock, name)
        return
    settle_heap()
    runner = BlockingScheduler(timezone=UTC)
    runner.add_job(run_tick, "interval", args=(services, sender, clock, name), seconds=interval, id="tick",
                   next_run_time=datetime.now(UTC), max_instances=1, coalesce=True)

    def stop(signum: int, _frame: object) -> None:
        log.info("stopping on signal %d after the running tick", signum)
        runner.shutdown(wait=False)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    click.echo(f"scheduler {name} running every {interval:g} s (Ctrl-C to stop)")
    runner.start()
    services.engine.dispose()
