"""Session reminders through a real SMTP server on loopback, with the clock moved by hand.

The forum is in Cajamarca (America/Lima, UTC-5, no daylight saving) and reminds 3 days ahead: a session on
Thursday 10 December 2026 at 15:00 is reminded on Monday 7 December at 09:00 local time, 14:00 UTC.
"""
from __future__ import annotations

from collections import Counter
from datetime import datetime

import icalendar
import vobject

from tests.support.builders_reminders import EMAILS, members_with_emails, session
from tests.support.builders_sessions import announce_session, hold_session
from tests.support.smtp import MAIL_FROM

SESSION_AT = "2026-12-10T15:00:00-05:00"
REMINDER_AT = "2026-12-07T09:00:00-05:00"
JUST_BEFORE = "2026-12-07T08:59:59-05:00"
SERVING = {EMAILS["ana"], EMAILS["rosa"], EMAILS["jorge"]}  # Pedro has no email; Elena was withdrawn


def recipients(smtp) -> Counter:
    return Counter(rcpt for m in smtp.messages for rcpt in m.rcpt_tos)


def test_each_serving_member_with_an_email_gets_one_reminder_at_nine_local_time_three_days_before(
        api, run, smtp, logged):
    r = members_with_emails(api)
    sid = session(api, r.forum_id, SESSION_AT)

    assert run(JUST_BEFORE).sent == [] and smtp.messages == []
    assert len(run(REMINDER_AT).sent) == 3
    run("2026-12-07T09:01:00-05:00")
    run("2026-12-09T18:00:00-05:00")

    assert recipients(smtp) == Counter(SERVING)
    assert all(m.mail_from == MAIL_FROM for m in smtp.messages)
    sent = logged("ReminderSent")
    assert sorted(e.data["recipient"] for e in sent) == sorted([r.ana, r.rosa, r.jorge])
    assert {(e.data["session_id"], e.data["scheduled_at"]) for e in sent} == {(sid, "2026-12-10T20:00:00+00:00")}
    assert all(e.occurred_at == datetime.fromisoformat(REMINDER_AT) for e in sent)
    written = str([e.data for e in logged("DeliveryClaimed", "ReminderSent")])
    assert not any(address in written for address in EMAILS.values())  # ids, never addresses


def test_the_reminder_tells_when_where_and_what_in_the_forums_language_and_carries_a_parseable_invitation(
        api, run, smtp):
    r = members_with_emails(api)
    sid = session(api, r.forum_id, SESSION_AT)
    announce_session(api, sid, announced_on="2026-11-20")
    run(REMINDER_AT)

    ana = smtp.to(EMAILS["ana"])[0]
    assert ana.subject == "Recordatorio: Sesión ordinaria de diciembre, jueves, 10 de diciembre de 2026"
    body = ana.text()
    for expected in ("Hola, Ana Quispe:", "jueves, 10 de diciembre de 2026, 15:00", "Sala de sesiones",
                     "Modalidad: híbrida", "1. Avance de los compromisos", "2. Calendario de 2027",
                     "Agenda y matriz de propuestas: https://gobiernoabierto.cajamarca.gob.pe/agenda-3.pdf"):
        assert expected in body, expected
    assert ana.message["Content-Language"] == "es"

    ics = ana.attachment()
    event = icalendar.Calendar.from_ical(ics).walk("VEVENT")[0]
    assert str(event["UID"]) == f"{sid}@cocreation-tracker"
    assert event.decoded("DTSTART") == datetime.fromisoformat(SESSION_AT)
    assert event["DTSTART"].params["TZID"] == "America/Lima"
    second = vobject.readOne(ics.decode("utf-8"))
    assert second.vevent.dtstart.value == datetime.fromisoformat(SESSION_AT)
    assert second.vevent.summary.value == "Sesión ordinaria de diciembre"
    assert "Calendario de 2027" in second.vevent.description.value


def test_an_english_forum_reminds_in_english(api, run, smtp):
    r = members_with_emails(api, language="en")
    session(api, r.forum_id, SESSION_AT)
    run(REMINDER_AT)
    jorge = smtp.to(EMAILS["jorge"])[0]
    assert jorge.subject == "Reminder: Sesión ordinaria de diciembre, Thursday, December 10, 2026"
    assert "Hello Jorge Díaz," in jorge.text() and "Modality: hybrid" in jorge.text()


def test_a_rescheduled_session_is_reminded_at_its_new_time_only(api, run, smtp, logged):
    r = members_with_emails(api)
    sid = session(api, r.forum_id, SESSION_AT)
    api.post(f"/sessions/{sid}/rescheduling", {"scheduled_at": "2026-12-17T10:00:00-05:00",
                                               "reason": "Coincide con la audiencia de rendición de cuentas"})

    assert run(REMINDER_AT).sent == []  # the old time's reminder never goes out
    assert run("2026-12-14T08:59:00-05:00").sent == []
    assert len(run("2026-12-14T09:00:00-05:00").sent) == 3
    run("2026-12-16T12:00:00-05:00")

    assert recipients(smtp) == Counter(SERVING)
    assert all("jueves, 17 de diciembre de 2026, 10:00" in m.text() for m in smtp.messages)
    assert {e.data["scheduled_at"] for e in logged("ReminderSent")} == {"2026-12-17T15:00:00+00:00"}


def test_a_session_moved_after_its_reminder_went_out_is_reminded_again_for_the_new_time(api, run, smtp):
    r = members_with_emails(api)
    sid = session(api, r.forum_id, SESSION_AT)
    run(REMINDER_AT)
    api.post(f"/sessions/{sid}/rescheduling", {"scheduled_at": "2026-12-11T15:00:00-05:00"})
    run("2026-12-08T09:00:00-05:00")
    run("2026-12-09T09:00:00-05:00")
    assert recipients(smtp) == Counter({address: 2 for address in SERVING})
    days = Counter("10 de diciembre" in m.text() for m in smtp.messages)
    assert days == Counter({True: 3, False: 3})


def test_a_cancelled_session_is_never_reminded(api, run, smtp, logged):
    r = members_with_emails(api)
    sid = session(api, r.forum_id, SESSION_AT)
    api.post(f"/sessions/{sid}/cancellation", {"reason": "Paro regional de transportistas"})
    for at in (REMINDER_AT, "2026-12-08T09:00:00-05:00", "2026-12-10T14:00:00-05:00"):
        run(at)
    assert smtp.messages == [] and logged("DeliveryClaimed") == []


def test_a_session_scheduled_inside_its_own_reminder_window_is_reminded_at_once(api, run, smtp, clock):
    r = members_with_emails(api)
    clock.now = datetime.fromisoformat("2026-12-09T11:00:00-05:00")
    session(api, r.forum_id, "2026-12-10T09:30:00-05:00", title="Sesión extraordinaria")
    assert len(run("2026-12-09T11:00:30-05:00").sent) == 3
    assert recipients(smtp) == Counter(SERVING)


def test_a_reminder_missed_while_no_scheduler_ran_goes_out_late_but_not_once_the_session_started(
        api, run, smtp):
    r = members_with_emails(api)
    session(api, r.forum_id, SESSION_AT)
    early = session(api, r.forum_id, "2026-12-08T15:00:00-05:00", title="Taller de co-creación")
    run("2026-12-09T10:00:00-05:00")  # the scheduler was down from before the 5th until now
    assert {m.subject.split(":")[1].split(",")[0].strip() for m in smtp.messages} == {"Sesión ordinaria de diciembre"}
    assert len(smtp.messages) == 3 and early


def test_a_session_held_early_is_not_reminded(api, run, smtp, clock):
    r = members_with_emails(api)
    sid = session(api, r.forum_id, SESSION_AT)
    clock.now = datetime.fromisoformat("2026-12-06T12:00:00-05:00")
    hold_session(api, sid, held_at="2026-12-06T11:00:00-05:00")
    run(REMINDER_AT)
    assert [m for m in smtp.messages if m.subject.startswith("Recordatorio")] == []


def test_a_member_designated_after_the_reminders_went_out_is_reminded_at_once(api, run, smtp, clock):
    r = members_with_emails(api)
    session(api, r.forum_id, SESSION_AT)
    run(REMINDER_AT)
    clock.now = datetime.fromisoformat("2026-12-08T10:00:00-05:00")
    api.post(f"/forums/{r.forum_id}/organizations/{r.ong}/representatives",
             {"name": "Lucía Mendoza", "role": "alternate", "designated_on": "2026-12-08",
              "email": "lucia.mendoza@transparencia-cajamarca.org"})
    assert len(run("2026-12-08T10:01:00-05:00").sent) == 1
    assert recipients(smtp)["lucia.mendoza@transparencia-cajamarca.org"] == 1
    assert sum(recipients(smtp).values()) == 4
