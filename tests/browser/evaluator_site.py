"""The browser tests' site with a public consultation open (so the public form is there), and the helpers the
evaluator and accessibility tests share: signing in, the address of every kind of page."""
from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from datetime import UTC, datetime

from werkzeug.serving import make_server

from config import Config
from tests.browser.conftest import Site, _chromium_or_skip
from tests.support.api import ApiClient
from tests.support.builders_plans import open_consultation
from tests.support.clock import ManualClock
from tests.web import story
from tracker import create_app
from tracker.auth import service as auth
from tracker.auth.passwords import Passwords
from tracker.bootstrap import bootstrap
from tracker.database import upgrade

PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1366, "height": 900}


def serve(tmp_path_factory) -> Iterator[Site]:
    """The story served from a thread (as tests/browser/conftest.py's `site`), with a consultation open."""
    _chromium_or_skip()
    url = f"sqlite:///{tmp_path_factory.mktemp('site') / 'tracker.db'}"
    services = bootstrap(url, clock=ManualClock(datetime(2026, 11, 20, 15, 0, tzinfo=UTC)),
                         passwords=Passwords.cheap())
    upgrade(services.engine)
    app = create_app(Config(DATABASE_URL=url, TESTING=True, LOGIN_RATE_LIMIT="1000/minute",
                            PUBLIC_CONTRIBUTION_RATE_LIMIT="1000/minute"), services=services)
    told = story.build(app)
    api = ApiClient(app.test_client(), auth.create_token(services.engine, services.clock, story.ADMIN))
    open_consultation(api, told.plan, opens_on="2026-11-01", closes_on="2026-11-30")
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
