"""Section 1, the minimum requirements: 1.1 a forum exists, 1.2 it is multi-stakeholder, 1.3 it met with civil
society during co-creation, 1.4 it endorsed the plan. The forum: Cajamarca's, established 2025-02-10, co-creating
its 2026-2027 plan from 2025-03-01 to 2025-11-30 (W)."""
from __future__ import annotations

import pytest

from tests.compliance.support import answer, assert_evidence, check, meeting
from tests.support.builders import join, new_forum, open_plan
from tests.support.builders_plans import endorse, plan_with_roster, withdraw_endorsement
from tests.support.builders_sessions import hold_session

NOVEMBER = "2025-11-14T10:20:00-05:00"


@pytest.mark.both_engines  # this area's smoke test on PostgreSQL
def test_a_forum_with_members_during_co_creation_exists(api, app):
    """1.1 yes: established before W ended, with member organizations; the evidence is its establishment and
    the joinings."""
    r = plan_with_roster(api)
    found = check(api, r.plan, "1.1")
    assert found["answer"] == "yes"
    assert found["section"] == "minimum_requirements"
    assert_evidence(app, found, {"ForumEstablished", "OrganizationJoined"})
    assert [e["type"] for e in found["evidence"]].count("OrganizationJoined") == 3


def test_a_forum_without_members_during_co_creation_is_unclear(api, app):
    """1.1 unclear: the forum exists but its only member joined after W."""
    forum = new_forum(api)
    plan = open_plan(api, forum)
    join(api, forum, "Gobierno Regional de Cajamarca", "government", joined_on="2026-01-15")
    found = check(api, plan, "1.1")
    assert found["answer"] == "unclear"
    assert_evidence(app, found, {"ForumEstablished"})


def test_before_the_forum_existed_there_was_no_forum(api):
    """1.1 no, as of a day before the forum was established."""
    r = plan_with_roster(api)
    found = check(api, r.plan, "1.1", as_of="2025-02-09")
    assert found["answer"] == "no" and found["evidence"] == []
    assert answer(api, r.plan, "1.1", as_of="2025-02-10") == "yes"


def test_government_and_civil_society_make_it_multi_stakeholder(api, app):
    """1.2 yes with governmental and non-governmental members; no with government alone."""
    r = plan_with_roster(api)
    found = check(api, r.plan, "1.2")
    assert found["answer"] == "yes"
    assert found["details"] == {"governmental": 1, "non_governmental": 2}
    assert_evidence(app, found, {"OrganizationJoined"})

    forum = new_forum(api)
    join(api, forum, "Gobierno Regional de Cajamarca", "government")
    join(api, forum, "Municipalidad Provincial de Cajamarca", "government")
    assert answer(api, open_plan(api, forum), "1.2") == "no"


def test_a_session_in_w_attended_by_civil_society_is_a_meeting_with_it(api, app):
    """1.3 yes: a held session in W with a civil-society representative; the evidence is its SessionHeld."""
    r = plan_with_roster(api)
    session = meeting(api, r.forum_id, NOVEMBER, attendees=[r.ana, r.jorge])
    found = check(api, r.plan, "1.3")
    assert found["answer"] == "yes"
    assert found["details"]["with_non_governmental_attendance"] == [session]
    assert_evidence(app, found, {"SessionHeld"})


def test_a_session_in_w_without_attendance_is_unclear_and_government_alone_is_no(api, app):
    """1.3 unclear when the only session in W has no attendance recorded; no when only government attended,
    or when no session was held in W."""
    r = plan_with_roster(api)
    assert answer(api, r.plan, "1.3") == "no"
    meeting(api, r.forum_id, "2025-10-10T10:00:00-05:00", attendees=[r.ana, r.rosa])
    assert answer(api, r.plan, "1.3") == "no"
    meeting(api, r.forum_id, NOVEMBER)
    found = check(api, r.plan, "1.3")
    assert found["answer"] == "unclear"
    assert_evidence(app, found, {"SessionHeld"})


def test_a_session_after_w_does_not_count(api):
    """1.3 no: civil society attended, but in December, after co-creation ended."""
    r = plan_with_roster(api)
    meeting(api, r.forum_id, "2025-12-05T10:00:00-05:00", attendees=[r.jorge])
    assert answer(api, r.plan, "1.3") == "no"


def test_a_corrected_attendance_counts_as_corrected_and_known_at_shows_the_first_record(api, app, clock):
    """1.3: the latest record of a session counts; known_at before the correction shows what was known then."""
    r = plan_with_roster(api)
    session = meeting(api, r.forum_id, NOVEMBER)
    clock.advance(days=1)
    hold_session(api, session, held_at=NOVEMBER, attendance=[{"representative_id": r.jorge}],
                 correction={"reason": "La lista de asistencia llegó después"})
    assert answer(api, r.plan, "1.3") == "yes"
    assert answer(api, r.plan, "1.3", known_at="2026-11-20") == "unclear"


def test_a_session_scheduled_after_the_fact_counts_as_of_the_end_of_w(api):
    """1.3 as of the end of W: the session was logged (scheduled) in 2026, after it was held in 2025."""
    r = plan_with_roster(api)
    meeting(api, r.forum_id, NOVEMBER, attendees=[r.jorge])
    assert answer(api, r.plan, "1.3", as_of="2025-11-30") == "yes"
    assert answer(api, r.plan, "1.3", as_of="2025-11-13") == "no"


def test_an_endorsement_signed_by_both_sides_endorses_the_plan(api, app):
    """1.4 yes: signed by a governmental and a non-governmental representative; the evidence is PlanEndorsed."""
    r = plan_with_roster(api)
    response = api.post(f"/action-plans/{r.plan}/endorsements",
                        {"endorsed_on": "2025-11-14", "signed_by": [r.ana, r.jorge]})
    found = check(api, r.plan, "1.4")
    assert found["answer"] == "yes"
    assert_evidence(app, found, {"PlanEndorsed"}, positions=response["positions"])


def test_an_endorsement_signed_by_one_side_or_by_nobody_is_unclear(api, app):
    """1.4 unclear: only government signed; or nobody did."""
    r = plan_with_roster(api)
    endorsement = endorse(api, r.plan, signed_by=[r.ana, r.rosa])
    found = check(api, r.plan, "1.4")
    assert found["answer"] == "unclear"
    assert_evidence(app, found, {"PlanEndorsed"})
    withdraw_endorsement(api, endorsement)
    endorse(api, r.plan, endorsed_on="2025-11-21")
    assert answer(api, r.plan, "1.4") == "unclear"


def test_before_the_endorsement_and_after_its_withdrawal_the_plan_is_not_endorsed(api, app):
    """1.4 no as of the day before the endorsement; yes while it stood; no once withdrawn."""
    r = plan_with_roster(api)
    endorsement = endorse(api, r.plan, signed_by=[r.ana, r.jorge])
    withdraw_endorsement(api, endorsement, withdrawn_on="2025-11-20")
    assert answer(api, r.plan, "1.4", as_of="2025-11-13") == "no"
    assert answer(api, r.plan, "1.4", as_of="2025-11-19") == "yes"
    found = check(api, r.plan, "1.4")
    assert found["answer"] == "no"
    assert_evidence(app, found, {"PlanEndorsed", "EndorsementWithdrawn"})
