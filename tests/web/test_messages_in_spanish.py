"""Issue 18, "Spanish all the way": a refused form in Spanish says so in Spanish, naming fields by their labels,
in an error summary at the top that links to each field; never the API's English, never a field key."""
from __future__ import annotations

import re

import pytest

from tests.web import story
from tests.web.conftest import csrf_token, sign_in

ENGLISH = ("Missing", "Not a valid", "field", "must", "is in the future", "Must be one of", "Length")
KEYS = ("held_at", "received_on", "representative_id", "considered_on", "responded_on", "communicated_on",
        "scheduled_at", "author.", "_body")


def visible_text(html: str) -> str:
    """What a person reads: the page without its tags and attribute values."""
    html = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"<[^>]+>", " ", html)


def summary(html: str) -> str:
    match = re.search(r'<div class="alert"[^>]*id="errores".*?</div>', html, re.S)
    assert match, "no error summary"
    return match.group(0)


def refused(client, path: str, data: dict) -> str:
    data = {"csrf_token": csrf_token(client, path.split("#")[0] if "?" in path else _page_of(path)), **data}
    answer = client.post(path, data=data)
    assert answer.status_code in (409, 422), answer.status_code
    html = answer.get_data(as_text=True)
    text = visible_text(html)
    for word in ENGLISH + KEYS:
        assert word not in text, f"{word!r} on a Spanish page after posting to {path}"
    assert "Este campo es obligatorio." in text or "No se registró nada" in text
    return html


def _page_of(path: str) -> str:
    return {"consideration": path.rsplit("/", 1)[0], "response": path.rsplit("/", 1)[0],
            "communication": path.rsplit("/", 1)[0]}.get(path.rsplit("/", 1)[-1], path)


@pytest.fixture
def secretariat(client, told):
    sign_in(client, story.SECRETARIAT)
    client.get("/?lang=es")
    return client


@pytest.mark.both_engines
def test_an_empty_contribution_is_refused_in_spanish_with_a_summary_linking_each_field(secretariat, told):
    html = refused(secretariat, f"/action-plans/{told.plan}/contributions", {"channel": "", "received_on": ""})
    block = summary(html)
    assert 'tabindex="-1"' in block and 'role="alert"' in block
    assert '<a href="#text">Texto: Este campo es obligatorio.</a>' in block
    assert '<a href="#received_on">Recibido el: Este campo es obligatorio.</a>' in block
    assert 'action="/action-plans/' in html and '#errores"' in html


def test_a_bad_email_and_a_representative_with_a_name_are_said_in_spanish(secretariat, told):
    refused(secretariat, f"/action-plans/{told.plan}/contributions",
            {"text": "Algo", "received_on": "2025-10-01", "channel": "email", "author.name": "Rosa",
             "author.email": "no-es-un-correo"})


def test_a_date_in_the_future_is_said_in_spanish_with_the_day_written_out(secretariat, told):
    html = refused(secretariat, f"/contributions/{told.waiting}/consideration", {"considered_on": "2027-01-05"})
    assert "5 de enero de 2027" in html


def test_each_step_of_a_contribution_refuses_in_spanish(secretariat, told):
    refused(secretariat, f"/contributions/{told.waiting}/response", {"reasoning": " "})
    refused(secretariat, f"/contributions/{told.unsent}/communication", {"channel": "paloma"})


def test_the_session_forms_refuse_in_spanish(secretariat, told):
    refused(secretariat, f"/forums/{told.forum}/sessions", {"title": "", "scheduled_at": "mañana"})
    sessions = secretariat.get(f"/forums/{told.forum}/sessions").get_data(as_text=True)
    upcoming = re.search(rf'href="/sessions/(\w+)">[^<]*{story.NEXT_SESSION}', sessions).group(1)
    html = refused(secretariat, f"/sessions/{upcoming}/record",
                   {"held_at": "2026-12-15T10:00", "guests.0.name": "Invitada"})
    assert "Invitado 1: Sector" in visible_text(html) or "Invitado 1" in visible_text(html)


def test_the_roster_and_plan_forms_refuse_in_spanish(secretariat, told):
    refused(secretariat, f"/forums/{told.forum}/roster/organizations", {"name": "", "joined_on": "x"})
    refused(secretariat, f"/action-plans/{told.plan}/consultations", {"opens_on": "2026-12-01",
                                                                      "closes_on": "2026-11-01"})
