"""Section 3: each commitment, numbered in the order it was drafted: 3.n.1 verifiable, 3.n.2 relevant, 3.n.3 type,
3.n.4 potential, 3.n.5 recommendations. The plan's period is 2026-01-01 to 2027-12-31."""
from __future__ import annotations

import pytest

from tests.compliance.support import answer, assert_evidence, check, compliance
from tests.support.builders_plans import assess, draft_commitment, judge, plan_with_roster, revise

UNDATED = {"title": "Mesa técnica", "deliverable": "Acta de instalación"}


@pytest.mark.both_engines  # this area's smoke test on PostgreSQL
def test_commitments_are_numbered_in_the_order_they_were_drafted(api):
    """3.<n>.<k>: the first commitment drafted is 1, the second 2, each with its five checks."""
    r = plan_with_roster(api)
    first = draft_commitment(api, r.plan, title="Presupuesto abierto")
    second = draft_commitment(api, r.plan, title="Veedurías ciudadanas", occurred_on="2025-08-10")
    body = compliance(api, r.plan)
    assert [(c["id"], c["number"]) for c in body["commitments"]] == [(first, 1), (second, 2)]
    assert [k["id"] for k in body["commitments"][1]["checks"]] == ["3.2.1", "3.2.2", "3.2.3", "3.2.4", "3.2.5"]
    assert [c["id"] for c in compliance(api, r.plan, as_of="2025-08-15")["commitments"]] == [second]


def test_milestones_with_deliverables_due_inside_the_period_are_verifiable(api, app):
    """3.n.1 yes: two milestones, each with a deliverable and a date in 2026; the evidence is the draft."""
    r = plan_with_roster(api)
    draft_commitment(api, r.plan)
    found = check(api, r.plan, "3.1.1")
    assert found["answer"] == "yes"
    assert_evidence(app, found, {"CommitmentDrafted"})


def test_a_milestone_without_a_date_or_due_after_the_period_is_unclear(api, app):
    """3.n.1 unclear: a revision adds an undated milestone; the revision is the evidence."""
    r = plan_with_roster(api)
    commitment = draft_commitment(api, r.plan, milestones=[
        {"title": "Informe final", "deliverable": "Informe", "due_on": "2028-03-31"}])
    found = check(api, r.plan, "3.1.1")
    assert found["answer"] == "unclear"
    assert found["details"]["incomplete"][0]["problems"] == ["due_on_outside"]
    revise(api, commitment, milestones=[UNDATED], occurred_on="2025-09-01")
    found = check(api, r.plan, "3.1.1")
    assert found["answer"] == "unclear"
    assert_evidence(app, found, {"CommitmentRevised"})


def test_a_commitment_without_milestones_is_not_verifiable(api, app):
    """3.n.1 no: no milestones at all."""
    r = plan_with_roster(api)
    draft_commitment(api, r.plan, milestones=[])
    found = check(api, r.plan, "3.1.1")
    assert found["answer"] == "no"
    assert_evidence(app, found, {"CommitmentDrafted"})


def test_transparency_is_relevant_and_technology_alone_is_not(api, app):
    """3.n.2 yes with transparency; no with technology and innovation alone."""
    r = plan_with_roster(api)
    draft_commitment(api, r.plan)
    draft_commitment(api, r.plan, title="Plataforma digital", ogp_values=["technology_and_innovation"])
    relevant, gadget = check(api, r.plan, "3.1.2"), check(api, r.plan, "3.2.2")
    assert (relevant["answer"], gadget["answer"]) == ("yes", "no")
    assert_evidence(app, gadget, {"CommitmentDrafted"})


def test_type_potential_and_recommendations_are_unclear_until_assessed(api):
    """3.n.3, 3.n.4 and 3.n.5 are unclear before the evaluator's assessment, with no evidence."""
    r = plan_with_roster(api)
    draft_commitment(api, r.plan)
    for k in (3, 4, 5):
        found = check(api, r.plan, f"3.1.{k}")
        assert (found["answer"], found["evidence"]) == ("unclear", [])


def test_the_latest_assessment_gives_type_potential_and_recommendations(api, app):
    """3.n.3 the type, 3.n.4 the potential (IRM modest), 3.n.5 yes with the recommendations; a correction
    supersedes the first assessment."""
    r = plan_with_roster(api)
    commitment = draft_commitment(api, r.plan)
    assess(api, commitment, commitment_type="continuation_of_ongoing_practice", potential="unclear")
    assess(api, commitment, correction={"reason": "Revisión del informe"})
    kind, potential, advice = (check(api, r.plan, f"3.1.{k}") for k in (3, 4, 5))
    assert kind["answer"] == "new_regulation_policy_practice"
    assert potential["answer"] == "positive_change_not_binding" and potential["details"]["irm"] == "modest"
    assert potential["warnings"] == []
    assert advice["answer"] == "yes" and advice["recommendations"].startswith("Precisar")
    for found in (kind, potential, advice):
        assert_evidence(app, found, {"CommitmentAssessed"})
        assert len(found["evidence"]) == 1


def test_a_continuation_assessed_as_binding_warns_and_no_recommendation_is_no(api):
    """3.n.4 warns when a continuation of ongoing practice is given a potential other than unclear; 3.n.5 no when
    the evaluator recommends nothing."""
    r = plan_with_roster(api)
    commitment = draft_commitment(api, r.plan)
    assess(api, commitment, commitment_type="continuation_of_ongoing_practice",
           potential="binding_or_institutionalized", recommendations=None)
    assert answer(api, r.plan, "3.1.3") == "continuation_of_ongoing_practice"
    potential = check(api, r.plan, "3.1.4")
    assert potential["warnings"] == ["type_potential_disagree"] and potential["details"]["irm"] == "unclear"
    assert "Warning" in potential["explanations"]["en"] and "Advertencia" in potential["explanations"]["es"]
    assert answer(api, r.plan, "3.1.5") == "no"


def test_the_evaluators_judgement_stands_beside_the_computed_answer(api):
    """A judgement of 3.1.1 is shown beside the computed answer, never instead of it; the latest one counts."""
    r = plan_with_roster(api)
    draft_commitment(api, r.plan)
    judge(api, r.plan, "3.1.1", "no")
    judge(api, r.plan, "3.1.1", "unclear", references=["https://example.org/entrevista"])
    found = check(api, r.plan, "3.1.1")
    assert found["answer"] == "yes"
    assert found["judgement"]["answer"] == "unclear"
    assert found["judgement"]["references"] == ["https://example.org/entrevista"]
    assert found["judgement"]["by"] == "admin@example.org"
