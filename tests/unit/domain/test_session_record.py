"""A session's record and minutes (tracker.domain.session.hold, .record_minutes): who attended, and the minutes."""
from __future__ import annotations

from datetime import date, datetime

import pytest

from events.catalog.sessions import MinutesRecorded, SessionAnnounced, SessionCancelled, SessionHeld
from tests.unit import given
from tests.unit.given import NOW, SESSION_AT, TOMORROW, at, lima
from tracker.domain import session as rules
from tracker.domain.commands import Correction, Document
from tracker.domain.errors import Conflict, InvalidField

DOC = {"title": "Acta de la sesión 1", "url": "https://gob.example.org/acta-1.pdf", "sha256": None}
ANNOUNCED = SessionAnnounced("ses_1", "2026-01-10", ["email"], [])
HELD = SessionHeld("ses_1", SESSION_AT, [{"representative_id": "rep_ana", "organization_id": "org_gov",
                                          "sector": "government"}], 12)
MINUTES = MinutesRecorded("ses_1", DOC, "2026-01-27", ["rep_ana"])
CANCELLED = SessionCancelled("ses_1", "no quorum")
ANA, BETO = rules.RepresentativeAttendee("rep_ana"), rules.RepresentativeAttendee("rep_beto")
GUEST = rules.GuestAttendee(" Luz Mamani ", "youth", " ")

# -- commands, as the API's schemas load them ------------------------------------------------------------


def hold_cmd(held_at="2026-01-20T15:05:00-05:00", attendance=(ANA, BETO, GUEST),
             correction=None) -> rules.RecordSession:
    return rules.RecordSession(at(held_at) if isinstance(held_at, str) else held_at, tuple(attendance), 12,
                               Correction(correction) if correction else None)


def minutes_cmd(approved_on=date(2026, 1, 27), signed_by=("rep_ana", "rep_beto"),
                correction=None, published_on=None) -> rules.RecordMinutes:
    return rules.RecordMinutes(Document(**DOC), approved_on, tuple(signed_by),
                               Correction(correction) if correction else None, published_on)


# -- hold ------------------------------------------------------------------------------------------------


def test_how_is_a_session_recorded_as_held():
    """Is the session held at its instant (in UTC), its representatives resolved against that day's roster and a
    guest recorded as a person of their own, named by the session and their place?"""
    event = given.only(rules.hold(given.forum(), given.session(ANNOUNCED), hold_cmd(), NOW))
    assert event.payload == SessionHeld("ses_1", "2026-01-20T20:05:00+00:00", [
        {"representative_id": "rep_ana", "organization_id": "org_gov", "sector": "government"},
        {"representative_id": "rep_beto", "organization_id": "org_cso", "sector": "civil_society"},
        {"person_id": "per_ses_1_2", "name": "Luz Mamani", "organization": None, "sector": "youth"},
    ], 12, None)
    assert event.occurred_at == at("2026-01-20T20:05:00+00:00")


def test_how_is_the_record_of_a_session_corrected_up_to_the_day_of_its_minutes():
    """Is a repeated record, moved to the day the minutes were approved, recorded as a correction?"""
    cmd = hold_cmd("2026-01-27T10:00:00-05:00", attendance=(ANA,), correction="it was held a week later")
    payload = given.only(rules.hold(given.forum(), given.session(HELD, MINUTES), cmd, NOW)).payload
    assert (payload.held_at, payload.correction_reason) == ("2026-01-27T15:00:00+00:00", "it was held a week later")


@pytest.mark.parametrize(("history", "cmd", "error", "why"), [
    ([], hold_cmd("2026-03-01T09:00:01-05:00"), InvalidField, "held_at: .* is in the future"),
    ([], hold_cmd(datetime(2026, 1, 20, 15, 0)), InvalidField, "held_at: an instant needs an offset"),
    ([], hold_cmd("2025-02-09T10:00:00-05:00"), Conflict, "held_at: 2025-02-09 is before the forum was established"),
    ([], hold_cmd(attendance=(ANA, BETO, ANA)), InvalidField,
     "attendance.2.representative_id: rep_ana is listed more than once"),
    ([CANCELLED], hold_cmd(), Conflict, r"the session was cancelled \(no quorum\); cannot record it as held"),
    ([HELD], hold_cmd(), Conflict, "Record of the session: already recorded; send a correction with a reason"),
    ([], hold_cmd(correction="typo"), Conflict, r"nothing to correct yet \(record of the session\)"),
    ([ANNOUNCED], hold_cmd("2026-01-09T15:00:00-05:00"), Conflict,
     "held_at: 2026-01-09 is before the session was announced on 2026-01-10"),
    ([HELD, MINUTES], hold_cmd("2026-01-28T10:00:00-05:00", correction="moved"), Conflict,
     "held_at: 2026-01-28 is after the minutes were approved on 2026-01-27"),
    ([], hold_cmd(attendance=(ANA, rules.RepresentativeAttendee("rep_carla"))), Conflict,
     "attendance.1.representative_id: Carla Soto was not a current representative on 2026-01-20: was withdrawn"),
    ([], hold_cmd(attendance=(rules.RepresentativeAttendee("rep_x"),)), Conflict,
     "attendance.0.representative_id: rep_x is not a representative of this forum"),
], ids=["future", "no_offset", "before_forum", "attendee_twice", "cancelled", "repeated", "correction_of_nothing",
        "before_announcement", "after_minutes", "attendee_withdrawn", "attendee_unknown"])
def test_when_may_a_session_not_be_recorded_as_held(history, cmd, error, why):
    """Is a record in the future or without an offset, before the forum, listing someone twice, of a cancelled
    session, repeated without a correction or correcting nothing, before the announcement, after the minutes, or
    naming someone who was not a current representative that day refused?"""
    with pytest.raises(error, match=why):
        rules.hold(given.forum(), given.session(*history), cmd, NOW)


def test_does_the_refusal_of_an_attendee_listed_twice_name_the_repeat_even_when_a_guest_comes_first():
    """The refusal names the repeated entry by its place in the whole attendance list, guests counted: here the
    third entry (attendance.2), not Ana's first, valid one."""
    with pytest.raises(InvalidField, match="attendance.2.representative_id: rep_ana is listed more than once") as e:
        rules.hold(given.forum(), given.session(), hold_cmd(attendance=(GUEST, ANA, ANA)), NOW)
    assert list(e.value.errors) == ["attendance.2.representative_id"]


# -- minutes ---------------------------------------------------------------------------------------------


def test_how_are_a_sessions_minutes_recorded_on_the_day_it_was_held():
    """Are the minutes recorded with their document and signers, approved the very day the session was held?"""
    event = given.only(rules.record_minutes(given.forum(), given.session(HELD), minutes_cmd(date(2026, 1, 20)), NOW))
    assert event.payload == MinutesRecorded("ses_1", DOC, "2026-01-20", ["rep_ana", "rep_beto"], None)
    assert event.occurred_at == lima(date(2026, 1, 20))


def test_how_are_minutes_recorded_with_the_day_they_were_published():
    """Is the day the minutes were made public kept in the event, and in the session's minutes, when given (and
    left out of the stored data when not, so older minutes keep their exact bytes)?"""
    cmd = minutes_cmd(published_on=date(2026, 1, 29))
    payload = given.only(rules.record_minutes(given.forum(), given.session(HELD), cmd, NOW)).payload
    assert payload == MinutesRecorded("ses_1", DOC, "2026-01-27", ["rep_ana", "rep_beto"], None, "2026-01-29")
    assert payload.to_data()["published_on"] == "2026-01-29"
    assert "published_on" not in MINUTES.to_data()
    assert given.session(HELD, payload).minutes["published_on"] == date(2026, 1, 29)
    assert given.session(HELD, MINUTES).minutes["published_on"] is None
    same_day = minutes_cmd(published_on=date(2026, 1, 27))
    assert given.only(rules.record_minutes(given.forum(), given.session(HELD), same_day, NOW)).payload.published_on \
        == "2026-01-27"


def test_how_are_the_comments_collected_recorded_with_the_minutes():
    """Are the comments kept with their organization (or none), their text trimmed, in the event and in the
    session's minutes; and left out of the stored data when there are none, so older minutes keep their bytes?"""
    cmd = rules.RecordMinutes.of({"document": DOC, "approved_on": date(2026, 1, 27), "comments": [
        {"organization_id": "org_cso", "text": "  Publicar el cronograma\nde obras.  "}, {"text": "Bien."}]})
    payload = given.only(rules.record_minutes(given.forum(), given.session(HELD), cmd, NOW)).payload
    assert payload.comments == [{"organization_id": "org_cso", "text": "Publicar el cronograma\nde obras."},
                                {"organization_id": None, "text": "Bien."}]
    assert payload.to_data()["comments"] == payload.comments
    assert "comments" not in MINUTES.to_data()
    assert given.session(HELD, payload).minutes["comments"] == payload.comments
    assert given.session(HELD, MINUTES).minutes["comments"] == []


@pytest.mark.parametrize(("comment", "why"), [
    (rules.MinutesComment("Bien.", "org_x"), "comments.0.organization_id: org_x is not an organization of this forum"),
    (rules.MinutesComment(" \n\t "), "comments.0.text: a comment needs some text"),
], ids=["unknown_organization", "blank"])
def test_when_may_a_comment_not_be_recorded(comment, why):
    """Is a comment of an organization not of the forum, or one with no text, refused, naming it?"""
    cmd = rules.RecordMinutes(Document(**DOC), date(2026, 1, 27), comments=(comment,))
    with pytest.raises(InvalidField, match=why):
        rules.record_minutes(given.forum(), given.session(HELD), cmd, NOW)


def test_how_are_minutes_corrected():
    """Are repeated minutes recorded as a correction, with its reason?"""
    cmd = minutes_cmd(signed_by=("rep_ana",), correction="a signature was missing")
    payload = given.only(rules.record_minutes(given.forum(), given.session(HELD, MINUTES), cmd, NOW)).payload
    assert (payload.signed_by, payload.correction_reason) == (["rep_ana"], "a signature was missing")


@pytest.mark.parametrize(("history", "cmd", "error", "why"), [
    ([HELD], minutes_cmd(TOMORROW), InvalidField, "approved_on: 2026-03-02 is in the future"),
    ([HELD], minutes_cmd(signed_by=("rep_ana", "rep_beto", "rep_ana")), InvalidField,
     "signed_by.2: rep_ana is listed more than once"),
    ([CANCELLED], minutes_cmd(), Conflict, r"the session was cancelled \(no quorum\); cannot record minutes"),
    ([ANNOUNCED], minutes_cmd(), Conflict, "the session has not been recorded as held; record it before its minutes"),
    ([HELD], minutes_cmd(date(2026, 1, 19)), Conflict, "approved_on: 2026-01-19 is before the session was held on "
                                                       "2026-01-20"),
    ([HELD, MINUTES], minutes_cmd(), Conflict, "Minutes: already recorded; send a correction with a reason"),
    ([HELD], minutes_cmd(correction="typo"), Conflict, r"nothing to correct yet \(minutes\)"),
    ([HELD], minutes_cmd(signed_by=("rep_ana", "rep_dora")), Conflict,
     "signed_by.1: Dora Vega was not a current representative on 2026-01-27: their organization left the forum"),
    ([HELD], minutes_cmd(published_on=date(2026, 1, 26)), InvalidField,
     "published_on: 2026-01-26 is before the minutes were approved on 2026-01-27"),
    ([HELD], minutes_cmd(published_on=TOMORROW), InvalidField, "published_on: 2026-03-02 is in the future"),
], ids=["future", "signer_twice", "cancelled", "not_held", "before_held", "repeated", "correction_of_nothing",
        "signer_of_an_organization_that_left", "published_before_approved", "published_in_the_future"])
def test_when_may_minutes_not_be_recorded(history, cmd, error, why):
    """Are minutes in the future, signed twice by one person, of a cancelled or unheld session, approved before it
    was held, repeated without a correction or correcting nothing, or signed by someone not serving refused?"""
    with pytest.raises(error, match=why):
        rules.record_minutes(given.forum(), given.session(*history), cmd, NOW)
