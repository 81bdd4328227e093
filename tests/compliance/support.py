"""Reading the compliance answers in tests, checking that their evidence is real, and a few story steps."""
from __future__ import annotations

from collections.abc import Iterable
from typing import Any
from urllib.parse import urlencode

from tests.support.api import ApiClient
from tests.support.builders_plans import publish
from tests.support.builders_sessions import announce_session, hold_session, schedule_session


def compliance(api: ApiClient, plan_id: str, **params: str) -> dict[str, Any]:
    """The compliance answers of a plan (GET /action-plans/{id}/compliance)."""
    query = f"?{urlencode(params)}" if params else ""
    return api.get(f"/action-plans/{plan_id}/compliance{query}")


def check(api: ApiClient, plan_id: str, check_id: str, **params: str) -> dict[str, Any]:
    """One check of the plan (a plan check, or a commitment's 3.<n>.<k>)."""
    body = compliance(api, plan_id, **params)
    found = [c for c in body["checks"] + [k for cm in body["commitments"] for k in cm["checks"]]
             if c["id"] == check_id]
    assert len(found) == 1, (check_id, [c["id"] for c in body["checks"]])
    return found[0]


def answer(api: ApiClient, plan_id: str, check_id: str, **params: str) -> str:
    return check(api, plan_id, check_id, **params)["answer"]


def assert_evidence(app: Any, found: dict[str, Any], types: Iterable[str], positions: Iterable[int] = ()) -> None:
    """The check cites evidence; every cited position is an event of the log, of the type cited and of a type
    the rule uses; and the positions given are among those cited."""
    store = app.extensions["tracker"].store
    allowed = set(types)
    assert found["evidence"], f"{found['id']} cites no evidence"
    for cited in found["evidence"]:
        logged = next(iter(store.read_all(after=cited["position"] - 1, limit=1)), None)
        assert logged is not None and logged.position == cited["position"], cited
        assert logged.type == cited["type"], (logged.type, cited)
        assert cited["type"] in allowed, (found["id"], cited["type"], allowed)
    assert set(positions) <= {e["position"] for e in found["evidence"]}


def meeting(api: ApiClient, forum_id: str, held_at: str, attendees: Iterable[str] = (),
            announced_on: str | None = None, materials: list[dict[str, Any]] | None = None,
            **schedule: Any) -> str:
    """A session scheduled, perhaps announced (with materials, the agenda unless given), and held with these
    representatives."""
    session_id = schedule_session(api, forum_id, scheduled_at=held_at, **schedule)
    if announced_on:
        announce_session(api, session_id, announced_on=announced_on,
                         **({} if materials is None else {"materials": materials}))
    hold_session(api, session_id, held_at=held_at,
                 attendance=[{"representative_id": rep} for rep in attendees])
    return session_id


def publish_minutes(api: ApiClient, plan_id: str, session_id: str, published_on: str) -> str:
    """The minutes of a session published on the plan's page."""
    return publish(api, plan_id, kind="minutes", title="Acta de la sesión", session_id=session_id,
                   url=f"https://gobiernoabierto.cajamarca.gob.pe/actas/{session_id}.pdf", published_on=published_on)
