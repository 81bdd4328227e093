"""The forum's public page states the log's head and the head published last, and how anyone checks it."""
from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tests.support.api import ApiClient
from tests.support.builders import new_forum
from tracker.auth import service as auth
from tracker.published_heads import publish_head

APRIL = datetime(2026, 4, 7, 15, 0, tzinfo=UTC)


def forum_of(web_app) -> str:
    services = web_app.extensions["tracker"]
    auth.create_user(services.engine, services.clock, "admin@example.org", "admin", [], None)
    api = ApiClient(web_app.test_client(), auth.create_token(services.engine, services.clock, "admin@example.org"))
    return new_forum(api)


@pytest.mark.both_engines  # this area's smoke test on PostgreSQL
def test_the_page_shows_the_current_head_and_says_none_was_published_yet(web_app, client):
    forum = forum_of(web_app)
    head = web_app.extensions["tracker"].store.head()
    page = client.get(f"/forums/{forum}?lang=en").get_data(as_text=True)
    assert "Checking this record" in page
    assert f"ended at position {head.position}, with hash:" in page and f'<code class="hash">{head.hash}</code>' in page
    assert "No head has been published yet." in page
    assert "tracker events verify" not in page and 'href="#how-to-check"' in page  # words for citizens


def test_the_page_shows_the_head_published_last_with_its_date_in_the_forums_language(web_app, client):
    services = web_app.extensions["tracker"]
    forum = forum_of(web_app)
    published = publish_head(services.engine, services.store, APRIL, "secretaria@example.org", "acta 4")
    new_forum(ApiClient(web_app.test_client(), auth.create_token(services.engine, services.clock,
                                                                 "admin@example.org")), name="Otro foro")
    now = services.store.head()
    assert now != published.head

    english = client.get(f"/forums/{forum}?lang=en").get_data(as_text=True)
    assert f"Last published head (April 7, 2026): position {published.position}, hash:" in english
    assert f'<code class="hash">{published.hash}</code>' in english and f"position {now.position}" in english
    assert "secretaria@example.org" not in english  # who published it is not for the public

    spanish = client.get(f"/forums/{forum}?lang=es").get_data(as_text=True)
    assert "Cómo verificar este registro" in spanish
    assert f"Última posición publicada con su hash (7 de abril de 2026): posición {published.position}" in spanish


@pytest.mark.both_engines  # the page is kept ready for anonymous readers: a head published since is seen at once
def test_a_head_published_after_the_page_was_served_is_shown_at_once(web_app, client):
    services = web_app.extensions["tracker"]
    forum = forum_of(web_app)
    assert "No head has been published yet." in client.get(f"/forums/{forum}?lang=en").get_data(as_text=True)
    published = publish_head(services.engine, services.store, APRIL, "secretaria@example.org", "acta 4")
    page = client.get(f"/forums/{forum}?lang=en").get_data(as_text=True)
    assert f"Last published head (April 7, 2026): position {published.position}, hash:" in page
