"""Session reminders by WhatsApp, through a stand-in for the Cloud API on loopback (tests/support/whatsapp.py), with
the same exactly-once delivery protocol as email; nothing is sent anywhere.

The forum is in Cajamarca, Peru (America/Lima, UTC-5) and reminds 3 days ahead: a session on Thursday 10 December
2026 at 15:00 is reminded on Monday 7 December at 09:00 local time.
"""
from __future__ import annotations

from datetime import datetime

import pytest

from tests.support.builders_reminders import EMAILS, PHONES, members_with_phones, session
from tests.support.whatsapp import PAIR_RATE_LIMIT, RATE_LIMIT, SERVICE_UNAVAILABLE, UNDELIVERABLE, CloudApiServer
from tracker.domain import forum as forums
from tracker.domain.notices.reminders import reminders
from tracker.read_models.reminder_queue import forum_queue
from tracker.scheduler.tick import Senders, deliver, tick

SESSION_AT = "2026-12-10T15:00:00-05:00"
REMINDER_AT = "2026-12-07T09:00:00-05:00"
SITE = "https://gobiernoabierto.cajamarca.gob.pe"


@pytest.fixture
def cloud():
    with CloudApiServer() as api:
        yield api


@pytest.fixture
def senders(smtp, cloud):
    return Senders(smtp.mailer(), {"whatsapp": cloud.messenger()}, SITE)


@pytest.fixture
def run(services, senders, clock):
    """run(at): the clock moves there, and the scheduler ticks once with email and WhatsApp."""

    def run(at: str, claimed_by: str = "test-scheduler"):
        clock.now = datetime.fromisoformat(at)
        return tick(services, senders, clock.now, claimed_by=claimed_by)

    return run


def test_each_serving_member_who_agreed_to_whatsapp_gets_one_template_message_besides_the_emails(
        api, run, smtp, cloud, logged):
    r = members_with_phones(api)
    sid = session(api, r.forum_id, SESSION_AT)

    assert run("2026-12-07T08:59:59-05:00").sent == [] and cloud.sent == []
    run(REMINDER_AT)
    run("2026-12-07T09:05:00-05:00")
    run("2026-12-09T18:00:00-05:00")

    assert sorted(s.to for s in cloud.sent) == sorted([PHONES["ana"][1], PHONES["santos"][1]])  # not Lucía (SMS)
    assert [m.rcpt_tos for m in smtp.messages] == [(EMAILS["ana"],)]  # email is unchanged
    santos = cloud.to(PHONES["santos"][1])[0]
    assert santos.body["template"]["name"] == "session_reminder"
    assert santos.body["template"]["language"] == {"code": "es"}
    assert santos.parameters == [
        "Santos Huamán", "Sesión ordinaria de diciembre", "Foro Multiactor de Gobierno Abierto de Cajamarca",
        "jue 10 dic 2026, 15:00", "Sala de sesiones del Gobierno Regional, Jr. Santa Teresa de Journet 351",
        f"{SITE}/forums/{r.forum_id}#session-{sid}"]

    sent = logged("ReminderSent")
    by_whatsapp = [e for e in sent if e.data.get("channel") == "whatsapp"]
    assert sorted(e.data["recipient"] for e in by_whatsapp) == sorted([r.ana, r.santos])
    assert {e.data["message_id"] for e in by_whatsapp} == {s.id for s in cloud.sent}
    assert [e.data["recipient"] for e in sent if "channel" not in e.data] == [r.ana]  # the email's, as before
    written = str([e.data for e in logged("DeliveryClaimed", "ReminderSent")])
    assert not any(number in written for _, number in PHONES.values())  # ids, never numbers


def test_an_english_forum_uses_the_english_template_language(api, run, cloud):
    r = members_with_phones(api, language="en")
    session(api, r.forum_id, SESSION_AT)
    run(REMINDER_AT)
    ana = cloud.to(PHONES["ana"][1])[0]
    assert ana.body["template"]["language"] == {"code": "en"}
    assert ana.parameters[3] == "Thu 10 Dec 2026, 15:00"


def test_of_two_schedulers_only_the_first_claim_sends_one_message_per_person_and_channel(
        api, services, senders, cloud, clock, logged):
    r = members_with_phones(api)
    session(api, r.forum_id, SESSION_AT)
    clock.now = datetime.fromisoformat(REMINDER_AT)
    first, second = tick(services, senders, clock.now, "scheduler-a"), tick(services, senders, clock.now, "scheduler-b")
    assert len(cloud.sent) == 2 and second.sent == [] and len(first.sent) == 3  # 2 by WhatsApp, Ana's email

    forum = forums.fold(services.store.read_stream(r.forum_id))
    slots, _ = forum_queue(services.projector, r.forum_id)
    santos = next(d for d in reminders(forum, slots, clock.now, ("email", "whatsapp")) if d.recipient == r.santos)
    report_a, report_b = type(first)(), type(first)()
    deliver(services, senders, forum, santos, None, clock.now, "scheduler-a", report_a)
    deliver(services, senders, forum, santos, None, clock.now, "scheduler-b", report_b)
    assert report_a.lost == report_b.lost == [santos.delivery_id]  # the claim at version 0 was taken long ago
    assert len(cloud.to(PHONES["santos"][1])) == 1


def test_a_rate_limit_or_metas_trouble_is_retried_with_back_off_and_then_sent(api, run, cloud, logged):
    r = members_with_phones(api)
    session(api, r.forum_id, SESSION_AT)
    cloud.answer_next(RATE_LIMIT, PAIR_RATE_LIMIT)
    report = run(REMINDER_AT)
    assert len(report.failed) == 2 and cloud.sent == []
    failed = logged("DeliveryFailed")
    assert {e.data["error"] for e in failed} == {
        "WhatsApp answered 429: (130429) (#130429) Rate limit hit: Cloud API message throughput has been reached.",
        "WhatsApp answered 400: (131056) (#131056) (Business Account, Consumer Account) pair rate limit hit: "
        "Message failed to send because there were too many messages sent from this phone number to the same "
        "phone number in a short period of time."}
    assert all(e.data["retry_at"] == "2026-12-07T14:01:00+00:00" for e in failed)  # a minute later

    cloud.answer_next(SERVICE_UNAVAILABLE)
    assert len(run("2026-12-07T09:00:30-05:00").sent) == 0  # not yet: the retry is at 09:01
    retried = run("2026-12-07T09:01:00-05:00")
    assert len(retried.failed) == 1 and len(retried.sent) == 1
    assert len(run("2026-12-07T09:03:00-05:00").sent) == 1
    assert sorted(s.to for s in cloud.sent) == sorted([PHONES["ana"][1], PHONES["santos"][1]])
    assert [e.data["attempt"] for e in logged("ReminderSent") if e.data.get("channel")] in ([2, 3], [3, 2])


def test_a_number_whatsapp_cannot_deliver_to_is_abandoned_at_once(api, run, cloud, logged):
    r = members_with_phones(api)
    session(api, r.forum_id, SESSION_AT)
    cloud.answer_next(UNDELIVERABLE)
    report = run(REMINDER_AT)
    assert len(report.abandoned) == 1 and len(cloud.sent) == 1
    abandoned = logged("DeliveryAbandoned")[0].data
    assert abandoned["attempts"] == 1 and abandoned["error"].startswith("WhatsApp answered 400: (131026)")
    assert run("2026-12-07T10:00:00-05:00").sent == []  # never tried again


def test_an_unreachable_api_is_retried(api, services, smtp, clock, logged):
    r = members_with_phones(api)
    session(api, r.forum_id, SESSION_AT)
    with CloudApiServer() as gone:
        messenger = gone.messenger()
    clock.now = datetime.fromisoformat(REMINDER_AT)
    report = tick(services, Senders(smtp.mailer(), {"whatsapp": messenger}), clock.now, "test-scheduler")
    assert len(report.failed) == 2
    errors = [e.data["error"] for e in logged("DeliveryFailed")]
    assert all(error.startswith("WhatsApp could not be reached: ConnectError") for error in errors)


def test_an_opt_out_recorded_before_the_reminder_is_honoured(api, run, cloud):
    r = members_with_phones(api)
    session(api, r.forum_id, SESSION_AT)
    api.post(f"/forums/{r.forum_id}/representatives/{r.santos}/channels",
             {"channel": "whatsapp", "opted_in": False, "on": "2026-11-20"})
    run(REMINDER_AT)
    assert [s.to for s in cloud.sent] == [PHONES["ana"][1]]


def test_without_whatsapp_configured_the_channel_is_not_used(api, services, smtp, clock, logged):
    r = members_with_phones(api)
    session(api, r.forum_id, SESSION_AT)
    clock.now = datetime.fromisoformat(REMINDER_AT)
    report = tick(services, smtp.mailer(), clock.now, "test-scheduler")
    assert len(report.sent) == 1 and not any(e.data.get("channel") for e in logged("DeliveryClaimed"))
