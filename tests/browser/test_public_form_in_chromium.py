"""The public's pages on a phone (390×844), in Spanish, in Chromium: the contribution form's controls are at least
44 px tall and as wide as the form, no page scrolls sideways, and sending the form ends on a receipt whose link
opens the contribution's public page (issue 18). Screenshots go under tests/browser/screenshots/."""
from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import PHONE, Site, screenshot, serving_story, window
from tests.web.test_public_contribution import consultation


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Iterator[Site]:
    """The story served with an open consultation."""
    with serving_story(tmp_path_factory, lambda app, told: consultation(app, told.plan)) as served:
        yield served


@pytest.fixture
def phone(browser):
    """A phone-sized window whose browser asks for Spanish (the forum's language too)."""
    with window(browser, PHONE, "es-PE") as tab:
        yield tab


def no_sideways_scroll(page) -> None:
    widths = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert widths[0] <= widths[1], f"the page scrolls sideways: {widths}"


def test_the_form_on_a_phone_has_tall_full_width_controls_and_ends_on_a_receipt(phone, site):
    phone.goto(site.at(f"/forums/{site.told.forum}/consult"))
    assert phone.locator("html").get_attribute("lang") == "es"
    form = phone.locator("form.public-form").bounding_box()
    assert form is not None
    # what a person fills in and presses (the honeypot, off-screen for bots, is not one of them); a checkbox is
    # pressed through its whole label
    controls = phone.locator("form.public-form .field :is(input:not([type=checkbox]), textarea, select), "
                             "form.public-form label.check, form.public-form button")
    assert controls.count() >= 4
    for i in range(controls.count()):
        box = controls.nth(i).bounding_box()
        assert box is not None and box["height"] >= 44, (i, box)
        assert box["width"] >= form["width"] - 1, (i, box, form)
    no_sideways_scroll(phone)
    screenshot(phone, "public-form-phone")
    phone.locator("#text").fill("Que las obras públicas se publiquen con fotos y su avance cada mes.")
    phone.locator("[id='author.email']").fill("vecina@correo.pe")
    phone.locator("form.public-form button[type=submit]").click()
    expect(phone).to_have_url(re.compile(r"/consult/received/ctb_"))
    reference = phone.locator(".reference").inner_text()
    assert re.fullmatch(r"[0-9A-F]{6}", reference)
    expect(phone.get_by_text("vecina@correo.pe")).to_have_count(0)
    no_sideways_scroll(phone)
    screenshot(phone, "public-receipt-phone")
    phone.locator("a.button.primary").click()
    expect(phone).to_have_url(re.compile(rf"/forums/{site.told.forum}/contributions/ctb_"))
    expect(phone.get_by_role("heading", level=1)).to_contain_text(reference)
    no_sideways_scroll(phone)
    screenshot(phone, "public-contribution-phone")


def test_the_forums_page_on_a_phone_lists_contributions_without_sideways_scroll(phone, site):
    phone.goto(site.at(f"/forums/{site.told.forum}"))
    expect(phone.locator("#contributions")).to_be_visible()
    assert phone.locator("ul.contributions li").count() >= 2
    no_sideways_scroll(phone)
    screenshot(phone, "public-forum-phone")
