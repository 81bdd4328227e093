"""Reminders to a commitment's lead contact (issue 19) through a real SMTP server on loopback: a milestone due in 14
days, and a quarter without a progress report, each sent once, to the lead contact named when it is sent.

The forum is in Cajamarca (America/Lima, UTC-5); its plan (2026-2027) was endorsed on 2025-11-14. The commitment's
first milestone is due on Friday 18 December 2026: its lead contact is reminded on Friday 4 December at 09:00 local
time. The server's clock starts on 2026-11-20.
"""
from __future__ import annotations

from datetime import datetime, timedelta

from tests.support.builders_lead_contacts import COMMITMENT, DASHBOARD, DATASET, led_commitment, name_lead_contact
from tests.support.builders_plans import withdraw_endorsement
from tests.support.builders_reminders import EMAILS
from tracker.domain.forum import fold
from tracker.domain.notices.deliveries import MILESTONE, QUARTERLY
from tracker.domain.notices.reminders import wanted
from tracker.read_models.reminder_queue import commitment_candidates
from tracker.scheduler.tick import TickReport, deliver

REMINDER_AT = "2026-12-04T09:00:00-05:00"
JUST_BEFORE = "2026-12-04T08:59:59-05:00"
NEW_YEAR = "2027-01-01T09:00:00-05:00"  # the reminder of the fourth quarter of 2026


def report(api, commitment, **body):
    defaults = {"status": "in_progress", "reported_on": "2026-11-10",
                "summary": "Se publicaron los datos de cinco de los ocho distritos."}
    return api.post(f"/commitments/{commitment}/progress", {**defaults, **body})


def sent(logged, kind):
    return [e for e in logged("WarningSent") if e.data["kind"] == kind]


def test_the_lead_contact_is_reminded_once_at_nine_local_time_fourteen_days_before_a_milestone_is_due(
        api, run, smtp, logged):
    r = led_commitment(api)
    assert run(JUST_BEFORE).sent == [] and smtp.messages == []
    assert len(run(REMINDER_AT).sent) == 1
    run("2026-12-04T09:01:00-05:00")
    run("2026-12-10T12:00:00-05:00")

    assert [list(m.rcpt_tos) for m in smtp.messages] == [[EMAILS["ana"]]]
    [claim] = logged("DeliveryClaimed")
    assert (claim.data["kind"], claim.data["recipient"], claim.data["subject_id"]) == (
        MILESTONE, r.ana, f"{r.commitment}/{r.dashboard}")
    [outcome] = sent(logged, MILESTONE)
    assert outcome.data["recipients"] == 1 and outcome.occurred_at == datetime.fromisoformat(REMINDER_AT)
    written = str([e.data for e in logged("DeliveryClaimed", "WarningSent")])
    assert not any(address in written for address in EMAILS.values())  # ids, never addresses


def test_the_email_names_the_commitment_the_milestone_and_its_due_day_in_the_forums_language_and_says_what_to_do(
        api, run, smtp):
    led_commitment(api)
    run(REMINDER_AT)
    [ana] = smtp.to(EMAILS["ana"])
    assert ana.subject == f"Recordatorio: el hito «{DASHBOARD}» vence el viernes, 18 de diciembre de 2026"
    body = ana.text()
    for expected in ("Hola, Ana Quispe:", f"compromiso «{COMMITMENT}»",
                     "Plan de Acción de Gobierno Abierto de Cajamarca 2026-2027", DASHBOARD,
                     "Entregable: Tablero en línea", "Vence el viernes, 18 de diciembre de 2026.",
                     "Reporte su avance a la secretaría técnica"):
        assert expected in body, expected
    assert "cmt_" not in body + ana.subject and "mls_" not in body + ana.subject  # no ids
    assert ana.message["Content-Language"] == "es"


def test_an_english_forum_reminds_its_lead_contact_in_english(api, run, smtp):
    led_commitment(api, language="en")
    run(REMINDER_AT)
    [ana] = smtp.to(EMAILS["ana"])
    assert ana.subject == f"Reminder: the milestone “{DASHBOARD}” is due on Friday, December 18, 2026"
    assert "Hello Ana Quispe," in ana.text() and "Report its progress to the technical secretariat" in ana.text()


def test_a_milestone_completed_or_cancelled_before_its_reminder_is_not_reminded(api, run, smtp, clock):
    r = led_commitment(api)
    clock.now = datetime.fromisoformat("2026-12-01T10:00:00-05:00")
    report(api, r.commitment, milestone_id=r.dashboard, status="completed", reported_on="2026-12-01",
           summary="Tablero publicado.", reason="El tablero está en línea; su dirección se publica la próxima semana.")
    run(REMINDER_AT)
    run("2026-12-18T09:00:00-05:00")
    assert smtp.messages == []


def test_a_due_day_amended_is_reminded_at_its_new_day_only(api, run, smtp, logged):
    r = led_commitment(api)
    api.post(f"/commitments/{r.commitment}/amendment", {
        "reason": "La Gerencia necesita un mes más para integrar los datos de obras",
        "occurred_on": "2026-11-20",
        "changes": {"milestones": [{"title": DASHBOARD, "deliverable": "Tablero en línea", "due_on": "2027-01-15"},
                                   {"title": DATASET, "due_on": "2027-03-31"}]}})
    assert run(REMINDER_AT).sent == []  # the old day's reminder is no longer due
    assert run("2027-01-01T08:00:00-05:00").sent == []
    assert len(run("2027-01-01T09:00:00-05:00").sent) == 2  # the new day's, and the fourth quarter's
    [ana] = [m for m in smtp.to(EMAILS["ana"]) if "hito" in m.subject]
    assert "viernes, 15 de enero de 2027" in ana.subject
    assert len(sent(logged, MILESTONE)) == 1


def test_a_lead_contact_changed_before_sending_is_the_one_reminded(api, run, smtp, logged):
    r = led_commitment(api)
    name_lead_contact(api, r.commitment, r.jorge)
    run(REMINDER_AT)
    run("2026-12-05T09:00:00-05:00")
    assert [list(m.rcpt_tos) for m in smtp.messages] == [[EMAILS["jorge"]]]
    assert [e.data["recipient"] for e in logged("DeliveryClaimed")] == [r.jorge]


def test_a_contact_changed_after_the_queue_was_read_is_not_sent_the_old_contacts_reminder(
        api, services, run, smtp, logged):
    r = led_commitment(api)
    services.projector.catch_up()
    due_at = datetime.fromisoformat(REMINDER_AT)
    forum = fold(services.store.read_stream(r.forum_id))
    [due] = wanted(forum, [], [], due_at, commitments=commitment_candidates(services.projector, r.forum_id))
    name_lead_contact(api, r.commitment, r.rosa)  # meanwhile
    report = TickReport()
    deliver(services, smtp.mailer(), forum, due, None, due_at, "test-scheduler", report)
    assert report.skipped == [due.delivery_id] and smtp.messages == [] and logged("DeliveryClaimed") == []
    run(REMINDER_AT)
    assert [list(m.rcpt_tos) for m in smtp.messages] == [[EMAILS["rosa"]]]


def test_nobody_is_reminded_without_a_serving_lead_contact_or_a_standing_endorsement(api, run, smtp):
    left = led_commitment(api)
    api.post(f"/forums/{left.forum_id}/representatives/{left.ana}/withdrawal",
             {"withdrawn_on": "2026-11-20", "reason": "Dejó el Gobierno Regional"})
    no_email = led_commitment(api, lead="pedro")
    unnamed = led_commitment(api)
    name_lead_contact(api, unnamed.commitment, None)
    withdrawn = led_commitment(api)
    withdraw_endorsement(api, withdrawn.endorsement)
    none_named = led_commitment(api, lead=None)
    run(REMINDER_AT)
    run(NEW_YEAR)
    assert smtp.messages == [] and no_email and none_named


def test_of_two_schedulers_deciding_the_same_reminder_only_the_first_claim_sends(api, services, smtp, logged):
    r = led_commitment(api)
    services.projector.catch_up()
    due_at = datetime.fromisoformat(REMINDER_AT)
    forum = fold(services.store.read_stream(r.forum_id))
    [due] = wanted(forum, [], [], due_at, commitments=commitment_candidates(services.projector, r.forum_id))
    first, second = TickReport(), TickReport()
    deliver(services, smtp.mailer(), forum, due, None, due_at, "scheduler-a", first)
    deliver(services, smtp.mailer(), forum, due, None, due_at, "scheduler-b", second)
    assert (first.sent, second.lost) == ([due.delivery_id], [due.delivery_id])
    assert len(smtp.messages) == 1


# -- quarterly reports ----------------------------------------------------------------------------------


def test_a_quarter_without_a_progress_report_is_reminded_once_on_the_next_quarters_first_day(
        api, run, smtp, logged):
    r = led_commitment(api)
    run(REMINDER_AT)  # the milestone's
    assert run("2027-01-01T08:59:00-05:00").sent == []
    assert len(run(NEW_YEAR).sent) == 1
    run("2027-01-02T09:00:00-05:00")
    [quarter] = [m for m in smtp.to(EMAILS["ana"]) if "trimestral" in m.subject]
    assert quarter.subject == f"Recordatorio: falta el reporte de avance trimestral de «{COMMITMENT}»"
    for expected in ("Hola, Ana Quispe:", f"compromiso «{COMMITMENT}»",
                     "Entre el jueves, 1 de octubre de 2026 y el jueves, 31 de diciembre de 2026",
                     "Reporte a la secretaría técnica"):
        assert expected in quarter.text(), expected
    [claim] = [e for e in logged("DeliveryClaimed") if e.data["kind"] == QUARTERLY]
    assert claim.data["subject_id"] == f"{r.commitment}/2026-10-01" and claim.data["recipient"] == r.ana
    assert len(sent(logged, QUARTERLY)) == 1


def test_a_quarter_with_any_progress_report_of_the_commitment_is_not_reminded(api, run, smtp):
    r = led_commitment(api)
    report(api, r.commitment)  # a note on the whole commitment, on 2026-11-10
    run(NEW_YEAR)
    assert [m for m in smtp.messages if "trimestral" in m.subject] == []


def test_an_old_quarter_is_not_reminded_after_its_window(api, run, smtp, clock):
    led_commitment(api)
    run(clock.now)  # 2026-11-20: the third quarter's reminder was due on 1 October, its window closed on 30 October
    late = led_commitment(api)
    run((datetime.fromisoformat(NEW_YEAR) + timedelta(days=30)).isoformat())  # 31 January: the window closed
    assert smtp.messages == [] and late
