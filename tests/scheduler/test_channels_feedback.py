"""Feedback to contributors and milestone reminders to lead contacts by WhatsApp and SMS, against the stand-ins for
the Cloud API and Twilio on loopback: once per person, occasion and channel, besides the email.

The forum is in Cajamarca, Peru (members_with_phones): Santos agreed to WhatsApp, Lucía to SMS; Ana to WhatsApp and
has an email."""
from __future__ import annotations

from datetime import datetime

import pytest

from tests.support.builders import open_plan
from tests.support.builders_contributions import RESIDENT_EMAIL, contribute, representative, resident, respond
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
    assert [e.data["channel"] for e in logged("ResponseCommunicated")] == ["email"]  # the email's, as before
    public = api.as_(None).get(f"/contributions/{marisol}")["author"]
    assert "phone" not in public and "opt_in" not in public


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
