"""The evaluator's record over the API: an assessment per commitment (corrected, never overwritten) and
judgements of the inception report's checks (a later one supersedes, both kept)."""
from __future__ import annotations

import pytest

from tests.api.conftest import event_count
from tests.support.builders_plans import assess, assessment_body, draft_commitment, judge, plan_with_roster


@pytest.fixture
def r(api, tokens):
    r = plan_with_roster(api)
    r.budget = draft_commitment(api, r.plan)
    r.evaluator = api.as_(tokens.evaluator)
    r.secretariat = api.as_(tokens.make("secretaria@regioncajamarca.gob.pe", "secretariat", (r.forum_id,)))
    return r


def stream(app, stream_id):
    return app.extensions["tracker"].store.read_stream(stream_id)


@pytest.mark.both_engines  # this area's smoke test on PostgreSQL
def test_an_evaluator_assesses_a_commitment_and_anyone_reads_it(api, app, r):
    created = assess(r.evaluator, r.budget)
    assert created["id"] == r.budget
    a = api.as_(None).get(f"/commitments/{r.budget}")["assessment"]
    assert (a["verifiable"], a["relevance"], a["commitment_type"], a["potential"]) == (
        "yes", "yes", "new_regulation_policy_practice", "positive_change_not_binding")
    assert a["recommendations"].startswith("Precisar") and a["correction_reason"] is None
    event = stream(app, r.budget)[-1]
    assert event.type == "CommitmentAssessed" and event.recorded_by == "evaluator@example.org"
    assert event.occurred_at.isoformat() == "2026-01-20T05:00:00+00:00"


def test_a_second_assessment_needs_a_correction_which_supersedes_and_keeps_both(api, app, r):
    error = assess(r.evaluator, r.budget, correction={"reason": "x"}, expect=409)
    assert "nothing to correct" in error["message"]
    assess(r.evaluator, r.budget)
    before = event_count(app)
    error = assess(r.evaluator, r.budget, potential="binding_or_institutionalized", expect=409)
    assert error["message"] == "already recorded; send a correction with a reason"
    assert event_count(app) == before

    assess(r.evaluator, r.budget, potential="binding_or_institutionalized",
           correction={"reason": "La ordenanza regional obliga a publicar trimestralmente"})
    c = api.get(f"/commitments/{r.budget}")
    assert c["assessment"]["potential"] == "binding_or_institutionalized"
    assert c["assessment"]["correction_reason"] == "La ordenanza regional obliga a publicar trimestralmente"
    assert [x["potential"] for x in c["assessments"]] == ["positive_change_not_binding",
                                                          "binding_or_institutionalized"]
    assert [e.type for e in stream(app, r.budget)].count("CommitmentAssessed") == 2


@pytest.mark.parametrize("overrides, field", [
    ({"verifiable": "maybe"}, "verifiable"),
    ({"relevance": None}, "relevance"),
    ({"commitment_type": "new"}, "commitment_type"),
    ({"potential": "substantial"}, "potential"),
    ({"ogp_values": ["efficiency"]}, "ogp_values.0"),
    ({"explanation": ""}, "explanation"),
    ({"correction": {}}, "correction.reason"),
    ({"occurred_on": "2026-12-01"}, "occurred_on"),
])
def test_bad_assessments_are_refused(app, r, overrides, field):
    before = event_count(app)
    assert field in assess(r.evaluator, r.budget, expect=422, **overrides)["errors"]
    assert event_count(app) == before


def test_judgements_answer_checks_and_a_later_one_supersedes(api, app, r):
    acta = "https://www.regioncajamarca.gob.pe/acta-9.pdf"
    first = judge(r.evaluator, r.plan, "2.4", "unclear", references=[acta])
    assert first["id"].startswith("jdg_")
    judge(r.evaluator, r.plan, "2.6", "somewhat")
    second = judge(r.evaluator, r.plan, "2.4", "yes", occurred_on="2026-01-25")
    judge(r.evaluator, r.plan, "S.alternates", "no")
    judge(r.evaluator, r.plan, "3.1.5", "yes")

    judgements = api.get(f"/action-plans/{r.plan}")["judgements"]
    assert [(j["check"], j["answer"], j["current"]) for j in judgements] == [
        ("2.4", "unclear", False), ("2.6", "somewhat", True), ("2.4", "yes", True),
        ("S.alternates", "no", True), ("3.1.5", "yes", True)]
    assert judgements[0]["references"] == [acta] and judgements[0]["id"] == first["id"]
    assert judgements[2]["id"] == second["id"] and judgements[2]["recorded_by"] == "evaluator@example.org"
    assert judgements[4]["commitment_id"] == r.budget  # 3.1.k: the plan's first commitment
    public = api.as_(None).get(f"/action-plans/{r.plan}")["judgements"]
    assert "recorded_by" not in public[0] and public[2]["answer"] == "yes"
    types = [e.type for e in stream(app, r.plan)]
    assert types.count("CheckJudged") == 5


@pytest.mark.parametrize("check, answer, field", [
    ("2.6", "yes", "answer"),
    ("1.1", "very", "answer"),
    ("1.4", "perhaps", "answer"),
    ("2.7", "yes", "check"),
    ("3.1.6", "yes", "check"),
    ("3.0.1", "yes", "check"),
    ("3.2.1", "yes", "check"),  # the plan has one commitment
    ("S.weather", "yes", "check"),
])
def test_a_judgement_answer_must_fit_its_check(app, r, check, answer, field):
    before = event_count(app)
    error = judge(r.evaluator, r.plan, check, answer, expect=422)
    assert field in error["errors"], error
    assert event_count(app) == before


def test_only_evaluators_and_admins_assess_and_judge(api, app, tokens, r):
    before = event_count(app)
    assess(r.secretariat, r.budget, expect=403)
    judge(r.secretariat, r.plan, "1.1", "yes", expect=403)
    assess(api.as_(None), r.budget, expect=401)
    judge(api.as_(None), r.plan, "1.1", "yes", expect=401)
    piura = api.as_(tokens.make("evaluadora@piura.example.org", "evaluator", ("frm_piura",)))
    assess(piura, r.budget, expect=403)
    judge(piura, r.plan, "1.1", "yes", expect=403)
    r.secretariat.post(f"/commitments/{r.budget}/assessment", {}, expect=403)  # 403 before 422
    assess(r.evaluator, "cmt_0123456789abcdef0123", expect=404)
    judge(r.evaluator, "pln_0123456789abcdef0123", "1.1", "yes", expect=404)
    assess(r.evaluator, r.plan, expect=404)
    assert event_count(app) == before
    assess(api, r.budget)  # an admin may
    judge(api, r.plan, "1.1", "yes")
    r.evaluator.post(f"/commitments/{r.budget}/assessment", assessment_body(correction={"reason": "x"}),
                     headers={"If-Match": f'"{r.budget}.1"'}, expect=412)
