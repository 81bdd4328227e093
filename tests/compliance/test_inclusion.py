"""Check 2.6: is the forum inclusive and diverse (very, somewhat, not), and the indicators it reports."""
from __future__ import annotations

import pytest

from tests.compliance.support import answer, assert_evidence, check, meeting
from tests.support.builders import designate, join, new_forum, open_plan
from tests.support.builders_plans import plan_with_roster

NOVEMBER = "2025-11-14T10:20:00-05:00"


def diverse_forum(api, women: int = 2) -> tuple[str, str, dict[str, str]]:
    """Four sectors, three of them non-governmental, four primaries of whom `women` are women."""
    forum = new_forum(api)
    orgs = {sector: join(api, forum, name, sector) for name, sector in [
        ("Gobierno Regional de Cajamarca", "government"), ("Asociación Civil Transparencia", "civil_society"),
        ("Universidad Nacional de Cajamarca", "academia"), ("Consejo Regional de la Juventud", "youth")]}
    people = [("Ana Quispe", "female"), ("Carmen Rojas", "female"), ("Jorge Díaz", "male"), ("Pedro Silva", "male")]
    genders = ["female"] * women + ["male"] * (4 - women)
    reps = {sector: designate(api, forum, org, name, gender=gender)
            for (sector, org), (name, _), gender in zip(orgs.items(), people, genders, strict=True)}
    return forum, open_plan(api, forum), reps


@pytest.mark.both_engines  # this area's smoke test on PostgreSQL
def test_four_sectors_mostly_non_governmental_and_gender_balanced_is_very_inclusive(api, app):
    """2.6 very: 4 sectors, 75 % non-governmental, half women; the evidence is the joinings."""
    _, plan, _ = diverse_forum(api)
    found = check(api, plan, "2.6")
    assert found["answer"] == "very"
    assert found["indicators"]["sector_count"] == 4
    assert found["indicators"]["non_governmental_share"] == 0.75
    assert found["indicators"]["gender_shares"]["female"] == 0.5
    assert_evidence(app, found, {"OrganizationJoined"})


def test_a_gender_under_thirty_percent_makes_it_only_somewhat_inclusive(api):
    """2.6 somewhat: the same four sectors, but one woman among four representatives (25 %)."""
    _, plan, _ = diverse_forum(api, women=1)
    assert answer(api, plan, "2.6") == "somewhat"


def test_three_sectors_without_recorded_genders_is_somewhat_inclusive(api, app):
    """2.6 somewhat: government, civil society and youth, no gender recorded."""
    r = plan_with_roster(api)
    found = check(api, r.plan, "2.6")
    assert found["answer"] == "somewhat"
    assert found["indicators"]["gender_shares"]["recorded"] == 0
    assert_evidence(app, found, {"OrganizationJoined"})


def test_government_alone_is_not_inclusive(api, app):
    """2.6 not: two government institutions only."""
    forum = new_forum(api)
    join(api, forum, "Gobierno Regional de Cajamarca", "government")
    join(api, forum, "Dirección Regional de Salud", "government")
    found = check(api, open_plan(api, forum), "2.6")
    assert found["answer"] == "not"
    assert_evidence(app, found, {"OrganizationJoined"})


def test_the_indicators_count_sectors_alternates_youth_and_attendance(api):
    """2.6 indicators: sectors and counts, alternates, youth, and attendance by sector across held sessions."""
    r = plan_with_roster(api)
    meeting(api, r.forum_id, NOVEMBER, attendees=[r.ana, r.jorge])
    found = check(api, r.plan, "2.6")["indicators"]
    assert found["sectors"] == {"civil_society": 1, "government": 1, "youth": 1}
    assert found["non_governmental_share"] == 0.667
    assert found["organizations_with_alternate_share"] == 0.333
    assert found["youth"] == {"organizations": 1, "minor_representatives": 1}
    assert found["attendance_rate_by_sector"] == {"government": 1.0, "civil_society": 1.0, "youth": 0.0}
