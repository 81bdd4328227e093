"""Receipts: a member of the public who left an email gets, once, an acknowledgement of their contribution in the
forum's language (its reference, what they sent, by when the forum answers), and nothing of anyone else. None for a
contribution without an email, a representative's, one logged or received long before the scheduler ran, or one
already answered; a refused address is abandoned once with its reason."""
from __future__ import annotations

from datetime import datetime, timedelta

from aiosmtpd.controller import Controller

from tests.scheduler.test_failures import NO_SUCH_USER, PickyInbox
from tests.support.builders import designate, join, new_forum, open_plan
from tests.support.builders_contributions import (
    RESIDENT_EMAIL,
    RESIDENT_NAME,
    cocreation,
    contribute,
    representative,
    resident,
    respond,
)
from tests.support.smtp import free_port
from tracker.domain.forum import fold
from tracker.domain.notices.deliveries import RECEIPT
from tracker.domain.notices.reminders import RECEIPT_WINDOW, wanted
from tracker.read_models.reminder_queue import forum_queue, receipt_candidates
from tracker.scheduler.tick import TickReport, deliver, tick

TODAY = "2026-11-20"  # the clock's day in Lima (2026-11-20T15:00Z)
TEXT = ("Publicar trimestralmente la ejecución del presupuesto participativo por distrito, con un tablero abierto "
        "que muestre cada obra, su avance físico y financiero, y la fecha de la última visita de supervisión.\n"
        "Que la Gerencia de Planeamiento responda las consultas de las juntas vecinales en un plazo de quince días "
        "hábiles, y que las respuestas se publiquen. Además, que se rinda cuentas en audiencias descentralizadas "
        "en cada provincia.")
OTHER_NAME, OTHER_EMAIL = "Julio César Rojas Vílchez", "julio.rojas@correo.pe"
OTHER_TEXT = "Crear un registro abierto de beneficiarios de los programas sociales regionales."


def reference(contribution_id: str) -> str:
    return contribution_id[-6:].upper()


def test_a_resident_who_left_an_email_gets_one_receipt_in_spanish_with_the_reference_text_and_deadline(
        api, run, smtp, clock, logged):
    c = cocreation(api)
    mine = contribute(api, c.plan, resident(), text=TEXT, received_on=TODAY)
    other = contribute(api, c.plan, resident(name=OTHER_NAME, email=OTHER_EMAIL), text=OTHER_TEXT,
                       received_on=TODAY)

    assert len(run(clock.now).sent) == 2
    run(clock.now + timedelta(minutes=1))
    run(clock.now + timedelta(days=2))

    [mail] = smtp.to(RESIDENT_EMAIL)
    assert len(smtp.messages) == 2 and mail.rcpt_tos == (RESIDENT_EMAIL,)
    print(f"\nSubject: {mail.subject}\n\n{mail.text()}")  # read it as a citizen would: pytest -s
    assert mail.subject == ("Recibimos su aporte al Plan de Acción de Gobierno Abierto de Cajamarca 2026-2027 "
                            f"(referencia {reference(mine)})")
    assert mail.message["Content-Language"] == "es"
    body = mail.text().replace("\r\n", "\n")
    for expected in (f"Hola, {RESIDENT_NAME}:",
                     "recibió el aporte que usted envió el viernes, 20 de noviembre de 2026:",
                     "> Publicar trimestralmente la ejecución del presupuesto participativo por distrito",
                     f"Número de referencia de su aporte: {reference(mine)}",
                     "en un plazo de 30 días: a más tardar el domingo, 20 de diciembre de 2026.",
                     "le enviaremos la respuesta a esta misma dirección"):
        assert expected in body, expected
    assert TEXT[:280] in body.replace("\n> ", "\n") and TEXT[300:] not in body and "…" in body  # its first 300
    # Nothing of anyone else: not the other resident, not the forum's representatives, not the other reference.
    raw = mail.message.as_string()
    for foreign in (OTHER_NAME, OTHER_EMAIL, OTHER_TEXT[:30], reference(other), "Ana Quispe",
                    "ana@regioncajamarca.gob.pe", "Luis"):
        assert foreign not in raw, foreign

    sent = logged("ReceiptSent")
    assert sorted(e.data["contribution_id"] for e in sent) == sorted([mine, other])
    assert {e.data["recipient"] for e in sent} == {"author"}
    stored = " ".join(str(e.data) for e in logged("DeliveryClaimed", "ReceiptSent"))
    assert RESIDENT_EMAIL not in stored and OTHER_EMAIL not in stored  # never an address in the log
    assert [e.data["kind"] for e in logged("DeliveryClaimed")] == [RECEIPT, RECEIPT]


def test_two_schedulers_send_one_receipt(api, smtp, services, clock, logged):
    c = cocreation(api)
    mine = contribute(api, c.plan, resident(), received_on=TODAY)
    services.projector.catch_up()
    forum = fold(services.store.read_stream(c.forum))
    slots, candidates = forum_queue(services.projector, c.forum)
    found = wanted(forum, slots, candidates, clock.now, receipt_candidates(services.projector, c.forum, clock.now))
    [receipt] = [d for d in found if d.kind == RECEIPT]
    assert (receipt.kind, receipt.subject_id, receipt.recipient) == (RECEIPT, mine, "author")
    first, second = TickReport(), TickReport()
    # Both read the queue before either claimed: both believe the delivery is new (version 0).
    deliver(services, smtp.mailer(), forum, receipt, None, clock.now, "scheduler-a", first)
    deliver(services, smtp.mailer(), forum, receipt, None, clock.now, "scheduler-b", second)
    assert (first.sent, second.lost) == ([receipt.delivery_id], [receipt.delivery_id])
    # Then each ticks on, one after the other: nothing more goes out.
    for name, minutes in (("scheduler-a", 1), ("scheduler-b", 1), ("scheduler-b", 20), ("scheduler-a", 60)):
        tick(services, smtp.mailer(), clock.now + timedelta(minutes=minutes), claimed_by=name)
    assert len(smtp.to(RESIDENT_EMAIL)) == 1
    assert [e.data["claimed_by"] for e in logged("DeliveryClaimed")] == ["scheduler-a"]
    assert len(logged("ReceiptSent")) == 1


def test_no_receipt_without_an_email_for_a_representative_or_for_input_logged_or_received_long_before(
        api, run, smtp, clock, logged):
    c = cocreation(api)
    contribute(api, c.plan, resident(email=None, name="Vecino de Baños del Inca"), received_on=TODAY)
    contribute(api, c.plan, representative(c.ana), received_on=TODAY)  # Ana has an email on the roster
    contribute(api, c.plan, resident(), received_on="2025-05-12")  # transcribed today, received 18 months ago
    answered = contribute(api, c.plan, resident(email="ya.respondido@correo.pe"), received_on=TODAY)
    respond(api, answered, responded_on=TODAY)  # answered before the scheduler ran: the feedback says more
    run(clock.now)
    assert smtp.to(RESIDENT_EMAIL) == [] and smtp.to("ana@regioncajamarca.gob.pe") == []
    assert [m.subject.startswith("Respuesta a su aporte") for m in smtp.messages] == [True]  # the feedback only
    assert logged("ReceiptSent") == []


def test_a_contribution_logged_more_than_the_window_before_the_scheduler_runs_gets_no_receipt(
        api, run, smtp, clock, logged):
    c = cocreation(api)
    contribute(api, c.plan, resident(), received_on=TODAY)
    later = clock.now + RECEIPT_WINDOW + timedelta(minutes=1)
    run(later)
    run(later + timedelta(days=1))
    assert smtp.messages == [] and logged("ReceiptSent", "DeliveryClaimed") == []


def test_an_english_forum_acknowledges_in_english_and_an_unnamed_author_is_greeted_without_a_name(
        api, run, smtp, clock):
    forum = new_forum(api, language="en", policy={"response_days": 21, "feedback_by_email": False})
    gov = join(api, forum, "Regional Government", "government")
    designate(api, forum, gov, "Ann Smith", email="ann@example.org")
    plan = open_plan(api, forum, title="Open Government Action Plan 2026-2027")
    mine = contribute(api, plan, resident(name="Anonymous (web form)", email="mary@example.org"),
                      text="Publish the budget every quarter.", received_on=TODAY)
    run(clock.now)
    [mail] = smtp.messages
    assert mail.subject == ("We received your contribution to the Open Government Action Plan 2026-2027 "
                            f"(reference {reference(mine)})")
    body = mail.text().replace("\r\n", "\n")
    assert body.startswith("Hello,\n") and "Anonymous" not in body and "Ann Smith" not in body
    assert "within 21 days: by Friday, December 11, 2026." in body
    assert "same address" not in body  # the forum does not email its responses


def test_a_refused_address_is_abandoned_once_with_its_reason_and_the_others_are_acknowledged(
        api, services, clock, logged):
    inbox = PickyInbox()
    inbox.port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=inbox.port)
    controller.start()
    try:
        c = cocreation(api)
        contribute(api, c.plan, resident(email=NO_SUCH_USER), received_on=TODAY)
        contribute(api, c.plan, resident(), received_on=TODAY)
        at: datetime = clock.now
        report = tick(services, inbox.mailer(), at, claimed_by="test-scheduler")
        assert (len(report.sent), len(report.abandoned), len(report.failed)) == (1, 1, 0)
        for minutes in (1, 5, 60, 600):
            tick(services, inbox.mailer(), at + timedelta(minutes=minutes), claimed_by="test-scheduler")
    finally:
        controller.stop()
    [abandoned] = logged("DeliveryAbandoned")
    assert "550" in abandoned.data["error"] and "<address>" in abandoned.data["error"]
    assert NO_SUCH_USER not in abandoned.data["error"]
    assert len([e for e in logged("DeliveryClaimed") if e.stream_id == abandoned.stream_id]) == 1
    assert [m.rcpt_tos for m in inbox.messages] == [(RESIDENT_EMAIL,)]
