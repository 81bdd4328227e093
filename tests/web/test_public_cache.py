"""What anonymous readers ask for most is kept ready: a forum's public page, a contribution's, the public report
and the calendar feed are made once and served again while nothing new is logged in their forum (and within the
quarter hour). Something new in the forum is seen at once; another forum's events change nothing; a signed-in
reader always gets a fresh page."""
from __future__ import annotations

import gzip

import pytest

from tests.support.api import ApiClient
from tests.support.builders_contributions import communicate
from tests.support.builders_sessions import schedule_session
from tests.web import story
from tests.web.conftest import sign_in
from tracker.auth import service as auth
from tracker.http import public_answers

#: The engine matters here (the forum's position is read on each request): every test runs on both.
pytestmark = pytest.mark.both_engines


#: A session scheduled in the story's forum after its pages were first served.
JANUARY = {"title": "Sesión extraordinaria de enero", "scheduled_at": "2027-01-12T10:00:00-05:00"}


def cache(app):
    return public_answers(app)


@pytest.fixture
def admin(web_app, told) -> ApiClient:
    services = web_app.extensions["tracker"]
    return ApiClient(web_app.test_client(), auth.create_token(services.engine, services.clock, story.ADMIN))


def test_the_forum_page_is_served_again_until_the_forum_logs_something(web_app, client, told, admin):
    url = f"/forums/{told.forum}"
    first = client.get(url)
    assert first.status_code == 200
    hits = cache(web_app).hits
    again = client.get(url)
    assert again.get_data() == first.get_data() and cache(web_app).hits == hits + 1
    assert again.headers["ETag"] == first.headers["ETag"]

    schedule_session(admin, told.other_forum, title="Sesión de Piura")  # another forum: nothing changes here
    assert client.get(url).get_data() == first.get_data() and cache(web_app).hits == hits + 2

    schedule_session(admin, told.forum, **JANUARY)
    fresh = client.get(url)
    assert cache(web_app).hits == hits + 2
    assert "Sesión extraordinaria de enero" in fresh.get_data(as_text=True)
    assert fresh.headers["ETag"] != first.headers["ETag"]


def test_a_client_holding_the_page_gets_304_and_a_reused_page_goes_gzipped(client, told):
    url = f"/forums/{told.forum}"
    first = client.get(url)
    tag = first.headers["ETag"]
    assert client.get(url, headers={"If-None-Match": tag}).status_code == 304
    zipped = client.get(url, headers={"Accept-Encoding": "gzip"})
    assert zipped.headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(zipped.get_data()) == first.get_data()
    assert zipped.headers["Content-Type"] == first.headers["Content-Type"] == "text/html; charset=utf-8"
    assert "Content-Security-Policy" in zipped.headers  # the site's headers still go with a reused page


def test_each_language_asked_for_has_its_own_page(client, told):
    url = f"/forums/{told.forum}"
    spanish = client.get(url)
    english = client.get(url + "?lang=en", headers={"Accept-Language": "en"})
    assert 'lang="es"' in spanish.get_data(as_text=True) and 'lang="en"' in english.get_data(as_text=True)
    new_visitor = client.application.test_client()  # without the session that remembered `?lang=en`
    assert new_visitor.get(url).get_data() == spanish.get_data()


def test_the_page_says_when_it_read_the_log_in_the_forum_s_time(client, told):
    text = client.get(f"/forums/{told.forum}").get_data(as_text=True)
    # the test clock stands at 2026-11-20 15:00 UTC: 10:00 in Lima
    assert "El viernes, 20 de noviembre de 2026, 10:00 (hora de Perú), el registro de eventos terminaba" in text


def test_a_signed_in_reader_always_gets_a_fresh_page(web_app, client, told):
    url = f"/forums/{told.forum}"
    client.get(url)
    sign_in(client, story.SECRETARIAT)
    misses = cache(web_app).misses
    hits = cache(web_app).hits
    page = client.get(url).get_data(as_text=True)
    assert (cache(web_app).hits, cache(web_app).misses) == (hits, misses)  # the cache was not even asked
    assert f"/forums/{told.forum}/dashboard" in page


def test_a_contribution_s_page_shows_the_communicated_reasoning_at_once(client, told, admin):
    url = f"/forums/{told.forum}/contributions/{told.unsent}"
    before = client.get(url).get_data(as_text=True)
    assert client.get(url).get_data(as_text=True) == before
    communicate(admin, told.unsent, communicated_on="2026-11-20")
    after = client.get(url).get_data(as_text=True)
    assert after != before


def test_the_public_report_and_the_calendar_are_kept_per_format_and_see_new_sessions(web_app, client, told, admin):
    report = f"/api/v1/action-plans/{told.plan}/report"
    html = client.get(report + "?format=html")
    markdown = client.get(report + "?format=md")
    assert html.headers["Content-Type"].startswith("text/html") and markdown.headers["Content-Type"].startswith(
        "text/markdown")
    assert client.get(report + "?format=md").get_data() == markdown.get_data()
    assert client.get(report + "?format=html").headers["Content-Security-Policy"] == \
        html.headers["Content-Security-Policy"]

    calendar = f"/api/v1/forums/{told.forum}/calendar.ics"
    first = client.get(calendar)
    assert client.get(calendar).get_data() == first.get_data()
    again = client.get(calendar)
    assert again.headers["Content-Disposition"] == first.headers["Content-Disposition"]
    assert again.headers["Cache-Control"] == "public, max-age=300"
    schedule_session(admin, told.forum, **JANUARY)
    assert "Sesión extraordinaria de enero" in client.get(calendar).get_data(as_text=True)


def test_an_unknown_forum_is_still_404_and_nothing_is_kept(web_app, client):
    assert client.get("/forums/frm_nothing").status_code == 404
    assert client.get("/api/v1/forums/frm_nothing/calendar.ics").status_code == 404
    assert client.get("/forums/frm_%00x").status_code == 404
    assert cache(web_app).size == (0, 0)


def test_the_cache_is_bounded_in_entries_and_bytes():
    from tracker.answer_cache import AnswerCache

    kept = AnswerCache(max_entries=3, max_bytes=10)
    for key in "abc":
        kept.put(key, 1, b"1234")
    assert kept.size == (2, 8)  # the oldest went to stay within 10 bytes
    assert kept.get("a", 1) is None and kept.get("c", 1) is not None
    assert kept.put("big", 1, b"x" * 11).body == b"x" * 11 and kept.size == (2, 8)  # returned, not kept
    kept.put("c", 1, b"12")
    assert kept.size == (2, 6)
