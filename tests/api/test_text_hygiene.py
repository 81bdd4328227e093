"""Texts over the API: names and titles are one line, names are stored cleaned and compared as people read them,
integers are integers within their meaning; every refusal is a 4xx naming the field, and nothing is appended."""
from __future__ import annotations

from datetime import UTC, datetime

import pytest

from events import NewEvent
from events.catalog.forums import OrganizationJoined
from events.envelope import Metadata
from tests.api.conftest import event_count
from tests.support.builders import designate, forum_body, join, new_forum
from tests.support.builders_sessions import schedule_session, session_body

#: The engine matters here: what is stored is read back from each engine's text columns.
pytestmark = pytest.mark.both_engines

RONDAS = "Asociación de Rondas Campesinas de Cajamarca"


def refused(api, app, path, body, field, status=422):
    """POST `body`; assert it is refused with `status`, under `field`, and that nothing was appended."""
    before = event_count(app)
    response = api.call("POST", path, body)
    assert response.status_code == status, (response.status_code, response.get_json())
    errors = response.get_json()["errors"]
    assert field in errors, errors
    assert event_count(app) == before
    return errors[field]


# -- one line -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("title", ["Sesión ordinaria\nde abril", "Sesión ordinaria\r\nde abril",
                                   "Sesión\tordinaria", "Sesión ordinaria\u2028de abril", "Sesión\x85ordinaria"])
def test_a_line_break_in_a_session_title_is_a_422_naming_the_field_and_nothing_is_appended(api, app, title):
    forum_id = new_forum(api)
    (message,) = refused(api, app, f"/forums/{forum_id}/sessions", session_body(title=title), "title")
    assert "single line" in message and f"U+{ord(next(c for c in title if not c.isprintable())):04X}" in message


def test_a_line_break_in_an_agenda_item_title_is_named_by_its_dotted_path(api, app):
    forum_id = new_forum(api)
    body = session_body(agenda=[{"title": "Bienvenida"}, {"title": "Mesas\nde trabajo"}])
    refused(api, app, f"/forums/{forum_id}/sessions", body, "agenda.1.title")


@pytest.mark.parametrize(("path", "body", "field"), [
    ("/forums", forum_body(name="Foro\nMultiactor"), "name"),
    ("/forums", forum_body(member="Cajamarca,\nPeru"), "member"),
    ("/forums", forum_body(legal_basis={"title": "Ordenanza\r012", "url": "https://example.org/o"}),
     "legal_basis.title"),
], ids=["forum_name", "member", "document_title"])
def test_a_line_break_in_a_forums_heading_is_refused(api, app, path, body, field):
    refused(api, app, path, body, field)


def test_a_representatives_name_refuses_control_characters_and_a_bidirectional_override(api, app):
    forum_id = new_forum(api)
    org = join(api, forum_id, "Gobierno Regional de Cajamarca", "government")
    path = f"/forums/{forum_id}/organizations/{org}/representatives"
    for name in ("Ana\x1bQuispe", "Ana\tQuispe", "Ana \u202eepsiuQ"):
        refused(api, app, path, {"name": name, "role": "primary", "designated_on": "2025-02-10"}, "name")


def test_a_free_text_keeps_its_line_breaks_and_refuses_other_control_characters(api, app):
    forum_id = new_forum(api)
    org = join(api, forum_id, "Colegio de Abogados de Cajamarca", "civil_society")
    refused(api, app, f"/forums/{forum_id}/organizations/{org}/withdrawal",
            {"left_on": "2025-07-01", "reason": "Renuncia\x07"}, "reason")
    api.post(f"/forums/{forum_id}/organizations/{org}/withdrawal",
             {"left_on": "2025-07-01", "reason": "Renuncia.\r\n\tAcuerdo de junta directiva."})
    left = {o["id"]: o for o in api.get(f"/forums/{forum_id}")["organizations"]}[org]
    assert left["left_reason"] == "Renuncia.\r\n\tAcuerdo de junta directiva."


# -- names as people read them ------------------------------------------------------------------------------


def test_a_spanish_name_with_accents_is_accepted_and_stored_as_given(api):
    forum_id = new_forum(api)
    org = join(api, forum_id, RONDAS, "civil_society")
    rep = designate(api, forum_id, org, "María Ñahui Chávez")
    forum = api.get(f"/forums/{forum_id}")
    assert {o["id"]: o["name"] for o in forum["organizations"]}[org] == RONDAS
    assert {r["id"]: r["name"] for r in forum["representatives"]}[rep] == "María Ñahui Chávez"


def test_a_name_is_stored_cleaned(api):
    forum_id = new_forum(api)
    org = join(api, forum_id, "  Red\u00a0Ciudadana\u200b  de\u3000Cajamarca ", "civil_society")
    assert {o["id"]: o["name"] for o in api.get(f"/forums/{forum_id}")["organizations"]}[org] == (
        "Red Ciudadana de Cajamarca")


@pytest.mark.parametrize("alike", [
    RONDAS.replace("de Rondas", "de\u00a0Rondas"),
    RONDAS.replace("Rondas", "Ron\u200bdas"),
    RONDAS.replace("Cajamarca", "C\u0430jamarca"),            # a Cyrillic а
    "Ａｓｏｃｉａｃｉóｎ ｄｅ Ｒｏｎｄａｓ Ｃａｍｐｅｓｉｎａｓ ｄｅ Ｃａｊａｍａｒｃａ",  # full-width letters
    RONDAS.upper(),
], ids=["nbsp", "zero_width_space", "cyrillic_a", "full_width", "upper_case"])
def test_a_look_alike_of_a_members_name_is_refused_as_a_duplicate(api, app, alike):
    forum_id = new_forum(api)
    join(api, forum_id, RONDAS, "civil_society")
    (message,) = refused(api, app, f"/forums/{forum_id}/organizations",
                         {"name": alike, "sector": "civil_society", "joined_on": "2025-03-01"}, "name", status=409)
    assert message == "already a member of this forum"


def test_a_right_to_left_override_in_a_name_is_refused_outright(api, app):
    forum_id = new_forum(api)
    join(api, forum_id, RONDAS, "civil_society")
    (message,) = refused(api, app, f"/forums/{forum_id}/organizations",
                         {"name": "\u202e" + RONDAS[::-1], "sector": "civil_society", "joined_on": "2025-03-01"},
                         "name")
    assert "bidirectional" in message and "U+202E" in message


@pytest.mark.parametrize("name", ["   ", "\u00a0\u00a0", "\u200b", "\u200b\u200d\ufeff"],
                         ids=["spaces", "nbsp", "zero_width_space", "invisibles"])
def test_a_name_of_only_spaces_or_invisible_characters_is_a_422(api, app, name):
    forum_id = new_forum(api)
    (message,) = refused(api, app, f"/forums/{forum_id}/organizations",
                         {"name": name, "sector": "media", "joined_on": "2025-03-01"}, "name")
    assert "letters or digits" in message
    refused(api, app, "/forums", forum_body(name=name), "name")


def test_a_name_stored_before_these_rules_still_blocks_its_look_alikes(api, app):
    """The log is never rewritten; what it holds is compared by its skeleton: a name stored with a no-break space
    (as the contract let through before) is matched by the plainly spaced one, and a different name is free."""
    forum_id = new_forum(api)
    store = app.extensions["tracker"].store
    version = store.read_stream(forum_id)[-1].stream_version
    old = OrganizationJoined("org_old_nbsp", "Colegio\u00a0de  Ingenieros", "academia", "2025-03-01")
    store.append(forum_id, [NewEvent(old, datetime(2025, 3, 1, 5, tzinfo=UTC))], version,
                 Metadata(actor="admin@example.org"), tenant_id=forum_id)
    refused(api, app, f"/forums/{forum_id}/organizations",
            {"name": "Colegio de Ingenieros", "sector": "academia", "joined_on": "2025-04-01"}, "name", status=409)
    join(api, forum_id, "Colegio de Arquitectos", "academia")


# -- integers -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("days", [7.5, "7", True, -1, 91])
def test_a_policy_integer_is_a_json_integer_within_its_range(api, app, days):
    refused(api, app, "/forums", forum_body(policy={"advance_notice_days": days}), "policy.advance_notice_days")


@pytest.mark.parametrize("attendees", [-1, 1_000_001, 12.5, "12"])
def test_public_attendees_is_an_integer_from_0_to_1_000_000(api, app, attendees):
    forum_id = new_forum(api)
    session_id = schedule_session(api, forum_id)
    before = event_count(app)
    response = api.call("POST", f"/sessions/{session_id}/record",
                        {"held_at": "2025-04-08T15:30:00-05:00", "public_attendees": attendees})
    assert response.status_code == 422 and "public_attendees" in response.get_json()["errors"]
    assert event_count(app) == before
