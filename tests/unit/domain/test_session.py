"""A session (tracker.domain.session): the fold, corrections, and scheduling, announcing, moving, cancelling.

Recording a session as held and its minutes: test_session_record.py.
"""
from __future__ import annotations

from datetime import date

import pytest

from events.catalog.sessions import (
    MinutesRecorded,
    SessionAnnounced,
    SessionCancelled,
    SessionHeld,
    SessionRescheduled,
    SessionScheduled,
)
from tests.unit import given
from tests.unit.given import NOW, SESSION_AT, TOMORROW, at, lima
from tracker.domain import session as rules
from tracker.domain.commands import Correction, Document
from tracker.domain.errors import Conflict, InvalidField

DOC = {"title": "Orden del día", "url": "https://gob.example.org/orden.pdf", "sha256": None}
ANNOUNCED = SessionAnnounced("ses_1", "2026-01-10", ["email"], [])
HELD = SessionHeld("ses_1", SESSION_AT, [{"representative_id": "rep_ana", "organization_id": "org_gov",
                                          "sector": "government"}], 12)
MINUTES = MinutesRecorded("ses_1", DOC, "2026-01-27", ["rep_ana"])
CANCELLED = SessionCancelled("ses_1", "no quorum")

# -- commands, as the API's schemas load them ------------------------------------------------------------


def schedule_cmd(scheduled_at="2026-04-10T15:00:00-05:00", action_plan_id="pln_1",
                 proposer="org_cso") -> rules.ScheduleSession:
    return rules.ScheduleSession(" Sesión ordinaria 2 ", "forum_session", at(scheduled_at), " Sala de sesiones ",
                                 "in_person", number=2, action_plan_id=action_plan_id,
                                 agenda=(rules.AgendaItem("Varios"), rules.AgendaItem(" Avances ", proposer)))


def announce_cmd(announced_on=date(2026, 1, 10), correction=None) -> rules.AnnounceSession:
    return rules.AnnounceSession(announced_on, ("email", "whatsapp"), (Document(**DOC),),
                                 Correction(correction) if correction else None)


def reschedule_cmd(scheduled_at="2026-01-22T15:00:00-05:00") -> rules.RescheduleSession:
    return rules.RescheduleSession(at(scheduled_at), "the hall was booked")


def cancel_cmd(occurred_on=None) -> rules.CancelSession:
    return rules.CancelSession("no quorum", occurred_on=occurred_on)


# -- fold ------------------------------------------------------------------------------------------------


def test_is_there_a_session_in_an_empty_stream_or_another_kind_of_stream():
    """Does an empty stream, or a forum's, fold to no session?"""
    assert rules.fold([]) is None
    assert rules.fold(given.recorded(given.forum_established(), ANNOUNCED)) is None


def test_what_does_a_scheduled_sessions_stream_say():
    """Is a session just scheduled `scheduled`, at its time, with its agenda and plan?"""
    session = given.session()
    assert (session.status, session.scheduled_at, session.action_plan_id) == ("scheduled", at(SESSION_AT), "pln_1")
    assert session.agenda == [{"title": "Avances", "proposed_by_organization": "org_cso"}]
    assert (session.held_day("America/Lima"), session.version) == (None, 1)


def test_what_does_a_held_and_minuted_sessions_stream_say_with_its_corrections():
    """Are moves, the announcement, the record and the minutes folded, a correction superseding the earlier
    recording and listed with its reason and position?"""
    moved = SessionRescheduled("ses_1", "2026-01-18T20:00:00+00:00", SESSION_AT, "the hall was booked")
    corrected = SessionAnnounced("ses_1", "2026-01-11", ["web"], [DOC], correction_reason="wrong channel")
    session = given.folded(rules.fold, given.session_scheduled(scheduled_at="2026-01-18T20:00:00+00:00"), moved,
                           ANNOUNCED, corrected, HELD, MINUTES, stream="ses_1")
    assert session.status == "held"
    assert (session.scheduled_at, [r.previous for r in session.reschedulings]) == (
        at(SESSION_AT), [at("2026-01-18T20:00:00+00:00")])
    assert session.announcement == {"announced_on": date(2026, 1, 11), "channels": ["web"], "materials": [DOC]}
    assert [(c.of, c.reason, c.position) for c in session.corrections] == [("announcement", "wrong channel", 4)]
    assert (session.held_day("America/Lima"), session.public_attendees) == (date(2026, 1, 20), 12)
    assert session.minutes == {"document": DOC, "approved_on": date(2026, 1, 27), "signed_by": ["rep_ana"],
                               "published_on": None, "comments": []}
    assert session.version == 6


def test_what_does_a_cancelled_sessions_stream_say():
    """Is a cancelled session `cancelled`, with its reason?"""
    session = given.session(CANCELLED)
    assert (session.status, session.cancelled, session.cancellation_reason) == ("cancelled", True, "no quorum")


# -- corrections -----------------------------------------------------------------------------------------


def test_when_is_a_recording_a_correction():
    """Is a first recording no correction, and a repetition one that carries its reason?"""
    assert rules.correction_reason(None, None, "minutes") is None
    assert rules.correction_reason({"approved_on": 1}, Correction("typo"), "minutes") == "typo"


def test_when_is_a_correction_refused():
    """Is a correction of nothing refused, and a repetition that does not say it corrects?"""
    with pytest.raises(Conflict, match=r"nothing to correct yet \(minutes\): record it without a correction"):
        rules.correction_reason(None, Correction("typo"), "minutes")
    with pytest.raises(Conflict, match="Minutes: already recorded; send a correction with a reason") as refused:
        rules.correction_reason({"approved_on": 1}, None, "minutes")
    assert refused.value.errors == {"correction": ["required to replace what is already recorded"]}


# -- schedule --------------------------------------------------------------------------------------------


def test_how_is_a_session_scheduled():
    """Is a future session scheduled now, its time in UTC, its text trimmed and its agenda's proposers kept?"""
    event = given.only(rules.schedule(given.forum(), "ses_2", schedule_cmd(), NOW, "frm_1"))
    assert event.payload == SessionScheduled(
        "ses_2", "frm_1", "Sesión ordinaria 2", "forum_session", "2026-04-10T20:00:00+00:00", "Sala de sesiones",
        "in_person", 2, "pln_1", [{"title": "Varios", "proposed_by_organization": None},
                                  {"title": "Avances", "proposed_by_organization": "org_cso"}])
    assert event.occurred_at == NOW


@pytest.mark.parametrize(("cmd", "plan_forum", "error", "why"), [
    (schedule_cmd("2025-02-09T10:00:00-05:00"), "frm_1", Conflict, "scheduled_at: 2025-02-09 is before the forum"),
    (schedule_cmd(action_plan_id="cns_1"), "frm_1", InvalidField, "action_plan_id: cns_1 is not an action plan of"),
    (schedule_cmd(), "frm_2", InvalidField, "action_plan_id: pln_1 is not an action plan of this forum"),
    (schedule_cmd(proposer="org_x"), "frm_1", InvalidField,
     "agenda.1.proposed_by_organization: org_x is not an organization of this forum"),
], ids=["before_forum", "not_a_plan", "plan_of_another_forum", "unknown_proposer"])
def test_when_may_a_session_not_be_scheduled(cmd, plan_forum, error, why):
    """Is a session before the forum, on something that is not this forum's plan, or with an agenda item proposed
    by an organization not of the forum refused?"""
    with pytest.raises(error, match=why):
        rules.schedule(given.forum(), "ses_2", cmd, NOW, plan_forum)


def progress_cmd(*presented: str) -> rules.ScheduleSession:
    return rules.ScheduleSession("Revisión de avances", "forum_session", at("2026-04-10T15:00:00-05:00"), "Sala",
                                 "in_person", agenda=(rules.AgendaItem("Varios"),
                                                      rules.AgendaItem(" Avances ", None, presented)))


def test_how_does_an_agenda_item_present_the_progress_of_commitments():
    """Does an item keep the commitments (of this forum's plans) whose progress it presents, and an item that
    presents none keep the bytes it always had?"""
    cmd = progress_cmd("cmt_2", "cmt_1")
    event = given.only(rules.schedule(given.forum(), "ses_2", cmd, NOW, None, {"cmt_1": "frm_1", "cmt_2": "frm_1"}))
    assert event.payload.agenda == [
        {"title": "Varios", "proposed_by_organization": None},
        {"title": "Avances", "proposed_by_organization": None, "presents_progress_of": ["cmt_2", "cmt_1"]}]
    assert rules.AgendaItem.of({"title": "Avances", "presents_progress_of": ["cmt_1"]}).presents_progress_of == (
        "cmt_1",)


@pytest.mark.parametrize(("presented", "forums", "why"), [
    (("cmt_1",), {"cmt_1": "frm_2"}, "agenda.1.presents_progress_of: cmt_1 is not a commitment of a plan of this"),
    (("cmt_1",), {}, "agenda.1.presents_progress_of: cmt_1 is not a commitment of a plan of this forum"),
    (("pln_1",), {"pln_1": "frm_1"}, "agenda.1.presents_progress_of: pln_1 is not a commitment of a plan of this"),
    (("cmt_1", "cmt_1"), {"cmt_1": "frm_1"}, "agenda.1.presents_progress_of: cmt_1 is listed more than once"),
], ids=["another_forums", "unknown", "not_a_commitment", "twice"])
def test_when_may_an_agenda_item_not_present_progress(presented, forums, why):
    """Is an item presenting a commitment of another forum, an unknown id, something that is not a commitment, or
    one commitment twice refused, naming the item?"""
    with pytest.raises(InvalidField, match=why):
        rules.schedule(given.forum(), "ses_2", progress_cmd(*presented), NOW, None, forums)


# -- announce --------------------------------------------------------------------------------------------


def test_how_is_a_session_announced():
    """Is the invitation recorded with its channels and materials, on its day?"""
    event = given.only(rules.announce(given.forum(), given.session(), announce_cmd(), NOW))
    assert event.payload == SessionAnnounced("ses_1", "2026-01-10", ["email", "whatsapp"], [DOC], None)
    assert event.occurred_at == lima(date(2026, 1, 10))


def test_how_is_an_announcement_corrected_up_to_the_held_day():
    """Is a repeated announcement, dated the day the session was held, recorded as a correction?"""
    cmd = announce_cmd(announced_on=date(2026, 1, 20), correction="the date was wrong")
    payload = given.only(rules.announce(given.forum(), given.session(ANNOUNCED, HELD), cmd, NOW)).payload
    assert (payload.announced_on, payload.correction_reason) == ("2026-01-20", "the date was wrong")


@pytest.mark.parametrize(("history", "cmd", "error", "why"), [
    ([], announce_cmd(TOMORROW), InvalidField, "announced_on: 2026-03-02 is in the future"),
    ([], announce_cmd(date(2025, 2, 1)), Conflict, "announced_on: 2025-02-01 is before the forum was established"),
    ([CANCELLED], announce_cmd(), Conflict, r"the session was cancelled \(no quorum\); cannot announce it"),
    ([HELD], announce_cmd(date(2026, 1, 21)), Conflict, "announced_on: 2026-01-21 is after the session was held on "
                                                        "2026-01-20"),
    ([ANNOUNCED], announce_cmd(), Conflict, "Announcement: already recorded; send a correction with a reason"),
    ([], announce_cmd(correction="typo"), Conflict, r"nothing to correct yet \(announcement\)"),
], ids=["future", "before_forum", "cancelled", "after_held", "repeated", "correction_of_nothing"])
def test_when_may_a_session_not_be_announced(history, cmd, error, why):
    """Is an announcement in the future, before the forum, of a cancelled session, after it was held, repeated
    without a correction, or correcting nothing refused?"""
    with pytest.raises(error, match=why):
        rules.announce(given.forum(), given.session(*history), cmd, NOW)


# -- reschedule and cancel -------------------------------------------------------------------------------


def test_how_is_a_session_moved():
    """Is the move recorded from the time it had to the new one, both in UTC, now?"""
    event = given.only(rules.reschedule(given.forum(), given.session(ANNOUNCED), reschedule_cmd(), NOW))
    assert event.payload == SessionRescheduled("ses_1", SESSION_AT, "2026-01-22T20:00:00+00:00",
                                               "the hall was booked")
    assert event.occurred_at == NOW


@pytest.mark.parametrize(("history", "cmd", "why"), [
    ([CANCELLED], reschedule_cmd(), r"the session was cancelled \(no quorum\); cannot reschedule it"),
    ([HELD], reschedule_cmd(), "the session was already held at 2026-01-20T15:00:00-05:00; it cannot be moved"),
    ([], reschedule_cmd("2025-02-09T10:00:00-05:00"), "scheduled_at: 2025-02-09 is before the forum was"),
    ([], reschedule_cmd("2026-01-20T15:00:00-05:00"), "scheduled_at: the session is already scheduled at that"),
], ids=["cancelled", "held", "before_forum", "same_time_in_another_offset"])
def test_when_may_a_session_not_be_moved(history, cmd, why):
    """Is a cancelled or held session, a time before the forum, or the time it already has refused?"""
    with pytest.raises(Conflict, match=why):
        rules.reschedule(given.forum(), given.session(*history), cmd, NOW)


def test_how_is_a_session_cancelled():
    """Is the cancellation recorded with its reason, on the day it says?"""
    event = given.only(rules.cancel(given.forum(), given.session(), cancel_cmd(date(2026, 1, 15)), NOW))
    assert event.payload == SessionCancelled("ses_1", "no quorum")
    assert event.occurred_at == lima(date(2026, 1, 15))


@pytest.mark.parametrize(("history", "why"), [
    ([CANCELLED], r"the session was already cancelled \(no quorum\)"),
    ([HELD], "the session was held at 2026-01-20T15:00:00-05:00; a held session cannot be cancelled"),
], ids=["twice", "held"])
def test_when_may_a_session_not_be_cancelled(history, why):
    """Is a second cancellation, or the cancellation of a held session, refused?"""
    with pytest.raises(Conflict, match=why):
        rules.cancel(given.forum(), given.session(*history), cancel_cmd(), NOW)
