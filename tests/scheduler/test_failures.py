"""What one delivery cannot do stays its own: a title stored with a line break is sent with a one-line subject, a
delivery the record makes impossible to compose or that the server cannot take for good (no SMTPUTF8 for an
internationalized address, a 5xx refusal) is abandoned at once with its reason, and the other reminders due in
the same tick go out. A temporary refusal (4xx) keeps its retries.

Sessions and representatives are appended straight to the event store where the API would (now, or soon) refuse
them: stored events are immutable, so such records exist from before the API's checks.
"""
from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from aiosmtpd.controller import Controller

from events import Metadata, NewEvent
from events.catalog.forums import RepresentativeDesignated
from events.catalog.sessions import SessionScheduled
from tests.support.builders import designate
from tests.support.builders_reminders import EMAILS, members_with_emails, session
from tests.support.smtp import Inbox, free_port
from tracker.domain.notices.deliveries import MAX_ATTEMPTS
from tracker.domain.streams import REPRESENTATIVE, SESSION, new_id

SESSION_AT = "2026-12-10T15:00:00-05:00"
REMINDER_AT = "2026-12-07T09:00:00-05:00"
DUE = datetime.fromisoformat(REMINDER_AT)
SERVING = {EMAILS["ana"], EMAILS["rosa"], EMAILS["jorge"]}
INTRUDER = "intruso@example.org"
ACCENTED = "josé@ejemplo.pe"
NO_SUCH_USER = "nadie@regioncajamarca.gob.pe"
GREYLISTED = "lista.gris@regioncajamarca.gob.pe"


class PickyInbox(Inbox):
    """An inbox whose server refuses one recipient for good (550) and greylists another (451) at RCPT."""

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options) -> str:  # aiosmtpd's name
        if address == NO_SUCH_USER:
            return "550 5.1.1 <nadie@regioncajamarca.gob.pe>: no such user"
        if address == GREYLISTED:
            return "451 4.7.1 Greylisted, try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"


@pytest.fixture(params=[False], ids=["no-SMTPUTF8"])
def smtp(request):
    """The loopback server, here without SMTPUTF8 unless a test asks (aiosmtpd's own default, said aloud)."""
    inbox = PickyInbox()
    inbox.port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=inbox.port, enable_SMTPUTF8=request.param)
    controller.start()
    try:
        yield inbox
    finally:
        controller.stop()


def _meta() -> Metadata:
    return Metadata(actor="an older release")


def stored_session(services, forum_id: str, title: str, scheduled_at: str = SESSION_AT) -> str:
    """A session scheduled with `title` exactly as given, as an older release may have stored it."""
    sid = new_id(SESSION)
    event = SessionScheduled(sid, forum_id, title, "forum_session", datetime.fromisoformat(scheduled_at).isoformat(),
                             "Sala de sesiones del Gobierno Regional", "hybrid",
                             agenda=[{"title": "Avance de los compromisos", "proposed_by_organization": None}])
    services.store.append(sid, [NewEvent(event, datetime.fromisoformat("2026-11-20T10:00:00-05:00"))], 0, _meta(),
                          tenant_id=forum_id)
    return sid


def stored_representative(services, forum_id: str, organization_id: str, name: str, email: str) -> str:
    """A representative designated with `email` exactly as given, appended to the forum's stream."""
    rid = new_id(REPRESENTATIVE)
    event = RepresentativeDesignated(rid, organization_id, name, "alternate", "2025-02-10", email=email)
    version = services.store.stream_version(forum_id)
    services.store.append(forum_id, [NewEvent(event, datetime.fromisoformat("2025-02-10T10:00:00-05:00"))],
                          version, _meta(), tenant_id=forum_id)
    return rid


def delivered_to(smtp) -> list[str]:
    return sorted(rcpt for m in smtp.messages for rcpt in m.rcpt_tos)


def events_of(logged, delivery_ids, *types: str):
    return [e for e in logged(*types) if e.stream_id in delivery_ids]


@pytest.mark.parametrize(("language", "title", "subject"), [
    ("es", "Sesión ordinaria\r\nBcc: intruso@example.org", "Recordatorio: Sesión ordinaria Bcc: intruso@example.org, "
                                                          "jueves, 10 de diciembre de 2026"),
    # An ASCII subject took the other road through the email package, the one that raised ValueError.
    ("en", "Ordinary session\r\n\r\nBcc: intruso@example.org\t\x00(second call)\u2028",
     "Reminder: Ordinary session Bcc: intruso@example.org (second call), Thursday, December 10, 2026"),
])
def test_a_title_stored_with_a_line_break_is_reminded_with_a_one_line_subject_and_the_forum_goes_on(
        api, services, run, smtp, logged, language, title, subject):
    r = members_with_emails(api, language=language)
    stored_session(services, r.forum_id, title)
    later = session(api, r.forum_id, "2026-12-17T15:00:00-05:00", title="Sesión de seguimiento")

    report = run(REMINDER_AT)
    assert (len(report.sent), report.failed, report.abandoned, report.errors) == (3, [], [], 0)
    assert delivered_to(smtp) == sorted(SERVING)
    for received in smtp.messages:
        assert received.subject == subject
        raw = received.message.as_string()
        header = raw.split("\n\n", 1)[0]
        assert "\nBcc:" not in header and received.message["Bcc"] is None  # no header of the title's own
        assert [p.get_content_type() for p in received.message.walk() if p.get_content_maintype() == "text"] == [
            "text/plain", "text/calendar"]  # no HTML part: nothing to escape
        assert INTRUDER not in received.rcpt_tos
        assert "Ordinary session" in received.text() or "Sesión ordinaria" in received.text()

    # The forum is not given up: the next session's reminder goes out on its day.
    assert len(run("2026-12-14T09:00:00-05:00").sent) == 3
    sent = logged("ReminderSent")
    assert len(sent) == 6 and sum(e.data["session_id"] == later for e in sent) == 3
    assert logged("DeliveryFailed", "DeliveryAbandoned") == []


def test_a_delivery_that_cannot_be_composed_is_abandoned_with_its_reason_and_the_others_due_go_out(
        api, services, run, smtp, logged, caplog):
    r = members_with_emails(api)
    broken = stored_representative(services, r.forum_id, r.ong, "Lucía Mendoza",
                                   f"lucia.mendoza@transparencia-cajamarca.org\r\nBcc: {INTRUDER}")
    session(api, r.forum_id, SESSION_AT)

    report = run(REMINDER_AT)
    assert (len(report.sent), len(report.abandoned), report.failed, report.errors) == (3, 1, [], 0)
    assert delivered_to(smtp) == sorted(SERVING)  # received by the loopback server, in the same tick
    [abandoned] = logged("DeliveryAbandoned")
    assert abandoned.stream_id == report.abandoned[0] and abandoned.data["attempts"] == 1
    assert "could not be composed" in abandoned.data["error"]
    assert "not one plain email address" in abandoned.data["error"]
    assert "@" not in abandoned.data["error"]  # no address in the record
    [claim] = [e for e in logged("DeliveryClaimed") if e.stream_id == abandoned.stream_id]
    assert claim.data["recipient"] == broken
    assert any(rec.levelname == "ERROR" and "abandoned" in rec.getMessage() for rec in caplog.records)

    for at in (DUE + timedelta(minutes=1), DUE + timedelta(hours=2), DUE + timedelta(days=1)):
        assert run(at).abandoned == []
    assert len([e for e in logged("DeliveryClaimed") if e.stream_id == abandoned.stream_id]) == 1
    assert len(smtp.messages) == 3


def test_an_internationalized_address_the_server_cannot_take_is_abandoned_once_and_the_others_are_delivered(
        api, run, smtp, logged):
    r = members_with_emails(api)
    jose = designate(api, r.forum_id, r.ong, "José Chávez", role="alternate", email=ACCENTED)
    session(api, r.forum_id, SESSION_AT)

    report = run(REMINDER_AT)
    assert (len(report.sent), len(report.abandoned), report.failed) == (3, 1, [])
    assert delivered_to(smtp) == sorted(SERVING)
    [abandoned] = logged("DeliveryAbandoned")
    assert abandoned.data["attempts"] == 1 and "SMTPUTF8" in abandoned.data["error"]
    assert ACCENTED not in abandoned.data["error"]
    [claim] = [e for e in logged("DeliveryClaimed") if e.stream_id == abandoned.stream_id]
    assert claim.data["recipient"] == jose

    for at in (DUE + timedelta(minutes=1), DUE + timedelta(hours=1), DUE + timedelta(hours=5)):
        run(at)
    assert len(events_of(logged, {abandoned.stream_id}, "DeliveryClaimed")) == 1  # never tried again
    assert logged("DeliveryFailed") == [] and len(smtp.messages) == 3


@pytest.mark.parametrize("smtp", [True], ids=["SMTPUTF8"], indirect=True)
def test_a_server_with_smtputf8_takes_the_internationalized_address(api, run, smtp, logged):
    r = members_with_emails(api)
    designate(api, r.forum_id, r.ong, "José Chávez", role="alternate", email=ACCENTED)
    session(api, r.forum_id, SESSION_AT)
    assert len(run(REMINDER_AT).sent) == 4
    assert delivered_to(smtp) == sorted([*SERVING, ACCENTED])
    assert logged("DeliveryAbandoned", "DeliveryFailed") == []


def test_a_5xx_refusal_is_abandoned_at_once_while_a_4xx_one_keeps_its_retries(api, run, smtp, logged):
    r = members_with_emails(api)
    gone = designate(api, r.forum_id, r.gore, "Nadie Nunca", role="alternate", email=NO_SUCH_USER)
    grey = designate(api, r.forum_id, r.ong, "Gris Lista", role="alternate", email=GREYLISTED)
    session(api, r.forum_id, SESSION_AT)

    report = run(REMINDER_AT)
    assert (len(report.sent), len(report.abandoned), len(report.failed)) == (3, 1, 1)
    [abandoned] = logged("DeliveryAbandoned")
    assert "550" in abandoned.data["error"] and NO_SUCH_USER not in abandoned.data["error"]
    assert "<address>" in abandoned.data["error"]
    [failed] = logged("DeliveryFailed")
    assert "451" in failed.data["error"] and failed.data["retry_at"]

    for minutes in (1, 3, 7, 15, 31, 63, 127, 247, 367, 487, 607):
        run(DUE + timedelta(minutes=minutes))
    claims = {e.stream_id: 0 for e in logged("DeliveryClaimed")}
    for e in logged("DeliveryClaimed"):
        claims[e.stream_id] += 1
    recipient = {e.stream_id: e.data["recipient"] for e in logged("DeliveryClaimed")}
    assert sorted((recipient[s], n) for s, n in claims.items() if recipient[s] in (gone, grey)) == sorted(
        [(gone, 1), (grey, MAX_ATTEMPTS)])
    assert len(logged("DeliveryAbandoned")) == 2  # the greylisted one, after its last attempt
    assert delivered_to(smtp) == sorted(SERVING)
