"""A forum's country, representatives' phones in E.164, and their agreement to be written to by WhatsApp or SMS.

Given the Cajamarca forum of `tests.unit.given` (now: 1 March 2026), when a representative is designated with a phone
or a channel is agreed to or withdrawn, then these events, or this refusal."""
from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from events.catalog.forums import ChannelConsentRecorded, ForumPolicyAmended, RepresentativeDesignated
from tests.unit import given
from tests.unit.given import NOW, TOMORROW, lima
from tracker.domain import forum as rules
from tracker.domain.errors import Conflict, InvalidField, NotFound
from tracker.domain.forum import AmendPolicy, DesignateRepresentative, RecordChannelConsent

PERU = given.forum_established(country="PE")


def designate(phone: str | None, opt_in: tuple[str, ...] = ()) -> DesignateRepresentative:
    return DesignateRepresentative("Rosa Díaz", "alternate", date(2026, 2, 1), phone=phone, opt_in=opt_in)


def consent(channel: str = "whatsapp", opted_in: bool = True, on: date = date(2026, 3, 1)) -> RecordChannelConsent:
    return RecordChannelConsent(channel, opted_in, on)


def test_a_phone_typed_as_people_write_it_in_peru_is_stored_in_e164():
    forum = given.forum(established=PERU)
    event = given.only(rules.designate(forum, "org_cso", "rep_new", designate("976 543 210", ("whatsapp",)), NOW))
    assert (event.payload.phone, event.payload.opt_in) == ("+51976543210", ["whatsapp"])
    assert event.payload.to_data()["opt_in"] == ["whatsapp"]


def test_without_a_country_a_number_without_its_country_code_is_kept_as_typed_and_reaches_no_channel():
    forum = given.forum()
    payload = given.only(rules.designate(forum, "org_cso", "rep_new", designate("+51 976 543 210"), NOW)).payload
    assert payload.phone == "+51976543210"
    payload = given.only(rules.designate(forum, "org_cso", "rep_new", designate("976 543 210"), NOW)).payload
    assert payload.phone == "976 543 210"  # as forums without a country always kept it
    with pytest.raises(InvalidField, match="^opt_in: a phone with its country code"):
        rules.designate(forum, "org_cso", "rep_new", designate("976 543 210", ("whatsapp",)), NOW)
    with pytest.raises(InvalidField, match="^phone: not a valid phone number with \\+ and its country code"):
        rules.designate(forum, "org_cso", "rep_new", designate("+51 1"), NOW)


@pytest.mark.parametrize("phone", ["123", "976 543", "+51 1", "0000000000"])
def test_a_number_that_is_not_a_valid_one_of_the_country_is_refused_on_phone(phone):
    with pytest.raises(InvalidField) as refused:
        rules.designate(given.forum(established=PERU), "org_cso", "rep_new", designate(phone), NOW)
    assert list(refused.value.errors) == ["phone"]


def test_a_channel_needs_a_phone():
    with pytest.raises(InvalidField, match="^opt_in: a phone with its country code"):
        rules.designate(given.forum(established=PERU), "org_cso", "rep_new", designate(None, ("sms",)), NOW)


def test_a_designation_without_channels_keeps_the_bytes_it_always_had():
    event = RepresentativeDesignated("rep_x", "org_cso", "Rosa Díaz", "alternate", "2026-02-01")
    assert "opt_in" not in event.to_data()
    assert "country" not in given.forum_established().to_data()
    assert "country" not in ForumPolicyAmended("forum_1", "2026-01-01", {"response_days": 15}).to_data()


def test_the_country_is_set_when_established_or_by_an_amendment_and_the_latest_in_force_is_the_forums():
    assert given.forum().country is None and given.forum(established=PERU).country == "PE"
    forum = given.forum()
    amended = given.only(rules.amend_policy(forum, AmendPolicy(date(2026, 1, 5), country="PE"), NOW)).payload
    assert amended.to_data() == {"forum_id": given.FORUM_ID, "effective_on": "2026-01-05", "policy": {},
                                 "meeting_rule": None, "reason": None, "country": "PE"}
    assert given.forum(amended).country == "PE"
    with pytest.raises(InvalidField, match="^country: not an ISO 3166-1 alpha-2"):
        rules.amend_policy(forum, AmendPolicy(date(2026, 1, 5), country="Peru"), NOW)


def test_an_agreement_is_recorded_now_and_a_withdrawal_undoes_it():
    forum = given.forum(replace(given.roster()[3], phone="+51976000111"), established=PERU)  # rep_ana has a phone
    event = given.only(rules.record_channel_consent(forum, "rep_ana", consent(), NOW))
    assert event.payload == ChannelConsentRecorded("rep_ana", "whatsapp", True, "2026-03-01", "secretariat")
    assert event.occurred_at == NOW  # today: from this moment
    agreed = given.forum(replace(given.roster()[3], phone="+51976000111"), event.payload, established=PERU)
    assert agreed.representatives["rep_ana"].reachable_by("whatsapp")
    assert not agreed.representatives["rep_ana"].reachable_by("sms")
    out = given.only(rules.record_channel_consent(agreed, "rep_ana", consent(opted_in=False, on=date(2026, 2, 27)),
                                                  NOW))
    assert out.occurred_at == lima(date(2026, 2, 27))
    withdrawn = given.forum(replace(given.roster()[3], phone="+51976000111"), event.payload, out.payload,
                            established=PERU)
    assert withdrawn.representatives["rep_ana"].opt_in == []


@pytest.mark.parametrize(("rep", "cmd", "error", "why"), [
    ("rep_x", consent(), NotFound, "representative rep_x does not belong to this forum"),
    ("rep_beto", consent(), Conflict, "channel: Beto Rojas has no phone on the roster"),
    ("rep_beto", consent(opted_in=False), Conflict, "Beto Rojas has not agreed"),
    ("rep_beto", consent(opted_in=False, on=TOMORROW), InvalidField, "on: 2026-03-02 is in the future"),
    ("rep_beto", consent(opted_in=False, on=date(2025, 5, 1)), Conflict, "on: 2025-05-01 is before Beto Rojas"),
])
def test_what_a_channel_consent_may_not_be(rep, cmd, error, why):
    with pytest.raises(error, match=f"^{why}"):
        rules.record_channel_consent(given.forum(), rep, cmd, NOW)
