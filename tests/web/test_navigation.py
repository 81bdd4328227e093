"""Issue 18, "Working pages for the secretariat": one navigation on every signed-in page, the current page
marked; signing in lands on the dashboard of the user's forum."""
from __future__ import annotations

import re

import pytest

from tests.web import story
from tests.web.conftest import sign_in


@pytest.mark.both_engines
def test_sign_in_lands_on_the_dashboard_of_the_users_forum(client, told):
    signed = sign_in(client, story.SECRETARIAT)
    assert signed.status_code == 302 and signed.headers["Location"] == f"/forums/{told.forum}/dashboard"


def test_an_evaluator_of_every_forum_lands_on_the_list_of_forums(client, told):
    assert sign_in(client, story.EVALUATOR).headers["Location"] == "/"


def test_the_navigation_is_on_every_signed_in_page_with_the_current_one_marked(client, told):
    sign_in(client, story.SECRETARIAT)
    pages = {
        "Dashboard": f"/forums/{told.forum}/dashboard", "Sessions": f"/forums/{told.forum}/sessions",
        "Contributions": f"/action-plans/{told.plan}/contributions", "Plan": f"/action-plans/{told.plan}",
        "Commitments": f"/action-plans/{told.plan}/commitments",
        "Consultations": f"/action-plans/{told.plan}/consultations", "Roster": f"/forums/{told.forum}/roster",
        "Compliance": f"/action-plans/{told.plan}/compliance", "Audit log": f"/forums/{told.forum}/log",
    }
    for name, path in pages.items():
        html = client.get(path + "?lang=en").get_data(as_text=True)
        nav = re.search(r'<nav aria-label="Forum" class="forum-nav">(.*?)</nav>', html, re.S)
        assert nav, f"no navigation on {path}"
        for other in pages:
            assert f">{other}</a>" in nav.group(1), f"{other} missing on {path}"
        assert re.search(rf'aria-current="page">{name}</a>', nav.group(1)), f"{name} not marked on {path}"
    html = client.get(f"/contributions/{told.waiting}").get_data(as_text=True)
    assert 'aria-current="page">Contributions</a>' in html


def test_no_navigation_on_public_pages(client, told):
    assert "forum-nav" not in client.get(f"/forums/{told.forum}").get_data(as_text=True)
