"""The standards a forum lives by, beyond the template: each can be met and each can fail. The forum was
established on 2025-02-10 and meets monthly by its own rule."""
from __future__ import annotations

from datetime import UTC, datetime

import pytest

from events import Metadata, NewEvent
from events.catalog.forums import ForumEstablished
from tests.compliance.support import answer, assert_evidence, check, meeting
from tests.support.builders import designate, forum_body, open_plan
from tests.support.builders_contributions import communicate, contribute, resident, respond
from tests.support.builders_plans import draft_commitment, plan_with_roster
from tests.support.builders_sessions import MINUTES_DOC, approve_minutes, forum_with_roster


def monthly(api, forum_id: str, months: list[int], attendees: list[str] = ()) -> None:
    for month in months:
        meeting(api, forum_id, f"2025-{month:02d}-12T10:00:00-05:00", attendees=attendees)


@pytest.mark.both_engines  # this area's smoke test on PostgreSQL
def test_a_session_every_month_keeps_the_cadence(api, app):
    """S.cadence yes: sessions in February, March and April, judged as of the end of April."""
    r = plan_with_roster(api)
    monthly(api, r.forum_id, [2, 3, 4])
    found = check(api, r.plan, "S.cadence", as_of="2025-04-30")
    assert found["answer"] == "yes" and found["section"] == "standards"
    assert found["details"]["missed"] == []
    assert_evidence(app, found, {"SessionHeld"})


def test_one_missed_month_is_unclear_and_more_is_no(api, app):
    """S.cadence unclear with March missed; no with March and May missed; the missed months are listed."""
    r = plan_with_roster(api)
    monthly(api, r.forum_id, [2, 4, 6])
    assert answer(api, r.plan, "S.cadence", as_of="2025-04-30") == "unclear"
    found = check(api, r.plan, "S.cadence", as_of="2025-06-30")
    assert found["answer"] == "no"
    assert found["details"]["missed"] == [{"from": "2025-03-01", "to": "2025-03-31"},
                                          {"from": "2025-05-01", "to": "2025-05-31"}]
    assert_evidence(app, found, {"SessionHeld"})


def test_a_month_still_running_is_not_yet_missed(api):
    """S.cadence: mid-March without a March session is pending, not missed."""
    r = plan_with_roster(api)
    monthly(api, r.forum_id, [2])
    found = check(api, r.plan, "S.cadence", as_of="2025-03-15")
    assert found["answer"] == "yes"
    assert found["details"]["current_period_without_session"] == {"from": "2025-03-01", "to": "2025-03-31"}


def test_sessions_less_than_six_months_apart_meet_the_minimum(api, app):
    """S.six_months yes: sessions in March and July, judged in October."""
    r = plan_with_roster(api)
    monthly(api, r.forum_id, [3, 7])
    found = check(api, r.plan, "S.six_months", as_of="2025-10-31")
    assert found["answer"] == "yes"
    assert_evidence(app, found, {"SessionHeld"})


def test_more_than_183_days_without_a_session_fails_the_minimum(api, app):
    """S.six_months no: from the March session to November is more than 183 days; so is the time since the
    last session until now."""
    r = plan_with_roster(api)
    monthly(api, r.forum_id, [3, 11])
    found = check(api, r.plan, "S.six_months", as_of="2025-11-30")
    assert found["answer"] == "no"
    assert found["details"]["gaps"] == [{"from": "2025-03-12", "to": "2025-11-12", "days": 245}]
    assert_evidence(app, found, {"SessionHeld"})
    assert answer(api, r.plan, "S.six_months") == "no"


def test_organizations_missing_an_alternate_are_listed(api, app):
    """S.alternates no: the association and the youth council have no alternate; then yes once they have."""
    r = plan_with_roster(api)
    found = check(api, r.plan, "S.alternates")
    assert found["answer"] == "no"
    assert [(m["organization_id"], m["missing"]) for m in found["details"]["missing"]] == [
        (r.ong, ["alternate"]), (r.youth, ["alternate"])]
    assert_evidence(app, found, {"OrganizationJoined"})
    designate(api, r.forum_id, r.ong, "Elena Castro", role="alternate")
    designate(api, r.forum_id, r.youth, "Diego Ramos", role="alternate")
    found = check(api, r.plan, "S.alternates")
    assert found["answer"] == "yes"
    assert_evidence(app, found, {"RepresentativeDesignated"})


def short_cocreation(api, **forum):
    """A roster and a plan whose co-creation ended on 2025-06-30 (implementation year one ends 2026-06-30), with a
    commitment drafted on 2025-06-10."""
    r = forum_with_roster(api, **forum)
    r.plan = open_plan(api, r.forum_id, cocreation_starts_on="2025-02-10", cocreation_ends_on="2025-06-30")
    r.commitment = draft_commitment(api, r.plan, occurred_on="2025-06-10")
    return r


PROGRESS_ITEM = "Avance de los compromisos del plan"
COMMENT = "Pedimos publicar el cronograma de obras por distrito."


def review(api, r, day: str, attendees=None, presents=None, comments=True, approved_on=None) -> str:
    """A session held on `day` at 10:00 in Lima: an agenda item presenting the progress of `presents` (default the
    plan's commitment; [] presents none), attended by `attendees` (default Jorge, of civil society), minuted the
    same day (or `approved_on`) with a comment of the association, or none (`comments=False`: no comment;
    None: no minutes at all)."""
    presents = [r.commitment] if presents is None else presents
    agenda = [{"title": PROGRESS_ITEM, **({"presents_progress_of": presents} if presents else {})}]
    session_id = meeting(api, r.forum_id, f"{day}T10:00:00-05:00",
                         attendees=[r.jorge] if attendees is None else attendees, agenda=agenda)
    if comments is not None:
        noted = [{"organization_id": r.ong, "text": COMMENT}] if comments else []
        approve_minutes(api, session_id, approved_on=approved_on or day, comments=noted)
    return session_id


def test_two_reviews_of_progress_with_civil_society_in_the_first_year_meet_the_standard(api, app):
    """S.implementation yes: two sessions between July 2025 and June 2026 that presented the commitment's progress,
    with civil society present and its comments recorded with the minutes."""
    r = short_cocreation(api)
    august, december = review(api, r, "2025-08-12"), review(api, r, "2025-12-12")
    found = check(api, r.plan, "S.implementation", as_of="2026-07-01")
    assert found["answer"] == "yes"
    assert found["details"]["meetings_per_year"] == 2
    assert found["details"]["years"] == [
        {"from": "2025-07-01", "to": "2026-06-30", "sessions": 2, "complete": True, "required": 2,
         "counted": [august, december], "not_counted": []},
        {"from": "2026-07-01", "to": "2027-06-30", "sessions": 0, "complete": False, "required": 2,
         "counted": [], "not_counted": []}]
    assert_evidence(app, found, {"SessionScheduled", "SessionHeld", "MinutesRecorded"})
    assert {e["type"] for e in found["evidence"]} == {"SessionScheduled", "SessionHeld", "MinutesRecorded"}
    assert "at least 2 reviews of progress with civil society" in found["explanations"]["en"]
    assert "al menos 2 revisiones de avances con la sociedad civil" in found["explanations"]["es"]


def test_one_review_in_a_year_of_implementation_fails_the_standard_and_the_others_say_what_they_lacked(api, app):
    """S.implementation no once the year is over with one review; unclear while it runs, and before implementation
    starts. The sessions held that did not count are listed with what they lacked: no progress presented, no civil
    society present (Ana is of the government), no comments recorded (minutes without comments, or none)."""
    r = short_cocreation(api)
    counted = review(api, r, "2025-08-12")
    no_progress = review(api, r, "2025-09-12", presents=[])
    no_civil_society = review(api, r, "2025-10-14", attendees=[r.ana])
    no_comments = review(api, r, "2025-11-12", comments=False)
    no_minutes = review(api, r, "2025-12-12", comments=None)
    nothing = review(api, r, "2026-01-13", presents=[], attendees=[r.ana], comments=None)
    assert answer(api, r.plan, "S.implementation", as_of="2025-06-15") == "unclear"
    running = check(api, r.plan, "S.implementation", as_of="2026-03-01")
    assert running["answer"] == "unclear"
    assert "The current year has 1 review of progress with civil society so far, of 2" in (
        running["explanations"]["en"])
    found = check(api, r.plan, "S.implementation", as_of="2026-07-01")
    assert found["answer"] == "no"
    year = found["details"]["years"][0]
    assert (year["sessions"], year["counted"]) == (1, [counted])
    assert year["not_counted"] == [
        {"session_id": no_progress, "reasons": ["no_progress_presented"]},
        {"session_id": no_civil_society, "reasons": ["no_civil_society_present"]},
        {"session_id": no_comments, "reasons": ["no_comments_recorded"]},
        {"session_id": no_minutes, "reasons": ["no_comments_recorded"]},
        {"session_id": nothing, "reasons": ["no_progress_presented", "no_civil_society_present",
                                            "no_comments_recorded"]}]
    assert_evidence(app, found, {"SessionScheduled", "SessionHeld", "MinutesRecorded"})
    assert ("5 sessions held during implementation did not count: 2 presented no progress of the plan's "
            "commitments, 2 had no civil society present and 3 have no comments recorded.") in (
        found["explanations"]["en"])
    assert "5 sesiones celebradas durante la implementación no cuentan" in found["explanations"]["es"]


def test_contributions_logged_with_the_session_are_its_comments(api, app):
    """S.implementation: a review whose minutes hold no comment counts when a contribution was logged with the
    session; the contribution is evidence."""
    r = short_cocreation(api)
    review(api, r, "2025-08-12")
    heard = review(api, r, "2025-12-12", comments=False)
    contribute(api, r.plan, resident(), received_on="2025-12-12", session_id=heard)
    found = check(api, r.plan, "S.implementation", as_of="2026-07-01")
    assert found["answer"] == "yes" and heard in found["details"]["years"][0]["counted"]
    assert_evidence(app, found, {"SessionScheduled", "SessionHeld", "MinutesRecorded", "ContributionReceived"})
    assert "ContributionReceived" in {e["type"] for e in found["evidence"]}


def test_a_comment_counts_from_when_it_was_recorded_and_from_the_day_it_occurred(api, clock):
    """S.implementation under known_at and as_of: comments added by correcting the minutes today do not count as
    known yesterday; a contribution received after as_of does not count as of that day."""
    r = short_cocreation(api)
    review(api, r, "2025-08-12")
    late = review(api, r, "2025-12-12", comments=False)
    contributed = review(api, r, "2026-02-10", comments=False)
    contribute(api, r.plan, resident(), received_on="2026-03-20", session_id=contributed)
    clock.advance(days=1)
    api.post(f"/sessions/{late}/minutes", {"document": MINUTES_DOC, "approved_on": "2025-12-12",
                                           "comments": [{"text": "  Faltan datos del distrito de Jaén.  "}],
                                           "correction": {"reason": "Faltaban los comentarios recogidos"}})
    today = check(api, r.plan, "S.implementation", as_of="2026-03-01")
    assert today["details"]["years"][0]["counted"][1] == late
    before = check(api, r.plan, "S.implementation", as_of="2026-03-01", known_at="2026-11-20")
    assert before["answer"] == "unclear"
    assert {"session_id": late, "reasons": ["no_comments_recorded"]} in before["details"]["years"][0]["not_counted"]
    assert {"session_id": contributed, "reasons": ["no_comments_recorded"]} in (
        today["details"]["years"][0]["not_counted"])
    assert contributed in check(api, r.plan, "S.implementation", as_of="2026-03-31")["details"]["years"][0]["counted"]


def test_a_commitment_of_another_plan_is_not_this_plans_progress(api):
    """S.implementation: a session that presented only another plan's commitment presented none of this plan's."""
    r = short_cocreation(api)
    other = open_plan(api, r.forum_id, title="Plan de Acción de Gobierno Abierto de Cajamarca 2028-2029",
                      cocreation_starts_on="2025-02-10", cocreation_ends_on="2025-06-30")
    theirs = draft_commitment(api, other, occurred_on="2025-06-10")
    elsewhere = review(api, r, "2025-08-12", presents=[theirs])
    found = check(api, r.plan, "S.implementation", as_of="2026-07-01")
    assert found["details"]["years"][0]["not_counted"] == [
        {"session_id": elsewhere, "reasons": ["no_progress_presented"]}]
    assert elsewhere in check(api, other, "S.implementation", as_of="2026-07-01")["details"]["years"][0]["counted"]


def test_the_forums_policy_sets_how_many_reviews_a_year_are_required(api, app):
    """S.implementation: `implementation_meetings` set at establishment (3) judges each year by it; amended to 1
    from 2026-07-01, the second year is judged by 1 while the first still needed 3."""
    r = short_cocreation(api, policy={"implementation_meetings": 3})
    review(api, r, "2025-08-12")
    review(api, r, "2025-12-12")
    found = check(api, r.plan, "S.implementation", as_of="2026-07-01")
    assert found["answer"] == "no" and found["details"]["years"][0]["required"] == 3
    assert "The forum's policy asks for 3 reviews of progress with civil society a year" in (
        found["explanations"]["en"])
    api.post(f"/forums/{r.forum_id}/policy", {"effective_on": "2026-07-01", "policy": {"implementation_meetings": 1}})
    review(api, r, "2026-08-11")
    found = check(api, r.plan, "S.implementation", as_of="2027-07-01")
    assert [(y["required"], y["sessions"]) for y in found["details"]["years"]] == [(3, 2), (1, 1), (1, 0)]
    assert found["answer"] == "no" and found["details"]["meetings_per_year"] == 1


def test_contributions_answered_in_writing_within_a_month_are_prompt(api, app):
    """S.response_time yes: answered by email 24 days after it arrived; median and maximum are 24."""
    r = plan_with_roster(api)
    contribution = contribute(api, r.plan, resident())
    respond(api, contribution)
    communicate(api, contribution, communicated_on="2025-06-05", channel="email")
    found = check(api, r.plan, "S.response_time")
    assert found["answer"] == "yes"
    assert (found["details"]["median_days"], found["details"]["max_days"]) == (24, 24)
    assert_evidence(app, found, {"ResponseCommunicated"})


def test_a_contribution_left_waiting_is_listed_and_fails_the_standard(api, app):
    """S.response_time no: one contribution waits without a written answer; unclear when there are none."""
    r = plan_with_roster(api)
    assert answer(api, r.plan, "S.response_time") == "unclear"
    contribution = contribute(api, r.plan, resident())
    found = check(api, r.plan, "S.response_time", as_of="2025-07-31")
    assert found["answer"] == "no"
    assert found["details"]["waiting"] == [{"contribution_id": contribution, "received_on": "2025-05-12",
                                            "days_waiting": 80, "status": "received"}]
    assert_evidence(app, found, {"ContributionReceived"})
    assert answer(api, r.plan, "S.response_time", as_of="2025-05-31") == "yes"


def answered_after_20_days(api, plan_id: str) -> dict:
    """A contribution received on 12 May and answered in writing on 1 June: 20 days; judged then."""
    contribution = contribute(api, plan_id, resident())
    respond(api, contribution, responded_on="2025-05-30")
    communicate(api, contribution, communicated_on="2025-06-01")
    return check(api, plan_id, "S.response_time", as_of="2025-06-30")


@pytest.mark.parametrize("policy, days, expected, source_en, source_es", [
    ({"response_days": 15}, 15, "no", "The forum's policy asks for a written answer within 15 days",
     "La política del foro pide una respuesta escrita en 15 días"),
    ({}, 30, "yes", "within 30 days: our default", "en 30 días: nuestro valor por defecto"),
])
def test_the_forum_policy_sets_how_promptly_and_the_explanation_names_the_limit(api, policy, days, expected,
                                                                               source_en, source_es):
    """S.response_time: 20 days is too slow under response_days 15, prompt under the default 30; the explanation
    names the limit used and whether it is the forum's policy or our default, in both languages."""
    r = plan_with_roster(api, policy=policy)
    found = answered_after_20_days(api, r.plan)
    assert found["answer"] == expected
    assert found["details"]["response_days"] == days
    assert source_en in found["explanations"]["en"] and source_es in found["explanations"]["es"]


def test_a_forum_stored_before_response_days_existed_is_judged_with_the_default(api, app):
    """A ForumEstablished stored without `response_days` in its policy still decodes, and the default 30 applies."""
    body = forum_body()
    forum = ForumEstablished("frm_storedbefore0000000", body["name"], body["member"], body["established_on"],
                             body["timezone"], body["meeting_rule"], "es",
                             {"advance_notice_days": 7, "feedback_by_email": True}, body["legal_basis"])
    app.extensions["tracker"].store.append(forum.forum_id, [NewEvent(forum, datetime(2025, 2, 10, 5, tzinfo=UTC))],
                                           0, Metadata(actor="admin@example.org"), tenant_id=forum.forum_id)
    found = answered_after_20_days(api, open_plan(api, forum.forum_id))
    assert found["answer"] == "yes" and found["details"]["response_days"] == 30
    assert "within 30 days: our default" in found["explanations"]["en"]
