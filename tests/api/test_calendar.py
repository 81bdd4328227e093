"""GET /forums/{id}/calendar.ics: the forum's sessions as an RFC 5545 calendar, read by two independent parsers
(`icalendar`, which builds it, and `vobject`), public, naming no person."""
from __future__ import annotations

from datetime import datetime, timedelta

import icalendar
import pytest
import vobject

from tests.support.builders_reminders import EMAILS, members_with_emails, session
from tests.support.builders_sessions import announce_session, hold_session


def feed(api, forum_id: str):
    response = api.as_(None).call("GET", f"/forums/{forum_id}/calendar.ics")
    assert response.status_code == 200, response.get_json()
    assert response.mimetype == "text/calendar"
    return response.data


def by_uid(ics: bytes) -> dict[str, icalendar.Event]:
    return {str(e["UID"]): e for e in icalendar.Calendar.from_ical(ics).walk("VEVENT")}


@pytest.fixture
def record(api, clock):
    """Four sessions: one scheduled with its agenda and materials, one moved twice, one cancelled, one held."""
    r = members_with_emails(api)
    r.plain = session(api, r.forum_id, "2026-12-10T15:00:00-05:00")
    announce_session(api, r.plain, announced_on="2026-11-20")
    r.moved = session(api, r.forum_id, "2027-01-14T15:00:00-05:00", title="Sesión ordinaria de enero",
                      venue="https://meet.jit.si/foro-cajamarca", modality="virtual")
    for when in ("2027-01-21T15:00:00-05:00", "2027-01-28T10:00:00-05:00"):
        api.post(f"/sessions/{r.moved}/rescheduling", {"scheduled_at": when})
    r.cancelled = session(api, r.forum_id, "2027-02-11T15:00:00-05:00", title="Sesión ordinaria de febrero")
    api.post(f"/sessions/{r.cancelled}/cancellation", {"reason": "Carnaval de Cajamarca"})
    r.held = session(api, r.forum_id, "2026-11-12T15:00:00-05:00", title="Sesión ordinaria de noviembre")
    hold_session(api, r.held, held_at="2026-11-12T15:10:00-05:00")
    return r


@pytest.mark.both_engines  # this area's smoke test on PostgreSQL
def test_every_session_is_one_event_with_a_stable_uid_local_times_and_its_status(api, record):
    ics = feed(api, record.forum_id)
    events = by_uid(ics)
    assert set(events) == {f"{sid}@cocreation-tracker" for sid in (record.plain, record.moved, record.cancelled,
                                                                    record.held)}
    plain = events[f"{record.plain}@cocreation-tracker"]
    assert plain.decoded("DTSTART") == datetime.fromisoformat("2026-12-10T15:00:00-05:00")
    assert plain["DTSTART"].params["TZID"] == "America/Lima"
    assert plain.decoded("DTEND") - plain.decoded("DTSTART") == timedelta(hours=2)
    assert str(plain["SUMMARY"]) == "Sesión ordinaria de diciembre"
    assert str(plain["LOCATION"]).startswith("Sala de sesiones del Gobierno Regional")
    assert (str(plain["STATUS"]), int(plain["SEQUENCE"])) == ("CONFIRMED", 0)
    description = str(plain["DESCRIPTION"])
    assert "1. Avance de los compromisos" in description
    assert "Agenda y matriz de propuestas: https://gobiernoabierto.cajamarca.gob.pe/agenda-3.pdf" in description
    assert "DTSTAMP" in plain and "VTIMEZONE" in ics.decode()

    moved = events[f"{record.moved}@cocreation-tracker"]
    assert int(moved["SEQUENCE"]) == 2
    assert moved.decoded("DTSTART") == datetime.fromisoformat("2027-01-28T10:00:00-05:00")
    assert str(moved["URL"]) == "https://meet.jit.si/foro-cajamarca"

    cancelled = events[f"{record.cancelled}@cocreation-tracker"]
    assert (str(cancelled["STATUS"]), int(cancelled["SEQUENCE"])) == ("CANCELLED", 1)
    assert "Carnaval de Cajamarca" in str(cancelled["DESCRIPTION"])
    assert str(events[f"{record.held}@cocreation-tracker"]["STATUS"]) == "CONFIRMED"


def test_a_second_independent_parser_reads_the_same_calendar(api, record):
    cal = vobject.readOne(feed(api, record.forum_id).decode("utf-8"))
    assert cal.version.value == "2.0"
    events = {e.uid.value: e for e in cal.vevent_list}
    assert len(events) == 4
    moved = events[f"{record.moved}@cocreation-tracker"]
    assert moved.dtstart.value == datetime.fromisoformat("2027-01-28T10:00:00-05:00")
    assert moved.sequence.value == "2"
    assert events[f"{record.cancelled}@cocreation-tracker"].status.value == "CANCELLED"
    plain = events[f"{record.plain}@cocreation-tracker"]
    assert plain.summary.value == "Sesión ordinaria de diciembre"
    assert "2. Calendario de 2027" in plain.description.value


def test_rescheduling_raises_the_sequence_and_keeps_the_uid_and_an_unchanged_record_gives_the_same_bytes(
        api, record):
    first = feed(api, record.forum_id)
    assert feed(api, record.forum_id) == first
    api.post(f"/sessions/{record.plain}/rescheduling", {"scheduled_at": "2026-12-11T15:00:00-05:00"})
    after = by_uid(feed(api, record.forum_id))[f"{record.plain}@cocreation-tracker"]
    before = by_uid(first)[f"{record.plain}@cocreation-tracker"]
    assert int(after["SEQUENCE"]) == int(before["SEQUENCE"]) + 1
    assert after.decoded("DTSTAMP") >= before.decoded("DTSTAMP")
    assert after.decoded("DTSTART") == datetime.fromisoformat("2026-12-11T15:00:00-05:00")


def test_the_calendar_is_public_and_names_nobody(api, record):
    text = feed(api, record.forum_id).decode("utf-8")
    for private in (*EMAILS.values(), "Ana Quispe", "Jorge Díaz"):
        assert private not in text


def test_a_forum_without_sessions_has_an_empty_valid_calendar(api):
    forum_id = members_with_emails(api).forum_id
    ics = feed(api, forum_id)
    assert icalendar.Calendar.from_ical(ics).walk("VEVENT") == []
    assert vobject.readOne(ics.decode("utf-8")).name == "VCALENDAR"


@pytest.mark.parametrize("forum_id", ["frm_unknown", "ses_0123456789abcdef0123", "x" * 300, "frm_%00",
                                      "frm_Ñandú", "..%2f..%2fetc"])
def test_an_unknown_or_malformed_forum_id_is_a_404_in_the_apis_error_shape(api, record, forum_id):
    response = api.as_(None).call("GET", f"/forums/{forum_id}/calendar.ics")
    assert response.status_code == 404
    body = response.get_json()
    assert set(body) == {"code", "status", "message", "errors"} and body["code"] == 404


def test_a_session_id_is_not_a_forum(api, record):
    assert api.as_(None).call("GET", f"/forums/{record.plain}/calendar.ics").status_code == 404


def test_the_openapi_document_describes_the_calendar(api):
    spec = api.as_(None).get("/openapi.json")
    operation = spec["paths"]["/api/v1/forums/{forum_id}/calendar.ics"]["get"]
    assert "text/calendar" in operation["responses"]["200"]["content"]
    assert "404" in operation["responses"]
