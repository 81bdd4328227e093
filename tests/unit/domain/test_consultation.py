"""A public consultation (tracker.domain.consultation): the fold, opening it, extending its deadline."""
from __future__ import annotations

from datetime import date

import pytest

from events.catalog.plans import ConsultationExtended, ConsultationOpened
from tests.unit import given
from tests.unit.given import NOW, TOMORROW, lima
from tracker.domain import consultation as rules
from tracker.domain.errors import Conflict, InvalidField

URL = "https://gob.example.org/consulta"
OPENED = ConsultationOpened("cns_1", "pln_1", "2025-07-01", "2025-07-31", "web_form", URL)
EXTENDED = ConsultationExtended("cns_1", "2025-08-15", "2025-07-31", "many asked for more time", "ctb_1")


def consultation(*more):
    return given.folded(rules.fold, OPENED, *more, stream="cns_1")


# -- commands, as the API's schemas load them ------------------------------------------------------------


def open_cmd(opens_on=date(2025, 7, 1), closes_on=date(2025, 7, 31)) -> rules.OpenConsultation:
    return rules.OpenConsultation(opens_on, closes_on, "web_form", URL)


def extend_cmd(closes_on=date(2025, 8, 15), occurred_on=date(2025, 7, 30)) -> rules.ExtendConsultation:
    return rules.ExtendConsultation(closes_on, "many asked for more time", "ctb_1", occurred_on=occurred_on)


# -- fold ------------------------------------------------------------------------------------------------


def test_is_there_a_consultation_in_an_empty_stream_or_another_kind_of_stream():
    """Does an empty stream, or a plan's, fold to no consultation?"""
    assert rules.fold([]) is None
    assert rules.fold(given.recorded(given.plan_opened())) is None


def test_what_does_a_consultation_just_opened_say():
    """Does it belong to the stream's forum, close when it opened saying, and have no extension?"""
    state = consultation()
    assert (state.id, state.forum_id, state.action_plan_id, state.channel, state.url) == (
        "cns_1", "frm_1", "pln_1", "web_form", URL)
    assert (state.opens_on, state.closes_on, state.original_closes_on) == (date(2025, 7, 1), date(2025, 7, 31),
                                                                          date(2025, 7, 31))
    assert (state.extensions, state.version) == ([], 1)


def test_what_does_an_extended_consultation_say():
    """Does it close on the latest extension's day, remembering the day it opened with and each extension's
    times and the contribution that asked for it?"""
    later = ConsultationExtended("cns_1", "2025-08-31", "2025-08-15", "a holiday week")
    state = consultation((EXTENDED, lima(date(2025, 7, 30))), later)
    assert (state.closes_on, state.original_closes_on, state.version) == (date(2025, 8, 31), date(2025, 7, 31), 3)
    first = state.extensions[0]
    assert (first.previous_closes_on, first.closes_on, first.requested_by_contribution) == (
        date(2025, 7, 31), date(2025, 8, 15), "ctb_1")
    assert (first.occurred_at, first.recorded_at) == (lima(date(2025, 7, 30)), NOW.replace(second=1))


# -- open ------------------------------------------------------------------------------------------------


def test_how_is_a_consultation_opened():
    """Is the consultation opened with its dates, channel and address, at the start of its first day?"""
    event = given.only(rules.open_consultation(given.forum(), given.plan(), "cns_1", open_cmd(), NOW))
    assert event.payload == OPENED
    assert event.occurred_at == lima(date(2025, 7, 1))


def test_when_does_the_opening_of_a_future_consultation_occur():
    """Is a consultation that opens in the future announced now, and may it close the day it opens?"""
    cmd = open_cmd(opens_on=date(2026, 4, 1), closes_on=date(2026, 4, 1))
    event = given.only(rules.open_consultation(given.forum(), given.plan(), "cns_2", cmd, NOW))
    assert (event.payload.opens_on, event.payload.closes_on, event.occurred_at) == ("2026-04-01", "2026-04-01", NOW)


@pytest.mark.parametrize(("cmd", "why"), [
    (open_cmd(opens_on=date(2025, 2, 1)), "opens_on: 2025-02-01 is before the forum was established on 2025-02-10"),
    (open_cmd(closes_on=date(2025, 6, 30)), "closes_on: a consultation cannot close before it opens"),
], ids=["before_forum", "closes_before_opening"])
def test_when_may_a_consultation_not_open(cmd, why):
    """Is a consultation opening before the forum, or closing before it opens, refused? (The API's schema answers
    422 for the second before the decision runs; the decision itself raises a Conflict.)"""
    with pytest.raises(Conflict, match=why):
        rules.open_consultation(given.forum(), given.plan(), "cns_1", cmd, NOW)


# -- extend ----------------------------------------------------------------------------------------------


def test_how_is_a_consultations_deadline_extended():
    """Is the extension recorded from the current closing day to the new one, with the contribution that asked,
    on the day it says?"""
    event = given.only(rules.extend(consultation(), given.forum(), extend_cmd(), NOW))
    assert event.payload == EXTENDED
    assert event.occurred_at == lima(date(2025, 7, 30))


def test_does_a_second_extension_start_from_the_first():
    """Does a second extension move the deadline from the one the first extension set, now when it names no day?"""
    event = given.only(rules.extend(consultation(EXTENDED), given.forum(), extend_cmd(date(2025, 8, 31), None), NOW))
    assert (event.payload.previous_closes_on, event.payload.closes_on, event.occurred_at) == (
        "2025-08-15", "2025-08-31", NOW)


def test_may_an_extension_be_dated_before_the_consultation_opened():
    """Is an extension dated before the consultation opened refused? It is not: the decision checks only the new
    closing day (and the forum's dates). Documents the actual behaviour."""
    event = given.only(rules.extend(consultation(), given.forum(), extend_cmd(occurred_on=date(2025, 6, 1)), NOW))
    assert event.occurred_at == lima(date(2025, 6, 1))


@pytest.mark.parametrize(("cmd", "error", "why"), [
    (extend_cmd(closes_on=date(2025, 7, 31)), Conflict,
     "closes_on: an extension must move the deadline later than 2025-07-31"),
    (extend_cmd(closes_on=date(2025, 7, 20)), Conflict, "closes_on: an extension must move the deadline later"),
    (extend_cmd(occurred_on=TOMORROW), InvalidField, "occurred_on: 2026-03-02 is in the future"),
], ids=["same_day", "earlier", "future"])
def test_when_may_a_deadline_not_be_extended(cmd, error, why):
    """Is an extension to the current closing day or earlier, or dated in the future, refused?"""
    with pytest.raises(error, match=why) as refused:
        rules.extend(consultation(), given.forum(), cmd, NOW)
    assert list(refused.value.errors) == [why.split(":")[0]]
