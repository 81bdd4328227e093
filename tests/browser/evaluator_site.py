"""The browser tests' site with a public consultation open (so the public form is there), and the helpers the
evaluator and accessibility tests share: signing in, the address of every kind of page."""
from __future__ import annotations

import re
from collections.abc import Iterator

from tests.browser.conftest import Site, serving_story
from tests.support.api import ApiClient
from tests.support.builders_plans import open_consultation
from tests.web import story
from tracker.auth import service as auth

LAPTOP = {"width": 1366, "height": 900}


def serve(tmp_path_factory) -> Iterator[Site]:
    """The story served (`serving_story`), with a consultation open."""

    def open_one(app, told) -> None:
        services = app.extensions["tracker"]
        api = ApiClient(app.test_client(), auth.create_token(services.engine, services.clock, story.ADMIN))
        open_consultation(api, told.plan, opens_on="2026-11-01", closes_on="2026-11-30")

    with serving_story(tmp_path_factory, open_one) as served:
        yield served


def sign_in(page, site: Site, email: str = story.ADMIN) -> None:
    """Sign in through the form (in English), staying on the page it leads to."""
    page.goto(site.at("/login?lang=en"))
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(story.PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()


def first_link(page, site: Site, listing: str, prefix: str) -> str:
    """The address of the first link to `prefix…` on the page at `listing`."""
    page.goto(site.at(listing))
    href = page.locator(f"main a[href^='{prefix}']").first.get_attribute("href")
    assert href, f"no link to {prefix} on {listing}"
    return re.sub(r"[?#].*", "", href)
