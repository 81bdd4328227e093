"""What became of the public's input, in public (issue 18): the forum's page lists every contribution of each plan
with its stage and decision, each contribution has a public page with no one's name or contact data, the
secretariat may hide a text with a reason (`POST /api/v1/contributions/{id}/hiding`), upcoming sessions show their
agenda and materials with the calendar to subscribe to, and the public form ends on a receipt with a short
reference."""
from __future__ import annotations

import re

import pytest

from tests.support.api import ApiClient
from tests.support.builders_contributions import RESIDENT_EMAIL, RESIDENT_NAME, communicate, contribute, representative
from tests.web import story
from tests.web.conftest import sign_in
from tests.web.test_public_contribution import consultation, form_token, head, send, text_of
from tracker.auth import service as auth
from tracker.queries.public_pages import reference_of

REASONING = "Se incorpora la publicación semestral"


def api_as(app, email: str | None) -> ApiClient:
    services = app.extensions["tracker"]
    token = auth.create_token(services.engine, services.clock, email) if email else None
    return ApiClient(app.test_client(), token)


def public_page(client, told, contribution_id: str, lang: str = "en") -> str:
    answer = client.get(f"/forums/{told.forum}/contributions/{contribution_id}?lang={lang}")
    assert answer.status_code == 200
    return text_of(answer)


def minor_of(app, forum: str) -> str:
    events = app.extensions["tracker"].store.read_all(tenant_id=forum, types=["RepresentativeDesignated"])
    return next(e.data["representative_id"] for e in events if e.data.get("is_minor"))


@pytest.mark.both_engines  # this module's smoke test on PostgreSQL
def test_the_forums_page_lists_each_contribution_with_its_stage_and_decision(web_app, client, told):
    # given a contribution waiting for consideration and one answered but not communicated
    page = text_of(client.get(f"/forums/{told.forum}?lang=en"))
    assert 'id="contributions"' in page
    for contribution_id in (told.waiting, told.unsent):
        assert f'href="/forums/{told.forum}/contributions/{contribution_id}"' in page
        assert f"Contribution {reference_of(contribution_id)}" in page
    assert "Received: waiting to be considered by the forum" in page
    assert "Answered: partially accepted" in page
    assert REASONING not in page  # not communicated yet
    # when the response is communicated, then the decision and its reasoning are shown
    communicate(api_as(web_app, story.ADMIN), told.unsent, communicated_on="2026-11-19")
    page = text_of(client.get(f"/forums/{told.forum}?lang=en"))
    assert "Response communicated: partially accepted" in page and REASONING in page
    assert RESIDENT_NAME not in page and RESIDENT_EMAIL not in page


def test_a_contributions_public_page_shows_no_private_persons_name_or_email(web_app, client, told):
    page = public_page(client, told, told.unsent)
    assert "Crear un portal de datos abiertos de obras públicas." in page
    assert RESIDENT_NAME not in page and RESIDENT_EMAIL not in page
    assert "A member of the public (Junta Vecinal Barrio San Martín)" in page
    assert "Web form" in page and "May 12, 2025" in page
    assert told.unsent not in re.sub(r'href="[^"]*"', "", page)  # no id on the page but in its links
    spanish = public_page(client, told, told.unsent, "es")
    assert RESIDENT_NAME not in spanish and RESIDENT_EMAIL not in spanish and "12 de mayo de 2025" in spanish


def test_a_minors_contribution_shows_the_organization_not_the_name(web_app, client, told):
    minor = minor_of(web_app, told.forum)
    contribution_id = contribute(api_as(web_app, story.ADMIN), told.plan, representative(minor),
                                 received_on="2026-11-10")
    page = public_page(client, told, contribution_id)
    assert story.MINOR not in page and "Consejo Regional de la Juventud" in page
    assert story.MINOR not in text_of(client.get(f"/forums/{told.forum}?lang=en"))


def test_the_decision_and_reasoning_are_shown_once_communicated(web_app, client, told):
    before = public_page(client, told, told.unsent)
    assert "Partially accepted" in before and REASONING not in before
    communicate(api_as(web_app, story.ADMIN), told.unsent, communicated_on="2026-11-19")
    after = public_page(client, told, told.unsent)
    assert REASONING in after and "November 19, 2026" in after and "Email" in after
    assert "The forum has not responded yet." in public_page(client, told, told.waiting)


def test_a_contribution_of_another_forum_is_not_found_there(web_app, client, told):
    assert client.get(f"/forums/{told.other_forum}/contributions/{told.unsent}").status_code == 404
    assert client.get(f"/forums/{told.forum}/contributions/ctb_nothing").status_code == 404


def test_a_hidden_text_shows_the_reason_instead(web_app, client, told):
    api = api_as(web_app, story.SECRETARIAT)
    api.post(f"/contributions/{told.unsent}/hiding", {"reason": "Contenía datos personales de un tercero",
                                                      "hidden_on": "2026-11-20"})
    for page in (public_page(client, told, told.unsent), text_of(client.get(f"/forums/{told.forum}?lang=en"))):
        assert "Text withdrawn by the secretariat: Contenía datos personales de un tercero" in page
        assert "Crear un portal de datos abiertos" not in page
    # nor through the API's reads for the public: the contribution, the plan's list, the trail
    public = api_as(web_app, None)
    plan = public.get(f"/contributions/{told.unsent}")["action_plan_id"]
    api_texts = [public.get(f"/contributions/{told.unsent}")["text"],
                 next(c["text"] for c in public.get(f"/action-plans/{plan}/contributions") if c["id"] == told.unsent),
                 next(e["data"]["text"] for e in public.get(f"/contributions/{told.unsent}/trail")["events"]
                      if e["type"] == "ContributionReceived")]
    assert all("withheld" in t and "Contenía datos personales" in t and "portal" not in t for t in api_texts)
    assert "Crear un portal" in api.get(f"/contributions/{told.unsent}")["text"]  # full readers read it
    # the secretariat still reads the text, and sees that it is hidden
    sign_in(client, story.SECRETARIAT)
    inner = text_of(client.get(f"/contributions/{told.unsent}?lang=en"))
    assert "Crear un portal de datos abiertos" in inner and "The text was hidden from the public" in inner


@pytest.mark.parametrize("body", [
    {"reason": "", "hidden_on": "2026-11-20"}, {"reason": "   ", "hidden_on": "2026-11-20"},
    {"hidden_on": "2026-11-20"}, {"reason": "Ofensivo"}, {"reason": "Ofensivo", "hidden_on": "ayer"},
    {"reason": "Ofensivo\ncon salto", "hidden_on": "2026-11-20"}, {"reason": "x" * 501, "hidden_on": "2026-11-20"},
    {"reason": "Ofensivo", "hidden_on": "2026-11-20", "text": "otro"},
])
def test_the_hiding_endpoint_refuses_bad_input_with_422_and_appends_nothing(web_app, told, body):
    before = head(web_app)
    answer = api_as(web_app, story.SECRETARIAT).call("POST", f"/contributions/{told.unsent}/hiding", body)
    assert answer.status_code == 422, answer.get_json()
    assert head(web_app) == before


@pytest.mark.parametrize("who, status", [(None, 401), (story.EVALUATOR, 403), (story.OTHER_SECRETARIAT, 403)])
def test_the_hiding_endpoint_is_refused_to_those_who_do_not_write_the_forum(web_app, told, who, status):
    before = head(web_app)
    answer = api_as(web_app, who).call("POST", f"/contributions/{told.unsent}/hiding",
                                       {"reason": "Ofensivo", "hidden_on": "2026-11-20"})
    assert answer.status_code == status
    assert head(web_app) == before


def test_a_text_is_hidden_once_and_not_before_it_was_received(web_app, told):
    api = api_as(web_app, story.SECRETARIAT)
    early = api.call("POST", f"/contributions/{told.unsent}/hiding", {"reason": "Ofensivo", "hidden_on": "2025-01-01"})
    assert early.status_code == 409
    api.post(f"/contributions/{told.unsent}/hiding", {"reason": "Ofensivo", "hidden_on": "2026-11-20"})
    before = head(web_app)
    again = api.call("POST", f"/contributions/{told.unsent}/hiding", {"reason": "Otra vez", "hidden_on": "2026-11-20"})
    assert again.status_code == 409 and head(web_app) == before
    assert "/contributions/{contribution_id}/hiding" in text_of(web_app.test_client().get("/api/v1/openapi.json"))


def test_the_secretariat_hides_a_text_from_its_contribution_page(web_app, client, told):
    sign_in(client, story.SECRETARIAT)
    page = text_of(client.get(f"/contributions/{told.unsent}?lang=en"))
    assert "Hide the text from the public" in page and f"Public reference: {reference_of(told.unsent)}" in page
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    before = head(web_app)
    refused = client.post(f"/contributions/{told.unsent}/hiding?lang=en",
                          data={"csrf_token": token, "reason": "", "hidden_on": "2026-11-20"})
    assert refused.status_code == 422 and 'id="reason-error"' in text_of(refused) and head(web_app) == before
    done = client.post(f"/contributions/{told.unsent}/hiding",
                       data={"csrf_token": token, "reason": "Lenguaje ofensivo", "hidden_on": "2026-11-20"})
    assert done.status_code == 302
    assert "Text withdrawn by the secretariat: Lenguaje ofensivo" in public_page(web_app.test_client(), told,
                                                                                 told.unsent)


def test_an_evaluator_cannot_post_the_hiding_form(web_app, client, told):
    sign_in(client, story.EVALUATOR)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', text_of(client.get("/"))).group(1)
    before = head(web_app)
    answer = client.post(f"/contributions/{told.unsent}/hiding", data={
        "csrf_token": token, "reason": "Ofensivo", "hidden_on": "2026-11-20"})
    assert answer.status_code == 403 and head(web_app) == before


def test_upcoming_sessions_show_venue_agenda_materials_and_the_calendar(web_app, client, told):
    api = api_as(web_app, story.ADMIN)
    session_id = api.post(f"/forums/{told.forum}/sessions", {
        "title": "Taller de cocreación de enero", "kind": "cocreation_workshop", "modality": "hybrid",
        "scheduled_at": "2027-01-14T10:00:00-05:00", "venue": "Auditorio de la Universidad Nacional",
        "agenda": [{"title": "Priorización de propuestas"}]})["id"]
    api.post(f"/sessions/{session_id}/announcement", {
        "announced_on": "2026-11-20", "channels": ["email"],
        "materials": [{"title": "Fichas de propuestas", "url": "https://example.org/fichas.pdf"}]})
    page = text_of(client.get(f"/forums/{told.forum}?lang=en"))
    assert "Auditorio de la Universidad Nacional" in page and "Hybrid" in page
    assert "Priorización de propuestas" in page and 'href="https://example.org/fichas.pdf"' in page
    assert "Thursday, January 14, 2027" in page and "10:00" in page
    assert f'/api/v1/forums/{told.forum}/calendar.ics"' in page and "Subscribe to the calendar" in page


@pytest.mark.parametrize("email, says", [("rosa@correo.pe", "the forum's written response will be sent to it"),
                                         ("", "You gave no email address")])
def test_after_sending_a_receipt_gives_the_reference_the_public_page_and_the_deadline(web_app, client, told,
                                                                                        email, says):
    consultation(web_app, told.plan)
    sent = send(client, told.forum, **{"author.name": "Rosa Mendoza", "author.email": email})
    assert sent.status_code == 302
    contribution_id = sent.headers["Location"].rsplit("/", 1)[-1]
    receipt = text_of(client.get(sent.headers["Location"] + "?lang=en"))
    assert reference_of(contribution_id) in receipt and len(reference_of(contribution_id)) == 6
    assert f'href="/forums/{told.forum}/contributions/{contribution_id}"' in receipt
    assert "December 20, 2026" in receipt and "30 days" in receipt  # the default response_days
    assert says in receipt
    assert "Rosa Mendoza" not in receipt and "rosa@correo.pe" not in receipt
    # another browser with the address sees the receipt without a word about an email
    elsewhere = text_of(web_app.test_client().get(sent.headers["Location"] + "?lang=en"))
    assert reference_of(contribution_id) in elsewhere and "email" not in elsewhere.lower().split("<main")[-1]


def test_a_rate_limited_submission_keeps_what_was_typed(make_app, told):
    app = make_app(PUBLIC_CONTRIBUTION_RATE_LIMIT="1/minute")
    consultation(app, told.plan)
    client = app.test_client()
    assert send(client, told.forum, text="Primer aporte").status_code == 302
    token = form_token(client, told.forum)
    cns = re.search(r'name="consultation_id" value="([^"]+)"',
                    text_of(client.get(f"/forums/{told.forum}/consult"))).group(1)
    before = head(app)
    refused = client.post(f"/forums/{told.forum}/consult?lang=en", data={
        "csrf_token": token, "consultation_id": cns, "text": "Segundo aporte, escrito con cuidado.",
        "author.name": "Rosa", "author.email": "rosa@correo.pe"})
    assert refused.status_code == 429
    page = text_of(refused)
    assert "Segundo aporte, escrito con cuidado." in page and 'value="rosa@correo.pe"' in page
    assert "Wait a minute" in page and head(app) == before


def test_a_refused_submission_keeps_the_typed_text(web_app, client, told):
    consultation(web_app, told.plan)
    before = head(web_app)
    refused = send(client, told.forum, text="Mi propuesta completa", **{"author.email": "no-es-correo"})
    assert refused.status_code == 422
    assert "Mi propuesta completa" in text_of(refused) and 'value="no-es-correo"' in text_of(refused)
    assert head(web_app) == before
