"""GET /heads: the dated list of published heads, public, newest first, so anyone can compare it with the copies
published elsewhere; and GET /events/verification checks the log against one of them."""
from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tests.support.builders import new_forum
from tracker.published_heads import publish_head

#: The engine matters here: every test runs on SQLite and PostgreSQL.
pytestmark = pytest.mark.both_engines

MARCH = datetime(2026, 3, 2, 16, 0, tzinfo=UTC)
JUNE = datetime(2026, 6, 1, 16, 0, tzinfo=UTC)


def test_anyone_reads_the_current_head_and_the_published_ones_newest_first(api, app):
    services = app.extensions["tracker"]
    public = api.as_(None)
    empty = public.get("/heads")
    assert empty == {"current": {"position": 0, "hash": "0" * 64}, "heads": []}

    new_forum(api)
    march = publish_head(services.engine, services.store, MARCH, "secretaria@cajamarca.gob.pe", "acta de la sesión 3")
    new_forum(api, name="Foro de Gobierno Abierto de Piura")
    june = publish_head(services.engine, services.store, JUNE, "secretaria@cajamarca.gob.pe", None)
    current = services.store.head()

    body = public.get("/heads")
    assert body["current"] == {"position": current.position, "hash": current.hash}
    assert body["heads"] == [
        {"position": june.position, "hash": june.hash, "published_at": "2026-06-01T16:00:00+00:00", "note": None,
         "check": f"tracker events verify --against {june.position}:{june.hash}"},
        {"position": march.position, "hash": march.hash, "published_at": "2026-03-02T16:00:00+00:00",
         "note": "acta de la sesión 3", "check": f"tracker events verify --against {march.position}:{march.hash}"},
    ]
    assert "secretaria@cajamarca.gob.pe" not in public.call("GET", "/heads").get_data(as_text=True)
    for head in (march, june):
        assert public.get(f"/events/verification?against={head.position}:{head.hash}")["ok"] is True


def test_the_openapi_document_describes_the_published_heads(api):
    spec = api.as_(None).get("/openapi.json")
    heads = spec["paths"]["/api/v1/heads"]["get"]
    assert "200" in heads["responses"] and "newest first" in heads["description"] + heads.get("summary", "")
    listed = spec["components"]["schemas"]["PublishedHead"]["properties"]
    assert set(listed) == {"position", "hash", "published_at", "note", "check"}
