"""How one message goes out once (tracker.domain.notices.deliveries): the fold, claims, outcomes, back-off."""
from __future__ import annotations

import hashlib
from datetime import timedelta

import pytest

from events.catalog.deliveries import (
    DeliveryAbandoned,
    DeliveryClaimed,
    DeliveryFailed,
    FeedbackSent,
    ReminderSent,
    WarningSent,
)
from tests.unit import given
from tests.unit.given import NOW, SESSION_AT, at
from tracker.domain.notices import deliveries as rules
from tracker.domain.notices.deliveries import FEEDBACK, MAX_ATTEMPTS, MILESTONE, MINUTES, QUARTERLY, REMINDER, Due

REMINDER_ID = rules.delivery_id(REMINDER, "ses_1", SESSION_AT, "rep_ana")
REMINDER_DUE = Due(REMINDER_ID, REMINDER, "frm_1", "ses_1", "rep_ana", at("2026-01-17T09:00:00-05:00"), at(SESSION_AT))
FEEDBACK_DUE = Due(rules.delivery_id(FEEDBACK, "ctb_1"), FEEDBACK, "frm_1", "ctb_1", "author", NOW)
MINUTES_DUE = Due(rules.delivery_id(MINUTES, "ses_1"), MINUTES, "frm_1", "ses_1", "secretariat", NOW)
MILESTONE_DUE = Due(rules.delivery_id(MILESTONE, "cmt_1", "mls_1_1", "2026-03-15"), MILESTONE, "frm_1",
                    "cmt_1/mls_1_1", "rep_ana", NOW)
QUARTERLY_DUE = Due(rules.delivery_id(QUARTERLY, "cmt_1", "2026-01-01"), QUARTERLY, "frm_1", "cmt_1/2026-01-01",
                    "rep_ana", NOW)
BY = "scheduler-1:4242"
LATER = NOW + timedelta(minutes=3)


def delivery(*facts):
    """The reminder's delivery after these facts (events, or what the decisions below decided)."""
    return given.folded(rules.fold, *facts, stream=REMINDER_ID)


def claimed(now=NOW, state=None):
    return rules.claim(REMINDER_DUE, state, now, BY)[2]


# -- ids and fold ----------------------------------------------------------------------------------------


def test_what_names_a_deliverys_stream():
    """Is a delivery's id the same for every scheduler that decides the same message, and another for another?"""
    digest = hashlib.sha256(f"session_reminder|ses_1|{SESSION_AT}|rep_ana".encode()).hexdigest()
    assert rules.delivery_id(REMINDER, "ses_1", SESSION_AT, "rep_ana") == f"dlv_{digest[:32]}"
    assert rules.delivery_id(REMINDER, "ses_1", SESSION_AT, "rep_eva") != REMINDER_ID


def test_is_there_a_delivery_in_an_empty_stream_or_one_that_does_not_start_with_a_claim():
    """Does an empty stream, or one whose first event is not a claim, fold to no delivery?"""
    assert rules.fold([]) is None
    assert rules.fold(given.recorded(ReminderSent(REMINDER_ID, "ses_1", SESSION_AT, "rep_ana", 1, "<m>"))) is None


def test_where_does_a_claimed_delivery_stand():
    """Is a delivery just claimed `claimed`, of its forum, leased for ten minutes, at its first attempt?"""
    state = delivery(*claimed())
    assert (state.id, state.forum_id, state.kind, state.subject_id, state.recipient) == (
        REMINDER_ID, "frm_1", REMINDER, "ses_1", "rep_ana")
    assert (state.status, state.attempts, state.lease_until, state.retry_at, state.version) == (
        "claimed", 1, NOW + rules.LEASE, None, 1)


def test_where_does_a_delivery_stand_after_each_outcome():
    """Is it `sent` once sent, `failed` until its retry time with the server's answer, `claimed` again (the
    error kept) when taken up, and `abandoned` at last?"""
    sent = delivery(*claimed(), *rules.sent(REMINDER_DUE, 1, "<m1>", LATER))
    assert (sent.status, sent.lease_until, sent.version) == ("sent", None, 2)
    failed = rules.failed(REMINDER_DUE, 1, "451 try later", LATER)
    assert delivery(*claimed(), *failed).retry_at == LATER + timedelta(minutes=1)
    again = delivery(*claimed(), *failed, *claimed(LATER + timedelta(minutes=1)))
    assert (again.status, again.last_error, again.retry_at) == ("claimed", "451 try later", None)
    abandoned = delivery(*claimed(), DeliveryAbandoned(REMINDER_ID, MAX_ATTEMPTS, "550 no such user"))
    assert (abandoned.status, abandoned.last_error, abandoned.version) == ("abandoned", "550 no such user", 2)


# -- claim -----------------------------------------------------------------------------------------------


def test_how_is_a_new_delivery_claimed():
    """Is a new delivery claimed at version 0 as attempt 1, leased until ten minutes from now, its times in UTC?"""
    version, attempt, events = rules.claim(REMINDER_DUE, None, NOW, BY)
    assert (version, attempt) == (0, 1)
    event = given.only(events)
    assert event.payload == DeliveryClaimed(REMINDER_ID, REMINDER, "ses_1", "rep_ana", 1, "2026-01-17T14:00:00+00:00",
                                            "2026-03-01T14:10:00+00:00", BY, SESSION_AT)
    assert event.occurred_at == NOW


def test_how_is_a_failed_delivery_claimed_again():
    """Is a failed delivery claimed at the version read, as the next attempt?"""
    state = delivery(*claimed(), *rules.failed(REMINDER_DUE, 1, "451", NOW))
    version, attempt, events = rules.claim(REMINDER_DUE, state, LATER, BY)
    assert (version, attempt, given.only(events).payload.attempt) == (2, 2, 2)


def test_what_does_the_claim_of_a_message_about_no_session_time_say():
    """Does a claim of a message that reminds of no session time carry none?"""
    assert given.only(rules.claim(FEEDBACK_DUE, None, NOW, BY)[2]).payload.scheduled_at is None


@pytest.mark.parametrize(("status", "now", "claimable"), [
    ("failed", LATER - timedelta(seconds=1), False), ("failed", LATER, True),
    ("claimed", NOW + rules.LEASE - timedelta(seconds=1), False), ("claimed", NOW + rules.LEASE, True),
    ("sent", NOW + timedelta(days=1), False), ("abandoned", NOW + timedelta(days=1), False),
])
def test_when_may_a_delivery_be_claimed(status, now, claimable):
    """Is a failed delivery claimable from its retry time, a claim once its lease expired, and never one sent or
    abandoned?"""
    state = rules.DeliveryState(REMINDER_ID, "frm_1", REMINDER, "ses_1", "rep_ana", status, 1,
                                NOW + rules.LEASE, LATER, None, 2)
    assert rules.claimable(state, now) is claimable
    assert rules.claimable(None, NOW) is True


# -- outcomes --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("due", "recipients", "expected"), [
    (REMINDER_DUE, 1, ReminderSent(REMINDER_ID, "ses_1", SESSION_AT, "rep_ana", 2, "<m>")),
    (FEEDBACK_DUE, 1, FeedbackSent(FEEDBACK_DUE.delivery_id, "ctb_1", "author", 2, "<m>")),
    (MINUTES_DUE, 3, WarningSent(MINUTES_DUE.delivery_id, MINUTES, "ses_1", 3, 2, "<m>")),
    (MILESTONE_DUE, 1, WarningSent(MILESTONE_DUE.delivery_id, MILESTONE, "cmt_1/mls_1_1", 1, 2, "<m>")),
    (QUARTERLY_DUE, 1, WarningSent(QUARTERLY_DUE.delivery_id, QUARTERLY, "cmt_1/2026-01-01", 1, 2, "<m>")),
], ids=["reminder", "feedback", "warning", "milestone_reminder", "progress_report_reminder"])
def test_what_is_recorded_when_the_server_accepts_a_message(due, recipients, expected):
    """Is a reminder, a feedback, a warning or a lead contact's reminder recorded as sent, at that attempt, with its
    Message-ID?"""
    event = given.only(rules.sent(due, 2, "<m>", LATER, recipients))
    assert (event.payload, event.occurred_at) == (expected, LATER)


def test_what_is_recorded_when_the_server_refuses_a_message():
    """Is a refusal recorded with the server's answer, addresses hidden, and the next attempt's time?"""
    event = given.only(rules.failed(REMINDER_DUE, 3, "450 <ana@example.org>: mailbox busy", LATER))
    assert event.payload == DeliveryFailed(REMINDER_ID, 3, "450 <<address>>: mailbox busy",
                                           (LATER + timedelta(minutes=4)).isoformat())


def test_when_is_a_delivery_given_up():
    """Is the delivery abandoned when its last attempt fails?"""
    event = given.only(rules.failed(REMINDER_DUE, MAX_ATTEMPTS, "550 rejected", LATER))
    assert event.payload == DeliveryAbandoned(REMINDER_ID, MAX_ATTEMPTS, "550 rejected")


@pytest.mark.parametrize(("attempt", "minutes"), [(1, 1), (2, 2), (3, 4), (6, 32), (7, 60), (MAX_ATTEMPTS, 60),
                                                  (10_000, 60)])
def test_how_long_is_a_failed_delivery_left_before_it_is_tried_again(attempt, minutes):
    """Does the wait double from one minute and never exceed an hour?"""
    assert rules.retry_delay(attempt) == timedelta(minutes=minutes)


def test_what_of_a_servers_answer_does_the_log_keep():
    """Are email addresses replaced and the answer cut at 500 characters?"""
    assert rules.redact("550 5.1.1 luz.mamani@example.org (user unknown); cc x@y.pe") == (
        "550 5.1.1 <address> (user unknown); cc <address>")
    assert rules.redact("x" * 600) == "x" * 500


def test_a_channel_is_part_of_a_deliverys_id_and_email_keeps_the_id_and_bytes_it_always_had():
    digest = hashlib.sha256("|".join((REMINDER, "ses_1", SESSION_AT, "rep_ana")).encode()).hexdigest()
    assert rules.delivery_id(REMINDER, "ses_1", SESSION_AT, "rep_ana") == f"dlv_{digest[:32]}"
    by_whatsapp = rules.delivery_id(REMINDER, "ses_1", SESSION_AT, "rep_ana", channel="whatsapp")
    assert by_whatsapp not in (REMINDER_ID, rules.delivery_id(REMINDER, "ses_1", SESSION_AT, "rep_ana", channel="sms"))
    email_claim = rules.claim(REMINDER_DUE, None, NOW, "s1")[2][0].payload.to_data()
    assert "channel" not in email_claim
    due = Due(by_whatsapp, REMINDER, "frm_1", "ses_1", "rep_ana", NOW, at(SESSION_AT), channel="whatsapp")
    assert rules.claim(due, None, NOW, "s1")[2][0].payload.to_data()["channel"] == "whatsapp"
    assert rules.sent(due, 1, "wamid.1", NOW)[0].payload.to_data()["channel"] == "whatsapp"
    assert "channel" not in rules.sent(REMINDER_DUE, 1, "<x@y>", NOW)[0].payload.to_data()


def test_a_providers_status_is_recorded_once_and_only_of_a_message_sent_by_a_channel():
    due = Due(rules.delivery_id(REMINDER, "ses_1", SESSION_AT, "rep_ana", channel="sms"), REMINDER, "frm_1", "ses_1",
              "rep_ana", NOW, at(SESSION_AT), channel="sms")
    claim = rules.claim(due, None, NOW, "s1")[2]
    sent = delivery(*[e.payload for e in claim], *[e.payload for e in rules.sent(due, 1, "SM1", NOW)])
    assert (sent.channel, sent.message_id) == ("sms", "SM1")
    [reported] = rules.status_reported(sent, "delivered", NOW, "twilio", None, LATER)
    assert reported.payload.to_data() == {"delivery_id": due.delivery_id, "channel": "sms", "message_id": "SM1",
                                          "status": "delivered", "reported_at": NOW.isoformat(), "provider": "twilio",
                                          "error": None}
    again = delivery(*[e.payload for e in claim], *[e.payload for e in rules.sent(due, 1, "SM1", NOW)],
                     reported.payload)
    assert again.reported == "delivered" and rules.status_reported(again, "delivered", NOW, "twilio", None, LATER) == []
    email = delivery(*[e.payload for e in rules.claim(REMINDER_DUE, None, NOW, "s1")[2]],
                     *[e.payload for e in rules.sent(REMINDER_DUE, 1, "<x@y>", NOW)])
    assert rules.status_reported(email, "delivered", NOW, "whatsapp", None, LATER) == []
