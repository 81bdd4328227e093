"""The sample forum's compliance page as its evaluator reads it on a phone, in Spanish: real answers (commitments
assessed with the template's long options, judgements citing long addresses) and no sideways scrolling, no
internal key of a check (S.cadence...), no "(s)" plural."""
from __future__ import annotations

import re

import pytest

from tests.browser.conftest import PHONE, screenshot, window
from tests.support.apps import app_on
from tests.support.cli import tracker
from tests.support.http_server import serving
from tests.test_demo import loaded

PAGE_OVERFLOW = "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """`tracker demo` loaded into a SQLite file, served on loopback: (base URL, what the command printed)."""
    url = f"sqlite:///{tmp_path_factory.mktemp('demo') / 'demo.db'}"
    made = loaded(tracker(url, "demo"))
    with app_on(url) as app, serving(app) as base:
        yield base, made


def test_the_sample_forums_compliance_page_fits_a_phone_and_names_no_check_by_its_key(browser, site):
    base, made = site
    with window(browser, PHONE, locale="es-PE") as page:
        page.goto(f"{base}/login?lang=es")
        page.fill("input[name=email]", "secretaria@altomaranon.example")
        page.fill("input[name=password]", made["password"])
        page.click("button[type=submit]")
        page.goto(f"{base}/action-plans/{made['plan']}/compliance?lang=es")
        for details in page.locator("main details").all():
            details.evaluate("d => d.open = true")
        shown = page.inner_text("main")
        assert page.locator(".judgement a").count() > 0  # a judgement citing an address, as the demo's do
        assert page.evaluate(PAGE_OVERFLOW) <= 0, "the page scrolls sideways at 390 px"
        assert not re.search(r"\bS\.[a-z_]+", shown), re.search(r"\bS\.[a-z_]+", shown)
        assert "(s)" not in shown and "(es)" not in shown
        assert "El foro se reúne como su propia regla lo establece" in shown
        screenshot(page, "demo-compliance-390-es")
