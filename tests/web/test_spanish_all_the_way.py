"""Issue 18, "Spanish all the way" and "jargon": a Spanish page never shows a check code, a CLI command to the
public, a field key, a raw id, an IANA zone name, a UTC day or English; the inbox finds a contribution by its
public reference. (Some Spanish words here come from the catalog entries of this change.)"""
from __future__ import annotations

import re

import pytest

from tests.support.builders_plans import held_session
from tests.web import story
from tests.web.conftest import csrf_token, sign_in
from tests.web.test_commitment_pages import admin_api, the_commitment
from tracker.queries.public_pages import reference_of

CHECK_CODE = re.compile(r"\bS\.[a-z_]+|>\s*\d\.\d(\.\d)?\s*<")


def text_of(response) -> str:
    assert response.status_code == 200
    return response.get_data(as_text=True)


def section(page: str, start: str, end: str) -> str:
    return page[page.index(start):page.index(end, page.index(start))]


@pytest.mark.both_engines  # this module's smoke test on PostgreSQL
def test_the_public_page_names_checks_by_their_question_and_tells_citizens_how_to_check_in_words(client, told):
    page = text_of(client.get(f"/forums/{told.forum}?lang=es"))
    glance = section(page, 'id="compliance"', 'id="members"')
    assert "¿Existe un foro?" in glance
    assert not CHECK_CODE.search(glance)
    assert "_" not in re.sub(r"<[^>]*>", "", glance)  # no option code ("new_regulation_policy_practice")
    head = section(page, 'id="log-head"', "</section>")
    assert "tracker events verify" not in head and "Cómo comprobarlo" in head
    assert "America/" not in page and "hora de Perú" in page


def test_the_dashboard_names_checks_by_their_question(client, told):
    sign_in(client, story.SECRETARIAT)
    page = text_of(client.get(f"/forums/{told.forum}/dashboard?lang=es"))
    assert "¿Existe un foro?" in page
    assert not CHECK_CODE.search(page)
    assert "America/" not in page and "hora de Perú" in page


def test_an_answer_says_what_it_qualifies_and_section_3_options_are_words(web_app):
    from tracker.web.labels import answer_words

    with web_app.test_request_context("/?lang=es"):
        from flask import g
        from flask_babel import refresh
        g.forum_language = "es"
        refresh()
        assert answer_words("2.6", "very") == "Muy inclusivo y diverso"
        assert answer_words("3.1.3", "new_regulation_policy_practice").startswith("Nueva regulación")
        assert answer_words("1.1", "yes") == "Sí"


def test_the_commitment_revisions_name_fields_in_words_and_contributions_by_their_reference(web_app, client,
                                                                                           told):
    commitment = the_commitment(web_app, told)
    sign_in(client, story.SECRETARIAT)
    page_url = f"/commitments/{commitment}?lang=es"
    posted = client.post(f"/commitments/{commitment}/revision", data={
        "csrf_token": csrf_token(client, page_url), "reason": "Aporte de la junta vecinal",
        "description": "Con asambleas en cada distrito.", "from_contributions": [told.unsent]})
    assert posted.status_code == 302
    for reader in (client, web_app.test_client()):  # the secretariat, and anyone
        revisions = section(text_of(reader.get(page_url)), "Revisiones", "</table>")
        assert "Descripción" in revisions and ">description<" not in revisions
        assert f"Aporte {reference_of(told.unsent)}" in revisions
        assert "ctb_" not in re.sub(r'href="[^"]*"', "", revisions)
    public = section(text_of(web_app.test_client().get(page_url)), "Revisiones", "</table>")
    assert f'href="/forums/{told.forum}/contributions/{told.unsent}"' in public


def test_the_public_contribution_page_says_the_zone_in_words(client, told):
    page = text_of(client.get(f"/forums/{told.forum}/contributions/{told.unsent}?lang=es"))
    assert "America/" not in page and "hora de Perú" in page


def test_the_session_pickers_give_the_forums_day_and_time_not_utcs(web_app, client, told):
    # 20:30 in Lima is already the next day in UTC.
    held_session(admin_api(web_app), told.forum, held_at="2026-11-03T20:30:00-05:00", title="Sesión nocturna")
    sign_in(client, story.SECRETARIAT)
    page = text_of(client.get(f"/action-plans/{told.plan}/contributions?lang=es"))
    option = re.search(r"<option[^>]*>Sesión nocturna \(([^)]*)\)</option>", page).group(1)
    assert option == "3 nov 2026, 20:30"


def test_a_refused_sign_in_speaks_spanish_with_the_shared_error_summary(client, told):
    page = text_of(client.post("/login?lang=es", data={"csrf_token": csrf_token(client), "email": "",
                                                       "password": ""}))
    summary = section(page, 'id="errores"', "</div>")
    assert "No se registró nada" in summary
    assert 'href="#email"' in summary and "Escriba su correo electrónico." in summary
    assert 'href="#password"' in summary and "Escriba su contraseña." in summary
    assert "This field is required" not in page and "tracker users create" not in page


def test_the_inbox_finds_a_contribution_by_its_reference_or_by_words_of_its_text(client, told):
    sign_in(client, story.SECRETARIAT)
    inbox = f"/action-plans/{told.plan}/contributions?lang=es"
    by_reference = text_of(client.get(f"{inbox}&q={reference_of(told.unsent).lower()}"))
    assert f"/contributions/{told.unsent}" in by_reference and f"/contributions/{told.waiting}" not in by_reference
    assert f"Aporte {reference_of(told.unsent)}" in by_reference
    by_words = text_of(client.get(f"{inbox}&q=Aporte+{reference_of(told.unsent)}"))
    assert f"/contributions/{told.unsent}" in by_words and f"/contributions/{told.waiting}" not in by_words
    by_text = text_of(client.get(f"{inbox}&q=portal+datos+PUBLICAS"))
    assert f"/contributions/{told.unsent}" in by_text and f"/contributions/{told.waiting}" not in by_text
    assert "1 aporte encontrado" in by_text
