"""kill -9 of `tracker scheduler` in the middle of delivering reminders, then a restart: no reminder is lost, and
the only repeat possible is the documented at-least-once one (the message in flight at the kill, sent again with
the same Message-ID).

Given a forum whose three members with an email have six sessions due for a reminder, and a slow SMTP server on
loopback (0.3 s a message), when `tracker scheduler` is killed with SIGKILL after the server accepted a few
reminders, and started again (`--once`) after its claims' ten-minute lease ran out (a simulated clock), then every
member has a reminder for every session, any member who got one twice got the same Message-ID, and the log
records exactly one ReminderSent per member and session.
"""
from __future__ import annotations

import signal
import subprocess
import time
from collections import Counter
from datetime import datetime, timedelta

import pytest

from tests.reliability.servers import TRACKER
from tests.scheduler.test_processes import scheduler_env
from tests.support.builders_reminders import EMAILS, members_with_emails, session
from tests.support.smtp import SmtpServer

NOW = datetime.fromisoformat("2026-12-07T09:30:00-05:00")  # reminders 3 days before the sessions of 10 December
SESSIONS = 6


@pytest.fixture
def smtp():
    """An aiosmtpd server on a free loopback port; the inbox of what it accepted."""
    with SmtpServer() as inbox:
        yield inbox


def test_a_scheduler_killed_mid_delivery_loses_no_reminder_and_repeats_at_most_the_one_in_flight(
        api, app, database_url, smtp):
    r = members_with_emails(api)
    for hour in range(SESSIONS):
        session(api, r.forum_id, f"2026-12-10T{9 + hour:02d}:00:00-05:00", title=f"Sesión de las {9 + hour}")
    people = {EMAILS["ana"], EMAILS["rosa"], EMAILS["jorge"]}
    smtp.delay = 0.3
    env = scheduler_env(database_url, smtp, TRACKER_CLOCK=NOW.isoformat())
    scheduler = subprocess.Popen([TRACKER, "scheduler", "--interval", "0.2"], env=env, stdout=subprocess.DEVNULL,
                                 stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 90
    while len(smtp.messages) < 3 and time.monotonic() < deadline:
        assert scheduler.poll() is None, "the scheduler exited"
        time.sleep(0.05)
    scheduler.send_signal(signal.SIGKILL)  # mid-delivery: the server is accepting the next message
    scheduler.wait(timeout=30)
    before_restart = len(smtp.messages)
    time.sleep(smtp.delay * 2)  # let the server finish accepting what was in flight
    assert before_restart < len(people) * SESSIONS, "the kill came after every reminder went out"

    later = scheduler_env(database_url, smtp, TRACKER_CLOCK=(NOW + timedelta(minutes=11)).isoformat())
    done = subprocess.run([TRACKER, "scheduler", "--once"], env=later, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr

    reminders = [m for m in smtp.messages if m.subject.startswith("Recordatorio")]
    per_pair = Counter((rcpt, m.subject) for m in reminders for rcpt in m.rcpt_tos)
    assert {rcpt for rcpt, _ in per_pair} == people
    assert len(per_pair) == len(people) * SESSIONS  # none lost
    repeated = {pair: n for pair, n in per_pair.items() if n > 1}
    assert len(repeated) <= 1 and set(repeated.values()) <= {2}, repeated  # at most the one in flight
    assert set(smtp.per_message_id().values()) <= {1, 2}
    assert len(smtp.per_message_id()) == len(per_pair)  # a repeat carries the same Message-ID
    store = app.extensions["tracker"].store
    sent = list(store.read_all(types=["ReminderSent"]))
    assert len(sent) == len(per_pair)
    retaken = len(list(store.read_all(types=["DeliveryClaimed"]))) - len(sent)  # claims the kill left open
    print(f"\nscheduler kill -9 on {database_url.split(':')[0]}: {len(per_pair)} reminders due, "
          f"{before_restart} accepted before the kill, {len(reminders)} messages in all, "
          f"{len(repeated)} repeated (same Message-ID), {retaken} claim(s) left by the kill taken again, 0 lost")
