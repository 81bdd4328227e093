"""Issue 17: the calendar feed escapes what people wrote as RFC 5545 TEXT. A CR or LF (or NEL, U+2028) in a
forum's name, a session's title, venue, agenda, materials or cancellation reason cannot end the property and
start another; backslash, semicolon and comma are escaped; every line is folded to 75 octets. The contract now
refuses line breaks in names, but a reason keeps them and the log keeps what was recorded before."""
from __future__ import annotations

import re

import icalendar
import vobject
from hypothesis import given
from hypothesis import strategies as st

from tests.support.builders import new_forum
from tests.support.builders_sessions import announce_session, cancel_session, schedule_session
from tracker.calendar_feed import forum_calendar, forum_sessions, ics_bytes, one_line
from tracker.domain.streams import FORUM

#: A text that would forge properties if written as it is.
FORGED = ("Sesión\r\nDESCRIPTION:falsa\rATTENDEE:mailto:x@evil.example\nX-EVIL:1;a,b\\c\r\nLOCATION:otra"
          "\u2028STATUS:CANCELLED\u2029END:VEVENT\tz")
#: Every property name the feed writes (VCALENDAR, VEVENT and VTIMEZONE).
OWN = {"BEGIN", "END", "PRODID", "VERSION", "CALSCALE", "METHOD", "X-WR-CALNAME", "X-WR-TIMEZONE", "UID", "DTSTAMP",
       "CREATED", "LAST-MODIFIED", "SEQUENCE", "DTSTART", "DTEND", "SUMMARY", "LOCATION", "URL", "DESCRIPTION",
       "STATUS", "TRANSP", "TZID", "TZNAME", "TZOFFSETFROM", "TZOFFSETTO", "RRULE", "RDATE", "COMMENT",
       "X-LIC-LOCATION"}


def forged_calendar(app, api) -> bytes:
    """A forum with a session (agenda, materials) and a cancelled one, its texts then forged as a record logged
    before the contract refused line breaks in names might hold them; the feed made from it."""
    forum_id = new_forum(api, name="Foro de Cajamarca")
    agenda = [{"title": "Punto uno"}, {"title": "Otro punto"}]
    session = schedule_session(api, forum_id, title="Sesión", venue="https://meet.example.org/x",
                               scheduled_at="2026-12-10T15:00:00-05:00", agenda=agenda)
    announce_session(api, session, announced_on="2026-11-20",
                     materials=[{"title": "Agenda", "url": "https://example.org/a;b,c"}])
    cancelled = schedule_session(api, forum_id, title="Sesión de febrero", scheduled_at="2027-02-11T15:00:00-05:00")
    cancel_session(api, cancelled, reason=FORGED)  # a reason may hold line breaks
    store = app.extensions["tracker"].store
    forum = FORUM.fold(store.read_stream(forum_id))
    assert forum is not None
    forum.name = f"Foro {FORGED}"
    entries = forum_sessions(store, forum_id)
    state = next(e.state for e in entries if e.state.id == session)
    state.title, state.venue = FORGED, f"https://meet.example.org/x\n{FORGED}"
    state.agenda = [{"title": f"Punto {FORGED}"}, {"title": "Otro punto"}]
    state.announcement = {**(state.announcement or {}), "materials": [{"title": FORGED, "url": "https://example.org/a;b,c"}]}
    return ics_bytes(forum_calendar(forum, entries))


def test_a_reason_with_line_breaks_is_one_value_in_the_public_feed(api):
    forum_id = new_forum(api, name="Foro de Cajamarca")
    cancel_session(api, schedule_session(api, forum_id, title="Sesión"), reason=FORGED)
    response = api.as_(None).call("GET", f"/forums/{forum_id}/calendar.ics")
    assert response.status_code == 200
    unfolded = re.sub(rb"\r\n[ \t]", b"", response.data).decode("utf-8").split("\r\n")
    assert not [line for line in unfolded if line.startswith(("ATTENDEE", "X-EVIL", "END:VEVENTz"))]
    assert sum(line.startswith("DESCRIPTION") for line in unfolded) == 1
    event = icalendar.Calendar.from_ical(response.data).walk("VEVENT")[0]
    assert one_line(FORGED) in str(event["DESCRIPTION"]) and str(event["STATUS"]) == "CANCELLED"


def test_no_text_starts_a_property_and_every_line_is_folded(app, api):
    ics = forged_calendar(app, api)
    assert ics.endswith(b"\r\n")
    physical = ics[:-2].split(b"\r\n")
    assert not any(b"\r" in line or b"\n" in line for line in physical)
    assert all(len(line) <= 75 for line in physical), max(physical, key=len)
    unfolded = re.sub(rb"\r\n[ \t]", b"", ics).decode("utf-8").split("\r\n")[:-1]
    names = {re.match(r"[A-Z0-9-]+", line).group(0) for line in unfolded}  # type: ignore[union-attr]
    assert names <= OWN, names - OWN
    assert "X-EVIL" not in names and "ATTENDEE" not in names
    assert sum(line.startswith("BEGIN:VEVENT") for line in unfolded) == 2
    assert sum(line.startswith(("SUMMARY", "LOCATION", "DESCRIPTION", "STATUS")) for line in unfolded) == 2 + 2 + 2 + 2
    assert not any(re.search("[\x00-\x1f\x7f-\x9f\u2028\u2029]", line) for line in unfolded)


def test_both_parsers_read_each_text_back_as_one_value(app, api):
    ics = forged_calendar(app, api)
    flat = one_line(FORGED)
    assert "\n" not in flat and "X-EVIL:1;a,b\\c" in flat
    cal = icalendar.Calendar.from_ical(ics)
    assert str(cal["X-WR-CALNAME"]).replace("\\", "") == f"Foro {flat}".replace("\\", "")  # X-: kept escaped
    event = next(e for e in cal.walk("VEVENT") if str(e["SUMMARY"]) == flat)
    assert str(event["LOCATION"]) == f"https://meet.example.org/x {flat}" and "URL" not in event
    description = str(event["DESCRIPTION"]).split("\n")
    assert f"1. Punto {flat}" in description and "2. Otro punto" in description
    assert f"- {flat}: https://example.org/a;b,c" in description
    cancelled = next(e for e in cal.walk("VEVENT") if str(e["STATUS"]) == "CANCELLED")
    assert flat in str(cancelled["DESCRIPTION"]) and "\n" not in str(cancelled["DESCRIPTION"])
    other = vobject.readOne(ics.decode("utf-8"))
    assert {e.summary.value for e in other.vevent_list} == {flat, "Sesión de febrero"}
    assert other.contents["x-wr-calname"][0].value == f"Foro {flat}"
    assert {e.status.value for e in other.vevent_list} == {"CONFIRMED", "CANCELLED"}


def test_the_raw_lines_escape_backslash_semicolon_and_comma(app, api):
    ics = forged_calendar(app, api)
    unfolded = re.sub(rb"\r\n[ \t]", b"", ics).decode("utf-8")
    assert "X-EVIL:1\\;a\\,b\\\\c" in unfolded
    assert "https://example.org/a\\;b\\,c" in unfolded


@given(st.text())
def test_one_line_has_no_line_break_or_control_character(text):
    flat = one_line(text)
    assert not re.search("[\x00-\x1f\x7f-\x9f\u2028\u2029]", flat) and flat == flat.strip()
