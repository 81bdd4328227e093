"""Reminders to a commitment's lead contact (tracker.domain.notices.reminders): a milestone due in 14 days, a
quarter without a progress report.

The forum (given.forum) is in Lima; rep_ana serves with an email, rep_beto serves without one, rep_carla left on
31 Dec 2025. The commitment cmt_1 belongs to a plan whose period is 2026-2027, endorsed on 14 Nov 2025; its lead
contact is rep_ana. It is 1 March 2026, 09:00 in Lima.
"""
from __future__ import annotations

from datetime import date

import pytest

from events.catalog.plans import CommitmentDrafted, ProgressReported
from tests.unit import given
from tests.unit.given import NOW, at, lima
from tracker.domain import commitment
from tracker.domain.notices import reminders as rules
from tracker.domain.notices.deliveries import MILESTONE, QUARTERLY, Due, delivery_id
from tracker.domain.notices.reminders import CommitmentSlot, MilestoneSlot

PERIOD = (date(2026, 1, 1), date(2027, 12, 31))
ENDORSED_ON = date(2025, 11, 14)
APRIL_FIRST = at("2026-04-01T09:00:00-05:00")  # the first quarter of 2026 is over
FIRST_QUARTER = (date(2026, 1, 1), date(2026, 3, 31))


def slot(*milestones: MilestoneSlot, lead="rep_ana", reported_on=(), period=PERIOD,
         endorsed_on=ENDORSED_ON) -> CommitmentSlot:
    return CommitmentSlot("cmt_1", "frm_1", lead, milestones, tuple(reported_on), period, endorsed_on)


def milestone(due_on=date(2026, 3, 15), closed=False, id="mls_1_1") -> MilestoneSlot:
    return MilestoneSlot(id, due_on, closed)


# -- milestones due soon -----------------------------------------------------------------------------------


def test_a_milestone_is_reminded_at_nine_fourteen_days_before_its_due_day():
    """Is the reminder due at 09:00 local time 14 days before the due day?"""
    assert rules.milestone_due_at(given.forum(), date(2026, 3, 15)) == at("2026-03-01T09:00:00-05:00")


def test_the_lead_contact_is_reminded_of_a_milestone_due_in_fourteen_days_keyed_on_the_milestone_and_its_day():
    """Is the lead contact reminded once, keyed on the commitment, the milestone and its due day?"""
    found = rules.milestone_reminders(given.forum(), [slot(milestone())], NOW)
    assert found == [Due(delivery_id(MILESTONE, "cmt_1", "mls_1_1", "2026-03-15"), MILESTONE, "frm_1",
                         "cmt_1/mls_1_1", "rep_ana", NOW, due_on=date(2026, 3, 15))]
    moved = rules.milestone_reminders(given.forum(), [slot(milestone(date(2026, 3, 14)))], NOW)
    assert moved[0].delivery_id != found[0].delivery_id  # a new due day is a new reminder
    assert rules.wanted(given.forum(), [], [], NOW, commitments=[slot(milestone())]) == found


def test_a_reminder_missed_is_due_at_once_until_the_due_day_ends():
    """Is a reminder whose time passed due at once on the due day, and never after it?"""
    today = rules.milestone_reminders(given.forum(), [slot(milestone(date(2026, 3, 1)))], NOW)
    assert [d.due_at for d in today] == [at("2026-02-15T09:00:00-05:00")]
    assert rules.milestone_reminders(given.forum(), [slot(milestone(date(2026, 2, 28)))], NOW) == []


@pytest.mark.parametrize("commitment_slot", [
    slot(milestone(date(2026, 3, 16))), slot(milestone(closed=True)), slot(milestone(None)),
    slot(milestone(), endorsed_on=None), slot(milestone(), lead=None), slot(milestone(), lead="rep_carla"),
    slot(milestone(), lead="rep_beto"), slot(milestone(), lead="rep_nobody"),
], ids=["not_yet", "completed_or_cancelled", "no_due_day", "no_standing_endorsement", "no_lead_contact",
        "lead_contact_left", "lead_contact_without_email", "not_on_the_roster"])
def test_which_milestones_are_not_reminded(commitment_slot):
    """Is no reminder due before its time, for a closed milestone or one without a due day, without a standing
    endorsement, or without a lead contact serving with an email?"""
    assert rules.milestone_reminders(given.forum(), [commitment_slot], NOW) == []


# -- quarterly reports ------------------------------------------------------------------------------------


@pytest.mark.parametrize(("day", "quarter"), [
    (date(2026, 1, 1), (date(2026, 1, 1), date(2026, 3, 31))),
    (date(2026, 6, 30), (date(2026, 4, 1), date(2026, 6, 30))),
    (date(2026, 8, 15), (date(2026, 7, 1), date(2026, 9, 30))),
    (date(2026, 12, 31), (date(2026, 10, 1), date(2026, 12, 31))),
])
def test_the_calendar_quarter_of_a_day(day, quarter):
    assert rules.quarter_of(day) == quarter


def test_a_quarter_without_a_progress_report_is_reminded_on_the_next_quarters_first_day_keyed_on_the_quarter():
    """Is the lead contact reminded at 09:00 on 1 April that nothing was reported from January to March?"""
    found = rules.report_reminders(given.forum(), [slot()], APRIL_FIRST)
    assert found == [Due(delivery_id(QUARTERLY, "cmt_1", "2026-01-01"), QUARTERLY, "frm_1", "cmt_1/2026-01-01",
                         "rep_ana", APRIL_FIRST, period=FIRST_QUARTER)]
    late = rules.report_reminders(given.forum(), [slot()], at("2026-04-30T18:00:00-05:00"))
    assert [d.delivery_id for d in late] == [found[0].delivery_id]  # at once, within the window


@pytest.mark.parametrize(("commitment_slot", "now"), [
    (slot(), at("2026-04-01T08:59:00-05:00")),
    (slot(), at("2026-05-01T09:00:00-05:00")),
    (slot(reported_on=[date(2026, 2, 10)]), APRIL_FIRST),
    (slot(reported_on=[date(2025, 12, 31), date(2026, 4, 1)]), None),
    (slot(period=(date(2026, 4, 1), date(2027, 12, 31))), APRIL_FIRST),
    (slot(period=(date(2024, 1, 1), date(2025, 12, 31))), APRIL_FIRST),
    (slot(endorsed_on=date(2026, 4, 1)), APRIL_FIRST),
    (slot(endorsed_on=None), APRIL_FIRST),
    (slot(lead="rep_carla"), APRIL_FIRST),
    (slot(lead=None), APRIL_FIRST),
], ids=["not_yet", "after_the_window", "reported", "reported_only_outside_the_quarter_is_reminded",
        "quarter_before_the_period", "quarter_after_the_period", "endorsed_after_the_quarter", "not_endorsed",
        "lead_contact_left", "no_lead_contact"])
def test_which_quarters_are_not_reminded(commitment_slot, now):
    """Is no reminder due before its time, after its window, for a quarter with a report, outside the period or
    before the endorsement, or without a lead contact serving with an email?"""
    found = rules.report_reminders(given.forum(), [commitment_slot], now or APRIL_FIRST)
    assert len(found) == (1 if now is None else 0)


# -- what the read model stores of a commitment -----------------------------------------------------------


def test_a_commitments_milestones_and_report_days_as_the_rules_read_them():
    """Does a milestone read closed by its report in force, and do superseded reports' days not count?"""
    drafted = CommitmentDrafted("cmt_1", "pln_1", "Open budget", ["transparency"], [
        {"title": "Portal", "deliverable": None, "due_on": "2026-06-30"},
        {"title": "Data", "deliverable": None, "due_on": None}], [], None, None, None)
    state = given.folded(
        commitment.fold, (drafted, lima(date(2025, 8, 1))),
        ProgressReported("cmt_1", "completed", "2026-02-10", "Done", [], "mls_1_1", "Published", None, None, None),
        ProgressReported("cmt_1", "in_progress", "2026-02-11", "Not quite", [], "mls_1_1", None, None, "Wrong day",
                         2),
        ProgressReported("cmt_1", "cancelled", "2026-01-20", "Dropped", [], "mls_1_2", "No budget", None, None,
                         None), stream="cmt_1")
    assert rules.milestone_slots(state) == (MilestoneSlot("mls_1_1", date(2026, 6, 30), False),
                                            MilestoneSlot("mls_1_2", None, True))
    assert rules.report_days(state) == (date(2026, 1, 20), date(2026, 2, 11))
