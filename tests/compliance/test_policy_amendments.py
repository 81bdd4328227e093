"""Every check applies the rule in force on the day it judges: a forum that amends its policy or meeting rule
(`POST /forums/{id}/policy`) is judged by the old rule before `effective_on` and by the new one from then on; and
`as_of` and `known_at` see the amendment as they see any fact (it occurred at the start of `effective_on`, and was
known once recorded).

The forum was established on 2025-02-10 and meets monthly; co-creation (W) runs from 2025-03-01 to 2025-11-30;
the server's clock says 2026-11-20."""
from __future__ import annotations

from tests.compliance.support import answer, check, meeting
from tests.support.builders_contributions import communicate, contribute, resident, respond
from tests.support.builders_plans import plan_with_roster

OCTOBER, NOVEMBER = "2025-10-10T10:00:00-05:00", "2025-11-14T10:20:00-05:00"
BIMONTHLY = {"frequency": "bimonthly", "reminder_days_before": 3}


def amend(api, forum_id: str, effective_on: str, **body) -> None:
    api.post(f"/forums/{forum_id}/policy", {"effective_on": effective_on, **body})


# -- 2.2: the notice in force on the day each session was held ---------------------------------------------------


def notice_changed_mid_window(api):
    """7 days' notice (the default) until 14 October 2025, 3 days from 15 October; a session on 10 October
    announced 4 days before, one on 14 November announced 3 days before."""
    r = plan_with_roster(api)
    october = meeting(api, r.forum_id, OCTOBER, announced_on="2025-10-06")
    meeting(api, r.forum_id, NOVEMBER, announced_on="2025-11-11")
    return r, october


def test_each_session_is_judged_by_the_notice_in_force_on_the_day_it_was_held(api):
    """2.2 unclear: October's 4 days fall short of the 7 then in force; November's 3 days meet the 3 then in force.
    The details and the explanation name the 3 days in force on the reference day; October's row names its 7."""
    r, october = notice_changed_mid_window(api)
    amend(api, r.forum_id, "2025-10-15", policy={"advance_notice_days": 3}, reason="Acuerdo de sesión")
    found = check(api, r.plan, "2.2")
    assert found["answer"] == "unclear"
    assert found["details"]["advance_notice_days"] == 3
    assert found["details"]["not_announced_in_time"] == [{
        "session_id": october, "title": found["details"]["not_announced_in_time"][0]["title"],
        "held_on": "2025-10-10", "announced_on": "2025-10-06", "days_before": 4, "materials": 1,
        "advance_notice_days": 7}]
    assert "3 days" in found["explanations"]["en"] and "3 días" in found["explanations"]["es"]


def test_as_of_before_the_amendment_judges_by_the_old_notice(api):
    """As of 12 October 2025 (before the amendment took effect) the rule in force is the default 7 days."""
    r, october = notice_changed_mid_window(api)
    amend(api, r.forum_id, "2025-10-15", policy={"advance_notice_days": 3})
    found = check(api, r.plan, "2.2", as_of="2025-10-12")
    assert found["answer"] == "no" and found["details"]["advance_notice_days"] == 7
    assert [s["session_id"] for s in found["details"]["not_announced_in_time"]] == [october]
    assert "advance_notice_days" not in found["details"]["not_announced_in_time"][0]
    assert "7 days" in found["explanations"]["en"]


def test_known_at_before_the_amendment_was_recorded_judges_by_the_old_notice(api, clock):
    """The amendment recorded on 21 November 2026: known at 20 November, both sessions are judged by 7 days."""
    r, _ = notice_changed_mid_window(api)
    clock.advance(days=1)
    amend(api, r.forum_id, "2025-10-15", policy={"advance_notice_days": 3})
    assert answer(api, r.plan, "2.2") == "unclear"
    found = check(api, r.plan, "2.2", known_at="2026-11-20")
    assert found["answer"] == "no" and found["details"]["advance_notice_days"] == 7
    assert len(found["details"]["not_announced_in_time"]) == 2


# -- S.cadence: each period as long as the rule in force when it starts says --------------------------------------


def monthly_then_bimonthly(api, months: list[int]):
    """Sessions on the 12th of the given months of 2025."""
    r = plan_with_roster(api)
    for month in months:
        meeting(api, r.forum_id, f"2025-{month:02d}-12T10:00:00-05:00")
    return r


def test_a_forum_moving_from_monthly_to_bimonthly_is_judged_monthly_before_and_bimonthly_after(api):
    """S.cadence yes: a session every month from February to June, then one every two months from July."""
    r = monthly_then_bimonthly(api, [2, 3, 4, 5, 6, 7, 9, 11])
    amend(api, r.forum_id, "2025-07-01", meeting_rule=BIMONTHLY)
    found = check(api, r.plan, "S.cadence", as_of="2025-12-31")
    assert found["answer"] == "yes"
    assert found["details"]["frequency"] == "bimonthly"
    assert found["details"]["periods"] == 8  # February to June by months; July, September, November by pairs
    assert found["details"]["missed"] == []
    assert "bimonthly" in found["explanations"]["en"]


def test_a_period_missed_under_the_old_rule_names_that_rule(api):
    """S.cadence unclear: March (monthly then) was missed; the period names the rule it was judged by."""
    r = monthly_then_bimonthly(api, [2, 4, 5, 6, 7, 9, 11])
    amend(api, r.forum_id, "2025-07-01", meeting_rule=BIMONTHLY)
    found = check(api, r.plan, "S.cadence", as_of="2025-12-31")
    assert found["answer"] == "unclear"
    assert found["details"]["missed"] == [{"from": "2025-03-01", "to": "2025-03-31", "frequency": "monthly"}]


def test_cadence_as_of_before_the_change_or_known_before_it_was_recorded_is_monthly(api, clock):
    """As of 30 June the rule in force is monthly; known at 20 November 2026, before the amendment was recorded
    (21 November), the months without a session after June are missed."""
    r = monthly_then_bimonthly(api, [2, 3, 4, 5, 6, 7, 9, 11])
    clock.advance(days=1)
    amend(api, r.forum_id, "2025-07-01", meeting_rule=BIMONTHLY)
    early = check(api, r.plan, "S.cadence", as_of="2025-06-30")
    assert early["answer"] == "yes" and early["details"]["frequency"] == "monthly"
    before = check(api, r.plan, "S.cadence", as_of="2025-12-31", known_at="2026-11-20")
    assert before["answer"] == "no" and before["details"]["frequency"] == "monthly"
    assert [p["from"] for p in before["details"]["missed"]] == ["2025-08-01", "2025-10-01", "2025-12-01"]


# -- S.response_time: the limit in force on the day a contribution was received -----------------------------------


def answered_in_20_days(api, plan_id: str, received_on: str, responded_on: str, communicated_on: str) -> str:
    contribution = contribute(api, plan_id, resident(), received_on=received_on)
    respond(api, contribution, responded_on=responded_on)
    communicate(api, contribution, communicated_on=communicated_on)
    return contribution


def test_each_contribution_is_judged_by_the_response_days_in_force_when_it_was_received(api, clock):
    """30 days (the default) until 31 May 2025, 15 from 1 June: a contribution of 12 May answered in 20 days is
    prompt; one of 10 June answered in 20 days is slow."""
    r = plan_with_roster(api)
    may = answered_in_20_days(api, r.plan, "2025-05-12", "2025-05-30", "2025-06-01")
    june = answered_in_20_days(api, r.plan, "2025-06-10", "2025-06-25", "2025-06-30")
    assert answer(api, r.plan, "S.response_time", as_of="2025-07-31") == "yes"
    clock.advance(days=1)
    amend(api, r.forum_id, "2025-06-01", policy={"response_days": 15})

    found = check(api, r.plan, "S.response_time", as_of="2025-07-31")
    assert found["answer"] == "no"
    assert found["details"]["response_days"] == 15
    assert found["details"]["slow"] == [{"contribution_id": june, "days": 20}]
    assert may not in {s["contribution_id"] for s in found["details"]["slow"]}
    assert "within 15 days" in found["explanations"]["en"]

    early = check(api, r.plan, "S.response_time", as_of="2025-05-31")  # before the amendment took effect
    assert early["answer"] == "yes" and early["details"]["response_days"] == 30
    known_before = check(api, r.plan, "S.response_time", as_of="2025-07-31", known_at="2026-11-20")
    assert known_before["answer"] == "yes" and known_before["details"]["response_days"] == 30


def test_a_contribution_waiting_under_an_earlier_limit_names_it(api):
    """A contribution of 12 May (30 days in force then) still waiting on 5 June, when 15 days are in force: its 24
    days are judged by its own 30, so it is not overdue, and its row names the 30."""
    r = plan_with_roster(api)
    waiting = contribute(api, r.plan, resident(), received_on="2025-05-12")
    amend(api, r.forum_id, "2025-06-01", policy={"response_days": 15})
    found = check(api, r.plan, "S.response_time", as_of="2025-06-05")
    assert found["answer"] == "yes"  # 24 days waiting: within its 30, though over today's 15
    assert found["details"]["response_days"] == 15
    assert found["details"]["waiting"] == [{"contribution_id": waiting, "received_on": "2025-05-12",
                                            "days_waiting": 24, "status": "received", "response_days": 30}]
