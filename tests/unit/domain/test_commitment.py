"""A commitment (tracker.domain.commitment): the fold, drafting, revising, and the evaluator's assessment."""
from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from events.catalog.plans import CommitmentAssessed, CommitmentDrafted, CommitmentRevised
from tests.unit import given
from tests.unit.given import ACTOR, NOW, TOMORROW, lima
from tracker.domain import commitment as rules
from tracker.domain.commands import Correction
from tracker.domain.errors import Conflict, InvalidField

PORTAL = {"title": "Portal", "deliverable": "A budget portal", "due_on": "2026-06-30"}
DRAFTED = CommitmentDrafted("cmt_1", "pln_1", "Open budget", ["transparency"], [PORTAL], ["ctb_1"],
                            "Budgets are opaque", None, "Gobierno Regional")
ASSESSED = CommitmentAssessed("cmt_1", "yes", "yes", "new_regulation_policy_practice", "positive_change_not_binding",
                              "Verifiable and relevant.")


def commitment(*more):
    """The commitment as drafted on 1 August 2025, and then `more`."""
    return given.folded(rules.fold, (DRAFTED, lima(date(2025, 8, 1))), *more, stream="cmt_1")


# -- commands, as the API's schemas load them ------------------------------------------------------------


def draft_cmd(occurred_on=date(2025, 8, 1)) -> rules.DraftCommitment:
    return rules.DraftCommitment(" Open budget ", ("transparency",), "Budgets are opaque", None, " Gobierno Regional ",
                                 (rules.Milestone(" Portal ", "A budget portal", date(2026, 6, 30)),), ("ctb_1",),
                                 occurred_on=occurred_on)


def revise_cmd(occurred_on=None, from_contributions=(), **text) -> rules.ReviseCommitment:
    """Only the text fields sent are given: an absent field is UNSET (unchanged). Milestones may be given as
    the dicts a body holds."""
    if "milestones" in text:
        text["milestones"] = tuple(rules.Milestone(**m) for m in text["milestones"])
    if "ogp_values" in text:
        text["ogp_values"] = tuple(text["ogp_values"])
    return rules.ReviseCommitment("the forum asked for a clearer deadline", **text,
                                  from_contributions=tuple(from_contributions), occurred_on=occurred_on)


def assess_cmd(correction=None, ogp_values=None, occurred_on=None) -> rules.AssessCommitment:
    return rules.AssessCommitment("yes", "yes", "new_regulation_policy_practice", "positive_change_not_binding",
                                  "Verifiable and relevant.", tuple(ogp_values) if ogp_values is not None else None,
                                  correction=Correction(correction) if correction else None, occurred_on=occurred_on)


# -- fold ------------------------------------------------------------------------------------------------


def test_is_there_a_commitment_in_an_empty_stream_or_another_kind_of_stream():
    """Does an empty stream, or a plan's, fold to no commitment?"""
    assert rules.fold([]) is None
    assert rules.fold(given.recorded(given.plan_opened())) is None


def test_what_does_a_commitment_just_drafted_say():
    """Is it revision 0 of the stream's forum, unassessed, its milestones' days read as dates and stored back as
    ISO days?"""
    state = commitment()
    assert (state.forum_id, state.revision, state.assessment, state.drafted_at) == (
        "frm_1", 0, None, lima(date(2025, 8, 1)))
    assert state.milestones == [{**PORTAL, "due_on": date(2026, 6, 30)}]
    assert state.text() == {"title": "Open budget", "problem": "Budgets are opaque", "description": None,
                            "ogp_values": ["transparency"], "lead_institution": "Gobierno Regional",
                            "milestones": [PORTAL]}


def test_what_does_a_revised_and_assessed_commitment_say():
    """Are a revision's changes applied, its contributions added once, and the latest assessment the one that
    stands? Does a revision that only cites contributions leave the text unchanged since it?"""
    state = commitment(
        CommitmentRevised("cmt_1", 1, "clearer", {"title": "Open budgets", "milestones": []}, ["ctb_1", "ctb_2"]),
        CommitmentRevised("cmt_1", 2, "cites a contribution", {}, ["ctb_3"]),
        ASSESSED, CommitmentAssessed("cmt_1", "no", "yes", "continuation_of_ongoing_practice", "unclear", "Vague.",
                                     correction_reason="misread the milestones"))
    assert (state.title, state.milestones, state.problem) == ("Open budgets", [], "Budgets are opaque")
    assert state.from_contributions == ["ctb_1", "ctb_2", "ctb_3"]
    assert (state.revision, state.text_changed_since(0), state.text_changed_since(1)) == (2, True, False)
    assert [r.reason for r in state.revisions] == ["clearer", "cites a contribution"]
    assert (state.assessment.verifiable, state.assessment.correction_reason, state.assessment.recorded_by) == (
        "no", "misread the milestones", ACTOR)
    assert state.version == 5


# -- draft -----------------------------------------------------------------------------------------------


def test_how_is_a_commitment_drafted():
    """Is the draft recorded with its trimmed text, milestones' days as ISO days and the contributions behind it,
    on the day it says?"""
    event = given.only(rules.draft(given.forum(), given.plan(), "cmt_1", draft_cmd(), NOW))
    assert event.payload == DRAFTED
    assert event.occurred_at == lima(date(2025, 8, 1))


@pytest.mark.parametrize(("cmd", "error", "why"), [
    (draft_cmd(TOMORROW), InvalidField, "occurred_on: 2026-03-02 is in the future"),
    (draft_cmd(date(2025, 2, 1)), Conflict, "occurred_on: 2025-02-01 is before the forum was established"),
], ids=["future", "before_forum"])
def test_when_may_a_commitment_not_be_drafted(cmd, error, why):
    """Is a draft dated in the future or before the forum refused? (It has no rule of its own.)"""
    with pytest.raises(error, match=why):
        rules.draft(given.forum(), given.plan(), "cmt_1", cmd, NOW)


# -- revise ----------------------------------------------------------------------------------------------


def test_how_is_a_commitment_revised():
    """Are only the fields that differ from the current text stored, as the next revision, now?"""
    milestones = [{"title": "Portal", "deliverable": "A budget portal", "due_on": date(2026, 9, 30)}]
    cmd = revise_cmd(title="Open budget", ogp_values=["transparency"], milestones=milestones, problem=None)
    event = given.only(rules.revise(commitment(), given.forum(), cmd, NOW))
    assert event.payload == CommitmentRevised(
        "cmt_1", 1, "the forum asked for a clearer deadline",
        {"milestones": [{**PORTAL, "due_on": "2026-09-30"}], "problem": None}, [])
    assert event.occurred_at == NOW


def test_may_a_revision_only_cite_the_contributions_it_answers():
    """Is a revision that changes no field but cites a contribution recorded, numbered after the last one?"""
    history = CommitmentRevised("cmt_1", 1, "clearer", {"title": "Open budgets"}, [])
    cmd = revise_cmd(title="Open budgets", from_contributions=["ctb_2"])
    payload = given.only(rules.revise(commitment(history), given.forum(), cmd, NOW)).payload
    assert (payload.revision, payload.changes, payload.from_contributions) == (2, {}, ["ctb_2"])


@pytest.mark.parametrize(("cmd", "error", "why"), [
    (revise_cmd(title=" Open budget ", milestones=[{"title": "Portal", "deliverable": "A budget portal",
                                                   "due_on": date(2026, 6, 30)}]), Conflict,
     "the revision changes nothing: every field sent equals the current text"),
    (revise_cmd(occurred_on=date(2025, 7, 31), title="Open budgets"), Conflict,
     "the commitment was drafted on 2025-08-01; a revision cannot precede it"),
    (revise_cmd(occurred_on=TOMORROW, title="Open budgets"), InvalidField, "occurred_on: 2026-03-02 is in the future"),
], ids=["changes_nothing", "before_draft", "future"])
def test_when_may_a_commitment_not_be_revised(cmd, error, why):
    """Is a revision that changes nothing and cites nothing, one dated before the draft, or a future one refused?"""
    with pytest.raises(error, match=why):
        rules.revise(commitment(), given.forum(), cmd, NOW)


def test_which_field_does_the_refusal_of_a_revision_before_the_draft_blame():
    """Does the refusal name the field the caller used? Not for `occurred_at`: the error is always filed under
    `occurred_on`. Documents the actual behaviour; see the report."""
    cmd = replace(revise_cmd(title="Open budgets"), occurred_at=lima(date(2025, 7, 31)))
    with pytest.raises(Conflict, match="a revision cannot precede it") as refused:
        rules.revise(commitment(), given.forum(), cmd, NOW)
    assert list(refused.value.errors) == ["occurred_on"]


# -- assess ----------------------------------------------------------------------------------------------


def test_how_does_the_evaluator_assess_a_commitment():
    """Is the assessment recorded with its answers, now, correcting nothing?"""
    event = given.only(rules.assess(commitment(), given.forum(), assess_cmd(), NOW))
    assert event.payload == ASSESSED
    assert event.occurred_at == NOW


def test_how_is_an_assessment_corrected():
    """Is a second assessment recorded as a correction, with its reason and the OGP values it names?"""
    cmd = assess_cmd(correction="misread the milestones", ogp_values=["transparency", "civic_participation"])
    payload = given.only(rules.assess(commitment(ASSESSED), given.forum(), cmd, NOW)).payload
    assert (payload.correction_reason, payload.ogp_values) == ("misread the milestones",
                                                               ["transparency", "civic_participation"])


def test_may_an_assessment_be_dated_before_the_commitment_was_drafted():
    """Is an assessment dated before the draft refused, as a revision is? It is not: only the forum's dates are
    checked. Documents the actual behaviour."""
    event = given.only(rules.assess(commitment(), given.forum(), assess_cmd(occurred_on=date(2025, 7, 1)), NOW))
    assert event.occurred_at == lima(date(2025, 7, 1))


@pytest.mark.parametrize(("history", "cmd", "error", "why"), [
    ([ASSESSED], assess_cmd(), Conflict, "already recorded; send a correction with a reason"),
    ([], assess_cmd(correction="typo"), Conflict, "nothing to correct: the commitment has not been assessed yet"),
    ([], assess_cmd(occurred_on=TOMORROW), InvalidField, "occurred_on: 2026-03-02 is in the future"),
], ids=["repeated", "correction_of_nothing", "future"])
def test_when_may_a_commitment_not_be_assessed(history, cmd, error, why):
    """Is a second assessment without a correction, a correction of none, or a future one refused?"""
    with pytest.raises(error, match=why):
        rules.assess(commitment(*history), given.forum(), cmd, NOW)
