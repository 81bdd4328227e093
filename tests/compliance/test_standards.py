"""The standards a forum lives by, beyond the template: each can be met and each can fail. The forum was
established on 2025-02-10 and meets monthly by its own rule."""
from __future__ import annotations

from datetime import UTC, datetime

import pytest

from events import Metadata, NewEvent
from events.catalog.forums import ForumEstablished
from tests.compliance.support import answer, assert_evidence, check, meeting
from tests.support.builders import designate, forum_body, open_plan
from tests.support.builders_contributions import communicate, contribute, resident, respond
from tests.support.builders_plans import plan_with_roster
from tests.support.builders_sessions import forum_with_roster


def monthly(api, forum_id: str, months: list[int], attendees: list[str] = ()) -> None:
    for month in months:
        meeting(api, forum_id, f"2025-{month:02d}-12T10:00:00-05:00", attendees=attendees)


@pytest.mark.both_engines  # this area's smoke test on PostgreSQL
def test_a_session_every_month_keeps_the_cadence(api, app):
    """S.cadence yes: sessions in February, March and April, judged as of the end of April."""
    r = plan_with_roster(api)
    monthly(api, r.forum_id, [2, 3, 4])
    found = check(api, r.plan, "S.cadence", as_of="2025-04-30")
    assert found["answer"] == "yes" and found["section"] == "standards"
    assert found["details"]["missed"] == []
    assert_evidence(app, found, {"SessionHeld"})


def test_one_missed_month_is_unclear_and_more_is_no(api, app):
    """S.cadence unclear with March missed; no with March and May missed; the missed months are listed."""
    r = plan_with_roster(api)
    monthly(api, r.forum_id, [2, 4, 6])
    assert answer(api, r.plan, "S.cadence", as_of="2025-04-30") == "unclear"
    found = check(api, r.plan, "S.cadence", as_of="2025-06-30")
    assert found["answer"] == "no"
    assert found["details"]["missed"] == [{"from": "2025-03-01", "to": "2025-03-31"},
                                          {"from": "2025-05-01", "to": "2025-05-31"}]
    assert_evidence(app, found, {"SessionHeld"})


def test_a_month_still_running_is_not_yet_missed(api):
    """S.cadence: mid-March without a March session is pending, not missed."""
    r = plan_with_roster(api)
    monthly(api, r.forum_id, [2])
    found = check(api, r.plan, "S.cadence", as_of="2025-03-15")
    assert found["answer"] == "yes"
    assert found["details"]["current_period_without_session"] == {"from": "2025-03-01", "to": "2025-03-31"}


def test_sessions_less_than_six_months_apart_meet_the_minimum(api, app):
    """S.six_months yes: sessions in March and July, judged in October."""
    r = plan_with_roster(api)
    monthly(api, r.forum_id, [3, 7])
    found = check(api, r.plan, "S.six_months", as_of="2025-10-31")
    assert found["answer"] == "yes"
    assert_evidence(app, found, {"SessionHeld"})


def test_more_than_183_days_without_a_session_fails_the_minimum(api, app):
    """S.six_months no: from the March session to November is more than 183 days; so is the time since the
    last session until now."""
    r = plan_with_roster(api)
    monthly(api, r.forum_id, [3, 11])
    found = check(api, r.plan, "S.six_months", as_of="2025-11-30")
    assert found["answer"] == "no"
    assert found["details"]["gaps"] == [{"from": "2025-03-12", "to": "2025-11-12", "days": 245}]
    assert_evidence(app, found, {"SessionHeld"})
    assert answer(api, r.plan, "S.six_months") == "no"


def test_organizations_missing_an_alternate_are_listed(api, app):
    """S.alternates no: the association and the youth council have no alternate; then yes once they have."""
    r = plan_with_roster(api)
    found = check(api, r.plan, "S.alternates")
    assert found["answer"] == "no"
    assert [(m["organization_id"], m["missing"]) for m in found["details"]["missing"]] == [
        (r.ong, ["alternate"]), (r.youth, ["alternate"])]
    assert_evidence(app, found, {"OrganizationJoined"})
    designate(api, r.forum_id, r.ong, "Elena Castro", role="alternate")
    designate(api, r.forum_id, r.youth, "Diego Ramos", role="alternate")
    found = check(api, r.plan, "S.alternates")
    assert found["answer"] == "yes"
    assert_evidence(app, found, {"RepresentativeDesignated"})


def short_cocreation(api):
    """A roster and a plan whose co-creation ended on 2025-06-30: implementation year one ends 2026-06-30."""
    r = forum_with_roster(api)
    r.plan = open_plan(api, r.forum_id, cocreation_starts_on="2025-02-10", cocreation_ends_on="2025-06-30")
    return r


def test_two_meetings_with_civil_society_in_the_first_year_of_implementation_meet_the_standard(api, app):
    """S.implementation yes: two sessions with civil society between July 2025 and June 2026."""
    r = short_cocreation(api)
    monthly(api, r.forum_id, [8, 12], attendees=[r.jorge])
    found = check(api, r.plan, "S.implementation", as_of="2026-07-01")
    assert found["answer"] == "yes"
    assert found["details"]["years"][0]["sessions"] == 2
    assert_evidence(app, found, {"SessionHeld"})


def test_one_meeting_in_a_year_of_implementation_fails_the_standard(api, app):
    """S.implementation no once the year is over with one session with civil society; unclear while it runs, and
    before implementation starts."""
    r = short_cocreation(api)
    monthly(api, r.forum_id, [8], attendees=[r.jorge])
    monthly(api, r.forum_id, [9], attendees=[r.ana])
    assert answer(api, r.plan, "S.implementation", as_of="2025-06-15") == "unclear"
    assert answer(api, r.plan, "S.implementation", as_of="2026-03-01") == "unclear"
    found = check(api, r.plan, "S.implementation", as_of="2026-07-01")
    assert found["answer"] == "no"
    assert_evidence(app, found, {"SessionHeld"})


def test_contributions_answered_in_writing_within_a_month_are_prompt(api, app):
    """S.response_time yes: answered by email 24 days after it arrived; median and maximum are 24."""
    r = plan_with_roster(api)
    contribution = contribute(api, r.plan, resident())
    respond(api, contribution)
    communicate(api, contribution, communicated_on="2025-06-05", channel="email")
    found = check(api, r.plan, "S.response_time")
    assert found["answer"] == "yes"
    assert (found["details"]["median_days"], found["details"]["max_days"]) == (24, 24)
    assert_evidence(app, found, {"ResponseCommunicated"})


def test_a_contribution_left_waiting_is_listed_and_fails_the_standard(api, app):
    """S.response_time no: one contribution waits without a written answer; unclear when there are none."""
    r = plan_with_roster(api)
    assert answer(api, r.plan, "S.response_time") == "unclear"
    contribution = contribute(api, r.plan, resident())
    found = check(api, r.plan, "S.response_time", as_of="2025-07-31")
    assert found["answer"] == "no"
    assert found["details"]["waiting"] == [{"contribution_id": contribution, "received_on": "2025-05-12",
                                            "days_waiting": 80, "status": "received"}]
    assert_evidence(app, found, {"ContributionReceived"})
    assert answer(api, r.plan, "S.response_time", as_of="2025-05-31") == "yes"


def answered_after_20_days(api, plan_id: str) -> dict:
    """A contribution received on 12 May and answered in writing on 1 June: 20 days; judged then."""
    contribution = contribute(api, plan_id, resident())
    respond(api, contribution, responded_on="2025-05-30")
    communicate(api, contribution, communicated_on="2025-06-01")
    return check(api, plan_id, "S.response_time", as_of="2025-06-30")


@pytest.mark.parametrize("policy, days, expected, source_en, source_es", [
    ({"response_days": 15}, 15, "no", "The forum's policy asks for a written answer within 15 days",
     "La política del foro pide una respuesta escrita en 15 días"),
    ({}, 30, "yes", "within 30 days: our default", "en 30 días: nuestro valor por defecto"),
])
def test_the_forum_policy_sets_how_promptly_and_the_explanation_names_the_limit(api, policy, days, expected,
                                                                               source_en, source_es):
    """S.response_time: 20 days is too slow under response_days 15, prompt under the default 30; the explanation
    names the limit used and whether it is the forum's policy or our default, in both languages."""
    r = plan_with_roster(api, policy=policy)
    found = answered_after_20_days(api, r.plan)
    assert found["answer"] == expected
    assert found["details"]["response_days"] == days
    assert source_en in found["explanations"]["en"] and source_es in found["explanations"]["es"]


def test_a_forum_stored_before_response_days_existed_is_judged_with_the_default(api, app):
    """A ForumEstablished stored without `response_days` in its policy still decodes, and the default 30 applies."""
    body = forum_body()
    forum = ForumEstablished("frm_storedbefore0000000", body["name"], body["member"], body["established_on"],
                             body["timezone"], body["meeting_rule"], "es",
                             {"advance_notice_days": 7, "feedback_by_email": True}, body["legal_basis"])
    app.extensions["tracker"].store.append(forum.forum_id, [NewEvent(forum, datetime(2025, 2, 10, 5, tzinfo=UTC))],
                                           0, Metadata(actor="admin@example.org"), tenant_id=forum.forum_id)
    found = answered_after_20_days(api, open_plan(api, forum.forum_id))
    assert found["answer"] == "yes" and found["details"]["response_days"] == 30
    assert "within 30 days: our default" in found["explanations"]["en"]
