"""The final report's HTML in Chromium: styled by its own <style> block with no Content-Security-Policy violation,
and readable on a phone without scrolling the page sideways (its tables scroll on their own)."""
from __future__ import annotations

from tests.browser.conftest import PHONE

PAGE_OVERFLOW = "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"


def test_the_final_report_is_styled_by_its_own_block_breaks_no_policy_and_fits_a_phone(page, site):
    said: list[str] = []
    page.on("console", lambda message: said.append(message.text)
            if "Content Security Policy" in message.text else None)
    page.set_viewport_size(PHONE)
    page.goto(site.at(f"/api/v1/action-plans/{site.told.plan}/final-report?format=html&lang=es"))
    page.wait_for_load_state("load")
    assert said == []
    assert page.evaluate("getComputedStyle(document.querySelector('.draft')).borderTopStyle") == "solid"
    assert page.evaluate(PAGE_OVERFLOW) <= 0, "the page scrolls sideways at 390 px"
