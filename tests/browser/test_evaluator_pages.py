"""The evaluator's pages in Chromium: the audit log readable at 1366 px (no cell cut off) and on a phone (no
sideways scrolling of the page), the trail and the compliance page likewise, chart text at least 12 px on a
phone. Screenshots (Spanish) go to /tmp/shots18/evaluator/ for review, as well as tests/browser/screenshots/."""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser.conftest import PHONE, screenshot
from tests.browser.evaluator_site import LAPTOP, serve, sign_in

SHOTS = Path("/tmp/shots18/evaluator")


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    yield from serve(tmp_path_factory)


def shoot(page, name: str) -> None:
    screenshot(page, f"evaluator-{name}")
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


CUT_OFF = """() => [...document.querySelectorAll('table.log th, table.log td')]
    .filter(c => c.offsetParent !== null && !(c.closest('thead') && c.closest('thead').offsetHeight <= 1))
    .filter(c => c.scrollWidth > c.clientWidth + 1)
    .map(c => c.textContent.trim().slice(0, 60))"""
PAGE_OVERFLOW = "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"


def pages(site):
    told = site.told
    return {"audit-log": f"/forums/{told.forum}/log?lang=es", "trail": f"/contributions/{told.unsent}/trail?lang=es",
            "compliance": f"/action-plans/{told.plan}/compliance?lang=es",
            "dashboard-charts": f"/forums/{told.forum}/dashboard?lang=es"}


@pytest.mark.parametrize("name", ["audit-log", "trail", "compliance", "dashboard-charts"])
def test_evaluator_pages_fit_a_laptop_and_a_phone(page, site, name):
    sign_in(page, site)
    path = pages(site)[name]
    page.set_viewport_size(LAPTOP)
    page.goto(site.at(path))
    if name == "compliance":
        page.locator("article#check-2\\.4 details").first.evaluate("d => d.open = true")
    assert page.evaluate(CUT_OFF) == [], "cells cut off at 1366 px"
    assert page.evaluate(PAGE_OVERFLOW) <= 0, "the page scrolls sideways at 1366 px"
    shoot(page, f"{name}-1366")
    page.set_viewport_size(PHONE)
    page.goto(site.at(path))
    if name == "compliance":
        page.locator("article#check-2\\.4 details").first.evaluate("d => d.open = true")
    assert page.evaluate(PAGE_OVERFLOW) <= 0, "the page scrolls sideways at 390 px"
    assert page.evaluate(CUT_OFF) == [], "cells cut off at 390 px"
    shoot(page, f"{name}-390")


def test_chart_text_is_at_least_12_px_on_a_phone(page, site):
    page.set_viewport_size(PHONE)
    page.goto(site.at(f"/forums/{site.told.forum}?lang=es"))
    sizes = page.evaluate("""() => [...document.querySelectorAll('svg.chart text')]
        .filter(t => t.getClientRects().length)
        .map(t => [t.textContent, t.getBoundingClientRect().height,
                   parseFloat(getComputedStyle(t).fontSize)
                   * Math.hypot(t.getScreenCTM().a, t.getScreenCTM().b)])""")
    assert sizes, "no chart text drawn"
    small = [(text, size) for text, _height, size in sizes if size < 12 - 0.01]
    assert small == [], small
    assert page.evaluate(PAGE_OVERFLOW) <= 0, "the charts make the page scroll sideways"
    caption = page.locator("#forum-chart-attendance-caption").text_content()
    assert "público" in caption
    shoot(page, "forum-charts-390")
