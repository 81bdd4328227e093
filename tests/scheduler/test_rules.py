"""The rules of what is due and of the delivery protocol, as pure functions: given a forum, its sessions, the
deliveries recorded and now, these messages are due."""
from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from events import RecordedEvent
from tracker.domain.forum import ForumState, Organization, Representative
from tracker.domain.notices import deliveries as protocol
from tracker.domain.notices.deliveries import CADENCE, MINUTES, REMINDER, DeliveryState, delivery_id
from tracker.domain.notices.reminders import (
    FeedbackCandidate,
    SessionSlot,
    due,
    period_of,
    reminder_due_at,
    wanted,
)

LIMA = "America/Lima"


def at(text: str) -> datetime:
    return datetime.fromisoformat(text)


def forum(**changes) -> ForumState:
    state = ForumState(
        id="frm_1", name="Foro", member="Cajamarca, Peru", established_on=date(2025, 2, 10), timezone=LIMA,
        meeting_rule={"frequency": "monthly", "reminder_days_before": 3}, language="es",
        policy={"advance_notice_days": 7, "feedback_by_email": True}, legal_basis=None,
        organizations={"org_g": Organization("org_g", "GORE", "government", date(2025, 2, 10)),
                       "org_x": Organization("org_x", "Ex miembro", "other", date(2025, 2, 10),
                                             left_on=date(2025, 8, 1))},
        representatives={
            "rep_a": Representative("rep_a", "org_g", "Ana", "primary", date(2025, 2, 10), email="a@x.pe"),
            "rep_b": Representative("rep_b", "org_g", "Beto", "alternate", date(2025, 2, 10)),
            "rep_c": Representative("rep_c", "org_g", "Carla", "alternate", date(2025, 2, 10), email="c@x.pe",
                                    withdrawn_on=date(2026, 1, 5)),
            "rep_d": Representative("rep_d", "org_x", "Dora", "primary", date(2025, 2, 10), email="d@x.pe"),
        })
    for key, value in changes.items():
        setattr(state, key, value)
    return state


def slot(scheduled_at: str, id: str = "ses_1", cancelled: bool = False, held_at: str | None = None,
         minutes: bool = False) -> SessionSlot:
    return SessionSlot(id, "frm_1", at(scheduled_at), cancelled, at(held_at) if held_at else None, minutes)


def delivery(due_item, status: str, version: int = 2, attempts: int = 1, **times) -> DeliveryState:
    return DeliveryState(due_item.delivery_id, "frm_1", due_item.kind, due_item.subject_id, due_item.recipient,
                         status, attempts, times.get("lease_until"), times.get("retry_at"), None, version)


@pytest.mark.parametrize(("days", "scheduled", "expected"), [
    (3, "2026-12-10T15:00:00-05:00", "2026-12-07T09:00:00-05:00"),
    (0, "2026-12-10T15:00:00-05:00", "2026-12-10T09:00:00-05:00"),
    (0, "2026-12-10T08:00:00-05:00", "2026-12-10T07:00:00-05:00"),  # one hour before, when that is earlier
    (1, "2026-12-10T00:30:00-05:00", "2026-12-09T09:00:00-05:00"),
    (3, "2026-12-10T02:00:00+00:00", "2026-12-06T09:00:00-05:00"),  # the forum's day, not UTC's
])
def test_a_reminder_is_due_at_nine_local_time_the_rules_number_of_days_before_the_sessions_local_day(
        days, scheduled, expected):
    rule = {"frequency": "monthly", "reminder_days_before": days}
    assert reminder_due_at(forum(meeting_rule=rule), at(scheduled)) == at(expected)


def test_only_serving_members_of_member_organizations_with_an_email_are_reminded_once_per_session_time():
    sessions = [slot("2026-12-10T15:00:00-05:00")]
    found = wanted(forum(), sessions, [], at("2026-12-07T09:00:00-05:00"))
    assert [(d.kind, d.recipient) for d in found] == [(REMINDER, "rep_a")]
    moved = wanted(forum(), [slot("2026-12-10T16:00:00-05:00")], [], at("2026-12-07T09:00:00-05:00"))
    assert moved[0].delivery_id != found[0].delivery_id
    assert found[0].delivery_id == delivery_id(REMINDER, "ses_1", "2026-12-10T15:00:00-05:00", "rep_a")


@pytest.mark.parametrize("now", ["2026-12-07T08:59:59-05:00", "2026-12-10T15:00:00-05:00"])
def test_no_reminder_before_its_time_nor_once_the_session_started(now):
    assert wanted(forum(), [slot("2026-12-10T15:00:00-05:00")], [], at(now)) == []


def test_no_reminder_for_a_cancelled_or_held_session():
    sessions = [slot("2026-12-10T15:00:00-05:00", cancelled=True),
                slot("2026-12-11T15:00:00-05:00", id="ses_2", held_at="2026-12-06T10:00:00-05:00", minutes=True)]
    assert [d for d in wanted(forum(), sessions, [], at("2026-12-09T09:00:00-05:00")) if d.kind == REMINDER] == []


@pytest.mark.parametrize(("frequency", "day", "period"), [
    ("monthly", date(2026, 12, 10), (date(2026, 12, 1), date(2026, 12, 31))),
    ("bimonthly", date(2026, 12, 10), (date(2026, 12, 1), date(2027, 1, 31))),
    ("bimonthly", date(2027, 1, 10), (date(2026, 12, 1), date(2027, 1, 31))),
    ("quarterly", date(2026, 12, 10), (date(2026, 11, 1), date(2027, 1, 31))),
    ("semiannual", date(2026, 12, 10), (date(2026, 8, 1), date(2027, 1, 31))),
    ("monthly", date(2025, 2, 10), (date(2025, 2, 1), date(2025, 2, 28))),
])
def test_periods_are_counted_from_the_first_of_the_month_the_forum_was_established(frequency, day, period):
    assert period_of(forum(meeting_rule={"frequency": frequency}), day) == period


def test_a_cadence_warning_is_due_from_the_tenth_of_a_period_without_a_session_and_a_held_one_counts():
    now = at("2026-12-10T09:00:00-05:00")
    [warning] = wanted(forum(), [slot("2026-11-20T15:00:00-05:00", cancelled=True)], [], now)
    assert (warning.kind, warning.subject_id, warning.period) == (
        CADENCE, "frm_1/2026-12-01", (date(2026, 12, 1), date(2026, 12, 31)))
    assert wanted(forum(), [], [], at("2026-12-10T08:59:00-05:00")) == []
    held_early = slot("2026-11-30T15:00:00-05:00", held_at="2026-12-02T15:00:00-05:00", minutes=True)
    assert wanted(forum(), [held_early], [], now) == []
    assert wanted(forum(policy={"cadence_warning_day": 20}), [], [], now) == []


def test_no_cadence_warning_for_the_month_a_forum_was_established_after_the_warning_day():
    late = forum(established_on=date(2025, 2, 15))
    assert wanted(late, [], [], at("2025-02-20T10:00:00-05:00")) == []
    assert [d.kind for d in wanted(late, [], [], at("2025-03-10T10:00:00-05:00"))] == [CADENCE]


def test_a_minutes_warning_is_due_seven_days_after_the_held_day_until_minutes_are_recorded():
    held = slot("2026-11-10T15:00:00-05:00", held_at="2026-11-10T15:05:00-05:00")
    session_now = [slot("2026-11-30T10:00:00-05:00", id="ses_9")]  # keeps the cadence quiet
    assert wanted(forum(), [held, *session_now], [], at("2026-11-17T08:59:00-05:00")) == []
    [warning] = wanted(forum(), [held, *session_now], [], at("2026-11-17T09:00:00-05:00"))
    assert (warning.kind, warning.subject_id) == (MINUTES, "ses_1")
    minuted = slot("2026-11-10T15:00:00-05:00", held_at="2026-11-10T15:05:00-05:00", minutes=True)
    assert wanted(forum(), [minuted, *session_now], [], at("2026-11-20T09:00:00-05:00")) == []


def test_feedback_is_due_for_a_recent_response_to_an_author_with_an_email_unless_the_forum_turned_it_off():
    now, recorded = at("2026-11-20T15:00:00+00:00"), at("2026-11-20T14:00:00+00:00")
    session_now = [slot("2026-11-25T10:00:00-05:00")]
    candidates = [FeedbackCandidate("ctb_public", "frm_1", None, True, recorded, False),
                  FeedbackCandidate("ctb_anonymous", "frm_1", None, False, recorded, False),
                  FeedbackCandidate("ctb_rep", "frm_1", "rep_a", False, recorded, False),
                  FeedbackCandidate("ctb_rep_no_email", "frm_1", "rep_b", False, recorded, False),
                  FeedbackCandidate("ctb_emailed", "frm_1", None, True, recorded, True),
                  FeedbackCandidate("ctb_old", "frm_1", None, True, now - timedelta(days=31), False)]
    found = wanted(forum(), session_now, candidates, now)
    assert sorted((d.subject_id, d.recipient) for d in found) == [("ctb_public", "author"), ("ctb_rep", "rep_a")]
    off = forum(policy={"feedback_by_email": False})
    assert wanted(off, session_now, candidates, now) == []


def test_what_was_sent_or_abandoned_is_never_due_again_and_a_failure_only_from_its_retry_time():
    now = at("2026-12-07T09:00:00-05:00")
    [item] = wanted(forum(), [slot("2026-12-10T15:00:00-05:00")], [], now)
    later = now + timedelta(minutes=5)
    assert due(forum(), [slot("2026-12-10T15:00:00-05:00")], [], {}, now) == [item]
    for state, expected in [
        (delivery(item, "sent"), []),
        (delivery(item, "abandoned"), []),
        (delivery(item, "failed", retry_at=later), []),
        (delivery(item, "claimed", version=1, lease_until=later), []),
    ]:
        assert due(forum(), [slot("2026-12-10T15:00:00-05:00")], [], {item.delivery_id: state}, now) == expected
        assert protocol.claimable(state, later) is (state.status in ("failed", "claimed"))


def test_back_off_doubles_from_one_minute_to_at_most_an_hour_and_gives_up_after_the_last_attempt():
    assert [protocol.retry_delay(n) for n in range(1, 10)] == [timedelta(minutes=m)
                                                              for m in (1, 2, 4, 8, 16, 32, 60, 60, 60)]
    [item] = wanted(forum(), [slot("2026-12-10T15:00:00-05:00")], [], at("2026-12-07T09:00:00-05:00"))
    now = at("2026-12-07T09:00:00-05:00")
    [failed] = protocol.failed(item, 1, "451 <a@x.pe>: try later", now)
    assert failed.payload.error == "451 <<address>>: try later"
    assert failed.payload.retry_at == (now + timedelta(minutes=1)).astimezone(UTC).isoformat()
    [abandoned] = protocol.failed(item, protocol.MAX_ATTEMPTS, "451 again", now)
    assert abandoned.payload.type_name() == "DeliveryAbandoned"


def test_a_delivery_stream_folds_to_where_it_stands():
    now = at("2026-12-07T09:00:00-05:00")
    [item] = wanted(forum(), [slot("2026-12-10T15:00:00-05:00")], [], now)
    version, attempt, claim = protocol.claim(item, None, now, "host:1")
    assert (version, attempt) == (0, 1)
    steps = [*claim, *protocol.failed(item, 1, "451", now)]
    version, attempt, again = protocol.claim(item, protocol.fold(recorded(steps)), now + timedelta(minutes=1), "h:2")
    assert (version, attempt) == (2, 2)
    steps += [*again, *protocol.sent(item, 2, "<m@x>", now + timedelta(minutes=1))]
    state = protocol.fold(recorded(steps))
    assert (state.status, state.attempts, state.version, state.last_error) == ("sent", 2, 4, "451")


def recorded(new_events) -> list[RecordedEvent]:
    """New events as the log would give them back, on one stream."""
    out = []
    for version, new in enumerate(new_events, start=1):
        out.append(RecordedEvent(version, f"e{version}", new.payload.delivery_id, version, "frm_1",
                                 new.payload.type_name(), 1, new.payload.to_data(), new.occurred_at,
                                 new.occurred_at, "scheduler", "c", None, "h"))
    return out
