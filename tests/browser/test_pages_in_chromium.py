"""The pages in a real browser: signing in and out, a wrong password, the dashboard, the language switch, and a
public page with no one's email. Each test saves screenshots under tests/browser/screenshots/."""
from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.browser.conftest import screenshot
from tests.web import story


def sign_in(page, site, email: str, password: str = story.PASSWORD) -> None:
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()


def test_sign_in_and_out(page, site):
    page.goto(site.at("/?lang=en"))
    screenshot(page, "home")
    page.get_by_role("link", name="Sign in").click()
    expect(page).to_have_url(re.compile(r"/login"))
    screenshot(page, "login")
    sign_in(page, site, story.SECRETARIAT)
    expect(page.get_by_text(story.SECRETARIAT)).to_be_visible()
    page.get_by_role("button", name="Sign out").click()
    expect(page).to_have_url(site.at("/"))
    expect(page.get_by_role("link", name="Sign in")).to_be_visible()


def test_a_wrong_password_shows_an_error_and_keeps_the_email(page, site):
    page.goto(site.at("/login?lang=en"))
    sign_in(page, site, story.SECRETARIAT, "not the password at all")
    expect(page.get_by_role("alert")).to_have_text("Wrong email or password.")
    expect(page.get_by_label("Email", exact=True)).to_have_value(story.SECRETARIAT)
    expect(page.get_by_label("Password", exact=True)).to_have_value("")
    screenshot(page, "login-wrong-password")


def test_the_dashboard_after_signing_in(page, site):
    dashboard = f"/forums/{site.told.forum}/dashboard"
    page.goto(site.at(dashboard + "?lang=en"))
    expect(page).to_have_url(re.compile(r"/login\?next="))
    sign_in(page, site, story.SECRETARIAT)
    expect(page).to_have_url(site.at(dashboard + "?lang=en"))
    expect(page.get_by_role("heading", name="Dashboard", exact=True)).to_be_visible()
    expect(page.get_by_role("heading", name="Contributions waiting for a response")).to_be_visible()
    expect(page.get_by_text(story.NEXT_SESSION)).to_be_visible()
    screenshot(page, "dashboard")
    page.set_viewport_size({"width": 390, "height": 844})
    screenshot(page, "dashboard-phone")


def test_another_forums_secretariat_gets_the_refusal_page(page, site):
    page.goto(site.at("/login?lang=en"))
    sign_in(page, site, story.OTHER_SECRETARIAT)
    response = page.goto(site.at(f"/forums/{site.told.forum}/dashboard"))
    assert response.status == 403
    expect(page.get_by_role("heading", name="Not allowed")).to_be_visible()
    screenshot(page, "refused")


def test_switching_language(page, site):
    page.goto(site.at(f"/forums/{site.told.forum}"))
    expect(page.locator("html")).to_have_attribute("lang", "es")  # the forum's language, over the browser's
    expect(page.get_by_role("heading", name="Próximas sesiones")).to_be_visible()
    screenshot(page, "forum-es")
    page.get_by_role("link", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", name="Next sessions")).to_be_visible()
    screenshot(page, "forum-en")
    page.get_by_role("link", name="Co-creation tracker").click()  # the choice is remembered
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.get_by_role("link", name="Español").click()
    expect(page.locator("html")).to_have_attribute("lang", "es")
    expect(page.get_by_role("heading", name="Foros")).to_be_visible()


def test_the_public_page_shows_no_representatives_email(page, site):
    page.goto(site.at(f"/forums/{site.told.forum}?lang=en"))
    text = page.locator("body").inner_text()
    html = page.content()
    for email in story.EMAILS:
        assert email not in text and email not in html
    assert not re.search(r"[\w.+-]+@[\w-]+\.[\w.-]+", html)
    assert story.MINOR not in text


def test_the_skip_link_is_the_first_stop_of_the_keyboard(page, site):
    page.goto(site.at("/?lang=en"))
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent")
    assert focused.strip() == "Skip to content"
    screenshot(page, "skip-link-focused")
