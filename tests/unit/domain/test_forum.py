"""A forum and its roster (tracker.domain.forum): the fold, the roster's rules, and the decisions."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

import pytest

from events.catalog.forums import (
    OrganizationJoined,
    OrganizationLeft,
    RepresentativeDesignated,
    RepresentativeWithdrawn,
)
from events.catalog.sessions import SessionScheduled
from tests.unit import given
from tests.unit.given import NOW, TODAY, TOMORROW, TZ, at, lima
from tracker.domain import forum as rules
from tracker.domain.errors import Conflict, InvalidField, NotFound

# -- commands, as the API's schemas load them ------------------------------------------------------------


def establish_cmd(established_on=date(2025, 2, 10), policy=None, language="es") -> rules.EstablishForum:
    """A forum's establishment; a language or policy left None is not named (the defaults apply)."""
    named = {"language": language} if language is not None else {}
    named |= {"policy": policy} if policy is not None else {}
    return rules.EstablishForum("Foro Multiactor", "Cajamarca, Peru", established_on, TZ,
                                rules.MeetingRule("quarterly", 2), **named)


def join_cmd(name="Colegio de Ingenieros", sector="academia", joined_on=date(2026, 2, 1)) -> rules.JoinForum:
    return rules.JoinForum(name, sector, joined_on)


def leave_cmd(left_on=date(2026, 2, 1), reason="merged with another network") -> rules.LeaveForum:
    return rules.LeaveForum(left_on, reason)


def designate_cmd(role="alternate", designated_on=date(2026, 2, 1), is_minor=False, guardian_consent=None,
                  name=" Rosa Díaz ") -> rules.DesignateRepresentative:
    return rules.DesignateRepresentative(name, role, designated_on, email="rosa@example.org", phone="+51 976 000 111",
                                         gender="female", is_minor=is_minor, guardian_consent=guardian_consent)


def withdraw_cmd(withdrawn_on=date(2026, 2, 1), reason="changed jobs") -> rules.WithdrawRepresentative:
    return rules.WithdrawRepresentative(withdrawn_on, reason)


@dataclass(frozen=True)
class When:
    """Any command that may say when it occurred."""

    occurred_on: date | None = None
    occurred_at: datetime | None = None


def occurred_cmd(occurred_on=None, occurred_at=None) -> When:
    return When(occurred_on, occurred_at)


# -- fold ------------------------------------------------------------------------------------------------


def test_is_there_a_forum_in_an_empty_stream():
    """Does an empty stream fold to no forum?"""
    assert rules.fold([]) is None


def test_is_there_a_forum_in_another_kind_of_stream():
    """Does a stream that does not start with ForumEstablished (a session's) fold to no forum?"""
    other = SessionScheduled("ses_1", "frm_1", "Sesión", "forum_session", "2026-01-01T15:00:00+00:00", "Sala",
                             "in_person")
    assert rules.fold(given.recorded(other, *given.roster())) is None


def test_what_does_a_forums_stream_say_of_its_roster():
    """Are organizations, leavings, designations and withdrawals folded, with the version of the last event?"""
    forum = given.forum()
    assert (forum.id, forum.timezone, forum.established_on) == ("frm_1", TZ, date(2025, 2, 10))
    assert sorted(forum.organizations) == ["org_cso", "org_gov", "org_old"]
    assert [o.id for o in forum.organizations.values() if o.is_governmental] == ["org_gov"]
    old = forum.organizations["org_old"]
    assert (old.left_on, old.left_reason) == (date(2025, 9, 30), "the group dissolved")
    carla = forum.representatives["rep_carla"]
    assert (carla.withdrawn_on, carla.withdrawal_reason) == (date(2025, 12, 31), "moved to another region")
    eva = forum.representatives["rep_eva"]
    assert (eva.is_minor, eva.guardian_consent, eva.email) == (True, True, "eva@example.org")
    assert forum.version == 1 + len(given.roster())


# -- the roster's rules, shared by every area ------------------------------------------------------------


def test_which_organization_or_representative_ids_does_a_forum_not_know():
    """Are an unknown organization and an unknown representative NotFound, naming the id?"""
    forum = given.forum()
    with pytest.raises(NotFound, match="organization org_x is not a member of this forum"):
        forum.organization("org_x")
    with pytest.raises(NotFound, match="representative rep_x does not belong to this forum"):
        forum.representative("rep_x")


def test_who_is_a_current_representative_on_a_day():
    """Is a serving representative of a member organization current, the day of their withdrawal and the day their
    organization left included?"""
    forum = given.forum()
    assert forum.require_current_representative("rep_ana", TODAY, "signed_by").id == "rep_ana"
    assert forum.require_current_representative("rep_carla", date(2025, 12, 31), "signed_by").id == "rep_carla"
    assert forum.require_current_representative("rep_dora", date(2025, 9, 30), "signed_by").id == "rep_dora"


@pytest.mark.parametrize(("rep", "day", "why"), [
    ("rep_x", TODAY, "rep_x is not a representative of this forum"),
    ("rep_carla", date(2026, 1, 1), "Carla Soto was not a current representative on 2026-01-01: was withdrawn on "
                                    "2025-12-31"),
    ("rep_beto", date(2025, 5, 31), "Beto Rojas was not a current representative on 2025-05-31: was not yet "
                                    "designated on 2025-05-31"),
    ("rep_dora", date(2025, 10, 1), "Dora Vega was not a current representative on 2025-10-01: their "
                                    "organization left the forum on 2025-09-30"),
], ids=["unknown", "withdrawn", "not_yet_designated", "organization_left"])
def test_why_is_someone_not_a_current_representative_on_a_day(rep, day, why):
    """Is someone unknown, withdrawn, not yet designated or of an organization that left refused, saying why?"""
    with pytest.raises(Conflict, match=f"^signed_by: {why}$") as refused:
        given.forum().require_current_representative(rep, day, "signed_by")
    assert list(refused.value.errors) == ["signed_by"]


def test_can_anything_happen_in_a_forum_before_it_was_established():
    """Is the establishment day open, and the day before refused?"""
    forum = given.forum()
    forum.require_open_on(date(2025, 2, 10), "joined_on")
    with pytest.raises(Conflict, match="joined_on: 2025-02-09 is before the forum was established on 2025-02-10"):
        forum.require_open_on(date(2025, 2, 9), "joined_on")


def test_when_does_a_write_with_no_date_of_its_own_occur():
    """Does it occur at `occurred_at` (in UTC), at the start of `occurred_on`, or else now?"""
    forum = given.forum()
    assert rules.occurred(forum, occurred_cmd(occurred_at=at("2026-02-01T10:00:00-05:00")), NOW) == at(
        "2026-02-01T15:00:00+00:00")
    assert rules.occurred(forum, occurred_cmd(occurred_on=date(2026, 2, 1)), NOW) == lima(date(2026, 2, 1))
    assert rules.occurred(forum, occurred_cmd(), NOW) == NOW


@pytest.mark.parametrize(("cmd", "error", "why"), [
    (occurred_cmd(occurred_on=TOMORROW), InvalidField, "occurred_on: 2026-03-02 is in the future"),
    (occurred_cmd(occurred_at=at("2026-03-01T10:00:00-05:00")), InvalidField, "occurred_at: .* is in the future"),
    (occurred_cmd(occurred_on=date(2025, 2, 9)), Conflict, "occurred_on: 2025-02-09 is before the forum was"),
    (occurred_cmd(occurred_at=at("2025-02-09T23:59:00-05:00")), Conflict, "occurred_at: 2025-02-09 is before"),
], ids=["future_day", "future_instant", "day_before_forum", "instant_before_forum"])
def test_when_can_a_write_with_no_date_of_its_own_not_have_occurred(cmd, error, why):
    """Is a future time refused (422), and one before the forum's establishment day in its timezone (409)?"""
    with pytest.raises(error, match=why):
        rules.occurred(given.forum(), cmd, NOW)


# -- establish -------------------------------------------------------------------------------------------


def test_how_is_a_forum_established():
    """Does the forum start with its policy over the defaults, occurring at the start of its first day?"""
    event = given.only(rules.establish("frm_9", establish_cmd(policy={"feedback_by_email": False}), NOW))
    assert event.payload == given.forum_established(
        forum_id="frm_9", name="Foro Multiactor", meeting_rule={"frequency": "quarterly", "reminder_days_before": 2},
        policy={"advance_notice_days": 7, "feedback_by_email": False, "response_days": rules.DEFAULT_RESPONSE_DAYS})
    assert event.occurred_at == lima(date(2025, 2, 10))


def test_how_does_a_forum_set_its_response_days():
    """Does a forum's own `response_days` replace the default of 30 in the policy its establishment stores?"""
    assert rules.DEFAULT_POLICY["response_days"] == rules.DEFAULT_RESPONSE_DAYS == 30
    event = given.only(rules.establish("frm_9", establish_cmd(policy={"response_days": 15}), NOW))
    assert event.payload.policy == {"advance_notice_days": 7, "feedback_by_email": True, "response_days": 15}


def test_does_a_forum_established_before_response_days_existed_still_fold_without_it():
    """An establishment stored before the key existed folds as it was: the policy lacks it (readers default)."""
    old = given.forum()
    assert "response_days" not in old.policy


def test_what_language_and_policy_does_a_forum_get_when_it_names_none():
    """Does a forum that names no language or policy speak Spanish under the default policy?"""
    payload = given.only(rules.establish("frm_9", establish_cmd(policy=None, language=None), NOW)).payload
    assert (payload.language, payload.policy) == ("es", rules.DEFAULT_POLICY)


def test_can_a_forum_be_established_tomorrow():
    """Is an establishment dated after today in the forum's own timezone refused?"""
    with pytest.raises(InvalidField, match="established_on: 2026-03-02 is in the future"):
        rules.establish("frm_9", establish_cmd(established_on=TOMORROW), NOW)


# -- organizations ---------------------------------------------------------------------------------------


def test_how_does_an_organization_join():
    """Does it join under its trimmed name and sector, on the day it says?"""
    event = given.only(rules.join(given.forum(), "org_new", join_cmd(name="  Colegio de Ingenieros "), NOW))
    assert event.payload == OrganizationJoined("org_new", "Colegio de Ingenieros", "academia", "2026-02-01")
    assert event.occurred_at == lima(date(2026, 2, 1))


def test_may_an_organization_that_left_join_again_under_its_name():
    """Is the name of an organization that left free again?"""
    event = given.only(rules.join(given.forum(), "org_new", join_cmd(name="Colectivo Universitario"), NOW))
    assert event.payload.name == "Colectivo Universitario"


@pytest.mark.parametrize(("cmd", "error", "why"), [
    (join_cmd(joined_on=TOMORROW), InvalidField, "joined_on: 2026-03-02 is in the future"),
    (join_cmd(joined_on=date(2025, 2, 1)), Conflict, "joined_on: 2025-02-01 is before the forum was established"),
    (join_cmd(name="red ciudadana"), Conflict, r"Red Ciudadana is already a member of this forum \(organization "
                                               r"org_cso\)"),
], ids=["future", "before_forum", "name_taken"])
def test_when_may_an_organization_not_join(cmd, error, why):
    """Is a future day, a day before the forum, or the name of a current member (in any case) refused?"""
    with pytest.raises(error, match=why):
        rules.join(given.forum(), "org_new", cmd, NOW)


def test_how_does_an_organization_leave():
    """Does it leave on its day, with its reason?"""
    event = given.only(rules.leave(given.forum(), "org_cso", leave_cmd(), NOW))
    assert event.payload == OrganizationLeft("org_cso", "2026-02-01", "merged with another network")
    assert event.occurred_at == lima(date(2026, 2, 1))


@pytest.mark.parametrize(("org", "cmd", "error", "why"), [
    ("org_x", leave_cmd(), NotFound, "organization org_x is not a member of this forum"),
    ("org_cso", leave_cmd(left_on=TOMORROW), InvalidField, "left_on: 2026-03-02 is in the future"),
    ("org_old", leave_cmd(), Conflict, "Colectivo Universitario already left the forum on 2025-09-30"),
    ("org_cso", leave_cmd(left_on=date(2025, 2, 9)), Conflict, "left_on: 2025-02-09 is before Red Ciudadana "
                                                              "joined on 2025-02-10"),
], ids=["unknown", "future", "already_left", "before_joining"])
def test_when_may_an_organization_not_leave(org, cmd, error, why):
    """Is an unknown organization, a future day, a second leaving or one before joining refused?"""
    with pytest.raises(error, match=why):
        rules.leave(given.forum(), org, cmd, NOW)


# -- representatives -------------------------------------------------------------------------------------


def test_how_is_a_representative_designated():
    """Is the person recorded with their trimmed name, contact data and role, on the day of designation?"""
    forum = given.forum()
    event = given.only(rules.designate(forum, "org_cso", "rep_new", designate_cmd(role="primary"), NOW))
    assert event.payload == RepresentativeDesignated(
        "rep_new", "org_cso", "Rosa Díaz", "primary", "2026-02-01", "rosa@example.org", "+51976000111",
        "female", False, None)
    assert event.occurred_at == lima(date(2026, 2, 1))


def test_may_a_minor_be_designated_with_their_guardians_consent():
    """Is a minor's designation recorded with whether their guardian consented?"""
    cmd = designate_cmd(is_minor=True, guardian_consent=False)
    payload = given.only(rules.designate(given.forum(), "org_gov", "rep_new", cmd, NOW)).payload
    assert (payload.is_minor, payload.guardian_consent) == (True, False)


def test_may_a_primary_be_designated_for_days_when_the_organization_still_had_one():
    """Is a primary designated with a date on which the organization's former primary still served refused? It is
    not: the one-primary rule looks only at primaries not withdrawn at all, not at the day. Here Carla Soto was
    org_cso's primary until 31 Dec 2025 and a second primary is accepted from 1 Jul 2025. Documents the actual
    behaviour; see the report."""
    cmd = designate_cmd(role="primary", designated_on=date(2025, 7, 1))
    payload = given.only(rules.designate(given.forum(), "org_cso", "rep_new", cmd, NOW)).payload
    assert (payload.role, payload.designated_on) == ("primary", "2025-07-01")


@pytest.mark.parametrize(("org", "cmd", "error", "why"), [
    ("org_x", designate_cmd(), NotFound, "organization org_x is not a member of this forum"),
    ("org_cso", designate_cmd(designated_on=TOMORROW), InvalidField, "designated_on: 2026-03-02 is in the future"),
    ("org_old", designate_cmd(), Conflict, "designated_on: Colectivo Universitario was not a member of the forum on "
                                           "2026-02-01"),
    ("org_cso", designate_cmd(designated_on=date(2025, 2, 9)), Conflict, "was not a member of the forum on 2025-02-09"),
    ("org_gov", designate_cmd(role="primary"), Conflict, r"already has a primary representative \(Ana Quispe, "
                                                         r"rep_ana\); withdraw them first"),
    ("org_cso", designate_cmd(guardian_consent=True), Conflict, "guardian_consent: only a minor's designation"),
], ids=["unknown_org", "future", "org_left", "before_joining", "second_primary", "adult_consent"])
def test_when_may_a_representative_not_be_designated(org, cmd, error, why):
    """Is an unknown or non-member organization, a future day, a second primary, or an adult's guardian consent
    refused?"""
    with pytest.raises(error, match=why):
        rules.designate(given.forum(), org, "rep_new", cmd, NOW)


def test_how_is_a_representative_withdrawn():
    """Is the withdrawal recorded on its day, with its reason?"""
    event = given.only(rules.withdraw(given.forum(), "rep_ana", withdraw_cmd(), NOW))
    assert event.payload == RepresentativeWithdrawn("rep_ana", "2026-02-01", "changed jobs")
    assert event.occurred_at == lima(date(2026, 2, 1))


@pytest.mark.parametrize(("rep", "cmd", "error", "why"), [
    ("rep_x", withdraw_cmd(), NotFound, "representative rep_x does not belong to this forum"),
    ("rep_ana", withdraw_cmd(withdrawn_on=TOMORROW), InvalidField, "withdrawn_on: 2026-03-02 is in the future"),
    ("rep_carla", withdraw_cmd(), Conflict, "Carla Soto was already withdrawn on 2025-12-31"),
    ("rep_beto", withdraw_cmd(withdrawn_on=date(2025, 5, 1)), Conflict, "withdrawn_on: 2025-05-01 is before Beto "
                                                                       "Rojas was designated on 2025-06-01"),
], ids=["unknown", "future", "already_withdrawn", "before_designation"])
def test_when_may_a_representative_not_be_withdrawn(rep, cmd, error, why):
    """Is an unknown representative, a future day, a second withdrawal or one before the designation refused?"""
    with pytest.raises(error, match=why):
        rules.withdraw(given.forum(), rep, cmd, NOW)
