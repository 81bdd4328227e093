"""S.end_assessment: each commitment of the endorsed plan is assessed at its end within a month of its complete
implementation, or, never completed, within a month of the plan's period end. The plan runs 2026-2027; its first
commitment's milestones were both completed on 2026-07-15 (due 2026-08-15), the second is never completed (due
2028-01-31)."""
from __future__ import annotations

import pytest

from tests.compliance.support import answer, assert_evidence, check
from tests.support.builders_plans import draft_commitment, endorse, plan_with_roster

RESULTS = {"transparency": "major", "public_accountability": "marginal"}


def endorsed(api):
    r = plan_with_roster(api)
    r.done = draft_commitment(api, r.plan)
    r.open = draft_commitment(api, r.plan, title="Registro abierto de obras")
    endorse(api, r.plan, signed_by=[r.ana, r.jorge])
    for m in api.get(f"/commitments/{r.done}")["progress"]["milestones"]:
        api.post(f"/commitments/{r.done}/progress", {"milestone_id": m["id"], "status": "completed",
                                                     "reported_on": "2026-07-15", "summary": "Entregable publicado.",
                                                     "reason": "Publicado en el portal"})
    return r


def assess_end(api, commitment, occurred_on):
    api.post(f"/commitments/{commitment}/end-assessment",
             {"completion": "complete", "early_results": RESULTS, "occurred_on": occurred_on,
              "explanation": "Los dos hitos se cumplieron y se publican cada trimestre."})


@pytest.mark.both_engines  # this area's smoke test on PostgreSQL
def test_an_assessment_made_within_the_month_is_on_time(api, app):
    """yes: the completed commitment assessed on 2026-08-10; the other is not due yet."""
    r = endorsed(api)
    assess_end(api, r.done, "2026-08-10")
    found = check(api, r.plan, "S.end_assessment", as_of="2026-08-31", lang="en")
    assert found["answer"] == "yes" and found["section"] == "standards"
    assert [(c["status"], c["completed_on"], c["due_on"], c["assessed_on"]) for c in
            found["details"]["commitments"]] == [("on_time", "2026-07-15", "2026-08-15", "2026-08-10"),
                                                 ("not_due", None, "2028-01-31", None)]
    assert found["explanation"].startswith("1 end-of-commitment assessment was made on time; 1 is not due yet.")
    assert_evidence(app, found, {"ProgressReported", "CommitmentEndAssessed"})
    assert {e["type"] for e in found["evidence"]} == {"ProgressReported", "CommitmentEndAssessed"}


def test_none_due_is_unclear_and_one_past_its_day_is_no(api):
    """unclear before 2026-08-15; no after it without an assessment, and no with one made after it."""
    r = endorsed(api)
    found = check(api, r.plan, "S.end_assessment", as_of="2026-08-10", lang="es")
    assert found["answer"] == "unclear"
    assert "15 de agosto de 2026" in found["explanation"]
    missing = check(api, r.plan, "S.end_assessment", as_of="2026-08-20")
    assert missing["answer"] == "no" and missing["details"]["commitments"][0]["status"] == "missing"
    assess_end(api, r.done, "2026-09-01")
    late = check(api, r.plan, "S.end_assessment", as_of="2026-09-30", lang="en")
    assert late["answer"] == "no" and late["details"]["commitments"][0]["status"] == "late"
    assert late["explanation"].startswith(
        "0 end-of-commitment assessments are overdue and 1 was made after its due day.")


def test_a_plan_without_a_standing_endorsement_is_unclear(api):
    r = plan_with_roster(api)
    draft_commitment(api, r.plan)
    assert answer(api, r.plan, "S.end_assessment", as_of="2026-08-31") == "unclear"
