"""The typed commands (tracker.domain.*): each is built once, at the boundary, from what the contract's schema
loads (`of`), and the events a decision makes from one are, byte for byte, those the decisions made when they read
the loaded mapping itself.

`command_events.json` holds, for each case below, the events (type, canonical JSON of the data, occurred_at) that
the decisions made from the schema-loaded dict before the commands were typed; it was captured from that code,
and since then changed only where the domain meant it to: a new forum's policy also holds `response_days` (30 by
default) since that became a policy key.
"""
from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from events.catalog.contributions import ContributionResponded, ResponseCommunicated
from events.catalog.plans import CommitmentDrafted
from events.catalog.sessions import MinutesRecorded, SessionAnnounced, SessionHeld
from events.hashing import canonical_json
from tests.unit import given
from tests.unit.given import NOW, SESSION_AT, TZ, at, lima
from tracker.contract import contributions as cc
from tracker.contract import forums as fc
from tracker.contract import plans as pc
from tracker.contract import sessions as sc
from tracker.domain import commitment, consultation, contribution, forum, plan, session
from tracker.domain.commands import Correction, Document

DOC = {"title": "Acta", "url": "https://gob.example.org/acta.pdf"}
DOC_SHA = {"title": "Acta", "url": "https://gob.example.org/acta.pdf", "sha256": "ab" * 32}
ANNOUNCED = SessionAnnounced("ses_1", "2026-01-10", ["email"], [])
HELD = SessionHeld("ses_1", SESSION_AT, [{"representative_id": "rep_ana", "organization_id": "org_gov",
                                          "sector": "government"}], 12)
MINUTES = MinutesRecorded("ses_1", {"title": "Acta", "url": "https://x.example.org/a.pdf", "sha256": None},
                          "2026-01-27", ["rep_ana"])
DRAFTED = CommitmentDrafted("cmt_1", "pln_1", "Open budget", ["transparency"],
                            [{"title": "Portal", "deliverable": "A budget portal", "due_on": "2026-06-30"}], ["ctb_1"],
                            "Budgets are opaque", None, "Gobierno Regional")
RESPONDED = ContributionResponded("ctb_1", "accepted", "It became commitment 2.", "2025-07-20", "cmt_a")
EMAILED = ResponseCommunicated("ctb_1", "2025-07-25", "email")


def drafted():
    return given.folded(commitment.fold, (DRAFTED, lima(date(2025, 8, 1))), stream="cmt_1")


def held9():
    return given.session(given.session_held("2025-12-10T18:00:00-05:00", "ses_9"),
                         scheduled=given.session_scheduled(session_id="ses_9"))


# (name, command class, schema, JSON body, decide(command) -> events)
CASES = [
    ("establish", forum.EstablishForum, fc.ForumCreateSchema, {
        "name": "Foro", "member": "Cajamarca, Peru", "established_on": "2025-02-10", "timezone": "America/Lima",
        "meeting_rule": {"frequency": "monthly", "reminder_days_before": 3}},
     lambda c: forum.establish("frm_2", c, NOW)),
    ("establish_full", forum.EstablishForum, fc.ForumCreateSchema, {
        "name": "Foro", "member": "Cajamarca, Peru", "established_on": "2025-02-10", "timezone": "America/Lima",
        "meeting_rule": {"frequency": "monthly", "reminder_days_before": 3}, "language": "en",
        "policy": {"advance_notice_days": 3, "cadence_warning_day": 5}, "legal_basis": DOC},
     lambda c: forum.establish("frm_2", c, NOW)),
    ("join", forum.JoinForum, fc.OrganizationCreateSchema,
     {"name": " Colegio ", "sector": "academia", "joined_on": "2026-02-01"},
     lambda c: forum.join(given.forum(), "org_new", c, NOW)),
    ("leave", forum.LeaveForum, fc.OrganizationWithdrawalSchema, {"left_on": "2026-02-01", "reason": "merged"},
     lambda c: forum.leave(given.forum(), "org_cso", c, NOW)),
    ("designate", forum.DesignateRepresentative, fc.RepresentativeCreateSchema,
     {"name": " Eva ", "role": "alternate", "designated_on": "2026-02-01"},
     lambda c: forum.designate(given.forum(), "org_cso", "rep_new", c, NOW)),
    ("designate_minor", forum.DesignateRepresentative, fc.RepresentativeCreateSchema, {
        "name": "Eva", "role": "alternate", "designated_on": "2026-02-01", "email": "eva@example.org",
        "phone": "+51 976 000 111", "gender": "female", "is_minor": True, "guardian_consent": True},
     lambda c: forum.designate(given.forum(), "org_cso", "rep_new", c, NOW)),
    ("withdraw", forum.WithdrawRepresentative, fc.RepresentativeWithdrawalSchema,
     {"withdrawn_on": "2026-02-01", "reason": "changed jobs"},
     lambda c: forum.withdraw(given.forum(), "rep_beto", c, NOW)),
    ("amend_policy", forum.AmendPolicy, fc.PolicyAmendmentCreateSchema,
     {"effective_on": "2025-07-01", "policy": {"advance_notice_days": 10, "response_days": 15},
      "reason": "Acuerdo de la sesión 5"},
     lambda c: forum.amend_policy(given.forum(), c, NOW)),
    ("amend_meeting_rule", forum.AmendPolicy, fc.PolicyAmendmentCreateSchema,
     {"effective_on": "2025-07-01", "meeting_rule": {"frequency": "bimonthly", "reminder_days_before": 5}},
     lambda c: forum.amend_policy(given.forum(), c, NOW)),
    ("schedule", session.ScheduleSession, sc.SessionCreateSchema, {
        "title": " Sesión ", "kind": "forum_session", "scheduled_at": "2026-04-10T15:00:00-05:00", "venue": " Sala ",
        "modality": "in_person", "number": 3, "agenda": [{"title": " Presupuesto ", "proposed_by_organization":
                                                           "org_cso"}, {"title": "Varios"}]},
     lambda c: session.schedule(given.forum(), "ses_2", c, NOW, None)),
    ("schedule_occurred", session.ScheduleSession, sc.SessionCreateSchema, {
        "title": "Sesión", "kind": "forum_session", "scheduled_at": "2026-04-10T15:00:00-05:00", "venue": "Sala",
        "modality": "in_person", "action_plan_id": "pln_1", "occurred_at": "2026-02-01T10:00:00-05:00"},
     lambda c: session.schedule(given.forum(), "ses_2", c, NOW, "frm_1")),
    ("announce", session.AnnounceSession, sc.AnnouncementSchema,
     {"announced_on": "2026-01-10", "channels": ["email", "web"],
                                         "materials": [DOC, DOC_SHA]},
     lambda c: session.announce(given.forum(), given.session(), c, NOW)),
    ("announce_again", session.AnnounceSession, sc.AnnouncementSchema,
     {"announced_on": "2026-01-11", "channels": ["email"],
                                               "correction": {"reason": "wrong day"}},
     lambda c: session.announce(given.forum(), given.session(ANNOUNCED), c, NOW)),
    ("reschedule", session.RescheduleSession, sc.ReschedulingSchema,
     {"scheduled_at": "2026-01-22T15:00:00-05:00", "reason": "rain",
                                           "occurred_on": "2026-01-05"},
     lambda c: session.reschedule(given.forum(), given.session(), c, NOW)),
    ("reschedule_bare", session.RescheduleSession, sc.ReschedulingSchema, {"scheduled_at": "2026-01-22T15:00:00-05:00"},
     lambda c: session.reschedule(given.forum(), given.session(), c, NOW)),
    ("cancel", session.CancelSession, sc.CancellationSchema, {"reason": "no quorum"},
     lambda c: session.cancel(given.forum(), given.session(), c, NOW)),
    ("hold", session.RecordSession, sc.RecordSchema, {
        "held_at": "2026-01-20T15:05:00-05:00", "public_attendees": 12,
        "attendance": [{"representative_id": "rep_ana"}, {"name": " Luz ", "organization": None, "sector": "youth"},
                       {"name": "Rosa", "organization": " Ronda ", "sector": "civil_society"}, {"name": "Pio",
                                                                                               "sector": "youth"}]},
     lambda c: session.hold(given.forum(), given.session(ANNOUNCED), c, NOW)),
    ("hold_again", session.RecordSession, sc.RecordSchema,
     {"held_at": "2026-01-20T15:05:00-05:00", "correction": {"reason": "typo"}},
     lambda c: session.hold(given.forum(), given.session(HELD), c, NOW)),
    ("minutes", session.RecordMinutes, sc.MinutesSchema,
     {"document": DOC, "approved_on": "2026-01-27", "signed_by": ["rep_ana"]},
     lambda c: session.record_minutes(given.forum(), given.session(HELD), c, NOW)),
    ("minutes_again", session.RecordMinutes, sc.MinutesSchema, {"document": DOC_SHA, "approved_on": "2026-01-28",
                                         "correction": {"reason": "signed later"}},
     lambda c: session.record_minutes(given.forum(), given.session(HELD, MINUTES), c, NOW)),
    ("open_plan", plan.OpenActionPlan, pc.ActionPlanCreateSchema, {
        "title": " Plan ", "period_start": "2028-01-01", "period_end": "2029-12-31",
        "cocreation_starts_on": "2025-06-01", "cocreation_ends_on": "2025-12-15"},
     lambda c: plan.open_plan(given.forum(), "pln_2", c, NOW)),
    ("submit", plan.SubmitPlan, pc.SubmissionSchema, {"submitted_on": "2025-12-20", "document": DOC},
     lambda c: plan.submit(given.plan(), given.forum(), c, NOW)),
    ("submit_bare", plan.SubmitPlan, pc.SubmissionSchema, {"submitted_on": "2025-12-20"},
     lambda c: plan.submit(given.plan(), given.forum(), c, NOW)),
    ("publish", plan.MakePublication, pc.PublicationCreateSchema,
     {"kind": "minutes", "title": " Acta ", "url": "https://x.example.org/a",
                                             "published_on": "2025-07-05", "session_id": "ses_1",
                                             "sha256": "ab" * 32},
     lambda c: plan.publish(given.plan(), given.forum(), "pub_1", c, NOW)),
    ("publish_bare", plan.MakePublication, pc.PublicationCreateSchema,
     {"kind": "repository", "title": "Plan", "url": "https://x.example.org/p",
                                                  "published_on": "2025-07-05"},
     lambda c: plan.publish(given.plan(), given.forum(), "pub_1", c, NOW)),
    ("endorse", plan.EndorsePlan, pc.EndorsementCreateSchema, {"endorsed_on": "2025-12-10", "session_id": "ses_9",
                                             "signed_by": ["rep_ana", "rep_beto"], "document": DOC_SHA},
     lambda c: plan.endorse(given.plan(), given.forum(), c, held9(), {"cmt_a": 1}, NOW)),
    ("endorse_bare", plan.EndorsePlan, pc.EndorsementCreateSchema, {"endorsed_on": "2025-12-10"},
     lambda c: plan.endorse(given.plan(), given.forum(), c, None, {}, NOW)),
    ("judge", plan.JudgeCheck, pc.JudgementSchema, {"check": "2.4", "answer": "yes", "explanation": "Yes.",
                                   "references": ["https://x.example.org/r"], "occurred_on": "2026-01-05"},
     lambda c: plan.judge(given.plan(), given.forum(), "jdg_1", c, [], NOW)),
    ("judge_bare", plan.JudgeCheck, pc.JudgementSchema, {"check": "2.6", "answer": "very", "explanation": "Yes."},
     lambda c: plan.judge(given.plan(), given.forum(), "jdg_1", c, [], NOW)),
    ("open_consultation", consultation.OpenConsultation, pc.ConsultationCreateSchema,
     {"opens_on": "2025-07-01", "closes_on": "2025-07-31",
                                                        "channel": "web_form", "url": "https://x.example.org/c"},
     lambda c: consultation.open_consultation(given.forum(), given.plan(), "cns_2", c, NOW)),
    ("open_consultation_bare", consultation.OpenConsultation, pc.ConsultationCreateSchema,
     {"opens_on": "2025-07-01", "closes_on": "2025-07-31",
                                                             "channel": "web_form"},
     lambda c: consultation.open_consultation(given.forum(), given.plan(), "cns_2", c, NOW)),
    ("extend", consultation.ExtendConsultation, pc.ExtensionSchema, {"closes_on": "2025-08-15", "reason": "more time",
                                    "requested_by_contribution": "ctb_1", "occurred_on": "2025-07-30"},
     lambda c: consultation.extend(given.consultation(), given.forum(), c, NOW)),
    ("extend_bare", consultation.ExtendConsultation, pc.ExtensionSchema,
     {"closes_on": "2025-08-15", "reason": "more time"},
     lambda c: consultation.extend(given.consultation(), given.forum(), c, NOW)),
    ("draft", commitment.DraftCommitment, pc.CommitmentCreateSchema, {
        "title": " Open budget ", "problem": "Opaque", "ogp_values": ["transparency", "public_accountability"],
        "lead_institution": " GR ", "milestones": [{"title": " Portal ", "deliverable": "A portal",
                                                     "due_on": "2026-06-30"}, {"title": "Law"}],
        "from_contributions": ["ctb_1"], "occurred_on": "2025-08-01"},
     lambda c: commitment.draft(given.forum(), given.plan(), "cmt_2", c, NOW)),
    ("draft_bare", commitment.DraftCommitment, pc.CommitmentCreateSchema,
     {"title": "Open budget", "ogp_values": ["transparency"]},
     lambda c: commitment.draft(given.forum(), given.plan(), "cmt_2", c, NOW)),
    ("revise", commitment.ReviseCommitment, pc.CommitmentRevisionSchema, {
        "title": "Open budgets", "problem": None, "milestones": [{"title": "Portal", "due_on": "2026-09-30"}],
        "reason": "clearer", "from_contributions": ["ctb_2"], "occurred_on": "2025-09-01"},
     lambda c: commitment.revise(drafted(), given.forum(), c, NOW)),
    ("revise_some", commitment.ReviseCommitment, pc.CommitmentRevisionSchema,
     {"description": " Now described ", "ogp_values": ["transparency"],
                                                  "lead_institution": "Gobierno Regional", "reason": "describe"},
     lambda c: commitment.revise(drafted(), given.forum(), c, NOW)),
    ("assess", commitment.AssessCommitment, pc.AssessmentSchema, {
        "verifiable": "yes", "relevance": "no", "ogp_values": ["transparency"],
        "commitment_type": "new_regulation_policy_practice", "potential": "positive_change_not_binding",
        "explanation": "Fine.", "recommendations": "More.", "occurred_on": "2025-09-01"},
     lambda c: commitment.assess(drafted(), given.forum(), c, NOW)),
    ("assess_bare", commitment.AssessCommitment, pc.AssessmentSchema, {
        "verifiable": "yes", "relevance": "no", "commitment_type": "new_regulation_policy_practice",
        "potential": "positive_change_not_binding", "explanation": "Fine."},
     lambda c: commitment.assess(drafted(), given.forum(), c, NOW)),
    ("receive", contribution.ReceiveContribution, cc.ContributionCreateSchema, {
        "text": "Publish the budget.", "received_on": "2025-07-31", "channel": "public_consultation",
        "author": {"name": " Luz ", "sector": "youth", "email": "luz@example.org"}, "consultation_id": "cns_1"},
     lambda c: contribution.receive(given.forum(), "pln_1", "ctb_2", c, None, given.consultation(), NOW)),
    ("receive_rep", contribution.ReceiveContribution, cc.ContributionCreateSchema, {
        "text": "Publish the budget.", "received_on": "2025-07-10", "channel": "forum_session",
        "author": {"representative_id": "rep_ana"}, "session_id": "ses_1", "commitment_id": "cmt_1"},
     lambda c: contribution.receive(given.forum(), "pln_1", "ctb_2", c, None, None, NOW)),
    ("consider", contribution.ConsiderContribution, cc.ContributionConsiderationCreateSchema,
     {"considered_on": "2025-07-10", "session_id": "ses_1",
                                                           "note": "discussed"},
     lambda c: contribution.consider(given.contribution(), given.forum(), c, None, NOW)),
    ("consider_bare", contribution.ConsiderContribution, cc.ContributionConsiderationCreateSchema,
     {"considered_on": "2025-07-10"},
     lambda c: contribution.consider(given.contribution(), given.forum(), c, None, NOW)),
    ("respond", contribution.RespondToContribution, cc.ContributionResponseCreateSchema,
     {"decision": "accepted", "reasoning": " Became 2. ",
                                                      "responded_on": "2025-07-20", "commitment_id": "cmt_a"},
     lambda c: contribution.respond(given.contribution(), given.forum(), c, NOW)),
    ("respond_again", contribution.RespondToContribution, cc.ContributionResponseCreateSchema,
     {"decision": "merged", "reasoning": "Merged.",
                                                            "responded_on": "2025-07-21",
                                                            "correction": {"reason": "merged"}},
     lambda c: contribution.respond(given.contribution(RESPONDED), given.forum(), c, NOW)),
    ("communicate", contribution.CommunicateResponse, cc.ContributionCommunicationCreateSchema,
     {"communicated_on": "2025-07-25",
                                                               "channel": "published", "url": "https://x.example.org/r"},
     lambda c: contribution.communicate(given.contribution(RESPONDED), given.forum(), c, NOW)),
    ("communicate_again", contribution.CommunicateResponse, cc.ContributionCommunicationCreateSchema,
     {"communicated_on": "2025-07-25",
                                                                     "channel": "email",
                                                                     "correction": {"reason": "bounced"}},
     lambda c: contribution.communicate(given.contribution(RESPONDED, EMAILED), given.forum(), c, NOW)),
]


EXPECTED = json.loads((Path(__file__).parent / "command_events.json").read_text(encoding="utf-8"))


def test_are_all_the_cases_captured():
    assert sorted(EXPECTED) == sorted(name for name, *_ in CASES)


@pytest.mark.parametrize(("name", "command", "schema", "body", "decide"), CASES, ids=[c[0] for c in CASES])
def test_are_the_events_of_a_typed_command_those_of_the_loaded_body(name, command, schema, body, decide):
    """Does the decision make, from the command built from the schema-loaded body, the very events (type, data as
    canonical JSON, occurrence) it made from the loaded body itself?"""
    built = command.of(schema().load(body))
    assert type(built) is command
    events = decide(built)
    assert [[e.payload.type_name(), canonical_json(e.payload.to_data()), e.occurred_at.isoformat()]
            for e in events] == EXPECTED[name]


# -- each command from its loaded body ----------------------------------------------------------------------

MEETING = {"frequency": "monthly", "reminder_days_before": 3}


def load(schema, body):
    return schema().load(body)


def test_establish_forum_of():
    data = load(fc.ForumCreateSchema, {"name": "Foro", "member": "Cajamarca, Peru", "established_on": "2025-02-10",
                                       "timezone": TZ, "meeting_rule": MEETING, "policy": {"advance_notice_days": 3},
                                       "legal_basis": DOC})
    assert forum.EstablishForum.of(data) == forum.EstablishForum(
        "Foro", "Cajamarca, Peru", date(2025, 2, 10), TZ, forum.MeetingRule("monthly", 3), "es",
        {"advance_notice_days": 3}, Document("Acta", "https://gob.example.org/acta.pdf"))


def test_join_leave_designate_withdraw_of():
    assert forum.JoinForum.of(load(fc.OrganizationCreateSchema, {
        "name": "Colegio", "sector": "academia", "joined_on": "2026-02-01"})) == forum.JoinForum(
        "Colegio", "academia", date(2026, 2, 1))
    assert forum.LeaveForum.of(load(fc.OrganizationWithdrawalSchema, {"left_on": "2026-02-01", "reason": "merged"})
                               ) == forum.LeaveForum(date(2026, 2, 1), "merged")
    assert forum.DesignateRepresentative.of(load(fc.RepresentativeCreateSchema, {
        "name": "Eva", "role": "alternate", "designated_on": "2026-02-01", "is_minor": True,
        "guardian_consent": False})) == forum.DesignateRepresentative(
        "Eva", "alternate", date(2026, 2, 1), is_minor=True, guardian_consent=False)
    assert forum.WithdrawRepresentative.of(load(fc.RepresentativeWithdrawalSchema, {
        "withdrawn_on": "2026-02-01", "reason": "left"})) == forum.WithdrawRepresentative(date(2026, 2, 1), "left")


def test_session_commands_of():
    assert session.ScheduleSession.of(load(sc.SessionCreateSchema, {
        "title": "S", "kind": "forum_session", "scheduled_at": "2026-04-10T15:00:00-05:00", "venue": "Sala",
        "modality": "virtual", "agenda": [{"title": "A", "proposed_by_organization": "org_cso"}],
        "occurred_on": "2026-02-01"})) == session.ScheduleSession(
        "S", "forum_session", at("2026-04-10T15:00:00-05:00"), "Sala", "virtual",
        agenda=(session.AgendaItem("A", "org_cso"),), occurred_on=date(2026, 2, 1))
    assert session.AnnounceSession.of(load(sc.AnnouncementSchema, {
        "announced_on": "2026-01-10", "channels": ["email"], "materials": [DOC_SHA],
        "correction": {"reason": "typo"}})) == session.AnnounceSession(
        date(2026, 1, 10), ("email",), (Document("Acta", "https://gob.example.org/acta.pdf", "ab" * 32),),
        Correction("typo"))
    assert session.RescheduleSession.of(load(sc.ReschedulingSchema, {
        "scheduled_at": "2026-01-22T15:00:00-05:00", "occurred_at": "2026-01-05T10:00:00-05:00"})
    ) == session.RescheduleSession(at("2026-01-22T15:00:00-05:00"), occurred_at=at("2026-01-05T10:00:00-05:00"))
    assert session.CancelSession.of(load(sc.CancellationSchema, {"reason": "rain"})) == session.CancelSession("rain")
    assert session.RecordSession.of(load(sc.RecordSchema, {
        "held_at": "2026-01-20T15:05:00-05:00", "public_attendees": 3,
        "attendance": [{"representative_id": "rep_ana"}, {"name": "Luz", "sector": "youth"}]})
    ) == session.RecordSession(at("2026-01-20T15:05:00-05:00"), (
        session.RepresentativeAttendee("rep_ana"), session.GuestAttendee("Luz", "youth")), 3)
    assert session.RecordMinutes.of(load(sc.MinutesSchema, {
        "document": DOC, "approved_on": "2026-01-27", "signed_by": ["rep_ana"]})) == session.RecordMinutes(
        Document("Acta", "https://gob.example.org/acta.pdf"), date(2026, 1, 27), ("rep_ana",))


def test_plan_commands_of():
    assert plan.OpenActionPlan.of(load(pc.ActionPlanCreateSchema, {
        "title": "P", "period_start": "2028-01-01", "period_end": "2029-12-31", "cocreation_starts_on": "2025-06-01",
        "cocreation_ends_on": "2025-12-15"})) == plan.OpenActionPlan(
        "P", date(2028, 1, 1), date(2029, 12, 31), date(2025, 6, 1), date(2025, 12, 15))
    assert plan.SubmitPlan.of(load(pc.SubmissionSchema, {"submitted_on": "2025-12-20"})) == plan.SubmitPlan(
        date(2025, 12, 20))
    assert plan.MakePublication.of(load(pc.PublicationCreateSchema, {
        "kind": "minutes", "title": "Acta", "url": "https://x.example.org/a", "published_on": "2025-07-05",
        "session_id": "ses_1"})) == plan.MakePublication("minutes", "Acta", "https://x.example.org/a",
                                                         date(2025, 7, 5), "ses_1")
    assert plan.EndorsePlan.of(load(pc.EndorsementCreateSchema, {
        "endorsed_on": "2025-12-10", "signed_by": ["rep_ana"], "document": DOC})) == plan.EndorsePlan(
        date(2025, 12, 10), None, ("rep_ana",), Document("Acta", "https://gob.example.org/acta.pdf"))
    assert plan.WithdrawEndorsement.of(load(pc.EndorsementWithdrawalSchema, {
        "withdrawn_on": "2025-12-12", "reason": "no quorum"})) == plan.WithdrawEndorsement(date(2025, 12, 12),
                                                                                          "no quorum")
    assert plan.JudgeCheck.of(load(pc.JudgementSchema, {"check": "2.4", "answer": "yes", "explanation": "E"})
                              ) == plan.JudgeCheck("2.4", "yes", "E")


def test_consultation_commands_of():
    assert consultation.OpenConsultation.of(load(pc.ConsultationCreateSchema, {
        "opens_on": "2025-07-01", "closes_on": "2025-07-31", "channel": "web_form"})
    ) == consultation.OpenConsultation(date(2025, 7, 1), date(2025, 7, 31), "web_form")
    assert consultation.ExtendConsultation.of(load(pc.ExtensionSchema, {
        "closes_on": "2025-08-15", "reason": "time", "requested_by_contribution": "ctb_1"})
    ) == consultation.ExtendConsultation(date(2025, 8, 15), "time", "ctb_1")


def test_commitment_commands_of():
    assert commitment.DraftCommitment.of(load(pc.CommitmentCreateSchema, {
        "title": "T", "ogp_values": ["transparency"], "milestones": [{"title": "M", "due_on": "2026-06-30"}]})
    ) == commitment.DraftCommitment("T", ("transparency",), milestones=(commitment.Milestone("M", None,
                                                                                             date(2026, 6, 30)),))
    revised = commitment.ReviseCommitment.of(load(pc.CommitmentRevisionSchema, {
        "problem": None, "milestones": [], "reason": "why"}))
    assert revised == commitment.ReviseCommitment("why", problem=None, milestones=())
    assert revised.text() == {"problem": None, "milestones": ()}
    assert revised.title is commitment.UNSET
    assert commitment.AssessCommitment.of(load(pc.AssessmentSchema, {
        "verifiable": "yes", "relevance": "no", "commitment_type": "new_regulation_policy_practice",
        "potential": "unclear", "explanation": "E", "correction": {"reason": "typo"}})
    ) == commitment.AssessCommitment("yes", "no", "new_regulation_policy_practice", "unclear", "E",
                                     correction=Correction("typo"))


def test_contribution_commands_of():
    assert contribution.ReceiveContribution.of(load(cc.ContributionCreateSchema, {
        "text": "T", "received_on": "2025-07-31", "channel": "email", "author": {"name": "Luz", "sector": "youth"}})
    ) == contribution.ReceiveContribution("T", date(2025, 7, 31), "email", contribution.PublicAuthor("Luz",
                                                                                                    sector="youth"))
    assert contribution.ReceiveContribution.of(load(cc.ContributionCreateSchema, {
        "text": "T", "received_on": "2025-07-31", "channel": "email", "author": {"representative_id": "rep_ana"}})
    ).author == contribution.RepresentativeAuthor("rep_ana")
    assert contribution.ConsiderContribution.of(load(cc.ContributionConsiderationCreateSchema, {
        "considered_on": "2025-07-10", "note": "n"})) == contribution.ConsiderContribution(date(2025, 7, 10), None, "n")
    assert contribution.RespondToContribution.of(load(cc.ContributionResponseCreateSchema, {
        "decision": "accepted", "reasoning": "R", "responded_on": "2025-07-20", "correction": {"reason": "x"}})
    ) == contribution.RespondToContribution("accepted", "R", date(2025, 7, 20), None, Correction("x"))
    assert contribution.CommunicateResponse.of(load(cc.ContributionCommunicationCreateSchema, {
        "communicated_on": "2025-07-25", "channel": "email"})) == contribution.CommunicateResponse(
        date(2025, 7, 25), "email")
    # what the scheduler sends (tracker.scheduler.tick): no url, no correction
    assert contribution.CommunicateResponse.of({"communicated_on": date(2025, 7, 25), "channel": "email"}
                                               ) == contribution.CommunicateResponse(date(2025, 7, 25), "email")
