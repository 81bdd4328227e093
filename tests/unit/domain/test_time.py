"""Days and instants of a forum (tracker.domain.time) and the errors the record answers with (.errors)."""
from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from tests.unit.given import NOW, TODAY, TOMORROW, TZ, at
from tracker.domain import time
from tracker.domain.errors import Conflict, DomainError, InvalidField, NotFound, PreconditionFailed


def test_what_zone_does_a_forums_timezone_name_give():
    """Does `zone` give the IANA zone of that name?"""
    assert time.zone(TZ) == ZoneInfo("America/Lima")


@pytest.mark.parametrize(("name", "known"), [
    ("America/Lima", True), ("UTC", True), ("Europe/Madrid", True),
    ("Nowhere/Atlantis", False), ("EST", False), ("../etc/passwd", False), ("", False),
])
def test_which_names_are_accepted_as_a_forums_timezone(name, known):
    """Is a name a timezone a forum may have (an IANA Area/City, or UTC; not a legacy abbreviation)?"""
    assert time.is_timezone(name) is known


def test_when_does_a_fact_dated_only_by_a_day_occur():
    """Does a day's fact occur at that day's start in the forum's timezone, not in UTC?"""
    start = time.day_start(date(2026, 3, 1), TZ)
    assert start == at("2026-03-01T00:00:00-05:00")
    assert start.astimezone(UTC) == datetime(2026, 3, 1, 5, 0, tzinfo=UTC)


def test_which_day_is_today_for_a_forum_whose_evening_is_already_tomorrow_in_utc():
    """Is the forum's today the day in its own timezone (3:00 UTC on 1 March is still 28 February in Lima)?"""
    assert time.today(TZ, datetime(2026, 3, 1, 3, 0, tzinfo=UTC)) == date(2026, 2, 28)
    assert time.today(TZ, NOW) == TODAY


def test_which_forum_day_does_an_instant_fall_on():
    """Is an instant given in another offset placed on the forum's day?"""
    assert time.local_day(at("2026-03-02T02:00:00+00:00"), TZ) == date(2026, 3, 1)
    assert time.local_day(at("2026-03-02T05:00:00+00:00"), TZ) == date(2026, 3, 2)


def test_is_a_fact_dated_today_accepted():
    """Is today (in the forum's timezone) not the future?"""
    assert time.not_future_day("held_on", TODAY, TZ, NOW) == TODAY


def test_is_a_fact_dated_tomorrow_refused_on_its_field():
    """Is a day after the forum's today refused with 422 on the field that names it, saying why?"""
    with pytest.raises(InvalidField, match=r"held_on: 2026-03-02 is in the future") as refused:
        time.not_future_day("held_on", TOMORROW, TZ, NOW)
    assert refused.value.errors == {"held_on": ["2026-03-02 is in the future; record facts once they happened"]}
    assert refused.value.status == 422


def test_is_a_past_instant_accepted_and_kept_in_utc():
    """Is an instant up to now accepted, and returned in UTC?"""
    assert time.not_future_instant("held_at", at("2026-03-01T09:00:00-05:00"), NOW) == NOW
    assert time.not_future_instant("held_at", NOW, NOW).tzinfo == UTC


def test_is_an_instant_after_now_refused():
    """Is an instant one second after now refused as future?"""
    with pytest.raises(InvalidField, match="held_at: .* is in the future"):
        time.not_future_instant("held_at", at("2026-03-01T09:00:01-05:00"), NOW)


def test_is_an_instant_without_an_offset_refused():
    """Is an instant with no offset refused, since it names no moment?"""
    with pytest.raises(InvalidField, match="held_at: an instant needs an offset"):
        time.not_future_instant("held_at", datetime(2026, 2, 1, 10, 0), NOW)


@pytest.mark.parametrize(("text", "day"), [(None, None), ("", None), ("2025-12-31", date(2025, 12, 31))])
def test_how_is_a_stored_day_read(text, day):
    """Is a stored ISO day read as a date, and a missing one as None?"""
    assert time.parse_day(text) == day


@pytest.mark.parametrize(("error", "status"), [
    (DomainError("refused"), 400), (NotFound("no forum"), 404), (Conflict("cancelled"), 409),
    (InvalidField("check", "not a check"), 422), (PreconditionFailed("stale"), 412),
])
def test_which_http_status_does_each_refusal_answer_with(error, status):
    """Does each kind of refusal carry the HTTP status the API answers with?"""
    assert error.status == status
    assert isinstance(error, DomainError)


def test_what_does_a_refusal_of_a_field_say():
    """Does an InvalidField name its field in the message and under `errors`?"""
    error = InvalidField("answer", "check 2.6 is answered very, somewhat or not")
    assert error.message == str(error) == "answer: check 2.6 is answered very, somewhat or not"
    assert error.errors == {"answer": ["check 2.6 is answered very, somewhat or not"]}
    assert Conflict("the session was cancelled").errors == {}
