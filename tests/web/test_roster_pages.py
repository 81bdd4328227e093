"""The roster pages: who sees the roster, and that its forms record what the API records, refuse what it refuses
(with its messages beside the fields, keeping what was typed) and are closed to those who may not write."""
from __future__ import annotations

import re

import pytest

from tests.web import story
from tests.web.conftest import csrf_token, sign_in


def text_of(response) -> str:
    return response.get_data(as_text=True)


def events_of(web_app, stream: str) -> list:
    return list(web_app.extensions["tracker"].store.read_stream(stream))


def org_id(web_app, forum: str, name: str) -> str:
    return next(e.data["organization_id"] for e in events_of(web_app, forum)
                if e.type == "OrganizationJoined" and e.data["name"] == name)


def rep_id(web_app, forum: str, name: str) -> str:
    return next(e.data["representative_id"] for e in events_of(web_app, forum)
                if e.type == "RepresentativeDesignated" and e.data["name"] == name)


def post(client, path: str, data: dict):
    return client.post(path, data={"csrf_token": csrf_token(client, path), **data})


@pytest.mark.both_engines  # this area's smoke test on PostgreSQL
def test_the_roster_groups_organizations_by_sector_with_contact_data_and_minors(client, told):
    sign_in(client, story.SECRETARIAT)
    page = text_of(client.get(f"/forums/{told.forum}/roster?lang=en"))
    assert re.search(r'id="sector-government".*Gobierno Regional de Cajamarca.*Ana Quispe.*Rosa Vargas', page, re.S)
    assert re.search(r'id="sector-youth".*Consejo Regional de la Juventud.*Luis Chávez.*minor', page, re.S)
    assert "ana@regioncajamarca.gob.pe" in page
    assert "Add an organization" in page and "read-only" not in page


def test_evaluators_read_the_roster_without_forms_and_anonymous_visitors_sign_in(client, told):
    assert client.get(f"/forums/{told.forum}/roster").headers["Location"].startswith("/login")
    sign_in(client, story.EVALUATOR)
    page = text_of(client.get(f"/forums/{told.forum}/roster?lang=en"))
    assert "Ana Quispe" in page and "read-only" in page and "Add an organization" not in page
    assert client.get(f"/forums/{told.forum}/roster/organizations").status_code == 403


def test_adding_an_organization_records_that_it_joined(web_app, client, told):
    sign_in(client, story.SECRETARIAT)
    before = len(events_of(web_app, told.forum))
    answer = post(client, f"/forums/{told.forum}/roster/organizations",
                  {"name": "Cámara de Comercio de Cajamarca", "sector": "private_sector", "joined_on": "2026-01-15"})
    assert answer.status_code == 302 and answer.headers["Location"] == f"/forums/{told.forum}/roster"
    joined = events_of(web_app, told.forum)[before:]
    assert [e.type for e in joined] == ["OrganizationJoined"]
    assert joined[0].data["name"] == "Cámara de Comercio de Cajamarca"
    assert "Cámara de Comercio de Cajamarca" in text_of(client.get(f"/forums/{told.forum}/roster?lang=en"))


def test_an_invalid_organization_shows_the_apis_messages_and_keeps_what_was_typed(web_app, client, told):
    sign_in(client, story.SECRETARIAT)
    before = len(events_of(web_app, told.forum))
    answer = post(client, f"/forums/{told.forum}/roster/organizations?lang=en",
                  {"name": "Cámara de Comercio", "sector": "guild", "joined_on": "15/01/2026"})
    page = text_of(answer)
    assert answer.status_code == 422
    assert re.search(r'id="sector-error">Choose one of the options offered', page)
    assert re.search(r'id="joined_on-error">Enter a date', page)
    assert 'value="Cámara de Comercio"' in page and 'value="15/01/2026"' in page
    assert 'aria-invalid="true"' in page
    assert len(events_of(web_app, told.forum)) == before


def test_designating_a_representative_records_the_person_and_their_contact(web_app, client, told):
    sign_in(client, story.SECRETARIAT)
    ong = org_id(web_app, told.forum, "Asociación Civil Transparencia Cajamarca")
    answer = post(client, f"/forums/{told.forum}/roster/organizations/{ong}/representatives",
                  {"name": "Carmen Rojas", "role": "alternate", "designated_on": "2026-02-01",
                   "email": "carmen@transparencia.pe", "phone": "+51 976 000 111", "gender": "female"})
    assert answer.status_code == 302
    designated = events_of(web_app, told.forum)[-1]
    assert designated.type == "RepresentativeDesignated"
    assert designated.data["name"] == "Carmen Rojas" and designated.data["role"] == "alternate"
    assert designated.data["is_minor"] is False


def test_a_bad_email_is_refused_beside_the_field(web_app, client, told):
    sign_in(client, story.SECRETARIAT)
    ong = org_id(web_app, told.forum, "Asociación Civil Transparencia Cajamarca")
    before = len(events_of(web_app, told.forum))
    answer = post(client, f"/forums/{told.forum}/roster/organizations/{ong}/representatives?lang=en",
                  {"name": "Carmen Rojas", "role": "alternate", "designated_on": "2026-02-01", "email": "carmen@"})
    assert answer.status_code == 422
    assert re.search(r'id="email-error">Enter an email address such as', text_of(answer))
    assert 'value="Carmen Rojas"' in text_of(answer)
    assert len(events_of(web_app, told.forum)) == before


def test_withdrawing_a_representative_and_recording_an_organization_left(web_app, client, told):
    sign_in(client, story.SECRETARIAT)
    rosa = rep_id(web_app, told.forum, "Rosa Vargas")
    answer = post(client, f"/forums/{told.forum}/roster/representatives/{rosa}/withdrawal",
                  {"withdrawn_on": "2026-03-01", "reason": "Cambio de cargo"})
    assert answer.status_code == 302
    assert events_of(web_app, told.forum)[-1].type == "RepresentativeWithdrawn"
    youth = org_id(web_app, told.forum, "Consejo Regional de la Juventud")
    answer = post(client, f"/forums/{told.forum}/roster/organizations/{youth}/withdrawal",
                  {"left_on": "2026-03-02", "reason": "Se disolvió"})
    assert answer.status_code == 302
    assert events_of(web_app, told.forum)[-1].type == "OrganizationLeft"
    page = text_of(client.get(f"/forums/{told.forum}/roster?lang=en"))
    assert re.search(r'Organizations that left.*Consejo Regional de la Juventud', page, re.S)


def test_a_withdrawal_the_record_forbids_shows_its_status(web_app, client, told):
    sign_in(client, story.SECRETARIAT)
    rosa = rep_id(web_app, told.forum, "Rosa Vargas")
    before = len(events_of(web_app, told.forum))
    answer = post(client, f"/forums/{told.forum}/roster/representatives/{rosa}/withdrawal?lang=en",
                  {"withdrawn_on": "1999-01-01", "reason": "Antes de todo"})
    assert answer.status_code in (409, 422)
    assert 'class="alert"' in text_of(answer) and 'value="1999-01-01"' in text_of(answer)
    assert len(events_of(web_app, told.forum)) == before


@pytest.mark.parametrize("email", [story.EVALUATOR, story.OTHER_SECRETARIAT])
def test_those_who_may_not_write_the_forum_are_refused(web_app, client, told, email):
    sign_in(client, email)
    before = len(events_of(web_app, told.forum))
    token = csrf_token(client, "/")
    answer = client.post(f"/forums/{told.forum}/roster/organizations",
                         data={"csrf_token": token, "name": "Otra", "sector": "other", "joined_on": "2026-01-15"})
    assert answer.status_code == 403
    assert len(events_of(web_app, told.forum)) == before


def test_anonymous_posts_are_sent_to_sign_in(web_app, client, told):
    token = csrf_token(client, "/login")
    answer = client.post(f"/forums/{told.forum}/roster/organizations",
                         data={"csrf_token": token, "name": "Otra", "sector": "other", "joined_on": "2026-01-15"})
    assert answer.status_code == 302 and answer.headers["Location"].startswith("/login")


def test_an_unknown_organization_or_representative_is_not_found(client, told):
    sign_in(client, story.SECRETARIAT)
    assert client.get(f"/forums/{told.forum}/roster/organizations/org_nothing/representatives").status_code == 404
    assert client.get(f"/forums/{told.forum}/roster/representatives/rep_nothing/withdrawal").status_code == 404
    assert client.get("/forums/frm_nothing/roster").status_code == 404


def test_a_minor_is_designated_through_the_form_with_the_guardians_consent(web_app, client, told):
    """The form asks whether a minor's guardian consented and the record keeps the answer; a minor designated
    without it is flagged on the roster; an adult's designation with a consent shows the API's message."""
    sign_in(client, story.SECRETARIAT)
    youth = org_id(web_app, told.forum, "Consejo Regional de la Juventud")
    path = f"/forums/{told.forum}/roster/organizations/{youth}/representatives?lang=en"
    body = {"name": "Camila Soto", "role": "alternate", "designated_on": "2026-02-01", "is_minor": "on"}
    assert post(client, path, {**body, "guardian_consent": "true"}).status_code == 302
    designated = events_of(web_app, told.forum)[-1]
    assert (designated.data["is_minor"], designated.data["guardian_consent"]) == (True, True)
    assert post(client, path, {**body, "name": "Inés Paz"}).status_code == 302  # consent not said
    roster = text_of(client.get(f"/forums/{told.forum}/roster?lang=en"))
    assert re.search(r"Inés Paz</strong> <span class=\"badge\">minor</span> <span class=\"badge warning\">"
                     r"guardian consent not recorded", roster)
    assert not re.search(r"Camila Soto</strong> <span class=\"badge\">minor</span> <span", roster)
    before = len(events_of(web_app, told.forum))
    adult = post(client, path, {"name": "Rocío Díaz", "role": "alternate", "designated_on": "2026-02-01",
                                "guardian_consent": "true"})
    assert adult.status_code == 422
    assert re.search(r'id="guardian_consent-error">Only for a minor', text_of(adult))
    assert len(events_of(web_app, told.forum)) == before


def test_a_forgotten_representative_reads_as_forgotten_in_the_pages_language(web_app, client, told):
    from tracker.people.forget import forget

    services = web_app.extensions["tracker"]
    forget(services, rep_id(web_app, told.forum, "Rosa Vargas"), reason="request", actor="admin",
           now=services.clock())
    sign_in(client, story.SECRETARIAT)
    spanish = text_of(client.get(f"/forums/{told.forum}/roster?lang=es"))
    assert "Rosa Vargas" not in spanish and "(olvidado)" in spanish
    assert "(forgotten)" in text_of(client.get(f"/forums/{told.forum}/roster?lang=en"))


def test_the_roster_shows_who_agreed_to_whatsapp_or_sms_and_records_an_agreement_and_its_withdrawal(
        web_app, client, told):
    sign_in(client, story.SECRETARIAT)
    ong = org_id(web_app, told.forum, "Asociación Civil Transparencia Cajamarca")
    answer = post(client, f"/forums/{told.forum}/roster/organizations/{ong}/representatives",
                  {"name": "Carmen Rojas", "role": "alternate", "designated_on": "2026-02-01",
                   "phone": "+51 976 000 111", "opt_in": ["whatsapp"]})
    assert answer.status_code == 302
    carmen = rep_id(web_app, told.forum, "Carmen Rojas")
    assert events_of(web_app, told.forum)[-1].data["opt_in"] == ["whatsapp"]
    page = text_of(client.get(f"/forums/{told.forum}/roster"))
    assert "Recibe mensajes por: WhatsApp" in page
    assert "Registrar el consentimiento de Carmen Rojas para WhatsApp o SMS" in page

    path = f"/forums/{told.forum}/roster/representatives/{carmen}/channels"
    form = text_of(client.get(path))
    assert "Retiró el consentimiento" in form and "El retiro se aplica de inmediato" in form
    assert post(client, path, {"channel": "sms", "opted_in": "true", "on": "2026-11-20"}).status_code == 302
    assert post(client, path, {"channel": "whatsapp", "opted_in": "false", "on": "2026-11-20"}).status_code == 302
    assert "Recibe mensajes por: SMS" in text_of(client.get(f"/forums/{told.forum}/roster"))
    recorded = [e.data for e in events_of(web_app, told.forum) if e.type == "ChannelConsentRecorded"]
    assert [(d["channel"], d["opted_in"], d["source"]) for d in recorded] == [
        ("sms", True, "secretariat"), ("whatsapp", False, "secretariat")]

    before = len(events_of(web_app, told.forum))
    refused = post(client, path, {"channel": "whatsapp", "opted_in": "false", "on": "2026-11-20"})
    assert refused.status_code == 409 and len(events_of(web_app, told.forum)) == before
    assert "No había aceptado este canal: no hay nada que retirar." in text_of(refused)


def test_a_phone_that_is_not_a_number_is_refused_in_spanish(web_app, client, told):
    sign_in(client, story.SECRETARIAT)
    ong = org_id(web_app, told.forum, "Asociación Civil Transparencia Cajamarca")
    before = len(events_of(web_app, told.forum))
    answer = post(client, f"/forums/{told.forum}/roster/organizations/{ong}/representatives",
                  {"name": "Carmen Rojas", "role": "alternate", "designated_on": "2026-02-01",
                   "phone": "+51 1", "opt_in": ["sms"]})
    assert answer.status_code == 422 and len(events_of(web_app, told.forum)) == before
    assert "Escriba el número de teléfono con + y su código de país." in text_of(answer)
