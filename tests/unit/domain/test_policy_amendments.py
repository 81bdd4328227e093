"""A forum amends its policy and meeting rule from a day on (tracker.domain.forum.amend_policy): given the forum's
events, when AmendPolicy, then ForumPolicyAmended (or the error); and the fold's rule in force on each day."""
from __future__ import annotations

from datetime import date

import pytest

from events.catalog.forums import ForumPolicyAmended
from tests.unit import given
from tests.unit.given import FORUM_ID, NOW, TODAY, TOMORROW, lima
from tracker.domain import forum as rules
from tracker.domain.errors import Conflict, InvalidField

MONTHLY = {"frequency": "monthly", "reminder_days_before": 3}
BIMONTHLY = {"frequency": "bimonthly", "reminder_days_before": 5}


def amend_cmd(effective_on=date(2025, 7, 1), policy=None, meeting_rule=None, reason=None) -> rules.AmendPolicy:
    return rules.AmendPolicy(effective_on, policy or {}, meeting_rule, reason)


def amended(effective_on: str, policy=None, meeting_rule=None, reason=None) -> tuple[ForumPolicyAmended, object]:
    """An amendment as the log holds it: occurring at the start of its day in Lima."""
    event = ForumPolicyAmended(FORUM_ID, effective_on, policy or {}, meeting_rule, reason)
    return event, lima(date.fromisoformat(effective_on))


def forum_with(*amendments) -> rules.ForumState:
    return given.folded(rules.fold, given.forum_established(), *amendments, stream=FORUM_ID)


# -- the decision ------------------------------------------------------------------------------------------


def test_an_amendment_of_policy_keys_is_recorded_from_its_day():
    """Given a forum, when it amends advance notice and response days from 1 July 2025 with a reason, then one
    ForumPolicyAmended with only those keys, occurring at the start of 1 July in Lima."""
    event = given.only(rules.amend_policy(forum_with(), amend_cmd(
        policy={"advance_notice_days": 10, "response_days": 15}, reason="Acuerdo de sesión 5"), NOW))
    assert event.payload == ForumPolicyAmended(FORUM_ID, "2025-07-01", {"advance_notice_days": 10,
                                                                       "response_days": 15}, None,
                                               "Acuerdo de sesión 5")
    assert event.occurred_at == lima(date(2025, 7, 1))


def test_an_amendment_of_the_meeting_rule_stores_the_whole_rule_and_an_empty_policy():
    event = given.only(rules.amend_policy(forum_with(), amend_cmd(
        meeting_rule=rules.MeetingRule("bimonthly", 5)), NOW))
    assert event.payload == ForumPolicyAmended(FORUM_ID, "2025-07-01", {}, BIMONTHLY, None)


def test_an_amendment_may_take_effect_today():
    event = given.only(rules.amend_policy(forum_with(), amend_cmd(TODAY, {"feedback_by_email": False}), NOW))
    assert event.payload.effective_on == TODAY.isoformat()  # type: ignore[attr-defined]


@pytest.mark.parametrize("cmd, error, why", [
    (amend_cmd(TOMORROW, {"response_days": 10}), InvalidField, "^effective_on: 2026-03-02 is in the future"),
    (amend_cmd(date(2025, 2, 9), {"response_days": 10}), Conflict,
     "^effective_on: 2025-02-09 is before the forum was established on 2025-02-10$"),
    (amend_cmd(date(2025, 7, 1)), InvalidField,
     "^policy: amend at least one policy key, the meeting rule or the country$"),
])
def test_what_an_amendment_may_not_be(cmd, error, why):
    """Not in the forum's future (422), not before its establishment (409), not empty (422)."""
    with pytest.raises(error, match=why) as refused:
        rules.amend_policy(forum_with(), cmd, NOW)
    assert list(refused.value.errors) == [why.split(":")[0].lstrip("^")]


def test_an_amendment_dated_before_an_earlier_recorded_one_corrects_history():
    """Given an amendment from 1 July, an amendment from 1 May is still accepted."""
    forum = forum_with(amended("2025-07-01", {"response_days": 15}))
    event = given.only(rules.amend_policy(forum, amend_cmd(date(2025, 5, 1), {"response_days": 20}), NOW))
    assert event.payload.effective_on == "2025-05-01"  # type: ignore[attr-defined]


# -- the fold: the rule in force on each day ---------------------------------------------------------------


def test_a_forum_never_amended_has_the_establishments_rules_every_day():
    forum = forum_with()
    assert forum.amendments == [] and forum.established_policy is None
    assert forum.policy == {"advance_notice_days": 7, "feedback_by_email": True}
    assert forum.policy_on(date(2025, 1, 1)) == {"advance_notice_days": 7, "feedback_by_email": True,
                                                 "response_days": 30}
    assert forum.meeting_rule_on(date(2026, 1, 1)) == forum.meeting_rule == MONTHLY
    assert forum.rule_changes() == []


def test_the_rule_in_force_on_a_day_is_the_latest_effective_by_then():
    forum = forum_with(amended("2025-07-01", {"advance_notice_days": 10}, BIMONTHLY, "sesión 5"),
                       amended("2025-10-01", {"response_days": 15}))
    assert forum.policy_on(date(2025, 6, 30))["advance_notice_days"] == 7
    assert forum.policy_on(date(2025, 7, 1)) == {"advance_notice_days": 10, "feedback_by_email": True,
                                                 "response_days": 30}
    assert forum.policy_on(date(2025, 10, 1)) == {"advance_notice_days": 10, "feedback_by_email": True,
                                                  "response_days": 15}
    assert forum.meeting_rule_on(date(2025, 6, 30)) == MONTHLY
    assert forum.meeting_rule_on(date(2025, 7, 1)) == forum.meeting_rule == BIMONTHLY
    assert forum.rule_changes() == [(date(2025, 7, 1), BIMONTHLY)]
    # now: the establishment's policy (without our defaults) under every amendment
    assert forum.policy == {"advance_notice_days": 10, "feedback_by_email": True, "response_days": 15}
    assert forum.established_policy == {"advance_notice_days": 7, "feedback_by_email": True}
    assert forum.established_meeting_rule == MONTHLY


def test_a_correction_of_history_applies_in_effective_order_and_the_later_recorded_wins_a_tie():
    forum = forum_with(amended("2025-07-01", {"response_days": 15}),
                       amended("2025-05-01", {"response_days": 20, "advance_notice_days": 3}),
                       amended("2025-07-01", {"response_days": 12}))
    assert [a.effective_on for a in forum.amendments] == [date(2025, 5, 1), date(2025, 7, 1), date(2025, 7, 1)]
    assert forum.policy_on(date(2025, 4, 30))["response_days"] == 30
    assert forum.policy_on(date(2025, 6, 1))["response_days"] == 20
    assert forum.policy_on(date(2025, 7, 1))["response_days"] == 12
    assert forum.policy["response_days"] == 12 and forum.policy["advance_notice_days"] == 3


def test_a_later_recorded_amendment_of_an_earlier_day_does_not_undo_a_later_days_rule():
    """The meeting rule from 1 July stands after a rule from 1 May is recorded: it applies from May to June."""
    forum = forum_with(amended("2025-07-01", meeting_rule=BIMONTHLY),
                       amended("2025-05-01", meeting_rule={"frequency": "quarterly", "reminder_days_before": 2}))
    assert forum.meeting_rule == BIMONTHLY
    assert forum.meeting_rule_on(date(2025, 6, 1))["frequency"] == "quarterly"
    assert [day for day, _ in forum.rule_changes()] == [date(2025, 5, 1), date(2025, 7, 1)]


def test_the_amendment_is_a_forum_event_and_the_stream_version_counts_it():
    assert "ForumPolicyAmended" in rules.EVENT_TYPES
    forum = forum_with(amended("2025-07-01", {"response_days": 15}))
    assert forum.version == 2
    assert forum.amendments[0] == rules.PolicyAmendment(date(2025, 7, 1), {"response_days": 15}, None, None)
