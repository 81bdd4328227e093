"""The public contribution form: while a consultation is open anyone may send a contribution, recorded as the
API records one from the public (web form, today in the forum's timezone, the consultation's id), which lands
in the secretariat's inbox; closed consultations, posts without a CSRF token and floods are refused."""
from __future__ import annotations

import re

import pytest

from tests.support.api import ApiClient
from tests.support.builders_plans import open_consultation
from tests.web import story
from tests.web.conftest import csrf_token, sign_in
from tracker.auth import service as auth

_TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')


def text_of(response) -> str:
    return response.get_data(as_text=True)


def head(app) -> int:
    return app.extensions["tracker"].store.head().position


def consultation(app, plan: str, **dates: str) -> str:
    """A consultation of `plan` (the clock stands on 20 November 2026), open by default."""
    services = app.extensions["tracker"]
    api = ApiClient(app.test_client(), auth.create_token(services.engine, services.clock, story.ADMIN))
    return open_consultation(api, plan, **{"opens_on": "2026-11-01", "closes_on": "2026-11-30", **dates})


def form_token(client, forum: str) -> str:
    match = _TOKEN.search(text_of(client.get(f"/forums/{forum}/consult")))
    assert match, "no CSRF token in the public form"
    return match.group(1)


def send(client, forum: str, **fields: str | list[str]):
    data = {"csrf_token": form_token(client, forum), "text": "Que las obras se publiquen con fotos.", **fields}
    if "consultation_id" not in data:
        data["consultation_id"] = re.search(r'name="consultation_id" value="([^"]+)"',
                                            text_of(client.get(f"/forums/{forum}/consult"))).group(1)
    return client.post(f"/forums/{forum}/consult", data=data)


def received(app, forum: str) -> list:
    return [e for e in app.extensions["tracker"].store.read_all(tenant_id=forum, types=["ContributionReceived"])]


@pytest.mark.both_engines  # this area's smoke test on PostgreSQL
def test_while_open_anyone_sends_a_contribution_recorded_as_from_the_public(web_app, client, told):
    cns = consultation(web_app, told.plan)
    page = text_of(client.get(f"/forums/{told.forum}/consult?lang=en"))
    assert "is open until" in page and "to receive the written response" in page
    assert "never published or shared" in page
    before = len(received(web_app, told.forum))
    answer = send(client, told.forum, **{"author.name": "Rosa Mendoza", "author.email": "rosa@correo.pe"})
    assert answer.status_code == 302
    events = received(web_app, told.forum)
    assert len(events) == before + 1
    data = events[-1].data
    assert data["channel"] == "web_form" and data["consultation_id"] == cns
    assert data["received_on"] == "2026-11-20" and data["action_plan_id"] == told.plan
    assert data["author"]["kind"] == "public" and data["author"]["email"] == "rosa@correo.pe"
    receipt = text_of(client.get(answer.headers["Location"] + "?lang=en"))
    assert "Thank you" in receipt and "Your reference:" in receipt


def test_the_contribution_appears_in_the_secretariats_inbox(web_app, client, told):
    consultation(web_app, told.plan)
    send(client, told.forum, text="Publicar el avance de las obras cada mes.")
    sign_in(client, story.SECRETARIAT)
    inbox = text_of(client.get(f"/action-plans/{told.plan}/contributions?lang=en"))
    assert "Publicar el avance de las obras cada mes." in inbox and "Web form" in inbox


def test_a_contribution_without_a_name_is_sent_anonymously(web_app, client, told):
    consultation(web_app, told.plan)
    assert send(client, told.forum).status_code == 302
    assert received(web_app, told.forum)[-1].data["author"]["name"]  # the API requires one for the public


def test_an_invalid_contribution_shows_the_apis_messages_and_keeps_what_was_typed(web_app, client, told):
    consultation(web_app, told.plan)
    before = head(web_app)
    refused = send(client, told.forum, text="", **{"author.name": "Rosa", "author.email": "rosa-en-correo"})
    assert refused.status_code == 422
    page = text_of(refused)
    assert 'id="author.email-error"' in page and 'value="rosa-en-correo"' in page and 'value="Rosa"' in page
    assert head(web_app) == before


def test_a_post_without_a_csrf_token_is_refused_and_writes_nothing(web_app, client, told):
    cns = consultation(web_app, told.plan)
    before = head(web_app)
    refused = client.post(f"/forums/{told.forum}/consult", data={"text": "Sin token", "consultation_id": cns})
    assert refused.status_code == 400
    assert head(web_app) == before


def test_a_closed_consultation_refuses_and_says_when_it_closed_and_the_next_opens(web_app, client, told):
    closed = consultation(web_app, told.plan, opens_on="2026-10-01", closes_on="2026-10-31")
    consultation(web_app, told.plan, opens_on="2026-12-01", closes_on="2026-12-31")
    page = text_of(client.get(f"/forums/{told.forum}/consult?lang=en"))
    assert "No public consultation is open now." in page
    assert "The next one opens on December 1, 2026." in page and "The last one closed on October 31, 2026." in page
    assert 'name="text"' not in page
    before = head(web_app)
    refused = client.post(f"/forums/{told.forum}/consult?lang=en", data={
        "csrf_token": csrf_token(client), "text": "Tarde", "consultation_id": closed})
    assert refused.status_code == 409 and "not open" in text_of(refused)
    assert head(web_app) == before


def test_the_forum_page_links_the_form_only_while_a_consultation_is_open(web_app, client, told):
    assert f'href="/forums/{told.forum}/consult"' not in text_of(client.get(f"/forums/{told.forum}"))
    consultation(web_app, told.plan)
    assert f'href="/forums/{told.forum}/consult"' in text_of(client.get(f"/forums/{told.forum}"))


def test_a_filled_honeypot_is_thanked_and_dropped(web_app, client, told):
    consultation(web_app, told.plan)
    before = head(web_app)
    assert send(client, told.forum, website="http://spam.example").status_code == 302
    assert head(web_app) == before


@pytest.mark.parametrize("limit, allowed", [("2/minute", 2)])
def test_posts_are_rate_limited_per_address(make_app, told, limit, allowed):
    app = make_app(PUBLIC_CONTRIBUTION_RATE_LIMIT=limit)
    consultation(app, told.plan)
    client = app.test_client()
    answers = [send(client, told.forum, text=f"Aporte {i}").status_code for i in range(allowed + 1)]
    assert answers == [302] * allowed + [429]
    assert client.get(f"/forums/{told.forum}/consult").status_code == 200  # showing the form is not counted
    elsewhere = app.test_client()
    elsewhere.environ_base["REMOTE_ADDR"] = "192.0.2.7"
    assert send(elsewhere, told.forum, text="Otro aporte").status_code == 302


def stream_of(app, forum: str, event_type: str) -> str:
    """The id of the first record of `event_type` in the forum's log (a real session, commitment...)."""
    return next(iter(app.extensions["tracker"].store.read_all(tenant_id=forum, types=[event_type]))).stream_id


@pytest.mark.both_engines
def test_author_posted_as_plain_text_is_refused_with_the_form_again_and_writes_nothing(web_app, client, told):
    # given an open consultation
    consultation(web_app, told.plan)
    before = head(web_app)
    # when a post carries `author` as a text (the page's fields are author.name and author.email)
    token = form_token(client, told.forum)
    cns = re.search(r'name="consultation_id" value="([^"]+)"',
                    text_of(client.get(f"/forums/{told.forum}/consult"))).group(1)
    refused = client.post(f"/forums/{told.forum}/consult?lang=en", data={
        "csrf_token": token, "consultation_id": cns, "text": "Que se publique todo.", "author": "Rosa"})
    # then the form is shown again with a message, what was typed kept, and nothing is recorded
    assert refused.status_code == 400
    page = text_of(refused)
    assert "The form was sent with fields it does not have, so nothing was recorded." in page
    assert "Que se publique todo." in page and 'name="text"' in page
    assert head(web_app) == before
    # and in Spanish, the forum's language, the page is the form again as well
    refused = send(client, told.forum, author="Rosa")
    assert refused.status_code == 400 and 'name="text"' in text_of(refused)
    assert head(web_app) == before


@pytest.mark.parametrize("field, value", [
    ("session_id", "ses"), ("commitment_id", "cmt"), ("received_on", "2025-01-01"), ("channel", "in_session"),
    ("author.representative_id", "rep_x"), ("author.organization", "Colectivo"), ("author.sector", "government"),
    ("author.kind", "representative"), ("name", "Rosa"), ("text[]", "otra"),
])
def test_a_field_the_page_does_not_have_is_refused_and_nothing_it_carries_is_recorded(web_app, client, told, field,
                                                                                       value):
    # given an open consultation and a real session and commitment of the forum
    consultation(web_app, told.plan)
    real = {"ses": stream_of(web_app, told.forum, "SessionHeld"),
            "cmt": stream_of(web_app, told.forum, "CommitmentDrafted")}
    before = head(web_app)
    # when a post adds a field the page does not offer
    refused = send(client, told.forum, **{field: real.get(value, value)})
    # then it is refused with the form again and nothing is recorded
    assert refused.status_code == 400 and 'name="text"' in text_of(refused)
    assert head(web_app) == before


def test_a_contribution_from_the_form_is_recorded_with_only_the_pages_fields(web_app, client, told):
    # given an open consultation; when a visitor sends the form as the page offers it
    cns = consultation(web_app, told.plan)
    assert send(client, told.forum, **{"author.name": "Rosa Mendoza", "author.email": ""}).status_code == 302
    # then the event holds what the page asks and what the server decides, nothing else
    data = received(web_app, told.forum)[-1].data
    assert data["session_id"] is None and data["commitment_id"] is None and data["consultation_id"] == cns
    assert data["author"]["kind"] == "public" and data["author"]["name"] == "Rosa Mendoza"
    assert data["author"]["organization"] is None and data["author"]["sector"] is None
    assert data["author"]["email"] is None


def test_a_member_of_the_public_may_leave_a_phone_and_agree_to_be_answered_by_whatsapp_or_sms(
        web_app, client, told):
    consultation(web_app, told.plan)
    page = text_of(client.get(f"/forums/{told.forum}/consult"))
    assert "Respóndanme por WhatsApp" in page and "Responda BAJA" in page
    answer = send(client, told.forum, **{"author.name": "Rosa Mendoza", "author.phone": "+51 976 222 333",
                                         "author.opt_in": ["whatsapp", "sms"]})
    assert answer.status_code == 302
    author = received(web_app, told.forum)[-1].data["author"]
    assert (author["phone"], author["opt_in"]) == ("+51976222333", ["whatsapp", "sms"])

    before = head(web_app)
    refused = send(client, told.forum, **{"author.opt_in": ["sms"]})
    assert refused.status_code == 422 and head(web_app) == before
    page = text_of(refused)
    assert "WhatsApp y SMS necesitan un número de teléfono con su código de país." in page
    assert 'value="sms" checked' in page
