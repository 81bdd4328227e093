"""After implementation (tracker.domain.results): when the end-of-commitment assessment is due, the evaluator's end
and final assessments, the next plan's answers to the recommendations, and the commitment's lead contact."""
from __future__ import annotations

from datetime import date

import pytest

from events.catalog.plans import (
    CommitmentAssessed,
    CommitmentDrafted,
    CommitmentEndAssessed,
    CommitmentLeadContactNamed,
    PlanEndorsed,
    PlanFinalAssessed,
    ProgressReported,
    RecommendationAnswered,
)
from tests.unit import given
from tests.unit.given import NOW, lima
from tracker.domain import commitment as commitment_rules
from tracker.domain import results as rules
from tracker.domain.commands import Correction
from tracker.domain.errors import Conflict, InvalidField, InvalidFields
from tracker.domain.recommendations import FINAL, Recommendation, recommendation_id

MILESTONES = [{"title": "Diagnóstico", "deliverable": None, "due_on": "2026-04-30"},
              {"title": "Portal", "deliverable": None, "due_on": "2026-07-31"}]
DRAFTED = CommitmentDrafted("cmt_1", "pln_1", "Open budget", ["transparency", "public_accountability"], MILESTONES,
                            [])
FIRST, SECOND = "mls_1_1", "mls_1_2"
ENDORSED = PlanEndorsed("end_1_1", "pln_1", "2025-12-10", ["rep_ana"], {"cmt_1": 0}, "ses_9", None)
RESULTS = (("transparency", "major"), ("public_accountability", "marginal"))


def commitment(*more):
    return given.folded(commitment_rules.fold, (DRAFTED, lima(date(2025, 8, 1))), *more, stream="cmt_1")


def progress(milestone, status, day, version_note="") -> ProgressReported:
    return ProgressReported("cmt_1", status, day, f"Avance {version_note}".strip(), [], milestone,
                            "published on the portal" if status == "completed" else None)


def end_cmd(correction=None, results=RESULTS, **changes) -> rules.AssessEnd:
    fields = {"completion": "complete", "early_results": results, "explanation": " Both milestones were done. ",
              "recommendations": ("Publish the contracts too.", "  "), **changes}
    return rules.AssessEnd(**fields, correction=Correction(correction) if correction else None)  # type: ignore[arg-type]


# -- when the end assessment is due ---------------------------------------------------------------------


def test_when_is_the_end_assessment_of_a_completed_commitment_due():
    """A month after the report that made every milestone completed; a later `completed` report adding evidence
    does not move it."""
    state = commitment(progress(FIRST, "completed", "2026-04-20"), progress(SECOND, "in_progress", "2026-05-01"),
                       progress(SECOND, "completed", "2026-07-15"), progress(FIRST, "completed", "2026-08-02"))
    assert rules.completed_on(state) == date(2026, 7, 15)
    assert rules.end_assessment_due_on(state, given.plan(ENDORSED)) == date(2026, 8, 15)


def test_when_is_the_end_assessment_of_a_commitment_never_completed_due():
    """A month after the plan's period ends; a milestone reopened after completion is not complete."""
    state = commitment(progress(FIRST, "completed", "2026-04-20"), progress(SECOND, "completed", "2026-05-01"),
                       progress(FIRST, "in_progress", "2026-06-01"))
    assert rules.completed_on(state) is None
    assert rules.end_assessment_due_on(state, given.plan(ENDORSED)) == date(2028, 1, 31)
    assert rules.completed_on(commitment()) is None


# -- the end-of-commitment assessment ---------------------------------------------------------------------


def test_how_does_the_evaluator_assess_a_commitment_at_its_end():
    """Every OGP value rated, the texts trimmed, empty recommendations left out, now."""
    event = given.only(rules.assess_end(commitment(), given.forum(), given.plan(ENDORSED), end_cmd(), NOW))
    assert event.payload == CommitmentEndAssessed("cmt_1", "complete", dict(RESULTS), "Both milestones were done.",
                                                  [], ["Publish the contracts too."])
    assert event.occurred_at == NOW


def test_are_the_values_the_design_assessment_named_those_rated():
    assessed = CommitmentAssessed("cmt_1", "yes", "yes", "new_regulation_policy_practice", "unclear", "Fine.",
                                  ["transparency"])
    assert rules.assessed_values(commitment(assessed)) == ["transparency"]
    cmd = end_cmd(results=(("transparency", "outstanding"),))
    assert given.only(rules.assess_end(commitment(assessed), given.forum(), given.plan(ENDORSED), cmd, NOW))


@pytest.mark.parametrize("results, fields", [
    ((("transparency", "major"),), ["early_results.public_accountability"]),
    ((*RESULTS, ("civic_participation", "major")), ["early_results.civic_participation"]),
    ((("transparency", "great"), RESULTS[1]), ["early_results.transparency"]),
])
def test_which_ratings_are_refused_and_under_which_field(results, fields):
    with pytest.raises(InvalidFields) as refused:
        rules.assess_end(commitment(), given.forum(), given.plan(ENDORSED), end_cmd(results=results), NOW)
    assert list(refused.value.errors) == fields


@pytest.mark.parametrize("history, plan_history, cmd, error, why", [
    ((), (), end_cmd(), Conflict, "no standing endorsement"),
    ((), (PlanEndorsed("end_1_1", "pln_1", "2025-12-10", ["rep_ana"], {}, None, None),), end_cmd(), Conflict,
     "does not hold this commitment"),
    ((), (ENDORSED,), end_cmd(completion="done"), InvalidField, "completion"),
    ((), (ENDORSED,), end_cmd(explanation="  "), InvalidField, "explanation"),
    ((CommitmentEndAssessed("cmt_1", "complete", dict(RESULTS), "Done.", [], []),), (ENDORSED,), end_cmd(),
     Conflict, "already recorded"),
    ((), (ENDORSED,), end_cmd(correction="a typo"), Conflict, "nothing to correct"),
    ((), (ENDORSED,), end_cmd(occurred_on=date(2025, 12, 1)), Conflict, "endorsed on 2025-12-10"),
])
def test_when_may_a_commitment_not_be_assessed_at_its_end(history, plan_history, cmd, error, why):
    with pytest.raises(error, match=why):
        rules.assess_end(commitment(*history), given.forum(), given.plan(*plan_history), cmd, NOW)


def test_how_is_an_end_assessment_corrected():
    first = CommitmentEndAssessed("cmt_1", "complete", dict(RESULTS), "Done.", [], [])
    event = given.only(rules.assess_end(commitment(first), given.forum(), given.plan(ENDORSED),
                                        end_cmd(correction="the portal is down", completion="substantial"), NOW))
    assert (event.payload.completion, event.payload.correction_reason) == ("substantial", "the portal is down")


# -- the final assessment and the answers ------------------------------------------------------------------


def test_how_is_the_plan_assessed_at_its_end_and_corrected():
    cmd = rules.AssessPlan(" It opened the budget. ", ("Involve the rondas.", ""))
    event = given.only(rules.assess_plan(given.plan(), given.forum(), cmd, NOW))
    assert event.payload == PlanFinalAssessed("pln_1", "It opened the budget.", ["Involve the rondas."])
    with pytest.raises(Conflict, match="already recorded"):
        rules.assess_plan(given.plan(event.payload), given.forum(), cmd, NOW)
    corrected = rules.AssessPlan("It opened the budget.", (), Correction("a recommendation was repeated"))
    assert given.only(rules.assess_plan(given.plan(event.payload), given.forum(), corrected, NOW)).payload \
        .correction_reason == "a recommendation was repeated"


REC = Recommendation(recommendation_id(FINAL, "pln_0", "Involve the rondas."), FINAL, "pln_0", None,
                     "Involve the rondas.")


def answer_cmd(**changes) -> rules.AnswerRecommendation:
    return rules.AnswerRecommendation(**{"recommendation_id": REC.id, "response": " They join the forum. ",
                                         "commitment_id": "cmt_1", **changes})


def test_how_does_a_plan_answer_an_earlier_plans_recommendation():
    event = given.only(rules.answer_recommendation(given.plan(), given.forum(), answer_cmd(), {REC.id: REC},
                                                   commitment(), NOW))
    assert event.payload == RecommendationAnswered("pln_1", REC.id, "They join the forum.", "cmt_1")
    answered = given.plan(event.payload)
    with pytest.raises(Conflict, match="already answers"):
        rules.answer_recommendation(answered, given.forum(), answer_cmd(), {REC.id: REC}, commitment(), NOW)
    changed = answer_cmd(response="Commitment 1 takes it up.")
    assert given.only(rules.answer_recommendation(answered, given.forum(), changed, {REC.id: REC}, commitment(),
                                                  NOW)).payload.response == "Commitment 1 takes it up."


@pytest.mark.parametrize("cmd, earlier, the_commitment, field", [
    (answer_cmd(), {}, commitment(), "recommendation_id"),
    (answer_cmd(), {REC.id: REC}, None, "commitment_id"),
    (answer_cmd(), {REC.id: REC}, given.folded(commitment_rules.fold, CommitmentDrafted(
        "cmt_9", "pln_0", "Old", ["transparency"], [], []), stream="cmt_9"), "commitment_id"),
])
def test_which_answers_are_refused(cmd, earlier, the_commitment, field):
    with pytest.raises(InvalidField) as refused:
        rules.answer_recommendation(given.plan(), given.forum(), cmd, earlier, the_commitment, NOW)
    assert list(refused.value.errors) == [field]


# -- the lead contact ------------------------------------------------------------------------------------


def test_who_may_be_a_commitments_lead_contact():
    """A current representative of the roster; naming the same one again, or removing none, is refused."""
    forum = given.forum(*given.roster())
    event = given.only(rules.name_lead_contact(commitment(), forum, rules.NameLeadContact("rep_ana"), NOW))
    assert event.payload == CommitmentLeadContactNamed("cmt_1", "rep_ana")
    with pytest.raises(Conflict, match="already has this lead contact"):
        rules.name_lead_contact(commitment(event.payload), forum, rules.NameLeadContact("rep_ana"), NOW)
    with pytest.raises(Conflict, match="no lead contact"):
        rules.name_lead_contact(commitment(), forum, rules.NameLeadContact(None), NOW)
    for gone in ("rep_carla", "rep_unknown"):
        with pytest.raises(InvalidField, match="lead_representative_id"):
            rules.name_lead_contact(commitment(), forum, rules.NameLeadContact(gone), NOW)
