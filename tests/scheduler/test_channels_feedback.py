"""Feedback to contributors and milestone reminders to lead contacts by WhatsApp and SMS, against the stand-ins for
the Cloud API and Twilio on loopback: once per person, occasion and channel, besides the email.

The forum is in Cajamarca, Peru (members_with_phones): Santos agreed to WhatsApp, Lucía to SMS; Ana to WhatsApp and
has an email."""
from __future__ import annotations

from datetime import datetime

import pytest

from tests.support.builders import open_plan
from tests.support.builders_contributions import (
    RESIDENT_EMAIL,
    communicate,
    contribute,
    representative,
    resident,
    respond,
)
from tests.support.builders_lead_contacts import DASHBOARD, name_lead_contact
from tests.support.builders_plans import draft_commitment, endorse
from tests.support.builders_reminders import PHONES, members_with_phones
from tests.support.twilio import TwilioServer
from tests.support.whatsapp import CloudApiServer
from tracker.queries.public_pages import reference_of
from tracker.scheduler.tick import Senders, tick

SITE = "https://gobiernoabierto.cajamarca.gob.pe"
RESIDENT_PHONE = ("976 222 333", "+51976222333")


@pytest.fixture
def providers():
    with CloudApiServer() as cloud, TwilioServer() as twilio:
        yield cloud, twilio


@pytest.fixture
def run(services, smtp, providers, clock):
    cloud, twilio = providers

    def run(at: datetime, claimed_by: str = "test-scheduler"):
        clock.now = at
        senders = Senders(smtp.mailer(), {"whatsapp": cloud.messenger(), "sms": twilio.messenger()}, SITE)
        return tick(services, senders, at, claimed_by=claimed_by)

    return run


def test_feedback_goes_by_each_channel_the_contributor_agreed_to_once_and_the_email_as_before(
        api, run, smtp, providers, clock, logged):
    cloud, twilio = providers
    r = members_with_phones(api)
    plan = open_plan(api, r.forum_id)
    marisol = contribute(api, plan, resident(phone=RESIDENT_PHONE[0], opt_in=["sms"]))
    santos = contribute(api, plan, representative(r.santos))
    respond(api, marisol)
    respond(api, santos, decision="accepted", reasoning="Se incorpora como hito.")

    run(clock.now)
    run(clock.now, claimed_by="another-scheduler")

    assert [m.rcpt_tos for m in smtp.messages] == [(RESIDENT_EMAIL,)]
    [sms] = twilio.sent
    assert sms.to == RESIDENT_PHONE[1]
    assert sms.body == (f"Hola, Marisol Huaman Tello: el Foro Multiactor de Gobierno Abierto de Cajamarca respondio a "
                        f"su aporte {reference_of(marisol)}. Decision: aceptado en parte. "
                        f"{SITE}/forums/{r.forum_id}/contributions/{marisol}")
    [whatsapp] = cloud.sent
    assert whatsapp.to == PHONES["santos"][1] and whatsapp.body["template"]["name"] == "contribution_feedback"
    assert whatsapp.parameters[3] == "aceptado"

    sent = logged("FeedbackSent")
    assert sorted((e.data["contribution_id"], e.data.get("channel", "email")) for e in sent) == sorted(
        [(marisol, "email"), (marisol, "sms"), (santos, "whatsapp")])
    # each message sent is the response's communication by its channel
    assert sorted((e.data["contribution_id"], e.data["channel"]) for e in logged("ResponseCommunicated")) == sorted(
        [(marisol, "email"), (marisol, "sms"), (santos, "whatsapp")])
    public = api.as_(None).get(f"/contributions/{marisol}")["author"]
    assert "phone" not in public and "opt_in" not in public


def check_24(api, plan_id: str) -> dict:
    found = api.as_(None).get(f"/action-plans/{plan_id}/compliance")
    return next(c for c in found["checks"] if c["id"] == "2.4")


def by_phone_only(channel: str) -> dict:
    """A member of the public who left no email, only a phone, and agreed to be answered by `channel`."""
    author = resident(phone=RESIDENT_PHONE[0], opt_in=[channel])
    del author["email"]
    return author


def test_feedback_sent_by_whatsapp_or_sms_is_the_responses_written_communication_and_2_4_counts_it(
        api, run, smtp, providers, clock, logged):
    cloud, twilio = providers
    r = members_with_phones(api)
    # co-creation still runs today (2026-11-20): feedback sent after the window would not count for 2.4
    plan = open_plan(api, r.forum_id, cocreation_ends_on="2026-12-15", period_start="2027-01-01",
                     period_end="2028-12-31")
    marisol = contribute(api, plan, by_phone_only("whatsapp"))
    lucia = contribute(api, plan, representative(r.lucia))  # Lucía agreed to SMS only and has no email
    respond(api, marisol)
    respond(api, lucia, decision="accepted", reasoning="Se incorpora como hito.")
    assert check_24(api, plan)["answer"] == "unclear"

    run(clock.now)
    run(clock.now, claimed_by="another-scheduler")

    assert smtp.messages == [] and [m.to for m in cloud.sent] == [RESIDENT_PHONE[1]]
    assert [m.to for m in twilio.sent] == [PHONES["lucia"][1]]
    communicated = logged("ResponseCommunicated")
    assert sorted((e.data["contribution_id"], e.data["channel"], e.data["communicated_on"]) for e in communicated) == (
        sorted([(marisol, "whatsapp", "2026-11-20"), (lucia, "sms", "2026-11-20")]))
    assert {e.recorded_by for e in communicated} == {"scheduler"}
    shown = api.get(f"/contributions/{marisol}")
    assert shown["status"] == "communicated"
    assert [(m["channel"], m["written"]) for m in shown["communications"]] == [("whatsapp", True)]

    found = check_24(api, plan)
    assert found["answer"] == "yes" and found["details"]["waiting"] == []
    said = [e["summary"] for e in found["evidence"] if e["type"] == "ResponseCommunicated"]
    assert sorted(said) == [
        "Respuesta al aporte del 12 de mayo de 2025 comunicada por SMS el 20 de noviembre de 2026",
        "Respuesta al aporte del 12 de mayo de 2025 comunicada por WhatsApp el 20 de noviembre de 2026"]


def test_a_response_the_secretariat_already_communicated_by_the_channel_is_not_sent_again_by_it(
        api, run, providers, clock, logged):
    cloud, _ = providers
    r = members_with_phones(api)
    plan = open_plan(api, r.forum_id, cocreation_ends_on="2026-12-15", period_start="2027-01-01",
                     period_end="2028-12-31")
    marisol = contribute(api, plan, by_phone_only("whatsapp"))
    respond(api, marisol)
    communicate(api, marisol, "2026-11-20", "whatsapp")  # the secretariat wrote to her by hand this morning

    report = run(clock.now)

    assert report.sent == [] and cloud.sent == []
    assert [e.recorded_by for e in logged("ResponseCommunicated")] == ["admin@example.org"]
    assert logged("FeedbackSent") == []


def test_a_public_authors_phone_is_kept_in_e164_and_a_channel_needs_one(api):
    r = members_with_phones(api)
    plan = open_plan(api, r.forum_id)
    marisol = contribute(api, plan, resident(phone=RESIDENT_PHONE[0], opt_in=["whatsapp"]))
    author = api.get(f"/contributions/{marisol}")["author"]
    assert (author["phone"], author["opt_in"]) == (RESIDENT_PHONE[1], ["whatsapp"])
    refused = api.call("POST", f"/action-plans/{plan}/contributions", {
        "text": "Otro aporte", "received_on": "2025-05-12", "channel": "web_form",
        "author": resident(opt_in=["sms"])})
    assert refused.status_code == 422 and list(refused.get_json()["errors"]) == ["author.opt_in"]


def test_a_lead_contact_who_agreed_to_whatsapp_gets_the_milestone_reminder_by_it_too(
        api, run, providers, logged):
    cloud, _ = providers
    r = members_with_phones(api)
    plan = open_plan(api, r.forum_id)
    commitment = draft_commitment(api, plan, milestones=[
        {"title": DASHBOARD, "deliverable": "Tablero en línea", "due_on": "2026-12-18"}])
    endorse(api, plan, signed_by=[r.ana, r.santos])
    name_lead_contact(api, commitment, r.santos)

    run(datetime.fromisoformat("2026-12-04T08:59:00-05:00"))
    assert cloud.sent == []
    run(datetime.fromisoformat("2026-12-04T09:00:00-05:00"))
    run(datetime.fromisoformat("2026-12-05T09:00:00-05:00"))
    [reminder] = cloud.sent
    assert reminder.to == PHONES["santos"][1] and reminder.body["template"]["name"] == "milestone_reminder"
    assert reminder.parameters == ["Santos Huamán", DASHBOARD, "Presupuesto participativo abierto y trimestral",
                                   "vie 18 dic 2026", "Foro Multiactor de Gobierno Abierto de Cajamarca"]
    assert [e.data.get("channel") for e in logged("WarningSent")] == ["whatsapp"]  # Santos has no email


def test_a_quarter_without_a_progress_report_is_reminded_by_sms_to_a_lead_contact_who_agreed_to_it(
        api, run, providers, logged):
    _, twilio = providers
    r = members_with_phones(api)
    plan = open_plan(api, r.forum_id)
    commitment = draft_commitment(api, plan, milestones=[{"title": DASHBOARD, "due_on": "2027-06-30"}])
    endorse(api, plan, signed_by=[r.ana, r.lucia])
    name_lead_contact(api, commitment, r.lucia)

    run(datetime.fromisoformat("2027-01-01T08:59:00-05:00"))
    assert twilio.sent == []
    run(datetime.fromisoformat("2027-01-01T09:00:00-05:00"))
    run(datetime.fromisoformat("2027-01-02T09:00:00-05:00"))
    [sms] = twilio.sent
    assert sms.to == PHONES["lucia"][1]
    assert sms.body == ("Hola, Lucia Chavez: no se reporto avance del compromiso \"Presupuesto participativo abierto y "
                        "trimestral\" entre el 1 oct 2026 y el 31 dic 2026. Reporte su avance a la secretaria técnica "
                        "del Foro Multiactor de Gobierno Abierto de Cajamarca.")
    assert [(e.data["kind"], e.data.get("channel")) for e in logged("WarningSent")] == [
        ("progress_report_reminder", "sms")]
