"""The pages: what the public and each role see, in which language, and that the API still takes its tokens."""
from __future__ import annotations

import re

import pytest

from tests.web import story
from tests.web.conftest import html_lang, sign_in
from tracker.auth import service as auth


def text_of(response) -> str:
    return response.get_data(as_text=True)


@pytest.mark.both_engines  # this area's smoke test on PostgreSQL
def test_the_home_page_lists_the_forums_with_links(client, told):
    page = text_of(client.get("/"))
    assert f'href="/forums/{told.forum}"' in page and f'href="/forums/{told.other_forum}"' in page
    assert "Foro Multiactor de Gobierno Abierto de Cajamarca" in page
    assert "/dashboard" not in page  # nobody is signed in


def test_the_public_page_shows_what_the_forum_published(client, told):
    page = text_of(client.get(f"/forums/{told.forum}"))
    assert story.NEXT_SESSION in page
    assert "Sesión de aprobación del plan" in page and "https://gobiernoabierto.cajamarca.gob.pe/actas/3.pdf" in page
    assert "Presupuesto participativo abierto y trimestral" in page  # the commitment
    assert "Gobierno Abierto Cajamarca" in page  # the published web page
    assert page.count('<th scope="row" class="question">') >= 5  # every check, named by its question (issue 18)
    assert "S.cadence" not in page
    assert "¿Existe un foro?" in page  # the forum's language: Spanish


def test_the_public_page_shows_no_contact_data_no_minor_and_no_persons_name(client, told):
    page = text_of(client.get(f"/forums/{told.forum}?lang=en"))
    assert not re.search(r"[\w.+-]+@[\w-]+\.[\w.-]+", page), "an email address is on the public page"
    for email in story.EMAILS:
        assert email not in page
    assert story.MINOR not in page
    assert "Marisol" not in page  # a member of the public is never named
    assert "portal de datos abiertos" in page  # what the public sent, and what became of it, is public


def test_every_page_says_its_language(client, told):
    for path in ("/", "/login", "/logout", f"/forums/{told.forum}", "/forums/frm_unknown", "/no/such/page"):
        assert html_lang(client.get(path)) in ("en", "es"), path
    sign_in(client, story.SECRETARIAT)
    assert html_lang(client.get(f"/forums/{told.forum}/dashboard")) == "es"
    assert html_lang(client.get(f"/forums/{told.other_forum}/dashboard")) == "es"  # the 403 page


def test_the_language_comes_from_the_choice_then_the_forum_then_the_browser(client, told):
    english, spanish = {"Accept-Language": "en-GB,en;q=0.9"}, {"Accept-Language": "es-PE,es;q=0.9"}
    assert html_lang(client.get("/", headers=english)) == "en"
    assert html_lang(client.get("/", headers=spanish)) == "es"
    assert html_lang(client.get(f"/forums/{told.forum}", headers=english)) == "es"  # the forum speaks Spanish
    assert html_lang(client.get(f"/forums/{told.forum}?lang=en", headers=spanish)) == "en"
    # the choice is remembered, over the forum's language and the browser's
    assert html_lang(client.get(f"/forums/{told.forum}", headers=spanish)) == "en"
    assert html_lang(client.get("/", headers=spanish)) == "en"
    assert html_lang(client.get("/?lang=xx", headers=english)) == "en"  # an unknown language changes nothing


def test_a_language_choice_survives_signing_in(client, told):
    client.get("/?lang=en")
    sign_in(client, story.SECRETARIAT)
    assert html_lang(client.get(f"/forums/{told.forum}/dashboard")) == "en"


def test_a_signed_in_users_choice_is_theirs_on_their_next_sign_in_on_another_device(web_app, told):
    spanish = {"Accept-Language": "es-PE,es;q=0.9"}
    laptop = web_app.test_client()
    sign_in(laptop, story.SECRETARIAT)
    assert html_lang(laptop.get(f"/forums/{told.forum}/dashboard?lang=en")) == "en"
    phone = web_app.test_client()  # a new browser: nothing in its session, a Spanish browser, a Spanish forum
    sign_in(phone, story.SECRETARIAT, **spanish)
    assert html_lang(phone.get(f"/forums/{told.forum}/dashboard", headers=spanish)) == "en"
    someone_else = web_app.test_client()
    sign_in(someone_else, story.ADMIN, **spanish)
    assert html_lang(someone_else.get(f"/forums/{told.forum}/dashboard", headers=spanish)) == "es"


def test_a_language_given_when_the_user_was_made_is_their_choice(web_app, told):
    services = web_app.extensions["tracker"]
    auth.create_user(services.engine, services.clock, "observadora@example.org", "evaluator", (), None, "en")
    auth.set_password(services.engine, services.passwords, "observadora@example.org", story.PASSWORD)
    browser = web_app.test_client()
    sign_in(browser, "observadora@example.org", **{"Accept-Language": "es"})
    assert html_lang(browser.get(f"/forums/{told.forum}/dashboard", headers={"Accept-Language": "es"})) == "en"
    with pytest.raises(auth.InvalidUserData):
        auth.create_user(services.engine, services.clock, "otra@example.org", "evaluator", (), None, "fr")


def test_headings_are_translated(client, told):
    assert "Next sessions" in text_of(client.get(f"/forums/{told.forum}?lang=en"))
    assert "Próximas sesiones" in text_of(client.get(f"/forums/{told.forum}?lang=es"))


def test_every_page_has_a_link_to_the_other_language(client, told):
    page = text_of(client.get(f"/forums/{told.forum}?lang=es"))
    assert f'href="/forums/{told.forum}?lang=en"' in page


def test_the_dashboard_sends_the_signed_out_to_sign_in(client, told):
    answer = client.get(f"/forums/{told.forum}/dashboard")
    assert answer.status_code == 302
    assert answer.headers["Location"] == f"/login?next=/forums/{told.forum}/dashboard"


def test_the_secretariat_sees_what_waits_on_its_dashboard(client, told):
    sign_in(client, story.SECRETARIAT)
    page = text_of(client.get(f"/forums/{told.forum}/dashboard?lang=en"))
    assert story.NEXT_SESSION in page and "Not announced yet" in page
    assert "Publicar trimestralmente" in page and "Ana Quispe" in page  # waiting for a response
    assert "portal de datos abiertos" in page and "Marisol Huamán Tello" in page  # waiting for communication
    assert "Asociación Civil Transparencia Cajamarca" in page  # no alternate
    assert "Consejo Regional de la Juventud" in page
    assert "months since the last session" in page
    assert '<th scope="row" class="question">' in page and "S.cadence" not in page
    assert "read-only" not in page


@pytest.mark.parametrize("email", [story.ADMIN, story.EVALUATOR])
def test_admins_and_evaluators_read_any_dashboard(client, told, email):
    sign_in(client, email)
    page = client.get(f"/forums/{told.other_forum}/dashboard?lang=en")
    assert page.status_code == 200
    assert ("read-only" in text_of(page)) == (email == story.EVALUATOR)


def test_a_secretariat_of_another_forum_is_refused(client, told):
    sign_in(client, story.OTHER_SECRETARIAT)
    refused = client.get(f"/forums/{told.forum}/dashboard?lang=en")
    assert refused.status_code == 403
    assert "Your role does not let you see this page." in text_of(refused)
    assert "Ana Quispe" not in text_of(refused)


def test_an_unknown_forum_is_a_page_not_found(client, told):
    assert client.get("/forums/frm_nothing").status_code == 404
    sign_in(client, story.ADMIN)
    assert client.get("/forums/frm_nothing/dashboard").status_code == 404


def test_pages_carry_security_headers_and_load_nothing_from_elsewhere(client, told):
    answer = client.get(f"/forums/{told.forum}")
    policy = answer.headers["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "frame-ancestors 'none'" in policy
    assert answer.headers["X-Content-Type-Options"] == "nosniff"
    assert answer.headers["Referrer-Policy"] == "same-origin"
    assert not re.search(r'(src|href)="(https?:)?//(?!gobiernoabierto|localhost/)', text_of(answer))
    with client.get("/static/css/site.css") as css:
        assert css.status_code == 200


def test_the_session_cookie_is_http_only_and_same_site(client, told):
    answer = sign_in(client, story.SECRETARIAT)
    cookie = answer.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_the_api_still_takes_bearer_token_writes_without_a_csrf_token(web_app, client, told):
    from tracker.auth import service as auth

    services = web_app.extensions["tracker"]
    token = auth.create_token(services.engine, services.clock, story.SECRETARIAT)
    joined = client.post(f"/api/v1/forums/{told.forum}/organizations",
                         json={"name": "Cámara de Comercio de Cajamarca", "sector": "private_sector",
                               "joined_on": "2026-01-15"},
                         headers={"Authorization": f"Bearer {token}"})
    assert joined.status_code == 201, joined.get_json()
    assert client.get("/api/v1/forums/frm_nothing").get_json()["code"] == 404  # API errors stay JSON


def test_a_signed_in_browser_does_not_authenticate_the_api(client, told):
    sign_in(client, story.SECRETARIAT)
    refused = client.post(f"/api/v1/forums/{told.forum}/organizations",
                          json={"name": "Otra organización", "sector": "other", "joined_on": "2026-01-15"})
    assert refused.status_code == 401
