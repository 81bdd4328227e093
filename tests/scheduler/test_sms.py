"""Session reminders by SMS through Twilio's official library, against a stand-in for its REST API on loopback
(tests/support/twilio.py), and POST /api/v1/webhooks/twilio signed with X-Twilio-Signature; nothing is sent anywhere.

The forum is in Cajamarca, Peru, and reminds 3 days ahead: a session on Thursday 10 December 2026 at 15:00 is
reminded on Monday 7 December at 09:00 local time. Lucía agreed to SMS only."""
from __future__ import annotations

from datetime import datetime

import pytest
from twilio.request_validator import RequestValidator

from tests.api.conftest import event_count
from tests.support.builders import open_plan
from tests.support.builders_contributions import contribute, resident, respond
from tests.support.builders_reminders import PHONES, members_with_phones, session
from tests.support.twilio import (
    AUTH_TOKEN,
    NOT_A_NUMBER,
    REMINDER_CONTENT,
    SENDER,
    TOO_MANY_REQUESTS,
    UNSUBSCRIBED,
    WHATSAPP_SENDER,
    TwilioServer,
)
from tracker.messaging.texts import segments
from tracker.scheduler.tick import Senders, tick

SESSION_AT = "2026-12-10T15:00:00-05:00"
REMINDER_AT = "2026-12-07T09:00:00-05:00"
SITE = "https://gobiernoabierto.cajamarca.gob.pe"
HOOK = "/api/v1/webhooks/twilio"


@pytest.fixture
def twilio():
    with TwilioServer() as api:
        yield api


@pytest.fixture
def run(services, smtp, twilio, clock):
    def run(at: str, claimed_by: str = "test-scheduler"):
        clock.now = datetime.fromisoformat(at)
        senders = Senders(smtp.mailer(), {"sms": twilio.messenger(site_url=SITE)}, SITE)
        return tick(services, senders, clock.now, claimed_by=claimed_by)

    return run


def test_who_agreed_to_sms_gets_one_sms_of_at_most_two_segments_with_a_status_callback(api, run, twilio, logged):
    r = members_with_phones(api)
    sid = session(api, r.forum_id, SESSION_AT)
    run(REMINDER_AT)
    run(REMINDER_AT, claimed_by="another-scheduler")
    run("2026-12-08T09:00:00-05:00")

    assert [m.to for m in twilio.sent] == [PHONES["lucia"][1]]
    sms = twilio.sent[0]
    assert sms.form["From"] == SENDER and sms.form["StatusCallback"] == f"{SITE}{HOOK}"
    assert sms.body.startswith("Hola, Lucia Chavez: le recordamos la sesion \"Sesion ordinaria de diciembre\"")
    assert "jue 10 dic 2026, 15:00" in sms.body and sms.body.endswith(f"{SITE}/forums/{r.forum_id}#session-{sid}")
    assert segments(sms.body) <= 2
    sent = [e for e in logged("ReminderSent") if e.data.get("channel") == "sms"]
    assert [(e.data["recipient"], e.data["message_id"]) for e in sent] == [(r.lucia, sms.sid)]


def test_a_rate_limit_is_retried_and_an_unsubscribed_number_abandoned(api, run, twilio, logged):
    r = members_with_phones(api)
    session(api, r.forum_id, SESSION_AT)
    twilio.answer_next(TOO_MANY_REQUESTS)
    assert len(run(REMINDER_AT).failed) == 1
    assert logged("DeliveryFailed")[0].data["error"] == (
        "Twilio answered 429: (20429) Unable to create record: Too Many Requests")
    twilio.answer_next(UNSUBSCRIBED)
    assert len(run("2026-12-07T09:01:00-05:00").abandoned) == 1
    assert logged("DeliveryAbandoned")[0].data["error"] == (
        "Twilio answered 400: (21610) Unable to create record: Attempt to send to unsubscribed recipient")
    assert twilio.sent == [] and run("2026-12-07T10:00:00-05:00").sent == []


def test_a_number_in_the_error_never_reaches_the_log(api, run, twilio, logged):
    r = members_with_phones(api)
    session(api, r.forum_id, SESSION_AT)
    twilio.answer_next((NOT_A_NUMBER[0], NOT_A_NUMBER[1], f"Invalid 'To' Phone Number: {PHONES['lucia'][1]}"))
    run(REMINDER_AT)
    assert logged("DeliveryAbandoned")[0].data["error"] == (
        "Twilio answered 400: (21211) Unable to create record: Invalid 'To' Phone Number: <phone>")


@pytest.fixture
def hook(app):
    """hook(form): POST the form to the webhook as Twilio does, signed with the account's auth token (or not)."""
    app.config.update(TWILIO_AUTH_TOKEN=AUTH_TOKEN, SITE_URL=SITE)
    client = app.test_client()

    def post(form: dict[str, str], token: str | None = AUTH_TOKEN):
        headers = {}
        if token is not None:
            headers["X-Twilio-Signature"] = RequestValidator(token).compute_signature(f"{SITE}{HOOK}", form)
        return client.post(HOOK, data=form, headers=headers)

    return post


def test_status_callbacks_are_recorded_and_a_stop_reply_withdraws_the_agreement_to_sms(
        api, run, twilio, hook, logged):
    r = members_with_phones(api)
    session(api, r.forum_id, SESSION_AT)
    run(REMINDER_AT)
    sid = twilio.sent[0].sid
    common = {"AccountSid": "AC0123456789abcdef0123456789abcdef", "MessageSid": sid, "To": PHONES["lucia"][1],
              "From": SENDER, "ApiVersion": "2010-04-01"}
    assert hook({**common, "MessageStatus": "sent", "SmsStatus": "sent"}).status_code == 200
    answer = hook({**common, "MessageStatus": "delivered", "SmsStatus": "delivered"})
    assert answer.status_code == 200 and answer.mimetype == "text/xml"
    hook({**common, "MessageStatus": "delivered", "SmsStatus": "delivered"})  # a repeat records nothing
    assert [(e.data["status"], e.data["provider"]) for e in logged("MessageStatusReported")] == [
        ("delivered", "twilio")]

    hook({"AccountSid": common["AccountSid"], "MessageSid": "SMincoming1", "From": PHONES["lucia"][1],
          "To": SENDER, "Body": "stop", "SmsStatus": "received", "NumMedia": "0"})
    consent = logged("ChannelConsentRecorded")
    assert [(e.data["representative_id"], e.data["channel"], e.data["opted_in"], e.data["source"])
            for e in consent] == [(r.lucia, "sms", False, "twilio")]


def test_a_callback_without_twilios_signature_is_refused_and_records_nothing(api, app, run, twilio, hook):
    r = members_with_phones(api)
    session(api, r.forum_id, SESSION_AT)
    run(REMINDER_AT)
    form = {"MessageSid": "SMincoming1", "From": PHONES["lucia"][1], "To": SENDER, "Body": "BAJA"}
    before = event_count(app)
    assert hook(form, token=None).status_code == 403
    assert hook(form, token="another-accounts-token").status_code == 403
    assert event_count(app) == before


def test_whatsapp_through_twilio_sends_the_approved_template_by_its_content_sid(
        api, services, smtp, twilio, clock, hook, logged):
    r = members_with_phones(api)
    sid = session(api, r.forum_id, SESSION_AT)
    clock.now = datetime.fromisoformat(REMINDER_AT)
    senders = Senders(smtp.mailer(), {"whatsapp": twilio.whatsapp(site_url=SITE)}, SITE)
    tick(services, senders, clock.now, "scheduler-a")
    tick(services, senders, clock.now, "scheduler-b")

    assert sorted(m.to for m in twilio.sent) == sorted(f"whatsapp:{PHONES[who][1]}" for who in ("ana", "santos"))
    santos = next(m for m in twilio.sent if m.to == f"whatsapp:{PHONES['santos'][1]}")
    assert (santos.form["From"], santos.form["ContentSid"]) == (f"whatsapp:{WHATSAPP_SENDER}", REMINDER_CONTENT)
    assert "Body" not in santos.form
    assert santos.variables == {"1": "Santos Huamán", "2": "Sesión ordinaria de diciembre",
                                "3": "Foro Multiactor de Gobierno Abierto de Cajamarca", "4": "jue 10 dic 2026, 15:00",
                                "5": "Sala de sesiones del Gobierno Regional, Jr. Santa Teresa de Journet 351",
                                "6": f"{SITE}/forums/{r.forum_id}#session-{sid}"}

    hook({"MessageSid": santos.sid, "MessageStatus": "read", "To": santos.to, "From": santos.form["From"]})
    hook({"MessageSid": "SMin", "From": f"whatsapp:{PHONES['santos'][1]}", "To": santos.form["From"],
          "Body": "BAJA"})
    assert [(e.data["channel"], e.data["status"]) for e in logged("MessageStatusReported")] == [("whatsapp", "read")]
    assert [(e.data["representative_id"], e.data["channel"], e.data["opted_in"])
            for e in logged("ChannelConsentRecorded")] == [(r.santos, "whatsapp", False)]


def test_a_stop_by_sms_from_a_contributors_phone_withdraws_their_sms_and_no_feedback_goes_to_them_by_it(
        api, run, twilio, hook, logged):
    r = members_with_phones(api)
    plan = open_plan(api, r.forum_id)
    marisol = contribute(api, plan, resident(phone="976 222 333", opt_in=["sms", "whatsapp"]))
    hook({"MessageSid": "SMincoming2", "From": "+51976222333", "To": SENDER, "Body": "STOP"})
    [withdrawn] = logged("ContributorChannelWithdrawn")
    assert (withdrawn.data["channel"], withdrawn.data["source"]) == ("sms", "twilio")
    assert api.get(f"/contributions/{marisol}")["author"]["opt_in"] == ["whatsapp"]  # only what came by SMS

    respond(api, marisol)
    run("2026-11-20T10:00:00-05:00")
    assert twilio.sent == [] and [e.data.get("channel") for e in logged("FeedbackSent")] == [None]  # the email
