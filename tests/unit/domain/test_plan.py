"""An action plan (tracker.domain.plan): the fold, the ids and checks it names, and the decisions."""
from __future__ import annotations

from datetime import date

import pytest

from events.catalog.plans import (
    ActionPlanOpened,
    ActionPlanSubmitted,
    CheckJudged,
    ConsultationOpened,
    EndorsementWithdrawn,
    PlanEndorsed,
    PublicationMade,
)
from tests.unit import given
from tests.unit.given import ACTOR, NOW, TOMORROW, lima
from tracker.domain import plan as rules
from tracker.domain import streams
from tracker.domain.commands import Document
from tracker.domain.errors import Conflict, InvalidField, NotFound
from tracker.domain.session import SessionState

DOCUMENT = {"title": "Plan de Acción 2026-2027", "url": "https://ogp.example.org/plan.pdf", "sha256": None}
SUBMITTED = ActionPlanSubmitted("pln_1", "2025-12-20", DOCUMENT)
ENDORSED = PlanEndorsed("end_1_1", "pln_1", "2025-12-10", ["rep_ana"], {"cmt_a": 0}, "ses_9", None)
WITHDRAWN = EndorsementWithdrawn("end_1_1", "2025-12-12", "signed without quorum")

# -- commands, as the API's schemas load them ------------------------------------------------------------


def open_cmd(starts=date(2027, 6, 1), ends=date(2027, 12, 15),
             period=(date(2028, 1, 1), date(2029, 12, 31))) -> rules.OpenActionPlan:
    return rules.OpenActionPlan(" Plan de Acción 2028-2029 ", period[0], period[1], starts, ends)


def submit_cmd(submitted_on=date(2025, 12, 20)) -> rules.SubmitPlan:
    return rules.SubmitPlan(submitted_on, Document(**DOCUMENT))


def publish_cmd(kind="minutes", session_id="ses_1", published_on=date(2025, 7, 5)) -> rules.MakePublication:
    return rules.MakePublication(kind, " Acta de la sesión 1 ", "https://gob.example.org/acta-1.pdf", published_on,
                                 session_id, "ab" * 32)


def endorse_cmd(endorsed_on=date(2025, 12, 10), signed_by=("rep_ana", "rep_beto"),
                session_id="ses_9") -> rules.EndorsePlan:
    return rules.EndorsePlan(endorsed_on, session_id, tuple(signed_by))


def withdraw_endorsement_cmd(withdrawn_on=date(2025, 12, 12)) -> rules.WithdrawEndorsement:
    return rules.WithdrawEndorsement(withdrawn_on, "signed without quorum")


def judge_cmd(check="2.4", answer="yes", occurred_on=None) -> rules.JudgeCheck:
    return rules.JudgeCheck(check, answer, "Every contribution got a reasoned answer.",
                            ("https://gob.example.org/respuestas",), occurred_on=occurred_on)


def held(on="2025-12-10T18:00:00-05:00", cancelled=False) -> SessionState:
    """Session 9 as its stream folds: held at `on` (scheduled only when None), or cancelled."""
    facts = [given.session_cancelled("ses_9")] if cancelled else [given.session_held(on, "ses_9")] if on else []
    return given.session(*facts, scheduled=given.session_scheduled(session_id="ses_9"))


# -- ids and checks --------------------------------------------------------------------------------------


@pytest.mark.parametrize(("check", "known"), [
    ("1.1", True), ("2.6", True), ("S.cadence", True), ("3.1.1", True), ("3.120.5", True),
    ("3.0.1", False), ("3.1.6", False), ("2.7", False), ("S.other", False), ("3.1", False),
])
def test_which_names_are_checks_of_the_inception_report(check, known):
    """Is a name one of the report's checks (1.1-1.4, 2.1-2.6, 3.<n>.<k> with k 1-5, S.*)?"""
    assert rules.is_check(check) is known


def test_what_answers_does_a_check_admit():
    """Is 2.6 answered by how inclusive the forum is, and every other check yes, no or unclear?"""
    assert rules.answers_for("2.6") == ("very", "somewhat", "not")
    assert rules.answers_for("3.2.1") == rules.answers_for("1.1") == ("yes", "no", "unclear")


def test_which_plan_does_an_endorsement_id_name():
    """Does an endorsement's id name its plan and number, and do other ids name no plan?"""
    assert streams.endorsement_id("pln_abc", 2) == "end_abc_2"
    assert streams.plan_of_endorsement("end_abc_2") == "pln_abc"
    assert streams.plan_of_endorsement("pln_abc") is None
    assert streams.plan_of_endorsement("end_abc_0") is None


# -- fold ------------------------------------------------------------------------------------------------


def test_is_there_a_plan_in_an_empty_stream_or_another_kind_of_stream():
    """Does an empty stream, or a consultation's, fold to no plan?"""
    assert rules.fold([]) is None
    assert rules.fold(given.recorded(ConsultationOpened("cns_1", "pln_1", "2025-07-01", "2025-07-31", "web"))) is None


def test_what_does_a_plans_stream_say():
    """Are its submission, publications, endorsements and judgements folded, a later judgement of a check
    superseding the earlier one?"""
    judged = [CheckJudged("jdg_1", "pln_1", "2.4", "no", "no answers yet", []),
              CheckJudged("jdg_2", "pln_1", "1.1", "yes", "a forum exists", []),
              CheckJudged("jdg_3", "pln_1", "2.4", "yes", "answers published", [])]
    published = PublicationMade("pub_1", "pln_1", "minutes", "Acta 1", "https://x.org/a.pdf", "2025-07-05", "ses_1")
    plan = given.plan(SUBMITTED, published, ENDORSED, WITHDRAWN, *judged)
    assert (plan.submitted_on, plan.submission_document) == (date(2025, 12, 20), DOCUMENT)
    assert [(p.id, p.kind, p.session_id, p.published_on) for p in plan.publications] == [
        ("pub_1", "minutes", "ses_1", date(2025, 7, 5))]
    first = plan.endorsement("end_1_1")
    assert (first.commitment_revisions, first.withdrawn_on) == ({"cmt_a": 0}, date(2025, 12, 12))
    assert plan.standing_endorsement() is None
    assert [(j.id, j.current, j.recorded_by) for j in plan.judgements] == [
        ("jdg_1", False, ACTOR), ("jdg_2", True, ACTOR), ("jdg_3", True, ACTOR)]
    assert plan.version == 8
    assert plan.in_window(date(2025, 6, 1)) and plan.in_window(date(2025, 12, 15))
    assert not plan.in_window(date(2025, 12, 16))


def test_which_endorsement_stands_and_which_ids_are_not_the_plans():
    """Does an endorsement not withdrawn stand, and is an unknown endorsement id NotFound?"""
    plan = given.plan(ENDORSED)
    assert plan.standing_endorsement().id == "end_1_1"
    with pytest.raises(NotFound, match="no endorsement has the id end_1_9"):
        plan.endorsement("end_1_9")


# -- open ------------------------------------------------------------------------------------------------


def test_how_is_a_plans_co_creation_opened_ahead_of_time():
    """Is the plan opened with its trimmed title and dates, now, when its window starts in the future?"""
    event = given.only(rules.open_plan(given.forum(), "pln_2", open_cmd(), NOW))
    assert event.payload == ActionPlanOpened("pln_2", "frm_1", "Plan de Acción 2028-2029", "2028-01-01",
                                             "2029-12-31", "2027-06-01", "2027-12-15")
    assert event.occurred_at == NOW


def test_when_does_the_opening_of_a_window_already_started_occur():
    """Does a plan whose window started already open at the start of the window's first day?"""
    event = given.only(rules.open_plan(given.forum(), "pln_2", open_cmd(starts=date(2026, 2, 1)), NOW))
    assert event.occurred_at == lima(date(2026, 2, 1))


@pytest.mark.parametrize(("cmd", "why"), [
    (open_cmd(starts=date(2025, 2, 9)), "cocreation_starts_on: 2025-02-09 is before the forum was established"),
    (open_cmd(period=(date(2028, 1, 1), date(2028, 1, 1))), "period_end: the plan's period must end after it starts"),
    (open_cmd(ends=date(2027, 5, 31)), "cocreation_ends_on: the co-creation window must not end before it starts"),
], ids=["before_forum", "empty_period", "window_ends_first"])
def test_when_may_a_plans_co_creation_not_open(cmd, why):
    """Is a window starting before the forum, an empty period, or a window ending before it starts refused?"""
    with pytest.raises(Conflict, match=why):
        rules.open_plan(given.forum(), "pln_2", cmd, NOW)


# -- submit and publish ----------------------------------------------------------------------------------


def test_how_is_a_plan_submitted():
    """Is the submission recorded on its day, with its document?"""
    event = given.only(rules.submit(given.plan(), given.forum(), submit_cmd(), NOW))
    assert event.payload == SUBMITTED
    assert event.occurred_at == lima(date(2025, 12, 20))


@pytest.mark.parametrize(("history", "cmd", "error", "why"), [
    ([SUBMITTED], submit_cmd(), Conflict, "the plan was already submitted on 2025-12-20"),
    ([], submit_cmd(TOMORROW), InvalidField, "submitted_on: 2026-03-02 is in the future"),
    ([], submit_cmd(date(2025, 5, 31)), Conflict, "submitted_on: 2025-05-31 is before the plan's co-creation "
                                                  "started on 2025-06-01"),
], ids=["twice", "future", "before_cocreation"])
def test_when_may_a_plan_not_be_submitted(history, cmd, error, why):
    """Is a second submission, a future one, or one before co-creation started refused?"""
    with pytest.raises(error, match=why):
        rules.submit(given.plan(*history), given.forum(), cmd, NOW)


def test_how_is_a_sessions_publication_made():
    """Are a session's minutes published with their trimmed title, session and digest, on their day?"""
    event = given.only(rules.publish(given.plan(), given.forum(), "pub_1", publish_cmd(), NOW))
    assert event.payload == PublicationMade("pub_1", "pln_1", "minutes", "Acta de la sesión 1",
                                            "https://gob.example.org/acta-1.pdf", "2025-07-05", "ses_1", "ab" * 32)
    assert event.occurred_at == lima(date(2025, 7, 5))


@pytest.mark.parametrize(("cmd", "error", "why"), [
    (publish_cmd(kind="timeline"), InvalidField, "session_id: only agenda, materials, minutes name a session"),
    (publish_cmd(published_on=TOMORROW), InvalidField, "published_on: 2026-03-02 is in the future"),
    (publish_cmd(kind="ogp_webpage", session_id=None, published_on=date(2025, 1, 31)), Conflict,
     "published_on: 2025-01-31 is before the forum was established"),
], ids=["session_for_timeline", "future", "before_forum"])
def test_when_may_a_publication_not_be_made(cmd, error, why):
    """Is a session named by a publication that is not a session's, a future day, or a day before the forum
    refused?"""
    with pytest.raises(error, match=why):
        rules.publish(given.plan(), given.forum(), "pub_1", cmd, NOW)


# -- endorse ---------------------------------------------------------------------------------------------


def test_how_is_a_plan_endorsed_at_a_session_held_that_day():
    """Is the endorsement recorded with its signers and the commitments' revisions, at a session held later that
    same day (days compare in the forum's timezone)?"""
    session = held("2025-12-11T02:00:00+00:00")  # 21:00 on 10 December in Lima
    event = given.only(rules.endorse(given.plan(), given.forum(), endorse_cmd(), session, {"cmt_a": 2}, NOW))
    assert event.payload == PlanEndorsed("end_1_1", "pln_1", "2025-12-10", ["rep_ana", "rep_beto"], {"cmt_a": 2},
                                         "ses_9", None)
    assert event.occurred_at == lima(date(2025, 12, 10))


def test_what_id_does_an_endorsement_after_a_withdrawn_one_get():
    """Is the plan endorsed again, once the first endorsement was withdrawn, under the next number?"""
    cmd = endorse_cmd(endorsed_on=date(2025, 12, 14), session_id=None)
    payload = given.only(rules.endorse(given.plan(ENDORSED, WITHDRAWN), given.forum(), cmd, None, {}, NOW)).payload
    assert (payload.endorsement_id, payload.session_id) == ("end_1_2", None)


def test_are_repeated_signers_of_an_endorsement_refused_by_the_decision():
    """Does the decision itself refuse a signer listed twice? It does not: the API schema's `Ids` refuses the
    repeat (422) before the decision runs, whereas session.record_minutes refuses it in the domain. Documents the
    actual behaviour."""
    cmd = endorse_cmd(signed_by=("rep_ana", "rep_ana"), session_id=None)
    payload = given.only(rules.endorse(given.plan(), given.forum(), cmd, None, {}, NOW)).payload
    assert payload.signed_by == ["rep_ana", "rep_ana"]


@pytest.mark.parametrize(("history", "cmd", "session", "error", "why"), [
    ([ENDORSED], endorse_cmd(), held(), Conflict, "the plan's endorsement end_1_1 of 2025-12-10 still stands; "
                                                  "withdraw it before endorsing the plan again"),
    ([], endorse_cmd(TOMORROW), held(), InvalidField, "endorsed_on: 2026-03-02 is in the future"),
    ([], endorse_cmd(date(2025, 5, 31)), held(), Conflict, "endorsed_on: 2025-05-31 is before the plan's co-creation"),
    ([], endorse_cmd(), held(cancelled=True), Conflict, "session_id: the session ses_9 was cancelled"),
    ([], endorse_cmd(), held(on=None), Conflict, "session_id: the session ses_9 is not recorded as held"),
    ([], endorse_cmd(), held("2025-12-11T10:00:00-05:00"), Conflict,
     "session_id: the session ses_9 was held on 2025-12-11, after endorsed_on 2025-12-10"),
    ([], endorse_cmd(date(2026, 1, 5), signed_by=("rep_carla",)), held(), Conflict,
     "signed_by: Carla Soto was not a current representative on 2026-01-05: was withdrawn on 2025-12-31"),
], ids=["one_stands", "future", "before_cocreation", "session_cancelled", "session_not_held", "held_after",
        "signer_withdrawn"])
def test_when_may_a_plan_not_be_endorsed(history, cmd, session, error, why):
    """Is an endorsement refused while another stands, in the future, before co-creation, at a session cancelled,
    not held or held after it, or signed by someone not serving that day?"""
    with pytest.raises(error, match=why):
        rules.endorse(given.plan(*history), given.forum(), cmd, session, {}, NOW)


def test_how_is_an_endorsement_withdrawn():
    """Is the withdrawal recorded on its day, with its reason?"""
    event = given.only(rules.withdraw_endorsement(given.plan(ENDORSED), given.forum(), "end_1_1",
                                                  withdraw_endorsement_cmd(), NOW))
    assert event.payload == WITHDRAWN
    assert event.occurred_at == lima(date(2025, 12, 12))


@pytest.mark.parametrize(("history", "endorsement", "cmd", "error", "why"), [
    ([ENDORSED], "end_1_9", withdraw_endorsement_cmd(), NotFound, "no endorsement has the id end_1_9"),
    ([ENDORSED, WITHDRAWN], "end_1_1", withdraw_endorsement_cmd(), Conflict,
     "the endorsement end_1_1 was already withdrawn on 2025-12-12"),
    ([ENDORSED], "end_1_1", withdraw_endorsement_cmd(TOMORROW), InvalidField, "withdrawn_on: 2026-03-02 is in the "),
    ([ENDORSED], "end_1_1", withdraw_endorsement_cmd(date(2025, 12, 9)), Conflict,
     "withdrawn_on: 2025-12-09 is before the endorsement of 2025-12-10"),
], ids=["unknown", "twice", "future", "before_endorsement"])
def test_when_may_an_endorsement_not_be_withdrawn(history, endorsement, cmd, error, why):
    """Is an unknown endorsement, a second withdrawal, a future one or one before the endorsement refused?"""
    with pytest.raises(error, match=why):
        rules.withdraw_endorsement(given.plan(*history), given.forum(), endorsement, cmd, NOW)


# -- judge -----------------------------------------------------------------------------------------------


def test_how_does_the_evaluator_judge_a_check_of_the_plan():
    """Is the judgement recorded with its explanation and references, now when it names no time?"""
    event = given.only(rules.judge(given.plan(), given.forum(), "jdg_1", judge_cmd(), ["cmt_a"], NOW))
    assert event.payload == CheckJudged("jdg_1", "pln_1", "2.4", "yes", "Every contribution got a reasoned answer.",
                                        ["https://gob.example.org/respuestas"], None)
    assert event.occurred_at == NOW


def test_which_commitment_does_a_commitments_check_judge():
    """Does check 3.2.1 name the second commitment drafted, on the day the evaluator says?"""
    cmd = judge_cmd(check="3.2.1", answer="unclear", occurred_on=date(2026, 2, 2))
    event = given.only(rules.judge(given.plan(), given.forum(), "jdg_1", cmd, ["cmt_a", "cmt_b"], NOW))
    assert (event.payload.check, event.payload.commitment_id) == ("3.2.1", "cmt_b")
    assert event.occurred_at == lima(date(2026, 2, 2))


def test_how_is_check_2_6_answered():
    """Is check 2.6 answered by how inclusive the forum is?"""
    cmd = judge_cmd(check="2.6", answer="somewhat")
    assert given.only(rules.judge(given.plan(), given.forum(), "jdg_1", cmd, [], NOW)).payload.answer == "somewhat"


@pytest.mark.parametrize(("cmd", "why"), [
    (judge_cmd(check="4.1"), "check: not a check of the inception report"),
    (judge_cmd(check="2.6", answer="yes"), "answer: check 2.6 is answered very or somewhat or not"),
    (judge_cmd(check="1.1", answer="very"), "answer: check 1.1 is answered yes or no or unclear"),
    (judge_cmd(check="3.3.1"), r"check: the plan has 2 commitment\(s\), not 3"),
    (judge_cmd(occurred_on=TOMORROW), "occurred_on: 2026-03-02 is in the future"),
], ids=["not_a_check", "yes_to_2_6", "very_to_1_1", "no_such_commitment", "future"])
def test_when_may_a_check_not_be_judged(cmd, why):
    """Is a name that is no check, an answer the check does not admit, a commitment the plan lacks, or a future
    judgement refused (422)?"""
    with pytest.raises(InvalidField, match=why):
        rules.judge(given.plan(), given.forum(), "jdg_1", cmd, ["cmt_a", "cmt_b"], NOW)
