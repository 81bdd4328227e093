"""A contribution's reasoned response and its communication (tracker.domain.contribution.respond, .communicate)."""
from __future__ import annotations

from datetime import date

import pytest

from events.catalog.contributions import ContributionResponded, ContributorChannelWithdrawn, ResponseCommunicated
from tests.unit import given
from tests.unit.given import NOW, TOMORROW, lima
from tracker.domain import contribution as rules
from tracker.domain.commands import Correction
from tracker.domain.errors import Conflict, InvalidField

RESPONDED = ContributionResponded("ctb_1", "accepted", "It became commitment 2.", "2025-07-20", "cmt_a")
EMAILED = ResponseCommunicated("ctb_1", "2025-07-25", "email")  # stream version 3 after RESPONDED
TOLD = ResponseCommunicated("ctb_1", "2025-07-26", "in_session")
URL = "https://gob.example.org/respuestas"

# -- commands, as the API's schemas load them ------------------------------------------------------------


def respond_cmd(responded_on=date(2025, 7, 20), correction=None, decision="accepted") -> rules.RespondToContribution:
    return rules.RespondToContribution(decision, "  It became commitment 2. ", responded_on, "cmt_a",
                                       Correction(correction) if correction else None)


def communicate_cmd(communicated_on=date(2025, 7, 25), channel="email", correction=None) -> rules.CommunicateResponse:
    return rules.CommunicateResponse(communicated_on, channel, URL if channel == "published" else None,
                                     Correction(correction) if correction else None)


# -- respond ---------------------------------------------------------------------------------------------


def test_how_is_a_contribution_answered():
    """Is the decision recorded with its trimmed reasoning and commitment, on the day it was given?"""
    event = given.only(rules.respond(given.contribution(), given.forum(), respond_cmd(), NOW))
    assert event.payload == ContributionResponded("ctb_1", "accepted", "It became commitment 2.", "2025-07-20",
                                                  "cmt_a", None)
    assert event.occurred_at == lima(date(2025, 7, 20))


def test_how_is_a_response_corrected_up_to_the_day_of_its_first_communication():
    """Is a second response, dated the day the first was communicated, recorded as a correction with its reason?"""
    cmd = respond_cmd(date(2025, 7, 25), correction="it was merged, not accepted", decision="merged")
    payload = given.only(rules.respond(given.contribution(RESPONDED, EMAILED), given.forum(), cmd, NOW)).payload
    assert (payload.decision, payload.correction_reason) == ("merged", "it was merged, not accepted")


@pytest.mark.parametrize(("history", "cmd", "error", "why"), [
    ([], respond_cmd(correction="typo"), Conflict,
     "nothing to correct: no response to this contribution was recorded yet"),
    ([RESPONDED], respond_cmd(), Conflict, "a response was already recorded; send a correction with a reason"),
    ([], respond_cmd(TOMORROW), InvalidField, "responded_on: 2026-03-02 is in the future"),
    ([], respond_cmd(date(2025, 6, 30)), Conflict,
     "responded_on: 2025-06-30 is before the contribution was received on 2025-07-01"),
    ([RESPONDED, TOLD, EMAILED], respond_cmd(date(2025, 7, 26), correction="late"), Conflict,
     "responded_on: 2025-07-26 is after the response was communicated on 2025-07-25; correct the communication"),
], ids=["correction_of_nothing", "repeated", "future", "before_received", "after_first_communication"])
def test_when_may_a_contribution_not_be_answered(history, cmd, error, why):
    """Is a correction of no response, a repetition without a correction, a future day, a day before the
    contribution was received, or a day after its first communication refused?"""
    with pytest.raises(error, match=why):
        rules.respond(given.contribution(*history), given.forum(), cmd, NOW)


# -- communicate -----------------------------------------------------------------------------------------


def test_how_is_a_response_communicated():
    """Is the communication recorded with its channel and address, on its day, correcting nothing?"""
    cmd = communicate_cmd(channel="published")
    event = given.only(rules.communicate(given.contribution(RESPONDED), given.forum(), cmd, NOW))
    assert event.payload == ResponseCommunicated("ctb_1", "2025-07-25", "published", URL, None, None)
    assert event.occurred_at == lima(date(2025, 7, 25))


@pytest.mark.parametrize("cmd", [
    communicate_cmd(channel="letter"), communicate_cmd(date(2025, 7, 26)), communicate_cmd(date(2025, 7, 20)),
], ids=["another_channel_same_day", "same_channel_another_day", "the_day_of_the_response"])
def test_may_a_response_be_communicated_more_than_once(cmd):
    """Is a response communicated again by another channel, or by the same one another day, without a
    correction?"""
    payload = given.only(rules.communicate(given.contribution(RESPONDED, EMAILED), given.forum(), cmd, NOW)).payload
    assert (payload.channel, payload.correction_reason, payload.corrects_version) == (cmd.channel, None, None)


def test_which_communication_does_a_correction_supersede():
    """Does a correction supersede the latest communication on its channel, and a correction on a channel never
    used the latest communication of all?"""
    state = given.contribution(RESPONDED, EMAILED, TOLD, ResponseCommunicated("ctb_1", "2025-07-28", "email"))
    same = communicate_cmd(date(2025, 7, 28), correction="wrong address")
    assert given.only(rules.communicate(state, given.forum(), same, NOW)).payload == ResponseCommunicated(
        "ctb_1", "2025-07-28", "email", None, "wrong address", 5)
    state = given.contribution(RESPONDED, EMAILED, TOLD)
    other = communicate_cmd(date(2025, 7, 26), channel="letter", correction="it went by letter")
    assert given.only(rules.communicate(state, given.forum(), other, NOW)).payload.corrects_version == 4


@pytest.mark.parametrize(("history", "cmd", "error", "why"), [
    ([], communicate_cmd(), Conflict, "no response to communicate: record the response to this contribution first"),
    ([RESPONDED], communicate_cmd(TOMORROW), InvalidField, "communicated_on: 2026-03-02 is in the future"),
    ([RESPONDED], communicate_cmd(date(2025, 7, 19)), Conflict,
     "communicated_on: 2025-07-19 is before the response was given on 2025-07-20"),
    ([RESPONDED], communicate_cmd(correction="typo"), Conflict,
     "nothing to correct: the response to this contribution was not communicated yet"),
    ([RESPONDED, EMAILED], communicate_cmd(), Conflict,
     "a communication by email on 2025-07-25 was already recorded; send a correction with a reason"),
], ids=["no_response", "future", "before_response", "correction_of_nothing", "same_channel_same_day"])
def test_when_may_a_response_not_be_communicated(history, cmd, error, why):
    """Is a communication without a response, in the future, before the response, correcting nothing, or on the
    same channel the same day without a correction refused?"""
    with pytest.raises(error, match=why):
        rules.communicate(given.contribution(*history), given.forum(), cmd, NOW)


# -- a public author withdraws a channel -------------------------------------------------------------------

#: A member of the public who left a phone and agreed to be answered by WhatsApp and SMS.
BY_PHONE = {**given.PUBLIC_AUTHOR, "phone": "+51976222333", "opt_in": ["whatsapp", "sms"]}


def by_phone(*more) -> rules.ContributionState:
    return given.folded(rules.fold, given.contribution_received(author=BY_PHONE), *more, stream="ctb_1")


def test_a_public_author_withdraws_a_channel_at_once_and_the_fold_keeps_only_those_still_agreed():
    """Is a "BAJA" recorded today, occurring now, and does the author then agree only to the other channel, the
    event's own data left as it was?"""
    event = given.only(rules.withdraw_channel(by_phone(), given.forum(), "whatsapp", NOW, "whatsapp"))
    assert event.payload == ContributorChannelWithdrawn("ctb_1", "whatsapp", NOW.date().isoformat(), "whatsapp")
    assert event.occurred_at == NOW
    state = by_phone(event.payload)
    assert (state.author["opt_in"], state.withdrawn_channels) == (["sms"], ["whatsapp"])
    assert BY_PHONE["opt_in"] == ["whatsapp", "sms"]


@pytest.mark.parametrize("history", [
    [ContributorChannelWithdrawn("ctb_1", "whatsapp", "2026-03-01", "twilio")], "representative", "no_phone"],
    ids=["withdrawn_already", "representative", "never_agreed"])
def test_there_is_nothing_to_withdraw_from_who_did_not_agree_to_the_channel(history):
    if history == "representative":
        state = given.folded(rules.fold, given.contribution_received(author={
            "kind": "representative", "representative_id": "rep_ana", "name": "Ana Quispe"}), stream="ctb_1")
    elif history == "no_phone":
        state = given.contribution()
    else:
        state = by_phone(*history)
    with pytest.raises(Conflict, match="has not agreed to be answered by whatsapp"):
        rules.withdraw_channel(state, given.forum(), "whatsapp", NOW, "whatsapp")
