"""The contributions inbox and a contribution's page: each form records what the API would, refuses what the
API refuses with the same messages beside the fields, and only those who may write the forum may post."""
from __future__ import annotations

import re

import pytest

from tests.web import story
from tests.web.conftest import csrf_token, sign_in


def text_of(response) -> str:
    return response.get_data(as_text=True)


def head(web_app) -> int:
    return web_app.extensions["tracker"].store.head().position


def events_of(web_app, stream_id: str) -> list[str]:
    return [e.type for e in web_app.extensions["tracker"].store.read_stream(stream_id)]


def option_value(page: str, text: str) -> str:
    match = re.search(r'<option value="([^"]+)"[^>]*>' + re.escape(text), page)
    assert match, f"no option {text!r}"
    return match.group(1)


# -- the inbox ---------------------------------------------------------------------------------------


@pytest.mark.both_engines  # this area's smoke test on PostgreSQL
def test_the_inbox_groups_the_plans_contributions_by_status(client, told):
    sign_in(client, story.SECRETARIAT)
    page = text_of(client.get(f"/action-plans/{told.plan}/contributions?lang=en"))
    received = page.index('id="group-received"')
    responded = page.index('id="group-responded"')
    waiting = page.index("Publicar trimestralmente")
    unsent = page.index("portal de datos abiertos")
    assert received < waiting < responded < unsent
    assert "Ana Quispe" in page and "Marisol Huamán Tello" in page  # full readers see the public's names
    assert f'href="/contributions/{told.waiting}"' in page


def test_the_inbox_filters_by_status(client, told):
    sign_in(client, story.SECRETARIAT)
    page = text_of(client.get(f"/action-plans/{told.plan}/contributions?status=responded&lang=en"))
    assert "portal de datos abiertos" in page and "Publicar trimestralmente" not in page
    assert 'id="group-received"' not in page


def test_the_forum_inbox_lists_every_plan(client, told):
    sign_in(client, story.SECRETARIAT)
    page = text_of(client.get(f"/forums/{told.forum}/contributions?lang=en"))
    assert "Publicar trimestralmente" in page and f'href="/action-plans/{told.plan}/contributions"' in page


def test_the_inbox_sends_the_signed_out_to_sign_in_and_refuses_another_forum(client, told):
    answer = client.get(f"/action-plans/{told.plan}/contributions")
    assert answer.status_code == 302 and answer.headers["Location"].startswith("/login")
    sign_in(client, story.OTHER_SECRETARIAT)
    assert client.get(f"/action-plans/{told.plan}/contributions").status_code == 403
    assert client.get(f"/contributions/{told.waiting}").status_code == 403


def test_an_evaluator_reads_the_inbox_without_forms(client, told):
    sign_in(client, story.EVALUATOR)
    page = text_of(client.get(f"/action-plans/{told.plan}/contributions?lang=en"))
    assert "Publicar trimestralmente" in page and "Log a contribution" not in page


# -- logging one -------------------------------------------------------------------------------------


def test_logging_a_contribution_from_a_representative_records_it(web_app, client, told):
    sign_in(client, story.SECRETARIAT)
    inbox = f"/action-plans/{told.plan}/contributions?lang=en"
    page = text_of(client.get(inbox))
    ana = option_value(page, "Ana Quispe")
    posted = client.post(f"/action-plans/{told.plan}/contributions", data={
        "csrf_token": csrf_token(client, inbox), "text": "Abrir los datos de las obras por distrito.",
        "received_on": "2026-11-18", "channel": "workshop", "author.representative_id": ana})
    assert posted.status_code == 302
    contribution_id = posted.headers["Location"].rsplit("/", 1)[1]
    assert events_of(web_app, contribution_id) == ["ContributionReceived"]
    event = web_app.extensions["tracker"].store.read_stream(contribution_id)[0]
    assert event.data["author"]["representative_id"] == ana and event.data["channel"] == "workshop"
    shown = text_of(client.get(posted.headers["Location"] + "?lang=en"))
    assert "The contribution was logged." in shown and "Abrir los datos" in shown


def test_an_invalid_contribution_shows_the_apis_messages_and_keeps_what_was_typed(web_app, client, told):
    sign_in(client, story.SECRETARIAT)
    inbox = f"/action-plans/{told.plan}/contributions?lang=en"
    before = head(web_app)
    refused = client.post(f"/action-plans/{told.plan}/contributions", data={
        "csrf_token": csrf_token(client, inbox), "text": "Una idea sin autor", "received_on": "2026-11-18",
        "channel": "carrier_pigeon", "author.email": "no-es-un-correo"})
    assert refused.status_code == 422
    page = text_of(refused)
    assert 'id="channel-error"' in page and "Choose one of the options offered." in page
    assert 'id="author.email-error"' in page and "Enter an email address such as name@example.org." in page
    assert 'value="no-es-un-correo"' in page and 'aria-invalid="true"' in page
    assert "Una idea sin autor" in page
    assert head(web_app) == before


def test_an_evaluator_may_not_log_a_contribution(web_app, client, told):
    sign_in(client, story.EVALUATOR)
    before = head(web_app)
    refused = client.post(f"/action-plans/{told.plan}/contributions", data={
        "csrf_token": csrf_token(client, f"/action-plans/{told.plan}/contributions"), "text": "x",
        "received_on": "2026-11-18", "channel": "other", "author.name": "Alguien"})
    assert refused.status_code == 403 and head(web_app) == before


def test_the_signed_out_are_sent_to_sign_in_when_posting(client, told):
    token = csrf_token(client)
    answer = client.post(f"/contributions/{told.waiting}/consideration",
                         data={"csrf_token": token, "considered_on": "2026-11-18"})
    assert answer.status_code == 302 and answer.headers["Location"].startswith("/login")


# -- moving one along ----------------------------------------------------------------------------------


def test_considering_responding_and_communicating_move_a_contribution_along(web_app, client, told):
    sign_in(client, story.SECRETARIAT)
    page_url = f"/contributions/{told.waiting}?lang=en"
    token = csrf_token(client, page_url)
    steps = [("consideration", {"considered_on": "2026-11-18", "note": "Tratado en la sesión"}),
             ("response", {"decision": "accepted", "reasoning": "Se incorpora al compromiso 1.",
                           "responded_on": "2026-11-19"}),
             ("communication", {"communicated_on": "2026-11-20", "channel": "email"})]
    for step, data in steps:
        posted = client.post(f"/contributions/{told.waiting}/{step}", data={"csrf_token": token, **data})
        assert posted.status_code == 302, step
    assert events_of(web_app, told.waiting) == ["ContributionReceived", "ContributionConsidered",
                                                "ContributionResponded", "ResponseCommunicated"]
    page = text_of(client.get(page_url))
    assert "Communicated" in page and "Se incorpora al compromiso 1." in page
    assert f'href="/contributions/{told.waiting}/trail"' in page


def test_a_response_written_by_whatsapp_is_recorded_as_such_and_shown_in_spanish(web_app, client, told):
    sign_in(client, story.SECRETARIAT)
    page_url = f"/contributions/{told.waiting}?lang=es"
    token = csrf_token(client, page_url)
    assert client.post(f"/contributions/{told.waiting}/response", data={
        "csrf_token": token, "decision": "accepted", "reasoning": "Se incorpora al compromiso 1.",
        "responded_on": "2026-11-19"}).status_code == 302
    form = client.get(page_url).get_data(as_text=True)
    assert '<option value="whatsapp">WhatsApp</option>' in form and '<option value="sms">SMS</option>' in form
    assert client.post(f"/contributions/{told.waiting}/communication", data={
        "csrf_token": token, "communicated_on": "2026-11-20", "channel": "whatsapp"}).status_code == 302
    page = text_of(client.get(page_url))
    assert "20 de noviembre de 2026 · WhatsApp" in page and "whatsapp" not in page


def test_an_invalid_response_shows_the_apis_messages_beside_the_fields(web_app, client, told):
    sign_in(client, story.SECRETARIAT)
    before = head(web_app)
    refused = client.post(f"/contributions/{told.waiting}/response", data={
        "csrf_token": csrf_token(client, f"/contributions/{told.waiting}"), "decision": "accepted",
        "reasoning": "   ", "responded_on": "2026-11-19"})
    assert refused.status_code == 422
    page = text_of(refused)
    assert 'id="reasoning-error"' in page and "Este campo es obligatorio." in page
    assert 'value="2026-11-19"' in page and '<option value="accepted" selected>' in page
    assert head(web_app) == before


def test_communicating_before_any_response_is_refused_with_the_records_reason(web_app, client, told):
    sign_in(client, story.SECRETARIAT)
    before = head(web_app)
    refused = client.post(f"/contributions/{told.waiting}/communication", data={
        "csrf_token": csrf_token(client, f"/contributions/{told.waiting}"), "communicated_on": "2026-11-18",
        "channel": "letter"})
    assert refused.status_code == 409
    assert head(web_app) == before


@pytest.mark.parametrize("email", [story.EVALUATOR, story.OTHER_SECRETARIAT])
def test_who_may_not_write_the_forum_may_not_respond(web_app, client, told, email):
    sign_in(client, email)
    before = head(web_app)
    refused = client.post(f"/contributions/{told.waiting}/response", data={
        "csrf_token": csrf_token(client, "/"), "decision": "accepted", "reasoning": "Sí",
        "responded_on": "2026-11-18"})
    assert refused.status_code == 403 and head(web_app) == before


def test_logging_a_contribution_from_a_member_of_the_public_keeps_their_email(web_app, client, told):
    sign_in(client, story.SECRETARIAT)
    inbox = f"/action-plans/{told.plan}/contributions?lang=en"
    posted = client.post(f"/action-plans/{told.plan}/contributions", data={
        "csrf_token": csrf_token(client, inbox), "text": "Mapas de las obras en el portal.",
        "received_on": "2026-11-19", "channel": "email", "author.name": "Rosa Mendoza",
        "author.email": "rosa@correo.pe", "author.sector": "civil_society"})
    assert posted.status_code == 302
    [event] = web_app.extensions["tracker"].store.read_stream(posted.headers["Location"].rsplit("/", 1)[1])
    assert event.data["author"] == {"kind": "public", "name": "Rosa Mendoza", "organization": None,
                                    "sector": "civil_society", "email": "rosa@correo.pe",
                                    "person_id": f"per_{event.stream_id}"}
    page = text_of(client.get(inbox))
    assert "Mapas de las obras" in page[page.index('id="group-received"'):page.index('id="group-considered"')]
