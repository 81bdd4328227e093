"""POST /api/v1/webhooks/whatsapp and its GET verification handshake, as Meta calls them.

Given reminders sent by WhatsApp through the stand-in Cloud API (tests/support/whatsapp.py), when Meta calls back
signed with the app's secret, then each status is recorded once in its delivery's stream and a "BAJA" reply withdraws
the sender's agreement at once, a representative's and a member of the public's who left that phone with a
contribution; unsigned or wrongly signed, it is refused and records nothing."""
from __future__ import annotations

import hashlib
import hmac
import json
from datetime import datetime
from types import SimpleNamespace

import pytest

from tests.api.conftest import event_count
from tests.support.builders import open_plan
from tests.support.builders_contributions import RESIDENT_EMAIL, contribute, resident, respond
from tests.support.builders_reminders import PHONES, members_with_phones, session
from tests.support.whatsapp import APP_SECRET, PHONE_NUMBER_ID, VERIFY_TOKEN, CloudApiServer
from tracker.people.forget import forget, person_of
from tracker.scheduler.tick import Senders, tick

SESSION_AT = "2026-12-10T15:00:00-05:00"
REMINDER_AT = "2026-12-07T09:00:00-05:00"
HOOK = "/api/v1/webhooks/whatsapp"


@pytest.fixture
def cloud():
    with CloudApiServer() as api:
        yield api


@pytest.fixture
def hook(app):
    app.config.update(WHATSAPP_APP_SECRET=APP_SECRET, WHATSAPP_VERIFY_TOKEN=VERIFY_TOKEN)
    client = app.test_client()

    def post(payload, secret: str | None = APP_SECRET, signature: str | None = None):
        raw = json.dumps(payload).encode()
        headers = {"Content-Type": "application/json"}
        if secret is not None:
            headers["X-Hub-Signature-256"] = signature or "sha256=" + hmac.new(
                secret.encode(), raw, hashlib.sha256).hexdigest()
        return client.post(HOOK, data=raw, headers=headers)

    post.client = client
    return post


def callback(*, statuses=(), messages=()):
    """A Cloud API callback as Meta sends it."""
    return {"object": "whatsapp_business_account", "entry": [{"id": "102290129340398", "changes": [{
        "field": "messages", "value": {
            "messaging_product": "whatsapp",
            "metadata": {"display_phone_number": "51976000000", "phone_number_id": PHONE_NUMBER_ID},
            **({"statuses": list(statuses)} if statuses else {}),
            **({"contacts": [{"profile": {"name": "Santos"}, "wa_id": m["from"]} for m in messages],
                "messages": list(messages)} if messages else {})}}]}]}


def status(message_id: str, state: str, timestamp: int = 1796648400, **extra):
    return {"id": message_id, "status": state, "timestamp": str(timestamp), "recipient_id": "51976543210", **extra}


@pytest.fixture
def reminded(api, services, smtp, cloud, clock):
    """Ana and Santos reminded by WhatsApp of a session; the members."""
    r = members_with_phones(api)
    session(api, r.forum_id, SESSION_AT)
    clock.now = datetime.fromisoformat(REMINDER_AT)
    tick(services, Senders(smtp.mailer(), {"whatsapp": cloud.messenger()}), clock.now, "test-scheduler")
    assert len(cloud.sent) == 2
    return r


def test_the_verification_handshake_answers_the_challenge_only_to_our_verify_token(hook):
    ok = hook.client.get(f"{HOOK}?hub.mode=subscribe&hub.verify_token={VERIFY_TOKEN}&hub.challenge=1158201444")
    assert (ok.status_code, ok.get_data(as_text=True)) == (200, "1158201444")
    for query in ("hub.mode=subscribe&hub.verify_token=otro&hub.challenge=1", "hub.challenge=1",
                  f"hub.mode=unsubscribe&hub.verify_token={VERIFY_TOKEN}&hub.challenge=1"):
        assert hook.client.get(f"{HOOK}?{query}").status_code == 403


def test_delivered_read_and_failed_are_recorded_once_in_the_deliverys_stream(reminded, hook, cloud, logged):
    santos = cloud.to(PHONES["santos"][1])[0].id
    ana = cloud.to(PHONES["ana"][1])[0].id
    answer = hook(callback(statuses=[status(santos, "sent"), status(santos, "delivered"),
                                     status(santos, "read", 1796648460)]))
    assert answer.status_code == 200 and answer.get_json() == {"statuses": 2, "opt_outs": 0}
    assert hook(callback(statuses=[status(santos, "read", 1796648460)])).get_json()["statuses"] == 0  # a repeat
    hook(callback(statuses=[status(ana, "failed", errors=[
        {"code": 131026, "title": "Message undeliverable", "message": "Message undeliverable to 51976111222"}])]))

    reported = logged("MessageStatusReported")
    assert [(e.data["message_id"], e.data["status"]) for e in reported] == [
        (santos, "delivered"), (santos, "read"), (ana, "failed")]
    sent = {e.data["message_id"]: e.stream_id for e in logged("ReminderSent") if e.data.get("channel")}
    assert all(e.stream_id == sent[e.data["message_id"]] for e in reported)
    assert reported[1].data["reported_at"] == "2026-12-07T13:01:00+00:00"  # the provider's timestamp
    assert reported[2].data["error"] == "(131026) Message undeliverable"
    assert reported[0].data["provider"] == "whatsapp" and reported[0].data["channel"] == "whatsapp"


def test_a_baja_reply_withdraws_the_agreement_at_once_and_no_more_reminders_go(
        reminded, hook, api, services, smtp, cloud, clock, logged):
    answer = hook(callback(messages=[{"from": "51976543210", "id": "wamid.in1", "timestamp": "1796648500",
                                      "type": "text", "text": {"body": " Baja. "}}]))
    assert answer.get_json() == {"statuses": 0, "opt_outs": 1}
    consent = logged("ChannelConsentRecorded")[-1]
    assert consent.data == {"representative_id": reminded.santos, "channel": "whatsapp", "opted_in": False,
                            "on": "2026-12-07", "source": "whatsapp"}
    assert consent.recorded_by == "webhook:whatsapp"
    hook(callback(messages=[{"from": "51976543210", "id": "wamid.in2", "timestamp": "1796648600", "type": "text",
                             "text": {"body": "STOP"}}]))
    assert len(logged("ChannelConsentRecorded")) == 1  # already withdrawn: nothing more
    hook(callback(messages=[{"from": "51976111222", "id": "wamid.in3", "timestamp": "1796648600", "type": "text",
                             "text": {"body": "Gracias, ahí estaré"}}]))
    assert len(logged("ChannelConsentRecorded")) == 1  # not an opt-out

    session(api, reminded.forum_id, "2026-12-17T15:00:00-05:00", title="Sesión extraordinaria")
    clock.now = datetime.fromisoformat("2026-12-14T09:00:00-05:00")
    tick(services, Senders(smtp.mailer(), {"whatsapp": cloud.messenger()}), clock.now, "test-scheduler")
    assert [s.to for s in cloud.sent[2:]] == [PHONES["ana"][1]]


@pytest.mark.parametrize("how", ["missing", "wrong secret", "garbled", "no secret configured"])
def test_an_unsigned_or_wrongly_signed_callback_is_refused_and_records_nothing(reminded, hook, app, cloud, how):
    santos = cloud.to(PHONES["santos"][1])[0].id
    payload = callback(statuses=[status(santos, "delivered")],
                       messages=[{"from": "51976543210", "id": "wamid.x", "timestamp": "1", "type": "text",
                                  "text": {"body": "BAJA"}}])
    before = event_count(app)
    if how == "no secret configured":
        app.config["WHATSAPP_APP_SECRET"] = None
    answer = {"missing": lambda: hook(payload, secret=None),
              "wrong secret": lambda: hook(payload, secret="not-the-secret"),
              "garbled": lambda: hook(payload, signature="sha256=zz"),
              "no secret configured": lambda: hook(payload)}[how]()
    assert answer.status_code == 403 and answer.get_json()["message"]
    assert event_count(app) == before


MARISOL = ("976 222 333", "51976222333")  # a member of the public's phone, as left and as Meta writes it
ROSA = ("976 444 555", "+51976444555")


def baja(sender: str, body: str = "BAJA", wamid: str = "wamid.in9"):
    return callback(messages=[{"from": sender, "id": wamid, "timestamp": "1796648500", "type": "text",
                               "text": {"body": body}}])


@pytest.fixture
def contributors(api):
    """Two members of the public who left a phone and agreed to WhatsApp (Marisol with an email too), in the
    Cajamarca forum; their contributions answered."""
    r = members_with_phones(api)
    plan = open_plan(api, r.forum_id)
    marisol = contribute(api, plan, resident(phone=MARISOL[0], opt_in=["whatsapp"]))
    rosa = contribute(api, plan, resident(name="Rosa Llanos", email=None, phone=ROSA[0], opt_in=["whatsapp"]))
    return SimpleNamespace(forum_id=r.forum_id, plan=plan, marisol=marisol, rosa=rosa)


def test_a_baja_from_a_contributors_phone_withdraws_their_whatsapp_and_the_next_tick_sends_them_nothing_by_it(
        contributors, hook, api, services, smtp, cloud, clock, logged):
    c = contributors
    answer = hook(baja(MARISOL[1], " baja "))
    assert answer.status_code == 200 and answer.get_json() == {"statuses": 0, "opt_outs": 1}
    [withdrawn] = logged("ContributorChannelWithdrawn")
    assert (withdrawn.stream_id, withdrawn.recorded_by) == (c.marisol, "webhook:whatsapp")
    assert withdrawn.data == {"contribution_id": c.marisol, "channel": "whatsapp", "on": "2026-11-20",
                              "source": "whatsapp"}
    assert hook(baja(MARISOL[1], "STOP", "wamid.in10")).get_json()["opt_outs"] == 0  # already withdrawn
    assert api.get(f"/contributions/{c.marisol}")["author"]["opt_in"] == []
    assert api.get(f"/contributions/{c.rosa}")["author"]["opt_in"] == ["whatsapp"]
    trail = {who: [e["type"] for e in client.get(f"/contributions/{c.marisol}/trail")["events"]]
             for who, client in (("secretariat", api), ("public", api.as_(None)))}
    assert "ContributorChannelWithdrawn" in trail["secretariat"]
    assert "ContributorChannelWithdrawn" not in trail["public"]  # a member of the public's channels are theirs

    respond(api, c.marisol)
    respond(api, c.rosa)
    tick(services, Senders(smtp.mailer(), {"whatsapp": cloud.messenger()}), clock.now, "test-scheduler")
    tick(services, Senders(smtp.mailer(), {"whatsapp": cloud.messenger()}), clock.now, "another-scheduler")
    assert [m.to for m in cloud.sent] == [ROSA[1]]  # not Marisol by WhatsApp any more
    assert [m.rcpt_tos for m in smtp.messages] == [(RESIDENT_EMAIL,)]  # her email still goes
    assert sorted(e.data.get("channel", "email") for e in logged("FeedbackSent")) == ["email", "whatsapp"]


def test_a_baja_from_a_number_a_representative_and_a_contributor_share_withdraws_both(
        contributors, hook, api, logged):
    santos = contribute(api, contributors.plan, resident(name="Santos Huamán", phone=PHONES["santos"][0],
                                                         opt_in=["whatsapp"]))
    assert hook(baja(PHONES["santos"][1].removeprefix("+"))).get_json() == {"statuses": 0, "opt_outs": 2}
    assert [e.stream_id for e in logged("ContributorChannelWithdrawn")] == [santos]
    assert [e.data["opted_in"] for e in logged("ChannelConsentRecorded")] == [False]


def test_a_forgotten_contributors_phone_is_never_matched(contributors, hook, services, clock, logged):
    forget(services, person_of(services, contributors.marisol), reason="request", actor="admin", now=clock.now)
    assert hook(baja(MARISOL[1])).get_json()["opt_outs"] == 0
    assert logged("ContributorChannelWithdrawn") == []


@pytest.mark.parametrize("how", ["missing", "wrong secret"])
def test_a_wrongly_signed_baja_from_a_contributor_records_nothing(contributors, hook, api, app, how):
    before = event_count(app)
    answer = hook(baja(MARISOL[1]), secret=None if how == "missing" else "not-the-secret")
    assert answer.status_code == 403 and event_count(app) == before
    assert api.get(f"/contributions/{contributors.marisol}")["author"]["opt_in"] == ["whatsapp"]
