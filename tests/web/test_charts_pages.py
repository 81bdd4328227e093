"""The charts on the pages and in the HTML report: drawn on the server, in the page's language, with their numbers
beside them, counts only (no name) on the public page, and never in the Markdown or JSON report."""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from tests.web import story
from tests.web.conftest import sign_in

CHARTS = ("attendance", "statuses", "days", "months")


def svgs(page: str) -> dict[str, ET.Element]:
    """The page's inline SVG charts by id, each parsed as XML."""
    found = re.findall(r'<svg xmlns="http://www.w3.org/2000/svg" class="chart".*?</svg>', page, re.S)
    parsed = [ET.fromstring(svg) for svg in found]
    return {svg.get("id"): svg for svg in parsed}


@pytest.mark.both_engines  # this area's smoke test on PostgreSQL
def test_the_public_page_draws_the_four_charts_in_the_forums_language_without_names(client, told):
    page = client.get(f"/forums/{told.forum}").get_data(as_text=True)
    drawn = svgs(page)
    assert sorted(drawn) == sorted(f"forum-chart-{name}" for name in CHARTS)
    assert all(svg.get("role") == "img" for svg in drawn.values())
    title = drawn["forum-chart-attendance"].find("{http://www.w3.org/2000/svg}title").text
    assert title == "Asistencia por sector en cada sesión realizada"
    assert page.count('<details class="chart-numbers">') >= 3  # the numbers, for screen readers
    charts = page[page.index('<section class="charts"'):]
    assert story.MINOR not in charts and "Ana" not in charts and "Marisol" not in charts


def test_the_public_charts_follow_the_chosen_language(client, told):
    page = client.get(f"/forums/{told.forum}?lang=en").get_data(as_text=True)
    assert "Attendance by sector at each session held" in page and "Months with and without a session" in page


def test_the_dashboard_draws_the_charts_for_the_secretariat(client, told):
    sign_in(client, story.SECRETARIAT)
    page = client.get(f"/forums/{told.forum}/dashboard").get_data(as_text=True)
    drawn = svgs(page)
    assert sorted(drawn) == sorted(f"forum-chart-{name}" for name in CHARTS)
    bars = [g for g in drawn["forum-chart-attendance"].iter("{http://www.w3.org/2000/svg}g")
            if g.get("class") == "bar"]
    assert len(bars) == 1  # the story holds one session held


def test_the_html_report_embeds_the_charts_and_the_other_formats_do_not(client, told):
    html = client.get(f"/api/v1/action-plans/{told.plan}/report?format=html").get_data(as_text=True)
    assert sorted(svgs(html)) == sorted(f"report-chart-{name}" for name in CHARTS)
    markdown = client.get(f"/api/v1/action-plans/{told.plan}/report?format=md").get_data(as_text=True)
    assert "<svg" not in markdown
    body = client.get(f"/api/v1/action-plans/{told.plan}/report?format=json").get_json()
    assert "charts" not in body and "<svg" not in str(body)


def test_a_forum_with_nothing_yet_shows_drawings_that_say_so(client, told):
    page = client.get(f"/forums/{told.other_forum}").get_data(as_text=True)
    drawn = svgs(page)
    assert len(drawn) == 4
    for name in ("attendance", "statuses", "days"):
        assert drawn[f"forum-chart-{name}"].find("{http://www.w3.org/2000/svg}desc").text == "Aún no hay datos"
    months = [g for g in drawn["forum-chart-months"].iter("{http://www.w3.org/2000/svg}g")
              if g.get("class") == "month month-none"]
    assert months  # the months since it was established, none with a session


def test_the_reports_charts_stand_as_of_the_day_asked_for(client, told):
    before = client.get(f"/api/v1/action-plans/{told.plan}/report?format=html&as_of=2025-03-02")
    drawn = svgs(before.get_data(as_text=True))
    assert drawn["report-chart-attendance"].find("{http://www.w3.org/2000/svg}desc").text == "Aún no hay datos"
    now = svgs(client.get(f"/api/v1/action-plans/{told.plan}/report?format=html").get_data(as_text=True))
    assert [g.get("data-total") for g in now["report-chart-attendance"].iter("{http://www.w3.org/2000/svg}g")
            if g.get("class") == "bar"] == ["0"]


def test_the_attendance_chart_says_how_it_counts_the_public(client, told):
    page = client.get(f"/forums/{told.forum}").get_data(as_text=True)
    caption = page[page.index('id="forum-chart-attendance-caption"'):]
    caption = caption[:caption.index("</figcaption>")]
    assert "público" in caption
    desc = svgs(page)["forum-chart-attendance"].find("{http://www.w3.org/2000/svg}desc").text
    assert "público" in desc
