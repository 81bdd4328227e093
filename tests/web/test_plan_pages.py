"""The action plan page: its window and links, and forms that record a publication, the endorsement and its
withdrawal exactly as the API does, closed to those who may not write the forum."""
from __future__ import annotations

import re

import pytest

from tests.web import story
from tests.web.conftest import csrf_token, sign_in


def text_of(response) -> str:
    return response.get_data(as_text=True)


def log(web_app) -> list:
    return list(web_app.extensions["tracker"].store.read_all())


def rep_ids(client, forum: str) -> dict[str, str]:
    body = client.get(f"/api/v1/forums/{forum}").get_json()
    return {r["name"]: r["id"] for r in body["representatives"] if r["name"]}


def held_session(client, forum: str) -> str:
    sessions = client.get(f"/api/v1/forums/{forum}/sessions").get_json()
    return next(s["id"] for s in sessions if s["status"] == "held")


def post(client, path: str, data: dict):
    return client.post(path, data={"csrf_token": csrf_token(client, "/"), **data})


@pytest.mark.both_engines  # this area's smoke test on PostgreSQL
def test_the_plan_page_shows_its_window_links_and_publications(client, told):
    sign_in(client, story.SECRETARIAT)
    page = text_of(client.get(f"/action-plans/{told.plan}?lang=en"))
    assert "Plan de Acción de Gobierno Abierto de Cajamarca 2026-2027" in page
    assert "January 1, 2026" in page or "1 January 2026" in page
    assert f'href="/forums/{told.forum}/sessions"' in page
    assert "Gobierno Abierto Cajamarca" in page  # the story's publication
    assert "Record a publication" in page and "The plan has not been endorsed yet." in page


def test_recording_a_publication(web_app, client, told):
    sign_in(client, story.SECRETARIAT)
    answer = post(client, f"/action-plans/{told.plan}/publications",
                  {"kind": "draft_action_plan", "title": "Borrador del plan",
                   "url": "https://gobiernoabierto.cajamarca.gob.pe/borrador.pdf", "published_on": "2025-10-01"})
    assert answer.status_code == 302 and answer.headers["Location"] == f"/action-plans/{told.plan}"
    published = log(web_app)[-1]
    assert published.type == "PublicationMade" and published.data["title"] == "Borrador del plan"
    assert "Borrador del plan" in text_of(client.get(f"/action-plans/{told.plan}?lang=en"))


def test_an_invalid_publication_shows_the_apis_messages_and_keeps_what_was_typed(web_app, client, told):
    sign_in(client, story.SECRETARIAT)
    before = len(log(web_app))
    answer = post(client, f"/action-plans/{told.plan}/publications?lang=en",
                  {"kind": "ogp_webpage", "title": "Borrador", "url": "no es un enlace", "published_on": "2025-10-01",
                   "sha256": "abc"})
    page = text_of(answer)
    assert answer.status_code == 422
    assert re.search(r'id="url-error">Enter a web address that starts with https://', page)
    assert 'value="no es un enlace"' in page and 'value="Borrador"' in page
    assert len(log(web_app)) == before


def test_a_publication_naming_a_session_must_be_one_of_its_documents(web_app, client, told):
    sign_in(client, story.SECRETARIAT)
    answer = post(client, f"/action-plans/{told.plan}/publications?lang=en",
                  {"kind": "ogp_webpage", "title": "Portal", "url": "https://gobiernoabierto.cajamarca.gob.pe/",
                   "published_on": "2025-10-01", "session_id": held_session(client, told.forum)})
    assert answer.status_code == 422
    assert re.search(r'id="session_id-error">Only an agenda, materials or minutes name a session', text_of(answer))


def test_recording_the_endorsement_then_withdrawing_it(web_app, client, told):
    sign_in(client, story.SECRETARIAT)
    people = rep_ids(client, told.forum)
    form = text_of(client.get(f"/action-plans/{told.plan}/endorsement?lang=en"))
    assert f'value="{people["Ana Quispe"]}"' in form
    answer = post(client, f"/action-plans/{told.plan}/endorsement",
                  {"endorsed_on": "2025-11-20", "session_id": held_session(client, told.forum),
                   "signed_by": [people["Ana Quispe"], people["Jorge Díaz"]]})
    assert answer.status_code == 302, text_of(answer)
    endorsed = log(web_app)[-1]
    assert endorsed.type == "PlanEndorsed"
    assert endorsed.data["signed_by"] == [people["Ana Quispe"], people["Jorge Díaz"]]
    page = text_of(client.get(f"/action-plans/{told.plan}?lang=en"))
    link = re.search(r'href="(/endorsements/[^"]+/withdrawal)"', page)
    assert link and "Ana Quispe" in page
    assert post(client, link.group(1), {"withdrawn_on": "2026-01-10", "reason": "Se reabre el plan"}).status_code == 302
    assert log(web_app)[-1].type == "EndorsementWithdrawn"
    assert "withdrawn on" in text_of(client.get(f"/action-plans/{told.plan}?lang=en"))


def test_an_endorsement_the_record_forbids_shows_why_beside_the_field(web_app, client, told):
    sign_in(client, story.SECRETARIAT)
    people = rep_ids(client, told.forum)
    before = len(log(web_app))
    answer = post(client, f"/action-plans/{told.plan}/endorsement?lang=en",
                  {"endorsed_on": "2025-11-20", "signed_by": [people["Ana Quispe"]], "document.url": "x"})
    assert answer.status_code == 422
    assert re.search(r'id="document.title-error">This field is required', text_of(answer))
    assert re.search(rf'value="{people["Ana Quispe"]}" checked', text_of(answer))
    assert len(log(web_app)) == before


@pytest.mark.parametrize("email", [story.EVALUATOR, story.OTHER_SECRETARIAT])
def test_those_who_may_not_write_are_refused(web_app, client, told, email):
    sign_in(client, email)
    before = len(log(web_app))
    answer = post(client, f"/action-plans/{told.plan}/publications",
                  {"kind": "other", "title": "X", "url": "https://example.org/", "published_on": "2025-10-01"})
    assert answer.status_code == 403
    assert len(log(web_app)) == before
    page = client.get(f"/action-plans/{told.plan}?lang=en")
    if email == story.EVALUATOR:
        assert "read-only" in text_of(page) and "Record a publication" not in text_of(page)
    else:
        assert page.status_code == 403


def test_anonymous_visitors_are_sent_to_sign_in(client, told):
    answer = client.get(f"/action-plans/{told.plan}")
    assert answer.status_code == 302 and answer.headers["Location"].startswith("/login")


def test_an_unknown_plan_or_endorsement_is_not_found(client, told):
    sign_in(client, story.SECRETARIAT)
    assert client.get("/action-plans/pln_nothing").status_code == 404
    assert client.get("/endorsements/end_nothing_1/withdrawal").status_code == 404
    assert client.get("/endorsements/garbage/withdrawal").status_code == 404
