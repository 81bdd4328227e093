"""Commitments over the API: drafted with values and milestones, revised with reasons, read with history."""
from __future__ import annotations

import pytest

from tests.api.conftest import event_count
from tests.support.builders_contributions import contribute, representative, resident
from tests.support.builders_plans import commitment_body, draft_commitment, plan_with_roster, revise


def stream(app, stream_id):
    return app.extensions["tracker"].store.read_stream(stream_id)


@pytest.mark.both_engines  # this area's smoke test on PostgreSQL
def test_a_commitment_is_drafted_from_contributions_and_anyone_reads_it(api, app):
    r = plan_with_roster(api)
    asked = contribute(api, r.plan, resident())
    commitment = draft_commitment(api, r.plan, from_contributions=[asked])
    assert commitment.startswith("cmt_")

    response = api.as_(None).call("GET", f"/commitments/{commitment}")
    assert response.status_code == 200 and response.headers["ETag"] == f'"{commitment}.1"'
    c = response.get_json()
    assert c["action_plan_id"] == r.plan and c["title"] == "Presupuesto participativo abierto y trimestral"
    assert c["ogp_values"] == ["transparency", "public_accountability"]
    assert c["milestones"][1] == {"title": "Primer reporte trimestral en datos abiertos",
                                  "deliverable": "Conjunto de datos", "due_on": "2026-07-31"}
    assert (c["revision"], c["revisions"], c["from_contributions"]) == (0, [], [asked])
    assert (c["endorsed_text_differs"], c["endorsed_revision"], c["assessment"]) == (False, None, None)

    [drafted] = stream(app, commitment)
    assert drafted.type == "CommitmentDrafted" and drafted.tenant_id == r.forum_id
    assert drafted.data["action_plan_id"] == r.plan and drafted.data["from_contributions"] == [asked]
    assert drafted.occurred_at.isoformat() == "2025-08-20T05:00:00+00:00"

    plan = api.as_(None).get(f"/action-plans/{r.plan}")
    assert [(x["id"], x["ogp_values"], len(x["milestones"])) for x in plan["commitments"]] == [
        (commitment, ["transparency", "public_accountability"], 2)]


def test_a_revision_stores_only_what_changed_and_the_state_applies_it(api, app):
    r = plan_with_roster(api)
    commitment = draft_commitment(api, r.plan)
    asked = contribute(api, r.plan, representative(r.jorge), received_on="2025-09-01")
    revise(api, commitment, description="Publicar cada trimestre, también en quechua.",
           title="Presupuesto participativo abierto y trimestral", from_contributions=[asked],
           occurred_on="2025-09-15")
    revise(api, commitment, reason="Se añade un hito de capacitación", milestones=[
        {"title": "Capacitación a juntas vecinales", "deliverable": "Diez talleres", "due_on": "2026-10-31"}],
           ogp_values=["transparency", "civic_participation"], occurred_at="2025-10-01T09:00:00-05:00")

    c = api.get(f"/commitments/{commitment}")
    assert c["revision"] == 2 and c["description"] == "Publicar cada trimestre, también en quechua."
    assert c["ogp_values"] == ["transparency", "civic_participation"]
    assert c["milestones"] == [{"title": "Capacitación a juntas vecinales", "deliverable": "Diez talleres",
                                "due_on": "2026-10-31"}]
    first, second = c["revisions"]
    assert (first["revision"], first["changed_fields"]) == (1, ["description"])
    assert first["from_contributions"] == [asked]
    assert first["reason"] == "Aporte recibido en la consulta pública"
    assert second["changed_fields"] == ["milestones", "ogp_values"]
    assert second["occurred_at"].startswith("2025-10-01T14:00:00")
    assert c["from_contributions"] == [asked]
    revised = stream(app, commitment)[1]
    assert revised.type == "CommitmentRevised" and revised.data["changes"] == {
        "description": "Publicar cada trimestre, también en quechua."}
    assert revised.data["revision"] == 1


def test_a_revision_that_changes_nothing_or_precedes_the_draft_is_refused(api, app):
    r = plan_with_roster(api)
    commitment = draft_commitment(api, r.plan)
    before = event_count(app)
    error = api.post(f"/commitments/{commitment}/revision",
                     {"reason": "x", "title": "Presupuesto participativo abierto y trimestral"}, expect=409)
    assert "changes nothing" in error["message"]
    api.post(f"/commitments/{commitment}/revision", {"title": "Otro"}, expect=422)  # no reason
    api.post(f"/commitments/{commitment}/revision",
             {"reason": "x", "title": "Otro", "occurred_on": "2025-08-01"}, expect=409)
    api.post(f"/commitments/{commitment}/revision", {"reason": "x", "title": None}, expect=422)
    assert event_count(app) == before


@pytest.mark.parametrize("overrides, field", [
    ({"ogp_values": []}, "ogp_values"),
    ({"ogp_values": ["transparency", "efficiency"]}, "ogp_values.1"),
    ({"ogp_values": ["transparency", "transparency"]}, "ogp_values"),
    ({"ogp_values": None}, "ogp_values"),
    ({"title": ""}, "title"),
    ({"milestones": [{"title": "Hito", "due_on": "31/12/2026"}]}, "milestones.0.due_on"),
    ({"milestones": [{"title": f"Hito {i}"} for i in range(51)]}, "milestones"),
    ({"from_contributions": ["ctb_0123456789abcdef0123"]}, "from_contributions"),
    ({"occurred_on": "2026-12-01"}, "occurred_on"),
    ({"occurred_at": "2025-08-20T10:00:00"}, "occurred_at"),  # an instant needs an offset
])
def test_a_commitment_needs_ogp_values_and_well_formed_milestones(api, app, overrides, field):
    r = plan_with_roster(api)
    before = event_count(app)
    error = api.post(f"/action-plans/{r.plan}/commitments", commitment_body(**overrides), expect=422)
    assert field in error["errors"], error
    assert event_count(app) == before


def test_a_commitment_without_values_is_refused(api, app):
    r = plan_with_roster(api)
    body = commitment_body()
    del body["ogp_values"]
    before = event_count(app)
    assert "ogp_values" in api.post(f"/action-plans/{r.plan}/commitments", body, expect=422)["errors"]
    assert event_count(app) == before


def test_a_contribution_of_another_forum_cannot_shape_a_commitment(api, app):
    r = plan_with_roster(api)
    other = plan_with_roster(api, name="Foro de Piura", member="Piura, Peru")
    foreign = contribute(api, other.plan, resident())
    commitment = draft_commitment(api, r.plan)
    before = event_count(app)
    api.post(f"/action-plans/{r.plan}/commitments", commitment_body(from_contributions=[foreign]), expect=422)
    api.post(f"/commitments/{commitment}/revision", {"reason": "x", "from_contributions": [foreign]},
             expect=422)
    assert event_count(app) == before


def test_roles_and_unknown_ids(api, app, tokens):
    r = plan_with_roster(api)
    commitment = draft_commitment(api, r.plan)
    secretariat = api.as_(tokens.make("secretaria@regioncajamarca.gob.pe", "secretariat", (r.forum_id,)))
    draft_commitment(secretariat, r.plan)
    revise(secretariat, commitment, title="Presupuesto abierto")
    before = event_count(app)
    evaluator = api.as_(tokens.evaluator)
    evaluator.post(f"/action-plans/{r.plan}/commitments", commitment_body(), expect=403)
    evaluator.post(f"/commitments/{commitment}/revision", {"reason": "x", "title": "y"}, expect=403)
    api.as_(None).post(f"/action-plans/{r.plan}/commitments", commitment_body(), expect=401)
    other = api.as_(tokens.make("piura@example.org", "secretariat", ("frm_other",)))
    other.post(f"/commitments/{commitment}/revision", {"reason": "x", "title": "y"}, expect=403)
    api.post("/commitments/cmt_0123456789abcdef0123/revision", {"reason": "x", "title": "y"}, expect=404)
    api.post(f"/commitments/{r.plan}/revision", {"reason": "x", "title": "y"}, expect=404)
    api.get("/commitments/cmt_0123456789abcdef0123", expect=404)
    api.post(f"/commitments/{commitment}/revision", {"reason": "x", "title": "y"},
             headers={"If-Match": f'"{commitment}.1"'}, expect=412)
    assert event_count(app) == before
