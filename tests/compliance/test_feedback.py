"""Section 2, recommended practices 2.4 and 2.5: written feedback on contributions, and shared ownership of the
decisions. W runs from 2025-03-01 to 2025-11-30."""
from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tests.compliance.support import answer, assert_evidence, check, meeting
from tests.support.builders_contributions import communicate, contribute, representative, resident, respond
from tests.support.builders_plans import draft_commitment, plan_with_roster, revise

OCTOBER, NOVEMBER = "2025-10-10T10:00:00-05:00", "2025-11-14T10:20:00-05:00"


@pytest.mark.both_engines  # this area's smoke test on PostgreSQL
def test_every_contribution_answered_and_written_back_is_written_feedback(api, app):
    """2.4 yes: each contribution has a reasoned response and an email telling its author; those events are the
    evidence."""
    r = plan_with_roster(api)
    for author in (resident(), representative(r.jorge)):
        contribution = contribute(api, r.plan, author)
        respond(api, contribution)
        communicate(api, contribution, channel="email")
    found = check(api, r.plan, "2.4")
    assert found["answer"] == "yes" and found["details"]["waiting"] == []
    assert_evidence(app, found, {"ContributionResponded", "ResponseCommunicated"})
    assert len(found["evidence"]) == 4


def test_a_response_shown_only_in_session_is_unclear(api, app):
    """2.4 unclear: the response was told in a session, never written; the contribution is listed as waiting."""
    r = plan_with_roster(api)
    contribution = contribute(api, r.plan, resident())
    respond(api, contribution)
    communicate(api, contribution, channel="in_session")
    found = check(api, r.plan, "2.4")
    assert found["answer"] == "unclear"
    assert found["details"]["waiting"] == [
        {"contribution_id": contribution, "received_on": "2025-05-12", "missing": "written_communication"}]
    assert_evidence(app, found, {"ContributionResponded", "ContributionReceived"})


def test_contributions_without_any_response_or_no_contributions_is_no(api, app):
    """2.4 no: nothing received; then a contribution never answered."""
    r = plan_with_roster(api)
    assert answer(api, r.plan, "2.4") == "no"
    contribute(api, r.plan, resident())
    found = check(api, r.plan, "2.4")
    assert found["answer"] == "no"
    assert_evidence(app, found, {"ContributionReceived"})


def test_a_letter_logged_today_changes_2_4_now_but_not_as_known_yesterday(api, clock):
    """known_at: the written communication logged today leaves yesterday's answer as it was (the clock stands
    inside the co-creation window, so the default reference date is now)."""
    clock.now = datetime(2025, 6, 10, 15, 0, tzinfo=UTC)
    r = plan_with_roster(api)
    contribution = contribute(api, r.plan, resident())
    respond(api, contribution)
    communicate(api, contribution, channel="in_session")
    yesterday = clock.now.date().isoformat()
    clock.advance(days=1)
    communicate(api, contribution, communicated_on=clock.now.date().isoformat(), channel="letter")
    assert answer(api, r.plan, "2.4", known_at=yesterday) == "unclear"
    now = check(api, r.plan, "2.4")
    assert now["answer"] == "yes"
    assert [e["logged_late"] for e in now["evidence"] if e["type"] == "ResponseCommunicated"] == [False]


def test_evidence_logged_months_after_it_happened_is_flagged(api):
    """logged_late: a 2025 response logged in November 2026 is flagged, and the explanation says so."""
    r = plan_with_roster(api)
    contribution = contribute(api, r.plan, resident())
    respond(api, contribution)
    communicate(api, contribution, channel="email")
    found = check(api, r.plan, "2.4")
    assert all(e["logged_late"] for e in found["evidence"])
    assert "more than 30 days after" in found["explanations"]["en"]
    assert "más de 30 días después" in found["explanations"]["es"]


def test_dialogue_agenda_and_commitments_from_input_are_shared_ownership(api, app):
    """2.5 yes: two sessions with civil society, an agenda item the association proposed, and a commitment
    revised from a contribution."""
    r = plan_with_roster(api)
    meeting(api, r.forum_id, OCTOBER, attendees=[r.ana, r.jorge])
    meeting(api, r.forum_id, NOVEMBER, attendees=[r.jorge],
            agenda=[{"title": "Propuesta de veeduría ciudadana", "proposed_by_organization": r.ong}])
    commitment = draft_commitment(api, r.plan)
    revise(api, commitment, from_contributions=[contribute(api, r.plan, representative(r.jorge))],
           occurred_on="2025-09-01")
    found = check(api, r.plan, "2.5")
    assert found["answer"] == "yes"
    assert found["details"]["commitments_from_contributions"] == [commitment]
    assert_evidence(app, found, {"SessionHeld", "SessionScheduled", "CommitmentRevised"})


def test_some_of_the_three_is_unclear_and_none_is_no(api, app):
    """2.5 no with no session; unclear with two sessions with civil society but no agenda item from it and no
    commitment from input; an agenda item the government proposed does not count."""
    r = plan_with_roster(api)
    assert answer(api, r.plan, "2.5") == "no"
    meeting(api, r.forum_id, OCTOBER, attendees=[r.jorge],
            agenda=[{"title": "Informe de la gerencia", "proposed_by_organization": r.gore}])
    meeting(api, r.forum_id, NOVEMBER, attendees=[r.luis])
    found = check(api, r.plan, "2.5")
    assert found["answer"] == "unclear"
    assert found["details"]["agenda_items_proposed_by_non_governmental"] == []
    assert_evidence(app, found, {"SessionHeld"})
