"""A real browser on the real application: Debian's Chromium driven by Playwright, the app served from a thread
on a SQLite file. Without /usr/bin/chromium the tests are skipped with the reason, unless CI is set (then they
fail: CI installs it, see .ci/run)."""
from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from werkzeug.serving import make_server

from config import Config
from tests.support.clock import ManualClock
from tests.web import story
from tracker import create_app
from tracker.auth.passwords import Passwords
from tracker.bootstrap import bootstrap
from tracker.database import upgrade

CHROMIUM = "/usr/bin/chromium"
SCREENSHOTS = Path(__file__).resolve().parent / "screenshots"


def _chromium_or_skip() -> None:
    if os.path.exists(CHROMIUM):
        return
    reason = f"{CHROMIUM} is absent: browser tests need Debian's chromium package (apt-get install chromium)"
    if os.environ.get("CI"):
        pytest.fail(reason + "; CI must install it", pytrace=False)
    pytest.skip(reason)


class Site:
    """The running application: its address, its story, and where screenshots go."""

    def __init__(self, url: str, told: story.Story) -> None:
        self.url = url
        self.told = told

    def at(self, path: str) -> str:
        """The absolute address of `path`."""
        return self.url + path


@contextmanager
def serving_story(tmp_path_factory, prepare: Callable[[Any, story.Story], None] | None = None) -> Iterator[Site]:
    """The application served on 127.0.0.1 (a free port) from a thread, on a SQLite file holding the story (and
    whatever `prepare(app, told)` adds); sign-ins and public sends are not rate-limited (tested elsewhere)."""
    _chromium_or_skip()
    url = f"sqlite:///{tmp_path_factory.mktemp('site') / 'tracker.db'}"
    services = bootstrap(url, clock=ManualClock(datetime(2026, 11, 20, 15, 0, tzinfo=UTC)),
                         passwords=Passwords.cheap())
    upgrade(services.engine)
    app = create_app(Config(DATABASE_URL=url, TESTING=True, LOGIN_RATE_LIMIT="1000/minute",
                            PUBLIC_CONTRIBUTION_RATE_LIMIT="1000/minute"), services=services)
    told = story.build(app)
    if prepare is not None:
        prepare(app, told)
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, name="site", daemon=True)
    thread.start()
    try:
        yield Site(f"http://127.0.0.1:{server.server_port}", told)
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)
        services.engine.dispose()


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Iterator[Site]:
    """The story served (`serving_story`), one site per module."""
    with serving_story(tmp_path_factory) as served:
        yield served


@pytest.fixture(scope="module")
def browser(site):
    """Headless Chromium, one per module."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True)
        try:
            yield chromium
        finally:
            chromium.close()


#: A phone's screen, as the pages are checked on one.
PHONE = {"width": 390, "height": 844}


@contextmanager
def window(browser, viewport: dict[str, int] | None = None, locale: str = "en-GB") -> Iterator[Any]:
    """A fresh browser window (no cookies) of `viewport` (1200 x 900 by default) whose browser asks for `locale`;
    closed afterwards."""
    context = browser.new_context(viewport=viewport or {"width": 1200, "height": 900}, locale=locale)
    tab = context.new_page()
    tab.set_default_timeout(15_000)
    try:
        yield tab
    finally:
        context.close()


@pytest.fixture
def page(browser):
    """A fresh browser window (no cookies), phone-sized tests may resize it."""
    with window(browser) as tab:
        yield tab


def screenshot(page, name: str) -> Path:
    """Save the whole page as tests/browser/screenshots/NAME.png, for review."""
    SCREENSHOTS.mkdir(exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
