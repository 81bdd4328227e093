"""The Content-Security-Policy in a real browser: Chromium reports no violation on the pages or the HTML report,
and the report's own <style> block, allowed by its hash, does apply."""
from __future__ import annotations

import pytest


@pytest.fixture
def violations(page):
    """What Chromium says about the policy in the console while the test browses."""
    said: list[str] = []
    page.on("console", lambda message: said.append(message.text)
            if "Content Security Policy" in message.text else None)
    return said


def test_the_public_pages_break_no_policy(page, site, violations):
    for path in ("/", f"/forums/{site.told.forum}", "/login"):
        page.goto(site.at(path))
        page.wait_for_load_state("load")
    assert violations == []


def test_the_html_report_is_styled_by_its_own_block_and_breaks_no_policy(page, site, violations):
    page.goto(site.at(f"/api/v1/action-plans/{site.told.plan}/report?format=html"))
    page.wait_for_load_state("load")
    assert violations == []
    # body { max-width: 46rem } from the report's <style>: 736 px at the default 16 px font
    assert page.evaluate("getComputedStyle(document.body).maxWidth") == "736px"


def test_an_inline_style_block_without_the_hash_would_be_refused(page, site, violations):
    """The check above can fail: a <style> the policy does not name is blocked and reported."""
    page.goto(site.at(f"/api/v1/action-plans/{site.told.plan}/report?format=html"))
    page.evaluate("""() => { const s = document.createElement('style');
                             s.textContent = 'body { max-width: 10px }'; document.head.appendChild(s); }""")
    page.wait_for_timeout(200)
    assert page.evaluate("getComputedStyle(document.body).maxWidth") == "736px"
    assert any("style-src" in text for text in violations)
