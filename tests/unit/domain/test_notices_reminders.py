"""What the scheduler must send now (tracker.domain.notices.reminders): reminders, warnings, feedback.

The forum (given.forum) meets monthly, reminds 3 days before, was established on 10 Feb 2025; it is 1 March 2026,
09:00 in Lima. Today rep_ana and rep_eva serve with an email; rep_beto serves without one.
"""
from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest

from tests.unit import given
from tests.unit.given import NOW, at
from tracker.domain.notices import reminders as rules
from tracker.domain.notices.deliveries import CADENCE, FEEDBACK, MINUTES, REMINDER, DeliveryState, Due, delivery_id
from tracker.domain.notices.reminders import FeedbackCandidate, SessionSlot

SOON = "2026-03-03T15:00:00-05:00"  # its reminder was due on 28 February at 09:00
TENTH = at("2026-03-10T09:00:00-05:00")


def slot(scheduled_at=SOON, cancelled=False, held_at=None, minutes=False, id="ses_1") -> SessionSlot:
    return SessionSlot(id, "frm_1", at(scheduled_at), cancelled, at(held_at) if held_at else None, minutes)


def candidate(rep=None, public_email=True, recorded=NOW - timedelta(days=1), emailed=False) -> FeedbackCandidate:
    return FeedbackCandidate("ctb_1", "frm_1", rep, public_email, recorded, emailed)


def forum(policy=None, **rule):
    state = given.forum()
    return replace(state, policy={**state.policy, **(policy or {})}, meeting_rule={**state.meeting_rule, **rule})


# -- reminders -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("days", "scheduled", "due_at"), [
    (3, "2026-03-10T15:00:00-05:00", "2026-03-07T09:00:00-05:00"),
    (0, "2026-03-10T08:00:00-05:00", "2026-03-10T07:00:00-05:00"),
    (1, "2026-03-10T02:00:00+00:00", "2026-03-08T09:00:00-05:00"),
], ids=["days_before", "an_hour_before_when_earlier", "the_forums_day_not_utcs"])
def test_when_is_a_sessions_reminder_due(days, scheduled, due_at):
    """Is it due at 09:00 on the session's local day less the rule's days, or an hour before when that is earlier?"""
    assert rules.reminder_due_at(forum(reminder_days_before=days), at(scheduled)) == at(due_at)


def test_who_is_reminded():
    """Are the representatives serving today, of organizations still members, with an email, reminded?"""
    assert rules.recipients(given.forum(), NOW) == ["rep_ana", "rep_eva"]


def test_which_reminders_are_due_now():
    """Is each recipient reminded of a session whose reminder time came, keyed on the session and its time?"""
    found = rules.reminders(given.forum(), [slot()], NOW)
    assert found == [Due(delivery_id(REMINDER, "ses_1", at(SOON).isoformat(), rep), REMINDER, "frm_1", "ses_1", rep,
                         at("2026-02-28T09:00:00-05:00"), at(SOON)) for rep in ("rep_ana", "rep_eva")]
    moved = rules.reminders(given.forum(), [slot("2026-03-03T16:00:00-05:00")], NOW)
    assert {d.delivery_id for d in moved}.isdisjoint({d.delivery_id for d in found})


@pytest.mark.parametrize("session", [
    slot("2026-03-10T15:00:00-05:00"), slot(cancelled=True), slot(held_at="2026-03-01T08:00:00-05:00"),
    slot("2026-03-01T09:00:00-05:00"),
], ids=["not_yet_due", "cancelled", "held", "started"])
def test_which_sessions_get_no_reminder_now(session):
    """Is no reminder due before its time, nor for a cancelled or held session, nor once the session started?"""
    assert rules.reminders(given.forum(), [session], NOW) == []


# -- cadence ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("frequency", "day", "period"), [
    ("monthly", date(2026, 3, 1), (date(2026, 3, 1), date(2026, 3, 31))),
    ("bimonthly", date(2026, 3, 1), (date(2026, 2, 1), date(2026, 3, 31))),
    ("quarterly", date(2026, 3, 31), (date(2026, 2, 1), date(2026, 4, 30))),
    ("semiannual", date(2026, 8, 1), (date(2026, 8, 1), date(2027, 1, 31))),
    ("monthly", date(2025, 1, 15), (date(2025, 2, 1), date(2025, 2, 28))),
])
def test_which_meeting_period_holds_a_day(frequency, day, period):
    """Are periods counted from the first of the month the forum was established (a day before it falls in the
    first period)?"""
    assert rules.period_of(forum(frequency=frequency), day) == period


@pytest.mark.parametrize(("day", "months", "later"), [
    (date(2026, 1, 31), 1, date(2026, 2, 28)), (date(2024, 1, 31), 1, date(2024, 2, 29)),
    (date(2025, 11, 15), 3, date(2026, 2, 15)),
])
def test_what_day_is_some_months_later(day, months, later):
    """Is it the same day of the month, or the month's last day when that month is shorter?"""
    assert rules.add_months(day, months) == later


def test_when_is_the_secretariat_warned_of_a_period_without_a_session():
    """Is one warning due from 09:00 on the period's tenth day when nothing is scheduled or held in the period,
    a cancelled session not counting?"""
    expected = Due(delivery_id(CADENCE, "frm_1/2026-03-01"), CADENCE, "frm_1", "frm_1/2026-03-01", "secretariat",
                   TENTH, period=(date(2026, 3, 1), date(2026, 3, 31)))
    assert rules.cadence_warnings(given.forum(), [slot("2026-03-20T15:00:00-05:00", cancelled=True)], TENTH) == [
        expected]


@pytest.mark.parametrize(("state", "sessions", "now"), [
    (given.forum(), [], TENTH - timedelta(seconds=1)),
    (given.forum(), [slot("2026-03-25T15:00:00-05:00")], TENTH),
    (given.forum(), [slot("2026-02-25T15:00:00-05:00", held_at="2026-03-02T15:00:00-05:00")], TENTH),
    (forum({"cadence_warning_day": 20}), [], TENTH + timedelta(days=9)),
    (replace(given.forum(), established_on=date(2026, 3, 11)), [], TENTH + timedelta(days=5)),
], ids=["before_the_tenth", "one_scheduled", "one_held", "policy_day_not_reached", "established_after_the_tenth"])
def test_when_is_the_secretariat_not_warned_of_the_cadence(state, sessions, now):
    """Is there no warning before the warning day (the policy's, if set), when a session is scheduled or held in
    the period, or when the forum was established after that day?"""
    assert rules.cadence_warnings(state, sessions, now) == []


# -- minutes ---------------------------------------------------------------------------------------------


def test_when_is_the_secretariat_warned_of_missing_minutes():
    """Is a warning due at 09:00 seven days after the held day, for a session held without minutes?"""
    held = slot("2026-02-20T15:00:00-05:00", held_at="2026-02-20T16:00:00-05:00")
    assert rules.minutes_warnings(given.forum(), [held], NOW) == [
        Due(delivery_id(MINUTES, "ses_1"), MINUTES, "frm_1", "ses_1", "secretariat", at("2026-02-27T09:00:00-05:00"))]


@pytest.mark.parametrize(("state", "session"), [
    (given.forum(), slot("2026-02-23T15:00:00-05:00", held_at="2026-02-23T16:00:00-05:00")),
    (given.forum(), slot("2026-02-20T15:00:00-05:00", held_at="2026-02-20T16:00:00-05:00", minutes=True)),
    (given.forum(), slot("2026-02-20T15:00:00-05:00")),
    (forum({"minutes_warning_days": 10}), slot("2026-02-20T15:00:00-05:00", held_at="2026-02-20T16:00:00-05:00")),
], ids=["not_seven_days_yet", "minuted", "not_held", "policy_days_not_reached"])
def test_when_is_the_secretariat_not_warned_of_minutes(state, session):
    """Is there no warning before the days after the held day (the policy's, if set), once minutes are recorded,
    or for a session not held?"""
    assert rules.minutes_warnings(state, [session], NOW) == []


def test_what_warning_days_does_a_policy_that_is_no_number_give():
    """Does a policy value that is not a non-negative whole number (true, -1) fall back to seven days?"""
    held = slot("2026-02-20T15:00:00-05:00", held_at="2026-02-20T16:00:00-05:00")
    for value in (True, -1, "3"):
        assert [d.due_at for d in rules.minutes_warnings(forum({"minutes_warning_days": value}), [held], NOW)] == [
            at("2026-02-27T09:00:00-05:00")]


# -- feedback --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("who", "recipient"), [
    (candidate(), "author"), (candidate("rep_ana"), "rep_ana"),
    (candidate(recorded=NOW - timedelta(days=30)), "author"),
], ids=["public", "representative", "thirty_days_ago"])
def test_who_gets_the_feedback_on_their_contribution(who, recipient):
    """Is a response of the last thirty days due at once to a member of the public who left an email, or to a
    representative with one?"""
    assert rules.feedback(given.forum(), [who], NOW) == [
        Due(delivery_id(FEEDBACK, "ctb_1"), FEEDBACK, "frm_1", "ctb_1", recipient, who.responded_recorded_at)]


@pytest.mark.parametrize(("state", "who"), [
    (given.forum(), candidate(public_email=False)), (given.forum(), candidate("rep_beto")),
    (given.forum(), candidate("rep_x")), (given.forum(), candidate(emailed=True)),
    (given.forum(), candidate(recorded=NOW - timedelta(days=30, seconds=1))),
    (given.forum(), candidate(recorded=NOW + timedelta(seconds=1))),
    (forum({"feedback_by_email": False}), candidate()),
], ids=["public_without_email", "representative_without_email", "unknown_representative", "already_emailed",
        "older_than_thirty_days", "recorded_after_now", "forum_turned_it_off"])
def test_when_is_no_feedback_due(state, who):
    """Is there no feedback for an author without an email, an emailed response, one older than thirty days, or in
    a forum that turned feedback by email off?"""
    assert rules.feedback(state, [who], NOW) == []


# -- everything together ---------------------------------------------------------------------------------


def test_what_is_due_now_and_what_is_left_to_send():
    """Are all messages due listed oldest first, and are those sent, or failed before their retry time, left out?"""
    sessions = [slot(), slot("2026-02-20T15:00:00-05:00", held_at="2026-02-20T16:00:00-05:00", id="ses_0")]
    feedback = candidate(recorded=NOW - timedelta(hours=12))  # after the reminders, due since 28 February 09:00
    wanted = rules.wanted(given.forum(), sessions, [feedback], NOW)
    assert [d.kind for d in wanted] == [MINUTES, REMINDER, REMINDER, FEEDBACK]
    assert wanted == sorted(wanted, key=lambda d: (d.due_at, d.delivery_id))

    def state(d: Due, status: str) -> DeliveryState:
        return DeliveryState(d.delivery_id, "frm_1", d.kind, d.subject_id, d.recipient, status, 1, None,
                             NOW + timedelta(minutes=1), None, 2)

    deliveries = {wanted[0].delivery_id: state(wanted[0], "sent"), wanted[1].delivery_id: state(wanted[1], "failed")}
    assert rules.due(given.forum(), sessions, [feedback], deliveries, NOW) == wanted[2:]
