"""After implementation: end-of-commitment assessments, the plan's final assessment, the lead contact, and
recommendations as items with ids (tracker.domain.recommendations)."""
from __future__ import annotations

from datetime import date

from events.catalog.plans import (
    CommitmentAssessed,
    CommitmentDrafted,
    CommitmentEndAssessed,
    CommitmentLeadContactNamed,
    PlanFinalAssessed,
    RecommendationAnswered,
)
from tests.unit import given
from tests.unit.given import lima
from tracker.domain import commitment as commitment_rules
from tracker.domain import plan as plan_rules
from tracker.domain import recommendations as rules

DRAFTED = CommitmentDrafted("cmt_1", "pln_1", "Open budget", ["access_to_information"], [], [])
ASSESSED = CommitmentAssessed("cmt_1", "yes", "yes", "new_regulation_policy_practice", "positive_change_not_binding",
                              "Verifiable and relevant.", recommendations="Name a lead contact  in each office.")
ENDED = CommitmentEndAssessed("cmt_1", "substantial", {"access_to_information": "marginal"}, "Most was done.",
                              ["https://example.org/informe"], ["Publish the budget monthly.", "Train the staff."])
FINAL = PlanFinalAssessed("pln_1", "The plan opened the budget.", ["Involve the rondas campesinas."])


def commitment(*more):
    return given.folded(commitment_rules.fold, (DRAFTED, lima(date(2025, 8, 1))), *more, stream="cmt_1")


def plan(*more):
    return given.folded(plan_rules.fold, given.plan_opened(), *more, stream="pln_1")


def test_what_does_the_commitment_keep_of_its_end_assessments_and_lead_contact():
    """Does the last end-of-commitment assessment stand, with its ratings, and the last lead contact named?"""
    corrected = CommitmentEndAssessed("cmt_1", "complete", {"access_to_information": "major"}, "All was done.", [],
                                      [], correction_reason="the last milestone was completed")
    state = commitment(ENDED, CommitmentLeadContactNamed("cmt_1", "rep_1"), corrected)
    assert len(state.end_assessments) == 2
    assert (state.end_assessment.completion, state.end_assessment.early_results) == (
        "complete", {"access_to_information": "major"})
    assert state.end_assessment.correction_reason == "the last milestone was completed"
    assert state.lead_representative_id == "rep_1"
    assert commitment(CommitmentLeadContactNamed("cmt_1", None)).lead_representative_id is None


def test_does_a_draft_without_a_lead_contact_keep_its_stored_bytes():
    """Is `lead_representative_id` absent from a draft's data when not named, and read when named?"""
    assert "lead_representative_id" not in DRAFTED.to_data()
    named = CommitmentDrafted("cmt_1", "pln_1", "Open budget", [], [], [], lead_representative_id="rep_2")
    assert named.to_data()["lead_representative_id"] == "rep_2"
    assert given.folded(commitment_rules.fold, named, stream="cmt_1").lead_representative_id == "rep_2"


def test_what_does_the_plan_keep_of_its_final_assessment_and_answers():
    """Does the last final assessment stand, and the last answer to each recommendation?"""
    state = plan(FINAL, RecommendationAnswered("pln_1", "rec_0123456789abcdef", "We will."),
                 RecommendationAnswered("pln_1", "rec_0123456789abcdef", "Commitment 2 does it.", "cmt_2"))
    assert state.final_assessment.recommendations == ["Involve the rondas campesinas."]
    answer = state.recommendation_answers["rec_0123456789abcdef"]
    assert (answer.response, answer.commitment_id) == ("Commitment 2 does it.", "cmt_2")


def test_which_recommendations_does_a_plan_have_and_are_their_ids_stable():
    """Are the design assessment's, the end assessment's and the final assessment's recommendations items, in that
    order, with ids derived from where they were made and their words (spaces aside)?"""
    items = rules.recommendations_of(plan(FINAL), [commitment(ASSESSED, ENDED)])
    assert [(r.source, r.commitment_id, r.text) for r in items] == [
        ("inception", "cmt_1", "Name a lead contact in each office."),
        ("end_of_commitment", "cmt_1", "Publish the budget monthly."),
        ("end_of_commitment", "cmt_1", "Train the staff."),
        ("final", None, "Involve the rondas campesinas.")]
    assert all(rules.is_recommendation_id(r.id) and r.action_plan_id == "pln_1" for r in items)
    assert items[0].id == rules.recommendation_id("inception", "cmt_1", "Name a lead contact in each office.")
    again = rules.recommendations_of(plan(FINAL), [commitment(ASSESSED, ENDED)])
    assert [r.id for r in again] == [r.id for r in items]
    assert rules.recommendation_id("final", "pln_1", "Train the staff.") != items[2].id


def test_does_a_plan_without_assessments_have_no_recommendations():
    """No assessment, or one without recommendations: no items."""
    assert rules.recommendations_of(plan(), [commitment()]) == []
    assert not rules.is_recommendation_id("rec_xyz")
