"""Section 2, recommended practices 2.1 to 2.3: the OGP webpage kept up, information in advance, public input and
decision-making documents. W runs from 2025-03-01 to 2025-11-30."""
from __future__ import annotations

import pytest

from tests.compliance.support import answer, assert_evidence, check, meeting, publish_minutes
from tests.support.builders_contributions import contribute, resident
from tests.support.builders_plans import open_consultation, plan_with_roster, publish
from tests.support.builders_sessions import approve_minutes

OCTOBER, NOVEMBER = "2025-10-10T10:00:00-05:00", "2025-11-14T10:20:00-05:00"


@pytest.mark.both_engines  # this area's smoke test on PostgreSQL
def test_a_webpage_kept_up_every_four_months_is_maintained(api, app):
    """2.1 yes: the OGP page in March, then publications in June and September, none four months apart from the
    next nor from the end of W."""
    r = plan_with_roster(api)
    publish(api, r.plan, published_on="2025-03-01")
    publish(api, r.plan, kind="timeline", title="Cronograma", published_on="2025-06-15")
    publish(api, r.plan, kind="draft_action_plan", title="Borrador", published_on="2025-09-30")
    found = check(api, r.plan, "2.1")
    assert found["answer"] == "yes" and found["details"]["gaps"] == []
    assert_evidence(app, found, {"PublicationMade"})
    assert len(found["evidence"]) == 3


def test_a_webpage_left_alone_for_months_is_unclear(api, app):
    """2.1 unclear: the page went up in March and nothing was published until the end of W; the gap is listed."""
    r = plan_with_roster(api)
    publish(api, r.plan, published_on="2025-03-01")
    found = check(api, r.plan, "2.1")
    assert found["answer"] == "unclear"
    assert found["details"]["gaps"] == [{"from": "2025-03-01", "to": "2025-11-30", "days": 274}]
    assert_evidence(app, found, {"PublicationMade"})
    assert answer(api, r.plan, "2.1", as_of="2025-06-30") == "yes"


def test_without_an_ogp_webpage_there_is_no_webpage(api):
    """2.1 no: publications, but none is the OGP webpage."""
    r = plan_with_roster(api)
    publish(api, r.plan, kind="timeline", title="Cronograma", published_on="2025-03-01")
    assert answer(api, r.plan, "2.1") == "no"


def test_sessions_announced_a_week_ahead_with_materials_gave_information_in_advance(api, app):
    """2.2 yes: the session in W was announced 8 days before with its agenda (the default of 7 days decides, and
    the explanation says so)."""
    r = plan_with_roster(api)
    meeting(api, r.forum_id, NOVEMBER, announced_on="2025-11-06")
    found = check(api, r.plan, "2.2")
    assert found["answer"] == "yes"
    assert "7 days" in found["explanations"]["en"] and "7 días" in found["explanations"]["es"]
    assert_evidence(app, found, {"SessionAnnounced"})


def test_one_session_announced_late_is_unclear_and_none_announced_is_no(api, app):
    """2.2 unclear when one of two sessions was announced three days before; no when neither was announced in
    time, or when no session was held in W."""
    r = plan_with_roster(api)
    assert answer(api, r.plan, "2.2") == "no"
    late = meeting(api, r.forum_id, NOVEMBER, announced_on="2025-11-11")
    assert answer(api, r.plan, "2.2") == "no"
    meeting(api, r.forum_id, OCTOBER, announced_on="2025-10-01")
    found = check(api, r.plan, "2.2")
    assert found["answer"] == "unclear"
    assert [s["session_id"] for s in found["details"]["not_announced_in_time"]] == [late]
    assert found["details"]["not_announced_in_time"][0]["days_before"] == 3
    assert_evidence(app, found, {"SessionAnnounced", "SessionHeld"})


def test_the_forums_own_notice_policy_decides(api):
    """2.2 yes with a policy of 3 days' notice for a session announced 3 days before."""
    r = plan_with_roster(api, policy={"advance_notice_days": 3})
    meeting(api, r.forum_id, NOVEMBER, announced_on="2025-11-11")
    found = check(api, r.plan, "2.2")
    assert found["answer"] == "yes" and "3 days" in found["explanations"]["en"]


def test_a_materials_publication_a_week_ahead_gives_information_in_advance(api, app):
    """2.2 yes: a session announced 8 days before without materials, whose agenda was published for it as a
    `materials` publication the same day; the publication is cited. Published only 3 days before, it does not
    count."""
    r = plan_with_roster(api)
    session = meeting(api, r.forum_id, NOVEMBER, announced_on="2025-11-06", materials=[])
    found = check(api, r.plan, "2.2")
    assert found["answer"] == "no" and found["details"]["not_announced_in_time"][0]["materials"] == 0
    publish(api, r.plan, kind="materials", title="Agenda", session_id=session, published_on="2025-11-11")
    found = check(api, r.plan, "2.2")
    assert found["answer"] == "no" and found["details"]["not_announced_in_time"][0]["materials"] == 0
    publish(api, r.plan, kind="materials", title="Agenda", session_id=session, published_on="2025-11-06")
    found = check(api, r.plan, "2.2")
    assert found["answer"] == "yes" and found["details"]["not_announced_in_time"] == []
    assert "published for the session" in found["explanations"]["en"]
    assert "publicados para la sesión" in found["explanations"]["es"]
    assert_evidence(app, found, {"SessionAnnounced", "PublicationMade"})
    cited = [e for e in found["evidence"] if e["type"] == "PublicationMade"]
    assert [e["occurred_at"][:10] for e in cited] == ["2025-11-06"]


def test_a_materials_publication_does_not_make_a_late_announcement_timely(api):
    """2.2 no: materials published for the session 8 days ahead, but the announcement went out 3 days before."""
    r = plan_with_roster(api)
    session = meeting(api, r.forum_id, NOVEMBER, announced_on="2025-11-11", materials=[])
    publish(api, r.plan, kind="materials", title="Agenda", session_id=session, published_on="2025-11-06")
    found = check(api, r.plan, "2.2")
    assert found["answer"] == "no"
    assert found["details"]["not_announced_in_time"][0] | {"session_id": None, "title": None} == {
        "session_id": None, "title": None, "held_on": "2025-11-14", "announced_on": "2025-11-11",
        "days_before": 3, "materials": 1}


def test_a_consultation_and_published_minutes_let_the_public_take_part(api, app):
    """2.3 yes: a consultation open in W, and the minutes of every held session published."""
    r = plan_with_roster(api)
    open_consultation(api, r.plan)
    session = meeting(api, r.forum_id, OCTOBER, attendees=[r.jorge])
    publish_minutes(api, r.plan, session, "2025-10-30")
    found = check(api, r.plan, "2.3")
    assert found["answer"] == "yes"
    assert_evidence(app, found, {"ConsultationOpened", "PublicationMade"})


def test_public_input_without_minutes_or_minutes_for_some_sessions_is_unclear(api, app):
    """2.3 unclear: a resident wrote in W but no minutes were published; then minutes for one of two sessions."""
    r = plan_with_roster(api)
    contribute(api, r.plan, resident())
    first = meeting(api, r.forum_id, OCTOBER)
    found = check(api, r.plan, "2.3")
    assert found["answer"] == "unclear"
    assert_evidence(app, found, {"ContributionReceived", "SessionHeld"})
    assert [s["session_id"] for s in found["details"]["sessions_without_published_minutes"]] == [first]
    meeting(api, r.forum_id, NOVEMBER)
    publish_minutes(api, r.plan, first, "2025-10-30")
    assert answer(api, r.plan, "2.3") == "unclear"


def test_neither_public_input_nor_minutes_is_no(api, app):
    """2.3 no: a session held in W, no minutes published, no consultation, only members contributed."""
    r = plan_with_roster(api)
    meeting(api, r.forum_id, OCTOBER)
    contribute(api, r.plan, {"representative_id": r.jorge})
    found = check(api, r.plan, "2.3")
    assert found["answer"] == "no"
    assert_evidence(app, found, {"SessionHeld"})


def test_minutes_recorded_with_their_publication_day_count_as_published(api, app):
    """2.3 yes: a consultation open in W and minutes recorded with `published_on`, without a separate `minutes`
    publication; the minutes' record is cited. Minutes recorded without it still need the publication."""
    r = plan_with_roster(api)
    open_consultation(api, r.plan)
    first = meeting(api, r.forum_id, OCTOBER, attendees=[r.jorge])
    approve_minutes(api, first, approved_on="2025-10-20", published_on="2025-10-22")
    found = check(api, r.plan, "2.3")
    assert found["answer"] == "yes" and found["details"]["sessions_without_published_minutes"] == []
    assert_evidence(app, found, {"ConsultationOpened", "MinutesRecorded"})
    assert answer(api, r.plan, "2.3", as_of="2025-10-21") == "unclear"
    second = meeting(api, r.forum_id, NOVEMBER, attendees=[r.jorge])
    approve_minutes(api, second, approved_on="2025-11-20")
    found = check(api, r.plan, "2.3")
    assert found["answer"] == "unclear"
    assert [s["session_id"] for s in found["details"]["sessions_without_published_minutes"]] == [second]
    publish_minutes(api, r.plan, second, "2025-11-21")
    assert answer(api, r.plan, "2.3") == "yes"


def test_minutes_published_before_they_were_approved_are_refused(api):
    """A `published_on` before `approved_on` is a 422 naming the field, and nothing is recorded."""
    r = plan_with_roster(api)
    session = meeting(api, r.forum_id, OCTOBER, attendees=[r.jorge])
    error = api.post(f"/sessions/{session}/minutes", {
        "document": {"title": "Acta", "url": "https://gobiernoabierto.cajamarca.gob.pe/actas/1.pdf"},
        "approved_on": "2025-10-20", "published_on": "2025-10-19"}, expect=422)
    assert "published_on" in error["errors"]
    assert api.get(f"/sessions/{session}")["minutes"] is None
