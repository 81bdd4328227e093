"""The reference date: an inception answer describes co-creation as of the plan's submission, and the parts of a
check about co-creation count only facts inside the co-creation window W (2025-03-01 to 2025-11-30), whatever
date is asked. The server's clock stands at 2026-11-20, during implementation."""
from __future__ import annotations

from datetime import UTC, datetime

from tests.compliance.support import check, compliance, meeting
from tests.support.builders_contributions import communicate, contribute, resident, respond
from tests.support.builders_plans import NOVEMBER, draft_commitment, endorse, plan_with_roster, revise


def submit(api, plan_id: str, submitted_on: str = "2025-12-15") -> None:
    api.post(f"/action-plans/{plan_id}/submission", {"submitted_on": submitted_on})


def test_inside_the_window_the_answers_are_as_of_now(api, clock):
    clock.now = datetime(2025, 6, 10, 15, 0, tzinfo=UTC)
    r = plan_with_roster(api)
    body = compliance(api, r.plan)
    assert (body["as_of"], body["as_of_reason"]) == (None, "now")


def test_after_the_window_an_unsubmitted_plan_is_judged_at_the_window_end(api):
    r = plan_with_roster(api)
    body = compliance(api, r.plan)
    assert (body["as_of"], body["as_of_reason"]) == ("2025-11-30", "window_end")


def test_a_submitted_plan_is_judged_at_its_submission_unless_a_date_is_asked(api):
    r = plan_with_roster(api)
    submit(api, r.plan)
    body = compliance(api, r.plan)
    assert (body["as_of"], body["as_of_reason"]) == ("2025-12-15", "submission")
    asked = compliance(api, r.plan, as_of="2026-11-20")
    assert (asked["as_of"], asked["as_of_reason"]) == ("2026-11-20", "asked")


def test_the_submission_counts_only_once_it_is_known(api, clock):
    """known_at before the submission was logged: the plan was not known as submitted, so the window's end."""
    r = plan_with_roster(api)
    yesterday = clock.now.date().isoformat()
    clock.advance(days=1)
    submit(api, r.plan)
    assert compliance(api, r.plan, known_at=yesterday)["as_of_reason"] == "window_end"
    assert compliance(api, r.plan)["as_of_reason"] == "submission"


def test_feedback_sent_months_after_the_window_does_not_make_2_4_yes(api):
    """Given a contribution of May 2025 answered in June 2026, 2.4 stays unclear by default and when asked as of
    today, and the explanation says the answer came after co-creation ended."""
    r = plan_with_roster(api)
    ctb = contribute(api, r.plan, resident())
    respond(api, ctb)
    communicate(api, ctb, communicated_on="2026-06-05", channel="letter")
    submit(api, r.plan)
    assert check(api, r.plan, "2.4")["answer"] == "unclear"
    today = check(api, r.plan, "2.4", as_of="2026-11-20", lang="es")
    assert today["answer"] == "unclear"
    assert "solo después del fin de la co-creación el 30 de noviembre de 2025" in today["explanation"]
    assert today["details"]["waiting"] == [
        {"contribution_id": ctb, "received_on": "2025-05-12", "missing": "written_communication"}]


def test_feedback_inside_the_window_makes_2_4_yes(api):
    r = plan_with_roster(api)
    ctb = contribute(api, r.plan, resident())
    respond(api, ctb)
    communicate(api, ctb, communicated_on="2025-06-05", channel="email")
    assert check(api, r.plan, "2.4")["answer"] == "yes"


def test_a_revision_from_input_during_implementation_does_not_shape_2_5(api):
    """Given two sessions with civil society and a commitment revised in 2026 from a contribution, 2.5 counts no
    commitment shaped by contributions, at the reference date and as of today."""
    r = plan_with_roster(api)
    meeting(api, r.forum_id, "2025-05-20T15:00:00-05:00", attendees=[r.ana, r.jorge])
    meeting(api, r.forum_id, NOVEMBER, attendees=[r.ana, r.jorge])
    ctb = contribute(api, r.plan, resident())
    commitment = draft_commitment(api, r.plan)
    revise(api, commitment, description="Publicar cada mes la ejecución.", from_contributions=[ctb],
           occurred_on="2026-03-02")
    for params in ({}, {"as_of": "2026-11-20"}):
        found = check(api, r.plan, "2.5", **params)
        assert found["details"]["commitments_from_contributions"] == [], params
        assert "CommitmentRevised" not in {e["type"] for e in found["evidence"]}


def test_a_revision_from_input_during_co_creation_shapes_2_5(api):
    r = plan_with_roster(api)
    ctb = contribute(api, r.plan, resident())
    commitment = draft_commitment(api, r.plan)
    revise(api, commitment, description="Publicar cada mes la ejecución.", from_contributions=[ctb],
           occurred_on="2025-09-02")
    assert check(api, r.plan, "2.5")["details"]["commitments_from_contributions"] == [commitment]


def test_section_3_judges_the_text_as_it_stood_at_the_reference_date(api):
    """A commitment verifiable at submission loses its milestones' dates in 2026: 3.1.1 stays yes by default and
    is unclear as of today."""
    r = plan_with_roster(api)
    commitment = draft_commitment(api, r.plan)
    submit(api, r.plan)
    revise(api, commitment, milestones=[{"title": "Primer reporte", "deliverable": "Datos abiertos"}],
           occurred_on="2026-05-04")
    assert check(api, r.plan, "3.1.1")["answer"] == "yes"
    assert check(api, r.plan, "3.1.1", as_of="2026-11-20")["answer"] == "unclear"


def test_minutes_published_after_the_window_do_not_count_for_2_3(api):
    r = plan_with_roster(api)
    session = meeting(api, r.forum_id, "2025-05-20T15:00:00-05:00", attendees=[r.ana, r.jorge])
    api.post(f"/action-plans/{r.plan}/publications", {
        "kind": "minutes", "title": "Acta de la sesión de mayo", "session_id": session,
        "url": "https://gobiernoabierto.cajamarca.gob.pe/acta-mayo.pdf", "published_on": "2026-02-01"})
    found = check(api, r.plan, "2.3", as_of="2026-11-20")
    assert [s["session_id"] for s in found["details"]["sessions_without_published_minutes"]] == [session]


def test_1_4_names_the_commitments_changed_since_the_endorsement_without_changing_its_answer(api, app):
    """Given a plan endorsed in November 2025 and a commitment revised in 2026, 1.4 stays yes and its
    explanation names the commitment, with the revision as evidence; as of the endorsement nothing changed."""
    r = plan_with_roster(api)
    commitment = draft_commitment(api, r.plan)
    endorse(api, r.plan, signed_by=[r.ana, r.jorge], session_id=None)
    revise(api, commitment, description="Publicar cada mes la ejecución.", occurred_on="2026-03-02")
    found = check(api, r.plan, "1.4", as_of="2026-11-20", lang="es")
    assert found["answer"] == "yes"
    assert "1 compromiso cambió o se agregó: 1. Presupuesto participativo abierto y trimestral" in (
        found["explanation"])
    assert found["details"]["changed_since_endorsement"] == [
        {"commitment_id": commitment, "number": 1, "title": "Presupuesto participativo abierto y trimestral",
         "endorsed_revision": 0, "revision": 1, "fields": ["description"]}]
    revised = [e for e in found["evidence"] if e["type"] == "CommitmentRevised"]
    assert len(revised) == 1 and revised[0]["occurred_at"].startswith("2026-03-02")
    assert check(api, r.plan, "1.4")["details"]["changed_since_endorsement"] == []


def test_1_4_compares_the_signers_with_the_members_and_those_present(api):
    """Signed by the government and the NGO at the November session the youth council attended: 2 of 3 members
    signed, and the youth council was present without signing."""
    r = plan_with_roster(api)
    session = meeting(api, r.forum_id, NOVEMBER, attendees=[r.ana, r.jorge, r.luis])
    endorse(api, r.plan, signed_by=[r.ana, r.jorge], session_id=session)
    found = check(api, r.plan, "1.4", lang="en")
    details = found["details"]
    assert (details["member_organizations"], details["signing_organizations"]) == (3, 2)
    assert details["members_not_signing"] == ["Consejo Regional de la Juventud"]
    assert (details["organizations_present"], details["present_not_signing"]) == (3, ["Consejo Regional de la "
                                                                                          "Juventud"])
    assert "Its signers came from 2 of the 3 member organizations" in found["explanation"]
    assert "Present but not signing: Consejo Regional de la Juventud." in found["explanation"]
