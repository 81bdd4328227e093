"""A contribution (tracker.domain.contribution): the fold, its author and who sees them, receiving, considering.

The response and its communication: test_contribution_response.py.
"""
from __future__ import annotations

from datetime import date

import pytest

from events.catalog.contributions import (
    ContributionConsidered,
    ContributionReceived,
    ContributionResponded,
    ResponseCommunicated,
)
from tests.unit import given
from tests.unit.given import NOW, PUBLIC_AUTHOR, TOMORROW, lima
from tracker.domain import contribution as rules
from tracker.domain.errors import Conflict, InvalidField
from tracker.domain.session import SessionState

ANA_AUTHOR = {"kind": "representative", "representative_id": "rep_ana", "name": "Ana Quispe",
              "organization_id": "org_gov", "organization": "Gobierno Regional de Cajamarca", "sector": "government"}
#: The consultation as its stream folds: open from 1 to 31 July 2025.
CONSULTATION = given.consultation()
CONSIDERED = ContributionConsidered("ctb_1", "2025-07-10", "ses_1", None)


def held(on=date(2025, 7, 10), cancelled=False, session_id="ses_1") -> SessionState:
    """The session as its stream folds: held at noon in Lima on `on` (scheduled only when None), or cancelled."""
    if cancelled:
        facts = [given.session_cancelled(session_id)]
    else:
        facts = [given.session_held(f"{on.isoformat()}T12:00:00-05:00", session_id)] if on else []
    return given.session(*facts, scheduled=given.session_scheduled(session_id=session_id))


# -- commands, as the API's schemas load them ------------------------------------------------------------


def public_author(name=" Luz Mamani ") -> rules.PublicAuthor:
    return rules.PublicAuthor(name, sector="youth", email="luz@example.org")


def representative_author(rep="rep_ana") -> rules.RepresentativeAuthor:
    return rules.RepresentativeAuthor(rep)


def receive_cmd(received_on=date(2025, 7, 31), author=None, session_id=None,
                consultation_id="cns_1") -> rules.ReceiveContribution:
    return rules.ReceiveContribution("Publish the regional budget monthly.", received_on, "public_consultation",
                                     author or public_author(), session_id=session_id, consultation_id=consultation_id)


def consider_cmd(considered_on=date(2025, 7, 10), session_id="ses_1") -> rules.ConsiderContribution:
    return rules.ConsiderContribution(considered_on, session_id, "discussed with the budget office")


# -- fold ------------------------------------------------------------------------------------------------


def test_is_there_a_contribution_in_an_empty_stream_or_another_kind_of_stream():
    """Does an empty stream, or a session's, fold to no contribution?"""
    assert rules.fold([]) is None
    assert rules.fold(given.recorded(given.session_scheduled(), CONSIDERED)) is None


def test_what_does_a_contribution_just_received_say():
    """Is a contribution just received `received`, with no response times yet and the position it was logged at?"""
    state = given.contribution()
    assert (state.status, state.author, state.consultation_id, state.late_when_logged) == (
        "received", PUBLIC_AUTHOR, "cns_1", False)
    assert (state.received_position, state.days_to_response, state.days_to_written_communication) == (1, None, None)


def test_what_does_a_contributions_stream_say_once_answered_and_corrected():
    """Is the latest response the one that stands, and does a corrected communication replace the one it
    corrects, the written ones alone counting for the days to written feedback?"""
    state = given.contribution(
        CONSIDERED,
        ContributionResponded("ctb_1", "rejected", "Out of budget.", "2025-07-15"),
        ContributionResponded("ctb_1", "accepted", "It became commitment 2.", "2025-07-20", "cmt_a", "wrong answer"),
        ResponseCommunicated("ctb_1", "2025-07-22", "in_session"),
        ResponseCommunicated("ctb_1", "2025-07-25", "email"),
        ResponseCommunicated("ctb_1", "2025-07-24", "email", correction_reason="wrong day", corrects_version=6))
    assert state.status == "communicated"
    assert [c.considered_on for c in state.considerations] == [date(2025, 7, 10)]
    assert (state.response.decision, state.response.correction_reason) == ("accepted", "wrong answer")
    assert [(c.communicated_on, c.channel, c.written, c.version) for c in state.communications] == [
        (date(2025, 7, 22), "in_session", False, 5), (date(2025, 7, 24), "email", True, 7)]
    assert (state.days_to_response, state.days_to_written_communication, state.version) == (19, 23, 7)


@pytest.mark.parametrize(("more", "status"), [
    ([], "received"), ([CONSIDERED], "considered"),
    ([ContributionResponded("ctb_1", "accepted", "Yes.", "2025-07-20")], "responded"),
], ids=["received", "considered", "responded"])
def test_which_stage_has_a_contribution_reached(more, status):
    """Is the status the furthest stage reached?"""
    assert given.contribution(*more).status == status


# -- author and visibility -------------------------------------------------------------------------------


def test_how_is_an_author_recorded():
    """Is a representative recorded from the roster of the day, and a member of the public as a person of their
    own whose data can be forgotten?"""
    forum = given.forum()
    assert rules.author_of(forum, representative_author(), date(2025, 7, 1), "ctb_9") == ANA_AUTHOR
    assert rules.author_of(forum, public_author(), date(2025, 7, 1), "ctb_9") == {**PUBLIC_AUTHOR,
                                                                                  "person_id": "per_ctb_9"}


def test_may_an_author_be_a_representative_not_serving_that_day():
    """Is an author who was no longer a representative on the day refused, on author.representative_id?"""
    with pytest.raises(Conflict, match="author.representative_id: Carla Soto was not a current representative"):
        rules.author_of(given.forum(), representative_author("rep_carla"), date(2026, 1, 5), "ctb_9")


def test_who_sees_an_authors_name():
    """Do full readers see everything, and the public neither a private person's name and email nor a minor's
    name?"""
    minors = frozenset({"rep_eva"})
    eva = {**ANA_AUTHOR, "representative_id": "rep_eva", "name": "Eva Chávez"}
    assert rules.visible_author(PUBLIC_AUTHOR, True, minors) == PUBLIC_AUTHOR
    assert rules.visible_author(PUBLIC_AUTHOR, False, minors) == {"kind": "public", "organization": None,
                                                                  "sector": "youth"}
    assert rules.visible_author(eva, False, minors) == {**eva, "name": None}
    assert rules.visible_author(ANA_AUTHOR, False, minors) == ANA_AUTHOR


def test_what_do_anonymous_readers_see_of_a_contributions_trail():
    """Is a received contribution's author hidden from anonymous readers, and other events shown as they are?"""
    received = given.contribution_received().to_data()
    assert rules.public_data("ContributionReceived", received, frozenset())["author"] == {
        "kind": "public", "organization": None, "sector": "youth"}
    considered = CONSIDERED.to_data()
    assert rules.public_data("ContributionConsidered", considered, frozenset()) == considered


# -- receive ---------------------------------------------------------------------------------------------


def test_how_is_a_contribution_received_on_a_consultations_last_day():
    """Is a member of the public's contribution received on the consultation's closing day, and not late?"""
    event = given.only(rules.receive(given.forum(), "pln_1", "ctb_9", receive_cmd(), None, CONSULTATION, NOW))
    assert event.payload == ContributionReceived(
        "ctb_9", "pln_1", "frm_1", "Publish the regional budget monthly.", "2025-07-31", "public_consultation",
        {**PUBLIC_AUTHOR, "person_id": "per_ctb_9"}, None, None, "cns_1", False)
    assert event.occurred_at == lima(date(2025, 7, 31))


def test_what_becomes_of_a_contribution_received_after_the_consultation_closed():
    """Is a contribution received after the consultation closed accepted, and marked late?"""
    cmd = receive_cmd(received_on=date(2025, 8, 1))
    assert given.only(rules.receive(given.forum(), "pln_1", "ctb_9", cmd, None, CONSULTATION, NOW)).payload.late


def test_how_is_a_representatives_contribution_received_in_a_session():
    """Is a representative's contribution received in a session held that day, its author from the roster?"""
    cmd = receive_cmd(date(2025, 7, 10), representative_author(), "ses_1", None)
    payload = given.only(rules.receive(given.forum(), "pln_1", "ctb_9", cmd, held(), None, NOW)).payload
    assert (payload.author, payload.session_id, payload.late) == (ANA_AUTHOR, "ses_1", False)


def test_may_a_contribution_be_received_in_a_session_not_held_yet():
    """Is a contribution received in a session that is scheduled but not recorded as held refused? It is not: only
    a cancelled session, or a day before the held day, is refused. Documents the actual behaviour."""
    cmd = receive_cmd(date(2025, 7, 10), session_id="ses_1", consultation_id=None)
    payload = given.only(rules.receive(given.forum(), "pln_1", "ctb_9", cmd, held(on=None), None, NOW)).payload
    assert payload.session_id == "ses_1"


@pytest.mark.parametrize(("cmd", "session", "error", "why"), [
    (receive_cmd(TOMORROW), None, InvalidField, "received_on: 2026-03-02 is in the future"),
    (receive_cmd(date(2025, 2, 1)), None, Conflict, "received_on: 2025-02-01 is before the forum was established"),
    (receive_cmd(date(2026, 1, 5), representative_author("rep_carla")), None, Conflict,
     "author.representative_id: Carla Soto was not a current representative on 2026-01-05"),
    (receive_cmd(session_id="ses_1"), held(cancelled=True), Conflict, "session_id: session ses_1 was cancelled"),
    (receive_cmd(date(2025, 7, 9), session_id="ses_1"), held(), Conflict,
     "received_on: 2025-07-09 is before session ses_1 was held on 2025-07-10"),
    (receive_cmd(date(2025, 6, 30)), None, Conflict,
     "received_on: 2025-06-30 is before consultation cns_1 opened on 2025-07-01"),
], ids=["future", "before_forum", "author_withdrawn", "session_cancelled", "before_session", "before_consultation"])
def test_when_may_a_contribution_not_be_received(cmd, session, error, why):
    """Is a contribution in the future, before the forum, by a representative not serving, in a cancelled session,
    before its session was held, or before its consultation opened refused?"""
    with pytest.raises(error, match=why):
        rules.receive(given.forum(), "pln_1", "ctb_9", cmd, session, CONSULTATION, NOW)


# -- consider --------------------------------------------------------------------------------------------


def test_how_is_a_contribution_considered_in_a_session():
    """Is the consideration recorded with its session and note, on its day?"""
    event = given.only(rules.consider(given.contribution(), given.forum(), consider_cmd(), held(), NOW))
    assert event.payload == ContributionConsidered("ctb_1", "2025-07-10", "ses_1", "discussed with the budget office")
    assert event.occurred_at == lima(date(2025, 7, 10))


def test_may_a_contribution_be_considered_again_elsewhere():
    """Is a contribution considered in one session considered again in another, or outside any session?"""
    state, forum = given.contribution(CONSIDERED), given.forum()
    other = held(date(2025, 8, 1), session_id="ses_2")
    assert given.only(rules.consider(state, forum, consider_cmd(date(2025, 8, 1), "ses_2"), other, NOW))
    assert given.only(rules.consider(state, forum, consider_cmd(session_id=None), None, NOW)).payload.session_id is None


@pytest.mark.parametrize(("history", "cmd", "session", "error", "why"), [
    ([], consider_cmd(TOMORROW), held(), InvalidField, "considered_on: 2026-03-02 is in the future"),
    ([], consider_cmd(date(2025, 6, 30), None), None, Conflict,
     "considered_on: 2025-06-30 is before the contribution was received on 2025-07-01"),
    ([], consider_cmd(), held(cancelled=True), Conflict, "session_id: session ses_1 was cancelled"),
    ([], consider_cmd(date(2025, 7, 9)), held(), Conflict,
     "considered_on: 2025-07-09 is before session ses_1 was held on 2025-07-10"),
    ([CONSIDERED], consider_cmd(), held(), Conflict, "the contribution was already considered in session ses_1"),
], ids=["future", "before_received", "session_cancelled", "before_session", "same_session_twice"])
def test_when_may_a_contribution_not_be_considered(history, cmd, session, error, why):
    """Is a consideration in the future, before the contribution was received, in a cancelled session, before the
    session was held, or a second one in the same session refused?"""
    with pytest.raises(error, match=why):
        rules.consider(given.contribution(*history), given.forum(), cmd, session, NOW)
