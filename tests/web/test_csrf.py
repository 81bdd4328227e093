"""Every form of the pages is refused without its CSRF token, whoever is signed in, and nothing is written."""
from __future__ import annotations

import pytest
from werkzeug.routing import AnyConverter

from tests.web import story
from tests.web.conftest import sign_in

#: The engine matters here: every test runs on SQLite and PostgreSQL.
pytestmark = pytest.mark.both_engines


def page_posts(app) -> list[str]:
    """A concrete address for every POST route of the pages (outside /api/)."""
    adapter = app.url_map.bind("localhost")
    paths = []
    for rule in app.url_map.iter_rules():
        if "POST" not in (rule.methods or ()) or rule.rule.startswith("/api/"):
            continue
        choices: list[dict[str, str]] = [{}]
        for name in rule.arguments:
            converter = rule._converters.get(name)
            options = sorted(converter.items) if isinstance(converter, AnyConverter) else ["frm_x"]
            choices = [dict(c, **{name: option}) for c in choices for option in options]
        paths += [adapter.build(rule.endpoint, values, method="POST") for values in choices]
    return paths


def test_every_form_post_without_its_token_is_refused_and_writes_nothing(web_app, client, told):
    paths = page_posts(web_app)
    assert len(paths) >= 24  # sign-in and out, the roster, sessions, plans, contributions, commitments, evaluation
    store = web_app.extensions["tracker"].store
    before = store.head().position
    sign_in(client, story.ADMIN)
    for path in paths:
        answer = client.post(path, data={"title": "x", "text": "x"})
        assert answer.status_code == 400, (path, answer.status_code)
        assert "The form expired or was not sent from this site" in answer.get_data(as_text=True) \
            or "El formulario" in answer.get_data(as_text=True), path
    assert store.head().position == before
