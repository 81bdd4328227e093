"""Issue 18: the secretariat's working pages: a contribution shows only its next step's form, nothing
pre-selected, a note when the contributor is emailed; attendance takes as many guests as needed; consultations
opened and extended from the plan page."""
from __future__ import annotations

import re

import pytest

from tests.web import story
from tests.web.conftest import csrf_token, sign_in


@pytest.fixture
def secretariat(client, told):
    sign_in(client, story.SECRETARIAT)
    client.get("/?lang=en")
    return client


def forms_on(html: str) -> list[str]:
    return re.findall(r'action="/contributions/\w+/(consideration|response|communication)', html)


@pytest.mark.both_engines
def test_a_contribution_shows_only_its_next_step_with_no_decision_chosen(secretariat, told):
    path = f"/contributions/{told.waiting}"
    assert forms_on(secretariat.get(path).get_data(as_text=True)) == ["consideration"]
    html = secretariat.get(path + "?step=respond").get_data(as_text=True)
    assert forms_on(html) == ["response"]
    decision = re.search(r'<select id="decision".*?</select>', html, re.S).group(0)
    assert re.findall(r"<option [^>]*selected", decision) == ['<option value="" selected']
    assert 'id="emailed-note"' in html  # Ana is a representative with an email; the forum emails responses
    token = csrf_token(secretariat, path)
    secretariat.post(f"{path}/consideration", data={"csrf_token": token, "considered_on": "2025-10-15"})
    assert forms_on(secretariat.get(path).get_data(as_text=True)) == ["response"]
    assert forms_on(secretariat.get(f"/contributions/{told.unsent}").get_data(as_text=True)) == ["communication"]


def test_the_note_says_a_member_of_the_public_who_left_an_email_is_emailed(secretariat, told):
    assert 'id="emailed-note"' in secretariat.get(f"/contributions/{told.unsent}").get_data(as_text=True)


def test_pickers_offer_only_held_sessions_where_a_held_one_is_meant(secretariat, told):
    html = secretariat.get(f"/contributions/{told.waiting}").get_data(as_text=True)
    picker = re.search(r'<select id="session_id".*?</select>', html, re.S).group(0)
    assert "Sesión de aprobación del plan" in picker and story.NEXT_SESSION not in picker


def test_attendance_takes_five_guests(secretariat, told):
    sessions = secretariat.get(f"/forums/{told.forum}/sessions").get_data(as_text=True)
    session = re.search(rf'href="/sessions/(\w+)">[^<]*{story.NEXT_SESSION}', sessions).group(1)
    path = f"/sessions/{session}/record"
    token = csrf_token(secretariat, path)
    data = {"csrf_token": token, "held_at": "2026-11-18T10:00", "guest_rows": "2"}
    for i in range(5):
        if i >= 2:  # "Add another guest" three times, without JavaScript
            html = secretariat.post(path, data={**data, "add_guest": "1"}).get_data(as_text=True)
            assert f'name="guests.{i}.name"' in html
            assert f'value="Invitada {i - 1}"' in html
            data["guest_rows"] = str(i + 1)
        data.update({f"guests.{i}.name": f"Invitada {i}", f"guests.{i}.sector": "civil_society"})
    done = secretariat.post(path, data=data)
    assert done.status_code == 302
    page = secretariat.get(f"/sessions/{session}").get_data(as_text=True)
    assert all(f"Invitada {i}" in page for i in range(5))


def test_a_consultation_is_opened_and_extended_from_the_plan_page(secretariat, told):
    plan = secretariat.get(f"/action-plans/{told.plan}").get_data(as_text=True)
    assert f'href="/action-plans/{told.plan}/consultations#consultas"' in plan
    path = f"/action-plans/{told.plan}/consultations"
    token = csrf_token(secretariat, path)
    opened = secretariat.post(path, data={"csrf_token": token, "opens_on": "2026-11-01", "closes_on": "2026-11-30",
                                          "channel": "public_consultation"})
    assert opened.status_code == 302
    plan = secretariat.get(f"/action-plans/{told.plan}").get_data(as_text=True)
    extend = re.search(r'href="(/consultations/\w+/extension)#consultas"', plan).group(1)
    extended = secretariat.post(extend, data={"csrf_token": csrf_token(secretariat, extend),
                                              "closes_on": "2026-12-15", "reason": "Más tiempo para las provincias."})
    assert extended.status_code == 302
    assert "December 15, 2026" in secretariat.get(f"/action-plans/{told.plan}").get_data(as_text=True)
