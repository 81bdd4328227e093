"""`tracker scheduler` as it runs in production: real processes, a real database, a real SMTP server on loopback.

Two schedulers started together against one PostgreSQL database, on a shared simulated clock running 1,200 times
faster than real time, for hours of simulated time: every member gets exactly one reminder per session, the
contributor one feedback email and a resident who just sent a contribution one receipt, whichever process sent each.
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tests.support.builders import designate, join
from tests.support.builders_contributions import RESIDENT_EMAIL, contribute, resident, respond
from tests.support.builders_plans import plan_with_roster
from tests.support.builders_reminders import EMAILS, members_with_emails, session

TRACKER = str(Path(sys.executable).with_name("tracker"))
START = datetime.fromisoformat("2025-05-01T08:00:00-05:00")  # simulated: 08:00 in Cajamarca
SPEED = 1200  # 20 simulated minutes a second
STARTUP = 8  # real seconds allowed for the processes to start before simulated 08:00
NEWCOMER = "rosa.tello@correo.pe"


def store_of(app):
    return app.extensions["tracker"].store


def scheduler_env(database_url: str, smtp, **extra: str) -> dict[str, str]:
    return {**os.environ, "TRACKER_DATABASE_URL": database_url, "TRACKER_SMTP_HOST": "127.0.0.1",
            "TRACKER_SMTP_PORT": str(smtp.port), "TRACKER_MAIL_FROM": "recordatorios@gobiernoabierto.cajamarca.gob.pe",
            **extra}


def test_scheduler_once_sends_what_is_due_and_exits(api, clock, database_url, smtp):
    clock.now = datetime.fromisoformat("2026-12-07T09:30:00-05:00")
    r = members_with_emails(api)
    session(api, r.forum_id, "2026-12-10T15:00:00-05:00")
    env = scheduler_env(database_url, smtp, TRACKER_CLOCK=clock.now.isoformat())
    done = subprocess.run([TRACKER, "scheduler", "--once"], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert Counter(rcpt for m in smtp.messages for rcpt in m.rcpt_tos) == Counter(
        [EMAILS["ana"], EMAILS["rosa"], EMAILS["jorge"]])
    again = subprocess.run([TRACKER, "scheduler", "--once"], env=env, capture_output=True, text=True, timeout=120)
    assert again.returncode == 0 and len(smtp.messages) == 3


@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
def test_two_schedulers_on_one_postgresql_database_never_send_an_email_twice(api, app, clock, database_url, smtp):
    clock.now = START
    r = plan_with_roster(api, meeting_rule={"frequency": "monthly", "reminder_days_before": 1})
    for name, address in (("Carmen Rojas", "carmen.rojas@unc.edu.pe"), ("Diego Silva", "diego.silva@unc.edu.pe")):
        designate(api, r.forum_id, join(api, r.forum_id, f"Universidad {name}", "academia"), name, email=address)
    expected_people = {"ana@regioncajamarca.gob.pe", "carmen.rojas@unc.edu.pe", "diego.silva@unc.edu.pe"}
    due_now = [session(api, r.forum_id, at, title=f"Sesión {at[11:16]}") for at in (
        "2025-05-01T09:30:00-05:00", "2025-05-01T11:00:00-05:00", "2025-05-01T12:30:00-05:00")]
    due_at_nine = [session(api, r.forum_id, at, title=f"Sesión del 2 de mayo {at[11:16]}") for at in (
        "2025-05-02T15:00:00-05:00", "2025-05-02T18:00:00-05:00")]
    session(api, r.forum_id, "2025-05-03T10:00:00-05:00", title="Sesión del 3 de mayo")  # due after the run
    cancelled = session(api, r.forum_id, "2025-05-02T10:00:00-05:00", title="Sesión cancelada")
    api.post(f"/sessions/{cancelled}/cancellation", {"reason": "Feriado"})
    contribution = contribute(api, r.plan, resident(), received_on="2025-04-28")
    respond(api, contribution, responded_on="2025-04-30")  # answered: a feedback email, no receipt
    contribute(api, r.plan, resident(name="Rosa Tello", email=NEWCOMER), received_on="2025-05-01")  # a receipt
    smtp.delay = 0.03  # a server that takes its time, so the two schedulers overlap

    # The simulated 08:00 is a few real seconds away, so that both processes are up before simulated time runs
    # past the first session (a slow start on a loaded machine must not make a session start unreminded).
    anchor = (datetime.now(UTC) + timedelta(seconds=STARTUP)).isoformat()
    env = scheduler_env(database_url, smtp, TRACKER_CLOCK=START.isoformat(), TRACKER_CLOCK_SPEED=str(SPEED),
                        TRACKER_CLOCK_ANCHOR=anchor)
    processes = [subprocess.Popen([TRACKER, "scheduler", "--interval", "0.2"], env=env, stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE, text=True) for _ in range(2)]
    try:
        time.sleep(STARTUP + 9)  # then about three simulated hours: 08:00 to 11:00 in Cajamarca
    finally:
        for process in processes:
            process.send_signal(signal.SIGTERM)
        outputs = [process.communicate(timeout=60) for process in processes]
    for process, (_, err) in zip(processes, outputs, strict=True):
        assert process.returncode == 0, err
        assert "Traceback" not in err, err

    reminders = Counter((rcpt, m.subject) for m in smtp.messages for rcpt in m.rcpt_tos
                        if m.subject.startswith("Recordatorio"))
    sessions = {m.subject for m in smtp.messages if m.subject.startswith("Recordatorio")}
    assert len(sessions) == len(due_now) + len(due_at_nine)
    assert set(reminders.values()) == {1}, [k for k, n in reminders.items() if n > 1]
    assert {rcpt for rcpt, _ in reminders} == expected_people
    assert len(reminders) == len(expected_people) * len(sessions)
    assert sorted(m.rcpt_tos for m in smtp.messages if not m.subject.startswith("Recordatorio")) == sorted(
        [(RESIDENT_EMAIL,), (NEWCOMER,)])
    assert len(list(store_of(app).read_all(types=["ReceiptSent"]))) == 1
    assert set(smtp.per_message_id().values()) == {1}

    store = app.extensions["tracker"].store
    claims = list(store.read_all(types=["DeliveryClaimed"]))
    assert len(claims) == len(smtp.messages)  # no claim was ever made twice
    claimers = Counter(e.data["claimed_by"] for e in claims)
    assert len(claimers) == 2, claimers  # both schedulers worked, neither sent what the other had
    assert len(list(store.read_all(types=["ReminderSent"]))) == len(reminders)
    communications = api.get(f"/contributions/{contribution}")["communications"]
    assert [(c["channel"], c["communicated_on"]) for c in communications] == [("email", "2025-05-01")]
