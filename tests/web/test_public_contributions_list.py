"""A plan's contributions in public: the forum's page shows each plan's 20 most recent and links to the plan's
whole list, which shows them a page of 50 at a time, newest first, with no contact data and no minor's name."""
from __future__ import annotations

import re
from datetime import date, timedelta

import pytest

from tests.support.api import ApiClient
from tests.support.builders_contributions import contribute, resident
from tests.web import story
from tracker.auth import service as auth


@pytest.fixture
def admin(web_app, told) -> ApiClient:
    services = web_app.extensions["tracker"]
    return ApiClient(web_app.test_client(), auth.create_token(services.engine, services.clock, story.ADMIN))


def received(admin: ApiClient, plan: str, how_many: int) -> list[str]:
    """`how_many` contributions from the public, one a day from 1 June 2025, each text naming its day."""
    days = [date(2025, 6, 1) + timedelta(days=i) for i in range(how_many)]
    return [contribute(admin, plan, resident(), received_on=day.isoformat(), text=f"Propuesta del {day.isoformat()}")
            for day in days]


def references(page: str) -> list[str]:
    return re.findall(r'<li id="contribution-([^"]+)"', page)


def test_the_forum_page_shows_each_plans_20_most_recent_and_links_to_all(client, told, admin):
    received(admin, told.plan, 21)  # with the story's 2: 23
    page = client.get(f"/forums/{told.forum}").get_data(as_text=True)
    assert len(references(page)) == 20
    assert "Propuesta del 2025-06-21" in page and "Propuesta del 2025-06-02" in page  # newest first, 20 of them
    assert "Propuesta del 2025-06-01" not in page
    assert "Los más recientes de 23 aportes." in page
    assert f'href="/forums/{told.forum}/plans/{told.plan}/contributions">Ver los 23 aportes</a>' in page


def test_a_plans_list_shows_50_a_page_newest_first_and_links_both_ways(client, told, admin):
    received(admin, told.plan, 51)  # with the story's 2: 53, two pages
    url = f"/forums/{told.forum}/plans/{told.plan}/contributions"
    first = client.get(url).get_data(as_text=True)
    assert len(references(first)) == 50
    assert "53 aportes, los más recientes primero. Página 1 de 2." in first
    assert first.index("Propuesta del 2025-07-21") < first.index("Propuesta del 2025-07-20")
    assert f'rel="next" href="{url}?page=2">Anteriores</a>' in first and 'rel="prev"' not in first

    second = client.get(url + "?page=2").get_data(as_text=True)
    assert len(references(second)) == 3 and "Página 2 de 2." in second
    assert "Propuesta del 2025-06-01" in second
    assert f'rel="prev" href="{url}?page=1">Más recientes</a>' in second and 'rel="next"' not in second
    for page in (first, second):
        assert not any(email in page for email in story.EMAILS) and story.MINOR not in page
        assert "Marisol" not in page  # a member of the public is never named


@pytest.mark.parametrize("query", ["?page=3", "?page=0", "?page=dos", "?page=-1"])
def test_a_page_that_is_not_there_is_404(client, told, admin, query):
    received(admin, told.plan, 1)
    assert client.get(f"/forums/{told.forum}/plans/{told.plan}/contributions{query}").status_code == 404


def test_a_plan_of_another_forum_or_unknown_is_404_and_an_empty_plan_says_so(client, told, admin):
    assert client.get(f"/forums/{told.other_forum}/plans/{told.plan}/contributions").status_code == 404
    assert client.get(f"/forums/{told.forum}/plans/pln_nothing/contributions").status_code == 404
    other_plan = admin.post(f"/forums/{told.other_forum}/action-plans", {
        "title": "Plan de Piura", "period_start": "2027-01-01", "period_end": "2028-12-31",
        "cocreation_starts_on": "2026-09-01", "cocreation_ends_on": "2026-12-15"})["id"]
    page = client.get(f"/forums/{told.other_forum}/plans/{other_plan}/contributions")
    assert page.status_code == 200 and "Todavía no se ha recibido ningún aporte." in page.get_data(as_text=True)
